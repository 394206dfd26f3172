"""Uploading a Google Takeout .mbox in Debian's Chromium and cancelling the run it starts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings

from processing.models import ProcessingRun, RunStatus, Source
from tests.ui.browser import browser_user, chromium, live_server, log_in, new_page, orm
from tests.ui.mailboxes import applied, interview, write_mbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _mailbox(path: Path, count: int) -> Path:
    start = datetime(2026, 9, 1, 9, tzinfo=UTC)
    mails = []
    for index in range(count):
        company = f"Company {index:03d}"
        make = interview if index % 3 == 0 else applied
        mails.append(
            make(company, "Backend Engineer", f"Careers <jobs@c{index}.example>", start + timedelta(hours=index))
        )
    return write_mbox(path, mails)


def test_it_uploads_an_mbox_and_cancels_its_run(tmp_path: Path) -> None:
    from tests.fakes.openai_server import FakeOpenAIServer
    from tests.ui.demo_responder import labelled_responder

    user = orm(lambda: browser_user("uploader@example.com", time_zone="UTC"))
    mbox = _mailbox(tmp_path / "Takeout.mbox", 60)
    with FakeOpenAIServer(latency=0.08, responder=labelled_responder) as llm:
        env = {
            "CLASSIFIER": "llm",
            "OPENAI_BASE_URL": llm.url,
            "OPENAI_API_KEY": "test-key",
            "RULES_SHORTCUT": "false",
            "LLM_CONCURRENCY": "1",
            "STORE_BATCH_SIZE": "2",
            "PROGRESS_INTERVAL": "0.1",
            "MBOX_UPLOAD_DIR": str(tmp_path / "uploads"),
        }
        if settings.REDIS_URL:
            env["REDIS_URL"] = settings.REDIS_URL
        with live_server(env) as server, chromium() as browser:
            page, watch = new_page(browser)
            log_in(page, server.url, user.email)
            page.goto(server.url + "/settings")
            page.set_input_files("#mbox-file-settings", str(mbox))
            page.click("#mail-file button >> text=Upload and process")
            page.wait_for_url(server.url + "/processing")
            page.wait_for_function(
                "() => { const bar = document.getElementById('progress-bar');"
                " return bar && bar.max > 1 && bar.value >= 2; }"
            )
            page.click("#cancel-button")
            page.wait_for_url(server.url + "/")
            assert "Processing cancelled" in page.locator("#toasts").inner_text()
            run = orm(lambda: ProcessingRun.objects.get(user=user))
            assert (run.source, run.status) == (Source.MBOX, RunStatus.CANCELLED)
            assert 0 < run.processed_emails < (run.total_emails or 0) == 60
            # The file stays for a resume, readable by the server only.
            kept = tmp_path / "uploads" / f"user-{user.pk}.mbox"
            assert kept.read_bytes() == mbox.read_bytes()
            assert kept.stat().st_mode & 0o077 == 0
            # Resume reads the rest of the same file.
            page.click("#resume-button")
            page.wait_for_url(server.url + "/processing")
            page.wait_for_url(server.url + "/", timeout=60_000)
            resumed = orm(lambda: ProcessingRun.objects.for_user(user).latest_first().first())
            assert resumed is not None
            assert (resumed.source, resumed.status, resumed.processed_emails) == (Source.MBOX, RunStatus.FINISHED, 60)
            assert watch.problems == []
