"""What accounts tells the apps above it, which keep their own rows and sockets per user.

accounts is the lowest of the apps (pyproject.toml's layers contract): it never imports
dashboard, planner or processing. Its actions send these signals; those apps connect
their receivers in `AppConfig.ready()`.
"""

from __future__ import annotations

from django.dispatch import Signal

#: Sent with `user` before the user's data or account is deleted: once before Google is
#: asked to revoke the grant, and again inside the deleting transaction. A receiver
#: refuses the deletion by raising `accounts.actions.RunInProgress` (processing does
#: while one of the user's runs is started: it would go on writing rows).
deletion_requested = Signal()

#: Sent with `user` inside `do_delete_user_data`'s transaction. Each receiver deletes its
#: own app's rows of the user and returns how many, as a dict (`{"emails": 12}`).
deleting_user_data = Signal()

#: Sent with `user_id` when every session of the user was ended at once (a verified
#: Google address took the account over): processing closes the user's websockets.
sessions_ended = Signal()
