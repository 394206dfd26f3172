from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from jobmail.taxonomy import APPLICATION_STATUSES, CHOICES, Status

if TYPE_CHECKING:
    from accounts.models import User


class Origin(models.TextChoices):
    MAIL = "mail", "From mail"
    MANUAL = "manual", "Added manually"


class WorkMode(models.TextChoices):
    UNKNOWN = "", "Not known"
    ONSITE = "onsite", "On site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class Source(models.TextChoices):
    UNKNOWN = "", "Not known"
    LINKEDIN = "linkedin", "LinkedIn"
    JOB_BOARD = "job_board", "Another job board"
    COMPANY_SITE = "company_site", "Company site"
    REFERRAL = "referral", "Referral"
    RECRUITER = "recruiter", "Recruiter"
    OTHER = "other", "Other"


class ApplicationQuerySet(models.QuerySet["Application"]):
    def for_user(self, user: User | int) -> ApplicationQuerySet:
        return self.filter(user=user)

    def open(self) -> ApplicationQuerySet:
        return self.exclude(status__in=[Status.REJECTED, Status.WITHDRAWN])


class ApplicationManager(models.Manager["Application"]):
    """Hides applications the user deleted: nothing in the product lists, counts or groups
    mail into them. `Application.all_objects` sees them (undo, data deletion)."""

    def get_queryset(self) -> ApplicationQuerySet:
        return ApplicationQuerySet(self.model, using=self._db).filter(deleted_at__isnull=True)

    def for_user(self, user: User | int) -> ApplicationQuerySet:
        return self.get_queryset().for_user(user)

    def open(self) -> ApplicationQuerySet:
        return self.get_queryset().open()


class Application(models.Model):
    """One job the user applied for (or was approached about)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    company = models.CharField(max_length=200)
    job_title = models.CharField(max_length=300, blank=True)
    #: Normalised company and title, used to group emails without a shared thread.
    company_key = models.CharField(max_length=200, blank=True, db_index=True)
    title_key = models.CharField(max_length=300, blank=True)
    #: Other spellings of the employer its mail used ("TVG" beside "Tallis-Varga Group"),
    #: which later mail is grouped by too (jobmail.grouping.Opening.aliases).
    company_aliases = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=24, choices=APPLICATION_STATUSES, default=Status.APPLIED)
    #: Date each stage was first reached: {"applied": "2026-10-01T...", ...}.
    stage_dates = models.JSONField(default=dict, blank=True)
    first_activity_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True, db_index=True)
    notes = models.TextField(blank=True)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MAIL)
    #: The user edited the status by hand: later runs never overwrite it.
    status_locked = models.BooleanField(default=False)
    email_count = models.PositiveIntegerField(default=0)
    # What the user knows and mail rarely says; edited inline on the application page.
    posting_url = models.URLField("job posting link", max_length=1000, blank=True)
    location = models.CharField(max_length=200, blank=True)
    work_mode = models.CharField("remote", max_length=8, choices=WorkMode.choices, blank=True)
    salary_range = models.CharField(max_length=100, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices, blank=True)
    applied_on = models.DateField("date applied", null=True, blank=True)
    next_step = models.CharField(max_length=300, blank=True)
    next_step_due = models.DateField("next step due", null=True, blank=True)
    #: Deleted by the user: hidden at once, restorable for UNDO_SECONDS, then removed.
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationManager()
    all_objects = ApplicationQuerySet.as_manager()

    class Meta:
        # Related lookups (email.application) and the admin's raw ids see deleted rows too.
        base_manager_name = "all_objects"
        indexes = [
            models.Index(fields=["user", "-last_activity_at"], name="app_user_activity"),
            models.Index(fields=["user", "status"], name="app_user_status"),
            models.Index(fields=["user", "company_key", "title_key"], name="app_user_keys"),
        ]

    def __str__(self) -> str:
        return f"{self.company} — {self.job_title}" if self.job_title else self.company


class EmailQuerySet(models.QuerySet["Email"]):
    def for_user(self, user: User | int) -> EmailQuerySet:
        return self.filter(user=user)

    def visible(self) -> EmailQuerySet:
        """Everything but tombstones of emails the user deleted."""
        return self.filter(deleted_at__isnull=True)

    def needing_review(self) -> EmailQuerySet:
        return self.visible().filter(needs_review=True)


class Email(models.Model):
    """One message read from the user's mailbox, with its classification."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="emails")
    provider = models.CharField(max_length=8, default="gmail")
    #: Gmail message id, or the Message-ID header for mbox and demo mail.
    provider_message_id = models.CharField(max_length=255)
    rfc822_message_id = models.CharField(max_length=512, blank=True)
    thread_id = models.CharField(max_length=255, blank=True)
    subject = models.CharField(max_length=1000, blank=True)
    sender = models.CharField(max_length=500, blank=True)
    sender_email = models.CharField(max_length=320, blank=True)
    #: The sender's job title from their signature ("Senior Technical Recruiter"), if it says.
    sender_role = models.CharField(max_length=80, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    snippet = models.TextField(blank=True)
    status = models.CharField(max_length=24, choices=CHOICES, default=Status.NOT_JOB)
    company = models.CharField(max_length=200, blank=True)
    job_title = models.CharField(max_length=300, blank=True)
    confidence = models.FloatField(default=0.0)
    is_job_related = models.BooleanField(default=False)
    event_at = models.DateTimeField(null=True, blank=True)
    classifier = models.CharField(max_length=16, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    #: Low-confidence or undecidable: waits in the review queue.
    needs_review = models.BooleanField(default=False)
    review_reason = models.CharField(max_length=200, blank=True)
    #: The user confirmed or corrected the classification by hand.
    user_corrected = models.BooleanField(default=False)
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="emails"
    )
    run = models.ForeignKey(
        "processing.ProcessingRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="emails"
    )
    #: Tombstone: the user deleted this email; later runs must not bring it back.
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EmailQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "provider_message_id"], name="one_email_per_message"),
        ]
        indexes = [
            models.Index(fields=["user", "-received_at"], name="email_user_received"),
            models.Index(fields=["user", "thread_id"], name="email_user_thread"),
            models.Index(fields=["application", "received_at"], name="email_app_received"),
            models.Index(fields=["user", "needs_review"], name="email_user_review"),
        ]

    def __str__(self) -> str:
        return self.subject or self.provider_message_id

    @property
    def sender_name(self) -> str:
        """The display name alone: `sender` is "Name <address>", the address, or what the header held."""
        suffix = f" <{self.sender_email}>"
        if self.sender_email and self.sender.endswith(suffix):
            return self.sender[: -len(suffix)]
        return "" if self.sender == self.sender_email else self.sender

    @property
    def gmail_url(self) -> str:
        if self.provider != "gmail":
            return ""
        return f"https://mail.google.com/mail/u/0/#all/{self.provider_message_id}"


# --- corrections the user made, remembered for later runs ---------------------------------
# Grouping (dashboard/grouping.py) consults these through dashboard/corrections.py only.


class CompanyAlias(models.Model):
    """Mail naming a company with `alias_key` belongs to the company `company_key`
    (a rename, or a merge of two companies' applications)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="company_aliases")
    alias_key = models.CharField(max_length=200)
    company_key = models.CharField(max_length=200)
    #: The name the user gave the company, for applications created later.
    company = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "alias_key"], name="one_alias_per_company_key")]

    def __str__(self) -> str:
        return f"{self.alias_key} → {self.company}"


class ApplicationAlias(models.Model):
    """Mail with these company and title keys belongs to `application` (left by a merge:
    the merged-away application's keys point at the one that survived)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="application_aliases")
    company_key = models.CharField(max_length=200)
    title_key = models.CharField(max_length=300, blank=True)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="aliases")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "company_key", "title_key"], name="one_alias_per_app_keys")
        ]

    def __str__(self) -> str:
        return f"{self.company_key}/{self.title_key} → {self.application_id}"


class SenderLink(models.Model):
    """Mail from `sender_email` belongs to `application`: the user moved one of its emails there."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sender_links")
    sender_email = models.CharField(max_length=320)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="sender_links")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "sender_email"], name="one_link_per_sender")]

    def __str__(self) -> str:
        return f"{self.sender_email} → {self.application_id}"
