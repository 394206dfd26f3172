"""Ending a user's sessions (database sessions, Django's default SESSION_ENGINE)."""

from __future__ import annotations

import logging

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone

logger = logging.getLogger("jobtrail.accounts")


def end_sessions(user_id: int, *, keep: str | None = None) -> int:
    """Delete every unexpired session signed in as `user_id` except the one keyed `keep`.

    Sessions store the user id only inside their encoded data, so this reads each live
    session: fine for a self-hosted tracker's few hundred, and it needs no extra table.
    """
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key == keep:
            continue
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_id):
            ended.append(session.session_key)
    Session.objects.filter(session_key__in=ended).delete()
    if ended:
        logger.info("user %s: ended %d session(s)", user_id, len(ended))
    return len(ended)
