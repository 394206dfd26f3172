from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.models import User
from dashboard.models import Application, Email
from processing.models import ProcessingRun
from processing.sources.mbox import DEMO_MAILBOX


class Command(BaseCommand):
    help = (
        "Create (or update) the demo user, who processes the bundled demo mailbox of "
        f"{len(list(DEMO_MAILBOX.glob('*.eml')))} fictional emails instead of Gmail. "
        "Log in with the printed email and password, then choose how far back to read."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo user's runs, emails and applications, and set the password back.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email, password = settings.DEMO_USER_EMAIL, settings.DEMO_USER_PASSWORD
        user, created = User.objects.get_or_create(email=email, defaults={"first_name": "Dana", "last_name": "Demo"})
        if created or options["reset"]:
            # Only then: setting it on every `make run` would sign the demo user out of every
            # browser (a new password hash ends every session) and undo a password they chose.
            user.set_password(password)
            user.save()
        # Sign-in needs a verified address (ACCOUNT_EMAIL_VERIFICATION); the demo
        # address is the operator's own choice, so it counts as verified.
        EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()
        EmailAddress.objects.update_or_create(
            user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
        )
        if options["reset"]:
            Email.objects.filter(user=user).delete()
            Application.objects.filter(user=user).delete()
            ProcessingRun.objects.filter(user=user).delete()
        if created:
            self.stdout.write(f"Created the demo user: {email} / {password}")
        elif options["reset"]:
            self.stdout.write(f"Reset the demo user: {email} / {password}")
        else:
            self.stdout.write(f"The demo user exists: {email} (password unchanged; --reset sets it back).")
