"""Contacts from processed mail: a role in the signature reaches the application's page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from dashboard.models import Application, Email
from tests.ui.mailboxes import Mail, write_mbox

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_lists_the_role_a_senders_signature_gives(alice: User, alice_client: Client, tmp_path: Path) -> None:
    mails = [
        Mail(
            sender="Jane Roe <jane.roe@fabrikam.example>",
            subject="Interview invitation: Backend Engineer at Fabrikam",
            body=(
                "Hi Alice,\n\nWe would like to invite you to an interview for the Backend Engineer role at "
                "Fabrikam. Could you share two slots for a video call next week?\n\n"
                "Best regards,\nJane Roe\nSenior Technical Recruiter\nFabrikam\n"
            ),
            sent=datetime(2026, 11, 2, 9, tzinfo=UTC),
        ),
        # A reply quoting the user's own signature: the quote's title is not the sender's.
        Mail(
            sender="Sam Lee <sam.lee@fabrikam.example>",
            subject="Re: Interview invitation: Backend Engineer at Fabrikam",
            body=(
                "Hi Alice,\n\nI will join the interview on Tuesday as the hiring manager.\n\n"
                "On Mon, Nov 2, 2026 at 9:00 AM Alice <alice@example.com> wrote:\n"
                "> Thanks,\n> Sam Lee\n> Head of Engineering\n"
            ),
            sent=datetime(2026, 11, 3, 9, tzinfo=UTC),
        ),
    ]
    path = write_mbox(tmp_path / "mail.mbox", mails)
    call_command("process_mail", "--user", alice.email, "--mbox", str(path), "--classifier", "rules", "--wait")
    roles = dict(Email.objects.filter(user=alice).values_list("sender_email", "sender_role"))
    assert roles == {"jane.roe@fabrikam.example": "Senior Technical Recruiter", "sam.lee@fabrikam.example": ""}
    app = Application.objects.get(user=alice, emails__sender_email="jane.roe@fabrikam.example")
    page = alice_client.get(reverse("application_detail", args=[app.pk])).content.decode()
    shown = '<strong><bdi>Jane Roe</bdi></strong> <span class="muted">· <bdi>Senior Technical Recruiter</bdi></span>'
    assert shown in page
