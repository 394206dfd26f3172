"""The live dashboard, board and toasts over the processing websocket (`?view=...`)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.utils import timezone

from accounts.models import User
from config.asgi import application
from jobmail.taxonomy import Status
from processing import runs
from processing.events import user_group
from processing.models import RunStatus, Source
from tests.factories import interview_email
from tests.ui.conftest import make_application, make_mail, make_run
from tests.ui.htmlcheck import top_level
from tests.waiting import run_ended

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = (b"origin", b"http://127.0.0.1")


def _session_cookie(user: User) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def _socket(user: User, view: str) -> WebsocketCommunicator:
    cookie = await sync_to_async(_session_cookie)(user)
    return WebsocketCommunicator(application, f"/ws/processing/?view={view}", headers=[ORIGIN, (b"cookie", cookie)])


async def _progress(user: User, run_id: int) -> None:
    await get_channel_layer().group_send(
        user_group(user.pk),
        {"type": "run.progress", "run_id": run_id, "processed": 1, "total": 2, "phase": "classifying", "email_ids": []},
    )


async def test_it_pushes_today_the_chart_and_a_new_marker_to_the_dashboard(alice: User) -> None:
    run = await sync_to_async(make_run)(alice, status=RunStatus.STARTED)
    socket = await _socket(alice, "dashboard")
    try:
        assert (await socket.connect())[0]
        first = await socket.receive_from(timeout=5)
        assert [(e.tag, e.attrs["id"]) for e in top_level(first)] == [
            ("section", "today"),
            ("section", "pipeline"),
            ("div", "live-marker"),
        ]
        marker = top_level(first)[2].attrs["data-signature"]

        def new_interview() -> None:
            app = make_application(alice, "Northwind", status=Status.INTERVIEW, last_activity_at=timezone.now())
            make_mail(alice, app, status=Status.INTERVIEW, event_at=timezone.now() + timedelta(days=3), run=run)

        await sync_to_async(new_interview)()
        await _progress(alice, run.pk)
        pushed = await socket.receive_from(timeout=5)
        today, chart = pushed.split('id="pipeline"')
        assert "Interview</span>" in today
        assert "Northwind" in today
        assert "Where the 1 application stands now" in chart
        assert top_level(pushed)[2].attrs["data-signature"] != marker
    finally:
        await socket.disconnect()


async def test_it_folds_a_burst_of_events_into_one_dashboard_render(alice: User) -> None:
    run = await sync_to_async(make_run)(alice, status=RunStatus.STARTED)
    socket = await _socket(alice, "dashboard")
    try:
        assert (await socket.connect())[0]
        await socket.receive_from(timeout=5)
        for _ in range(5):
            await _progress(alice, run.pk)
        await socket.receive_from(timeout=5)
        assert await socket.receive_nothing(timeout=0.3)
    finally:
        await socket.disconnect()


async def test_it_sends_other_pages_only_the_toast_for_notable_mail(alice: User) -> None:
    run = await sync_to_async(make_run)(alice, status=RunStatus.FINISHED)

    def found() -> None:
        offer = make_application(alice, "Contoso", status=Status.OFFER)
        make_mail(alice, offer, status=Status.OFFER, run=run)
        talk = make_application(alice, "Northwind", status=Status.INTERVIEW)
        make_mail(alice, talk, status=Status.INTERVIEW, run=run)
        make_mail(alice, None, status=Status.NOT_JOB, run=run, subject="Newsletter")

    await sync_to_async(found)()
    socket = await _socket(alice, "page")
    try:
        assert (await socket.connect())[0]
        assert await socket.receive_nothing(timeout=0.3)  # nothing to resynchronise
        await _progress(alice, run.pk)
        assert await socket.receive_nothing(timeout=0.3)
        await get_channel_layer().group_send(
            user_group(alice.pk), {"type": "run.finished", "run_id": run.pk, "status": "finished"}
        )
        toast = await socket.receive_from(timeout=5)
        [element] = top_level(toast)
        assert (element.attrs["id"], element.attrs["hx-swap-oob"]) == ("toasts", "beforeend")
        assert "1 interview invitation (Northwind); 1 offer (Contoso)" in toast
    finally:
        await socket.disconnect()


async def _toast_from(socket: WebsocketCommunicator) -> str:
    """The first message carrying the toast; a live dashboard gets its renders before it."""
    while True:
        message = await socket.receive_from(timeout=10)
        if 'id="toasts"' in message:
            return message


@pytest.mark.usefixtures("process_services", "fast_runs")
async def test_it_toasts_a_real_runs_new_interview_on_every_open_page_of_its_user_only(
    alice: User, bob: User, tmp_path: Path
) -> None:
    folder = tmp_path / "box"
    folder.mkdir()
    (folder / "00000.eml").write_bytes(interview_email("Northwind"))
    alice_views = ("page", "page", "dashboard", "board", "processing")
    alice_pages = [await _socket(alice, view) for view in alice_views]
    bob_pages = [await _socket(bob, view) for view in ("page", "dashboard")]
    try:
        for page, view in zip([*alice_pages, *bob_pages], [*alice_views, "page", "dashboard"], strict=True):
            assert (await page.connect())[0]
            if view != "page":
                await page.receive_from(timeout=5)  # the first render (resynchronisation)
        run = await runs.start_run(alice.pk, source=Source.MBOX, source_path=str(folder), classifier="rules")
        assert (await run_ended(run.pk)).status == RunStatus.FINISHED
        for page in alice_pages:
            toast = await _toast_from(page)
            assert "New in your mail: 1 interview invitation (Northwind)." in toast
        for page in bob_pages:
            assert await page.receive_nothing(timeout=0.5)
    finally:
        for page in [*alice_pages, *bob_pages]:
            await page.disconnect()


async def test_it_sends_no_toast_after_a_run_without_notable_mail(alice: User) -> None:
    run = await sync_to_async(make_run)(alice, status=RunStatus.FINISHED)
    await sync_to_async(make_mail)(alice, None, status=Status.APPLIED, run=run)
    socket = await _socket(alice, "page")
    try:
        assert (await socket.connect())[0]
        await get_channel_layer().group_send(
            user_group(alice.pk), {"type": "run.finished", "run_id": run.pk, "status": "finished"}
        )
        assert await socket.receive_nothing(timeout=0.5)
    finally:
        await socket.disconnect()


async def test_it_never_pushes_one_users_dashboard_to_another(alice: User, bob: User) -> None:
    run = await sync_to_async(make_run)(alice, status=RunStatus.STARTED)
    await sync_to_async(make_application)(
        alice, "Alice Secret Co", last_activity_at=timezone.now() - timedelta(days=20)
    )
    socket = await _socket(bob, "dashboard")
    try:
        assert (await socket.connect())[0]
        assert "Alice Secret Co" not in await socket.receive_from(timeout=5)
        await _progress(alice, run.pk)
        assert await socket.receive_nothing(timeout=0.5)
    finally:
        await socket.disconnect()
