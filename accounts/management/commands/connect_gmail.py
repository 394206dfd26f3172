from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from google.auth.exceptions import RefreshError, TransportError
from google.oauth2.credentials import Credentials
from googleapiclient.errors import HttpError

from accounts import gmail
from accounts.actions import do_store_gmail_tokens
from accounts.models import User


class Command(BaseCommand):
    help = (
        "Connect a user's Gmail without a browser (headless servers, scripted set-ups): checks the "
        "refresh token against GOOGLE_TOKEN_URI and the Gmail API, then stores it encrypted, exactly "
        "as signing in with Google does. Pass '-' to read a token from standard input, which keeps "
        "it out of the shell history and the process list."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--user", required=True, help="Email address of the Jobtrail user.")
        parser.add_argument("--refresh-token", required=True, help="Google OAuth refresh token, or '-' for stdin.")
        parser.add_argument("--access-token", default="", help="Optional current access token, or '-' for stdin.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["user"]).first()
        if user is None:
            raise CommandError(
                f"No user with email {options['user']!r}. Create one first (sign up or createsuperuser)."
            )
        refresh_token = _read(options["refresh_token"])
        access_token = _read(options["access_token"])
        if not refresh_token:
            raise CommandError("The refresh token is empty.")
        if not gmail.client_configured():
            raise CommandError(
                "Set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET to the OAuth client the refresh token was issued to."
            )
        credentials = Credentials(
            token=access_token or None,
            refresh_token=refresh_token,
            token_uri=settings.GOOGLE_TOKEN_URI,
            client_id=settings.GOOGLE_CLIENT_ID,
            client_secret=settings.GOOGLE_CLIENT_SECRET,
        )
        profile = _verify(credentials)
        email = str(profile.get("emailAddress") or "")
        do_store_gmail_tokens(
            user,
            refresh_token=refresh_token,
            access_token=credentials.token or "",
            expires_at=gmail.aware_expiry(credentials.expiry),
            scopes=list(credentials.granted_scopes or []),
            email=email,
        )
        self.stdout.write(
            f"Connected Gmail {email or '(address unknown)'} for {user.email}. "
            f"Next: manage.py process_mail --user {user.email} --source gmail"
        )


def _read(value: str) -> str:
    if value == "-":
        return sys.stdin.readline().strip()
    return value.strip()


def _verify(credentials: Credentials) -> dict[str, Any]:
    """Refresh once (proves the refresh token and client work) and read the profile."""
    from accounts.gmail import describe_http_error

    try:
        gmail.refresh(credentials)
    except RefreshError as error:
        if gmail.is_invalid_grant(error):
            raise CommandError(
                "Google rejected the refresh token (invalid_grant): it was revoked, has expired, "
                "or was issued to a different OAuth client than GOOGLE_CLIENT_ID."
            ) from None
        raise CommandError(
            f"Google refused to refresh the token ({gmail.refresh_error_code(error)}). "
            "Check GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET."
        ) from None
    except TransportError as error:
        raise CommandError(f"Could not reach GOOGLE_TOKEN_URI ({type(error).__name__}).") from None
    try:
        return gmail.fetch_profile(credentials)
    except HttpError as error:
        raise CommandError(describe_http_error(error)) from None
    except OSError as error:
        raise CommandError(f"Could not reach GMAIL_API_ENDPOINT ({type(error).__name__}).") from None
