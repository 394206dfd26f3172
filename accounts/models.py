from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

from accounts import crypto


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class HourCycle(models.TextChoices):
    H23 = "h23", "24-hour (14:00)"
    H12 = "h12", "12-hour (2:00 PM)"


class User(AbstractUser):
    """A Jobtrail user, identified by email address (no username)."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    #: IANA zone name ("Europe/Berlin"); empty until the browser reports it on the
    #: first visit, and meanwhile the server's TIME_ZONE is used.
    time_zone = models.CharField(max_length=64, blank=True)
    hour_cycle = models.CharField(max_length=3, choices=HourCycle.choices, default=HourCycle.H23)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.email

    @property
    def gmail_connected(self) -> bool:
        return can_use_gmail(self.pk)


class GmailCredential(models.Model):
    """A user's Gmail OAuth grant. Tokens are Fernet-encrypted at rest."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="gmail_credential")
    email = models.EmailField(blank=True)
    refresh_token_encrypted = models.TextField(blank=True, editable=False)
    access_token_encrypted = models.TextField(blank=True, editable=False)
    token_expiry = models.DateTimeField(null=True, blank=True)
    scopes = models.TextField(blank=True)
    #: Set when Google answered invalid_grant: the user has to reconnect.
    revoked_at = models.DateTimeField(null=True, blank=True)
    #: Gmail historyId at the end of the last finished run (incremental reads).
    last_history_id = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Gmail credential of {self.user_id}"

    def __repr__(self) -> str:
        # Never include token material, even encrypted.
        return f"<GmailCredential user={self.user_id} email={self.email!r}>"

    @property
    def refresh_token(self) -> str:
        return crypto.decrypt(self.refresh_token_encrypted)

    @refresh_token.setter
    def refresh_token(self, value: str) -> None:
        self.refresh_token_encrypted = crypto.encrypt(value)

    @property
    def access_token(self) -> str:
        return crypto.decrypt(self.access_token_encrypted)

    @access_token.setter
    def access_token(self, value: str) -> None:
        self.access_token_encrypted = crypto.encrypt(value)

    @property
    def usable(self) -> bool:
        return bool(self.refresh_token_encrypted) and self.revoked_at is None

    def mark_revoked(self) -> None:
        GmailCredential.objects.filter(pk=self.pk).update(revoked_at=timezone.now())
        self.revoked_at = timezone.now()


def can_use_gmail(user_id: int) -> bool:
    """Whether Jobtrail holds a Gmail grant for the user that it can use (else: the demo mailbox)."""
    credential = GmailCredential.objects.filter(user_id=user_id).first()
    return credential is not None and credential.usable
