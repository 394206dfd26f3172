"""Uploading a Google Takeout .mbox: streamed to disk with a size limit, then processed as a
normal run (the start and the cancel are driven in a browser in tests/ui/test_upload_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import User
from processing.models import ProcessingRun, RunStatus

pytestmark = pytest.mark.django_db
JSON = {"Accept": "application/json"}
MBOX = b"From someone@example.com Thu Jan  1 00:00:00 2026\nSubject: hi\n\nhello\n"


@pytest.fixture(autouse=True)
def upload_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    settings.MBOX_UPLOAD_DIR = tmp_path / "uploads"  # type: ignore[attr-defined]
    return tmp_path / "uploads"


def test_it_refuses_a_file_over_the_limit_without_keeping_it(
    alice_client: Client, settings: pytest.FixtureRequest, upload_dir: Path
) -> None:
    settings.MBOX_UPLOAD_MAX_MB = 1  # type: ignore[attr-defined]
    big = SimpleUploadedFile("takeout.mbox", MBOX + b"x" * (1024 * 1024 + 1))
    response = alice_client.post(reverse("upload_mbox"), {"mbox": big}, headers=JSON)
    assert response.status_code == 400
    assert response.json()["message"] == "The file is larger than 1 MB, the limit on this server."
    assert not ProcessingRun.objects.exists()
    assert not upload_dir.exists() or not any(upload_dir.iterdir())


def test_it_refuses_a_file_that_is_not_an_mbox(alice_client: Client) -> None:
    response = alice_client.post(
        reverse("upload_mbox"), {"mbox": SimpleUploadedFile("notes.txt", b"%PDF-1.7")}, headers=JSON
    )
    assert response.status_code == 400
    assert "not an mbox mailbox" in response.json()["message"]
    assert not ProcessingRun.objects.exists()


def test_it_asks_for_a_file(alice_client: Client) -> None:
    response = alice_client.post(reverse("upload_mbox"), {}, headers={"HX-Request": "true"})
    assert response["HX-Reswap"] == "none"
    assert "Choose the .mbox file" in response["HX-Trigger"]


@pytest.mark.django_db(transaction=True)  # the view reads the runs from a worker thread
def test_it_refuses_while_a_run_is_going(alice_client: Client, alice: User, upload_dir: Path) -> None:
    ProcessingRun.objects.create(user=alice, status=RunStatus.STARTED)
    response = alice_client.post(
        reverse("upload_mbox"), {"mbox": SimpleUploadedFile("takeout.mbox", MBOX)}, headers=JSON
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Processing is already running. Cancel it first, then upload the file."
    assert not (upload_dir / f"user-{alice.pk}.mbox").exists()


def test_it_needs_a_login(client: Client, db: None) -> None:
    response = client.post(reverse("upload_mbox"), {"mbox": SimpleUploadedFile("takeout.mbox", MBOX)})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
