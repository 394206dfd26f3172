"""State changes of a user's account: Gmail grant stored, disconnected, data deleted."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.db import transaction

from accounts import gmail
from accounts.models import GmailCredential, User
from accounts.signals import deleting_user_data, deletion_requested, sessions_ended

logger = logging.getLogger("jobtrail.accounts")


#: What a user without a password (Google sign-in only) types to confirm deleting their account.
DELETE_PHRASE = "delete my account"


class RunInProgress(Exception):
    """The user's data cannot be deleted while one of their runs is started."""


def do_store_gmail_tokens(
    user: User,
    *,
    refresh_token: str,
    access_token: str = "",
    expires_at: datetime | None = None,
    scopes: Iterable[str] | str | None = None,
    email: str = "",
) -> GmailCredential:
    """Store a Gmail grant, encrypted: the one place OAuth logins and `connect_gmail` save tokens.

    Google sends a refresh token only when the user consents; a later sign-in carries
    none, so an empty `refresh_token` keeps the stored one and only renews the access token.
    """
    if isinstance(scopes, str):
        scopes = scopes.split()
    scope_text = " ".join(sorted(set(scopes))) if scopes else ""
    with transaction.atomic():
        credential = GmailCredential.objects.select_for_update().filter(user=user).first()
        if credential is None:
            credential = GmailCredential(user=user)
        if email and credential.email and email.lower() != credential.email.lower():
            # Another mailbox: its history ids mean nothing for this one.
            credential.last_history_id = ""
        if email:
            credential.email = email
        if refresh_token:
            credential.refresh_token = refresh_token
            credential.revoked_at = None
        credential.access_token = access_token
        credential.token_expiry = expires_at if access_token else None
        if scope_text:
            credential.scopes = scope_text
        credential.save()
    logger.info("stored a Gmail grant for user %s (new refresh token: %s)", user.pk, bool(refresh_token))
    return credential


def do_disconnect_gmail(user: User) -> bool | None:
    """Revoke the user's grant at Google and delete it.

    Returns whether Google confirmed the revocation, None when nothing was connected.
    """
    credential = GmailCredential.objects.filter(user=user).first()
    if credential is None:
        _delete_social_tokens(user)
        return None
    revoked = _revoke(credential)
    GmailCredential.objects.filter(pk=credential.pk).delete()
    _delete_social_tokens(user)
    logger.info("user %s disconnected Gmail (revoked at Google: %s)", user.pk, revoked)
    return revoked


def _revoke(credential: GmailCredential) -> bool:
    from accounts.crypto import DecryptionError

    try:
        # The refresh token revokes the whole grant, access tokens included.
        token = credential.refresh_token or credential.access_token
    except DecryptionError:
        logger.warning("user %s: Gmail tokens not decryptable; deleting without revoking", credential.user_id)
        return False
    if credential.revoked_at is not None:
        return True
    return gmail.revoke_at_google(token)


def _delete_social_tokens(user: User) -> None:
    # allauth keeps no tokens with SOCIALACCOUNT_STORE_TOKENS off; this clears any
    # left from before it was turned off. The SocialAccount (the Google sign-in) stays.
    from allauth.socialaccount.models import SocialToken

    SocialToken.objects.filter(account__user=user).delete()


@dataclass(frozen=True)
class DeletedData:
    emails: int
    applications: int
    runs: int
    cache_entries: int
    gmail_revoked: bool


def do_delete_user_data(user: User) -> DeletedData:
    """Delete the user's emails, applications, runs, classification cache and Gmail grant.

    The account itself stays (the user can sign in and start again). Refused while a
    run is started: it would go on writing emails that were just deleted.

    The emails, applications, runs and cache belong to the apps above accounts: each
    deletes its own rows on `deleting_user_data`, and processing refuses on
    `deletion_requested` (accounts/signals.py).
    """
    deletion_requested.send(sender=User, user=user)
    revoked = True
    credential = GmailCredential.objects.filter(user=user).first()
    if credential is not None:
        # Outside the transaction: a slow answer from Google must not hold locks.
        revoked = _revoke(credential)
    with transaction.atomic():
        # Checked again inside: a run started meanwhile wins and nothing is deleted.
        # (A run can still start right after the commit; it then begins from nothing.)
        deletion_requested.send(sender=User, user=user)
        counts: dict[str, int] = {}
        for _receiver, deleted in deleting_user_data.send(sender=User, user=user):
            counts.update(cast(dict[str, int], deleted))
        GmailCredential.objects.filter(user=user).delete()
        _delete_social_tokens(user)
    emails, applications, runs, cache = (counts.get(name, 0) for name in ("emails", "applications", "runs", "cache"))
    logger.info("user %s deleted their data: %d emails, %d applications, %d runs", user.pk, emails, applications, runs)
    return DeletedData(emails, applications, runs, cache, revoked)


def do_secure_email_authentication(user: User, *, provider: str) -> None:
    """A Google identity is entering `user` by a verified address it shares: make it the only way in.

    Called before the identity is linked and its session begins. Any other social
    identity is unlinked and every open session of the account ends, so whoever was
    signed in before (with a password the owner never chose, say) must sign in again.
    """
    from allauth.socialaccount.models import SocialAccount

    from accounts.sessions import end_sessions

    unlinked, _ = SocialAccount.objects.filter(user=user).delete()
    ended = end_sessions(user.pk)
    # Their sessions are gone, so every open socket of the account closes (processing).
    sessions_ended.send(sender=User, user_id=user.pk)
    logger.info(
        "user %s: %s sign-in by verified address; unlinked %d identities, ended %d sessions",
        user.pk,
        provider,
        unlinked,
        ended,
    )


def revoke_grant_of(user_id: int) -> bool | None:
    """Revoke the user's Gmail grant at Google (without deleting it).

    True when it no longer works, False when Google could not be reached or refused,
    None when the user had none. For deletions: the caller deletes the rows.
    """
    credential = GmailCredential.objects.filter(user_id=user_id).first()
    if credential is None:
        return None
    return _revoke(credential)


def do_delete_account(user: User) -> bool | None:
    """Delete the account and everything of it: emails, applications, runs, cache, Gmail
    grant (revoked at Google first), Google sign-in identities, addresses and sessions.

    Returns what `revoke_grant_of` said. Refused while a run is started (RunInProgress):
    it would go on writing rows of a deleted user.
    """
    from accounts.sessions import end_sessions

    deletion_requested.send(sender=User, user=user)
    # Outside the transaction: a slow answer from Google must not hold locks. The
    # account is deleted whatever Google answers; the caller says so honestly.
    revoked = revoke_grant_of(user.pk)
    user_id = user.pk
    with transaction.atomic():
        deletion_requested.send(sender=User, user=user)
        # Every table with the user's rows cascades from accounts_user: emails,
        # applications, runs, cache, Gmail credential, allauth's identities and addresses.
        User.objects.filter(pk=user_id).delete()
    # Sockets close through processing's post_delete hook on User (close_user_sockets).
    end_sessions(user_id)
    logger.info("user %s deleted their account (grant revoked at Google: %s)", user_id, revoked)
    return revoked


def do_set_time_zone(user: User, time_zone: str, hour_cycle: str, *, only_if_unset: bool = False) -> bool:
    """Store the user's zone and clock; returns whether anything changed.

    `only_if_unset` is the browser's report on a first visit: it never overrides a
    zone the user already has (chosen in Settings, or reported by another device).
    """
    rows = User.objects.filter(pk=user.pk)
    if only_if_unset:
        # Compare-and-set: two tabs reporting at once store one answer, not two.
        rows = rows.filter(time_zone="")
    elif user.time_zone == time_zone and user.hour_cycle == hour_cycle:
        return False
    changed = rows.update(time_zone=time_zone, hour_cycle=hour_cycle) == 1
    if changed:
        user.time_zone, user.hour_cycle = time_zone, hour_cycle
    return changed
