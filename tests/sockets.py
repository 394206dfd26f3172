"""Processing-page websockets for tests: through config.asgi, with a real session cookie."""

from __future__ import annotations

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from accounts.models import User

ORIGIN = (b"origin", b"http://127.0.0.1")


def session_cookie(user: User) -> str:
    """The session id of a fresh sign-in of `user` (one browser)."""
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def socket_with_session(session_key: str) -> WebsocketCommunicator:
    from config.asgi import application

    headers = [ORIGIN, (b"cookie", f"sessionid={session_key}".encode())]
    return WebsocketCommunicator(application, "/ws/processing/", headers=headers)


async def signed_in_socket(user: User) -> WebsocketCommunicator:
    """A socket like a browser's: origin check, session auth, routing. Not yet connected."""
    return socket_with_session(await sync_to_async(session_cookie)(user))
