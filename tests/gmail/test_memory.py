"""A run over large Gmail messages costs bounded memory, measured as the process's peak RSS.

`manage.py process_mail --source gmail --wait` runs in its own process twice against the
loopback Gmail: over 40 small emails, then over 40 emails of 6 MB (PDF attachments and
huge text bodies). Each process reports its own peak resident set size as the kernel
keeps it (VmHWM), so nothing is sampled or missed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from accounts.models import GmailCredential, User
from dashboard.models import Email
from tests.factories import make_email
from tests.fakes.gmail_server import FakeGmailServer
from tests.gmail.conftest import ENCRYPTION_KEY, Grant
from tests.live import ROOT, test_database_url

pytestmark = [pytest.mark.django_db(transaction=True)]

MESSAGES = 40
MESSAGE_BYTES = 6_000_000
ALLOWED_GROWTH = 200 * 1024 * 1024


def _large_email(index: int, moment: datetime) -> bytes:
    if index % 4 == 3:
        # A text body of 6 MB: Gmail sends it inline, so only capping the text bounds it.
        return make_email(subject=f"Digest {index}", body="Open roles this week. " * (MESSAGE_BYTES // 22), date=moment)
    message = EmailMessage()
    message["From"] = "Talent Team <jobs@northwind.example>"
    message["To"] = "alice@example.com"
    message["Subject"] = f"Your offer {index}"
    message["Date"] = format_datetime(moment)
    message["Message-ID"] = f"<offer-{index}@test.example>"
    message.set_content("Please find your offer attached.")
    # Base64 makes the raw message 4/3 of this: 6 MB in all.
    message.add_attachment(os.urandom(MESSAGE_BYTES * 3 // 4), maintype="application", subtype="pdf", filename="o.pdf")
    return bytes(message)


#: Runs manage.py, then reports the peak RSS of this process's own memory (VmHWM). Not
#: ru_maxrss: Linux carries the parent's peak into a child's ru_maxrss at exec, and the
#: parent here is pytest holding the fake's 240 MB mailbox.
_MEASURED = """
import runpy, sys
sys.argv = ["manage.py", *sys.argv[1:]]
try:
    runpy.run_path("manage.py", run_name="__main__")
finally:
    with open("/proc/self/status") as status:
        sys.stderr.write(next(line for line in status if line.startswith("VmHWM:")))
"""


def _peak_rss(gmail: FakeGmailServer, *period: str) -> tuple[int, str]:
    env = {
        **os.environ,
        **gmail.env(),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": test_database_url(),
        "FIELD_ENCRYPTION_KEY": ENCRYPTION_KEY,
        "DEBUG": "true",
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    command = ["process_mail", "--user", "alice@example.com", "--source", "gmail", "--classifier", "rules", "--wait"]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *command, *period],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    peak_kb = int(re.findall(r"^VmHWM:\s+(\d+) kB$", done.stderr, re.MULTILINE)[-1])
    return peak_kb * 1024, done.stdout.strip().splitlines()[-1]


def test_it_processes_40_messages_of_6_mb_within_200_mb_more_peak_memory(
    alice: User, alice_grant: Grant, gmail: FakeGmailServer
) -> None:
    small_day = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
    for index in range(MESSAGES):
        gmail.add_message(make_email(subject=f"Thanks for applying {index}", body="We received it.", date=small_day))
    large_day = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
    for index in range(MESSAGES):
        raw = _large_email(index, large_day + timedelta(minutes=index))
        assert len(raw) >= MESSAGE_BYTES
        gmail.add_message(raw)

    baseline, line = _peak_rss(gmail, "--end-date", "2025-12-31")
    assert line.endswith(f"finished processed={MESSAGES} total={MESSAGES}")
    # A full listing by date again, not the history since the first run (which added nothing).
    GmailCredential.objects.filter(user=alice).update(last_history_id="")
    peak, line = _peak_rss(gmail, "--start-date", "2026-01-01")
    assert line.endswith(f"finished processed={MESSAGES} total={MESSAGES}")

    assert Email.objects.filter(user=alice).count() == 2 * MESSAGES
    assert peak - baseline <= ALLOWED_GROWTH, f"peak RSS grew by {(peak - baseline) / 2**20:.0f} MB"
    assert gmail.count("attachment") == 0  # no attachment was downloaded
