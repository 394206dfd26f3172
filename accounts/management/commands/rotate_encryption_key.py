from __future__ import annotations

from typing import Any

from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import crypto
from accounts.models import GmailCredential


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored token with the first key of FIELD_ENCRYPTION_KEY. To rotate: put "
        "the new key first (keep the old one after it), run this, then remove the old key."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rotated = 0
        with transaction.atomic():
            for credential in GmailCredential.objects.select_for_update().order_by("pk"):
                try:
                    refresh = crypto.rotate(credential.refresh_token_encrypted)
                    access = crypto.rotate(credential.access_token_encrypted)
                except (crypto.DecryptionError, InvalidToken):
                    raise CommandError(
                        f"The tokens of user {credential.user_id} cannot be decrypted with any configured key; "
                        "nothing was changed. Add the key they were encrypted with to FIELD_ENCRYPTION_KEY."
                    ) from None
                GmailCredential.objects.filter(pk=credential.pk).update(
                    refresh_token_encrypted=refresh, access_token_encrypted=access
                )
                rotated += 1
        self.stdout.write(f"Re-encrypted the tokens of {rotated} Gmail connection(s) with the first key.")
