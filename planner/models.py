"""The user's own answers to Jobtrail's suggestions, and their reminder preferences.

Suggestions themselves (follow-ups due, applications gone quiet, actions to take)
are derived from the mail each time; only what the user said about them is stored
here, so a later email changes the suggestion without any bookkeeping.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts import crypto

if TYPE_CHECKING:
    from accounts.models import User

FOLLOW_UP_AFTER_APPLIED = 14
FOLLOW_UP_AFTER_INTERVIEW = 7
QUIET_AFTER = 30


def feed_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Preferences(models.Model):
    """One row per user, created on first use with the defaults."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planner_preferences")
    follow_up_after_applied = models.PositiveSmallIntegerField(
        "Suggest a follow-up after applying, after (days)", default=FOLLOW_UP_AFTER_APPLIED
    )
    follow_up_after_interview = models.PositiveSmallIntegerField(
        "Suggest a follow-up after an interview, after (days)", default=FOLLOW_UP_AFTER_INTERVIEW
    )
    quiet_after = models.PositiveSmallIntegerField("Suggest “no reply” after (days)", default=QUIET_AFTER)
    #: Off until the user turns it on: an e-mail after a run that found something important.
    email_digest = models.BooleanField(
        "E-mail me when a run finds an interview, an offer or a request to act", default=False
    )
    #: The calendar feed's token: its SHA-256 finds the user, the Fernet copy shows it in Settings.
    feed_token_digest = models.CharField(max_length=64, blank=True, db_index=True)
    feed_token_encrypted = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Planner preferences of {self.user_id}"

    @classmethod
    def for_user(cls, user: User | int) -> Preferences:
        """The user's row, or the defaults unsaved: reading never writes (one query either way)."""
        user_id = user if isinstance(user, int) else user.pk
        return cls.objects.filter(user_id=user_id).first() or cls(user_id=user_id)

    @property
    def feed_token(self) -> str:
        return crypto.decrypt(self.feed_token_encrypted) if self.feed_token_encrypted else ""

    def new_feed_token(self) -> str:
        """Replace the feed token (the old URL stops working at once) and return the new one."""
        token = secrets.token_urlsafe(32)
        self.feed_token_digest = feed_digest(token)
        self.feed_token_encrypted = crypto.encrypt(token)
        if self.pk is None:
            self.save()
        else:
            self.save(update_fields=["feed_token_digest", "feed_token_encrypted", "updated_at"])
        return token


class Kind(models.TextChoices):
    FOLLOW_UP = "follow_up", "Follow-up"
    QUIET = "quiet", "Gone quiet"


class SuggestionQuerySet(models.QuerySet["Suggestion"]):
    def for_user(self, user: User | int) -> SuggestionQuerySet:
        return self.filter(user=user)


class Suggestion(models.Model):
    """What the user answered to a follow-up or "gone quiet" suggestion about one application.

    `activity_at` is the application's last activity when the user answered: new mail
    moves the application's activity on, and the answer no longer applies.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey("dashboard.Application", on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    activity_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    snoozed_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_answer_per_suggestion"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for application {self.application_id}"


class ActionDone(models.Model):
    """The user did what an action-required email asked."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.OneToOneField("dashboard.Email", on_delete=models.CASCADE, related_name="action_done")
    done_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Done: email {self.email_id}"


class NotifiedEmail(models.Model):
    """An email the e-mail digest already told the user about: no digest names it again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.OneToOneField("dashboard.Email", on_delete=models.CASCADE, related_name="notified")
    run_id = models.BigIntegerField(help_text="The run whose end sent the digest (for the logs).")
    notified_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Notified: email {self.email_id}"
