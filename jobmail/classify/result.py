"""What every classifier returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from jobmail.taxonomy import VALUES


@dataclass(frozen=True, slots=True)
class Classification:
    status: str
    is_job_related: bool
    company: str = ""
    job_title: str = ""
    confidence: float = 0.0
    #: Date and time of an interview or assessment deadline, when the email names one.
    event_at: datetime | None = None
    #: The classifier could not decide (malformed LLM answer after a retry, ...).
    needs_review: bool = False
    #: Which classifier produced it: "rules", "llm" or "cache".
    classifier: str = "rules"
    #: Rules only: sure enough that the LLM need not be asked.
    certain: bool = False
    #: The email is a meeting invitation (a calendar part or a video-call join block):
    #: in a job thread, that is an interview (see jobmail.grouping.inherit_thread).
    meeting: bool = False
    prompt_tokens: int = 0
    completion_tokens: int = 0
    llm_calls: int = 0
    reasons: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.status not in VALUES:
            raise ValueError(f"Unknown status {self.status!r}")
