"""Writing a batch of classified messages: emails, applications, cache and counts.

One transaction per batch keeps `processed_emails` exactly equal to what is
stored: a batch is either fully written and counted, or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import F, Q

from dashboard.grouping import assign_emails
from dashboard.models import Email
from jobmail.classify.result import Classification
from jobmail.grouping import inherit_thread
from processing.db import writing
from processing.models import Phase, ProcessingRun, RunStatus


@dataclass(slots=True)
class Result:
    """One listed message after the pipeline is done with it."""

    message_id: str
    thread_id: str = ""
    #: True when the message vanished between listing and fetching.
    missing: bool = False
    rfc822_message_id: str = ""
    subject: str = ""
    sender: str = ""
    sender_email: str = ""
    received_at: datetime | None = None
    snippet: str = ""
    sender_role: str = ""
    classification: Classification | None = None
    content_hash: str = ""
    #: A fresh LLM answer to remember for identical templated emails.
    cache_it: bool = False
    #: Why it waits in the review queue, when the classification does not say.
    review_reason: str = ""


@dataclass(slots=True)
class BatchResult:
    processed: int = 0
    stored: int = 0
    missing: int = 0


def known_message_ids(user_id: int, ids: Sequence[str], chunk: int = 500) -> set[str]:
    """Which of `ids` are stored already, tombstones included (never fetched again)."""
    known: set[str] = set()
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        known.update(
            Email.objects.filter(user_id=user_id, provider_message_id__in=part).values_list(
                "provider_message_id", flat=True
            )
        )
    return known


def begin(run_id: int, total: int, skipped: int) -> None:
    ProcessingRun.objects.filter(pk=run_id, status=RunStatus.STARTED).update(
        total_emails=total, processed_emails=skipped, skipped_emails=skipped, phase=Phase.FETCHING
    )


def _email_for(user_id: int, run_id: int, provider: str, result: Result) -> Email:
    c = result.classification
    assert c is not None
    return Email(
        user_id=user_id,
        run_id=run_id,
        provider=provider,
        provider_message_id=result.message_id[:255],
        rfc822_message_id=result.rfc822_message_id[:512],
        thread_id=result.thread_id[:255],
        subject=result.subject[:1000],
        sender=result.sender[:500],
        sender_email=result.sender_email[:320],
        sender_role=result.sender_role[:80],
        received_at=result.received_at,
        snippet=result.snippet[:1000],
        status=c.status,
        company=c.company[:200],
        job_title=c.job_title[:300],
        confidence=max(0.0, min(1.0, c.confidence)),
        is_job_related=c.is_job_related,
        event_at=c.event_at,
        classifier=c.classifier,
        content_hash=result.content_hash,
        needs_review=c.needs_review,
        review_reason=(result.review_reason or review_reason(c))[:200] if c.needs_review else "",
    )


def classification_to_json(c: Classification) -> dict[str, object]:
    data = asdict(c)
    data["event_at"] = c.event_at.isoformat() if c.event_at else None
    data["reasons"] = list(c.reasons)
    return data


def _stored_for(user_id: int, keys: list[str], threads: set[str]) -> tuple[set[str], list[Email]]:
    """What a batch needs of the stored mail, in one query: which of its messages are
    stored already (tombstones included), and the live emails of its threads."""
    wanted = Q(provider_message_id__in=keys)
    if threads:
        wanted |= Q(thread_id__in=threads, deleted_at__isnull=True)
    rows = list(Email.objects.filter(user_id=user_id).filter(wanted))
    already = {e.provider_message_id for e in rows} & set(keys)
    return already, [e for e in rows if e.thread_id in threads and e.deleted_at is None]


def _inherit_threads(emails: list[Email], meetings: list[bool], in_threads: list[Email]) -> list[Email]:
    """Every email of a thread about an application is job mail (a thread is one
    conversation): the batch's new emails in such a thread, and earlier ones stored
    as not job mail (unless the user said so). `in_threads` are the stored emails of
    the batch's threads. Returns those earlier emails, to be grouped with the batch."""
    job_threads = {e.thread_id for e in [*in_threads, *emails] if e.is_job_related and e.thread_id}
    if not job_threads:
        return []
    for email, meeting in zip(emails, meetings, strict=True):
        email.status, email.is_job_related = inherit_thread(
            email.status, email.is_job_related, meeting, email.thread_id in job_threads
        )
    earlier = [
        e
        for e in in_threads
        if e.thread_id in job_threads and not e.is_job_related and not e.user_corrected and e.application_id is None
    ]
    for email in earlier:
        email.status, email.is_job_related = inherit_thread(email.status, False, False, True)
    if earlier:
        Email.objects.bulk_update(earlier, ["status", "is_job_related"])
    return earlier


def store_batch(
    run_id: int, user_id: int, provider: str, results: Iterable[Result], *, urgent: bool = False
) -> BatchResult:
    from processing.models import ClassificationCache

    results = list(results)
    outcome = BatchResult(processed=len(results))
    # No savepoint of its own: inside a caller's transaction (a stopping run's last
    # batch, runs._store_last_batch) the caller's savepoint covers it, two round trips
    # fewer while a cancel waits for this write.
    with writing(urgent=urgent), transaction.atomic(savepoint=False):
        present = [r for r in results if not r.missing and r.classification is not None]
        outcome.missing = len(results) - len(present)
        threads = {r.thread_id[:255] for r in present if r.thread_id}
        already, in_threads = _stored_for(user_id, [r.message_id[:255] for r in present], threads)
        seen: set[str] = set()
        new_emails = []
        meetings: list[bool] = []
        for result in present:
            key = result.message_id[:255]
            if key in already or key in seen:
                continue
            seen.add(key)
            new_emails.append(_email_for(user_id, run_id, provider, result))
            meetings.append(bool(result.classification and result.classification.meeting))
        new_threads = {e.thread_id for e in new_emails if e.thread_id}
        in_threads = [e for e in in_threads if e.thread_id in new_threads]
        earlier = _inherit_threads(new_emails, meetings, in_threads)
        # Grouped before they are inserted: each new email is written once, with its
        # application, instead of inserted and then updated.
        thread_applications = {(e.thread_id, e.application_id) for e in in_threads if e.application_id is not None}
        assign_emails(user_id, [*earlier, *new_emails], thread_applications=thread_applications)
        created = Email.objects.bulk_create(new_emails)
        outcome.stored = len(created)
        cache_rows = [
            ClassificationCache(
                user_id=user_id,
                content_hash=r.content_hash,
                result=classification_to_json(r.classification),
            )
            for r in present
            if r.cache_it and r.content_hash and r.classification is not None
        ]
        if cache_rows:
            ClassificationCache.objects.bulk_create(cache_rows, ignore_conflicts=True)
        llm_calls = sum(r.classification.llm_calls for r in present if r.classification)
        prompt_tokens = sum(r.classification.prompt_tokens for r in present if r.classification)
        completion_tokens = sum(r.classification.completion_tokens for r in present if r.classification)
        ProcessingRun.objects.filter(pk=run_id).update(
            processed_emails=F("processed_emails") + outcome.processed,
            stored_emails=F("stored_emails") + outcome.stored,
            missing_emails=F("missing_emails") + outcome.missing,
            llm_calls=F("llm_calls") + llm_calls,
            prompt_tokens=F("prompt_tokens") + prompt_tokens,
            completion_tokens=F("completion_tokens") + completion_tokens,
            phase=Phase.CLASSIFYING,
        )
    return outcome


def review_reason(c: Classification) -> str:
    """Why an email waits for review, in the user's words."""
    if "LLM unavailable" in c.reasons:
        return "The LLM server could not be reached, so this is the rules' guess."
    if c.classifier == "llm" or c.llm_calls:
        return "The LLM's answer could not be used, so this is the rules' guess."
    return "The classifier could not decide."
