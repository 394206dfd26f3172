"""The one status vocabulary of Jobtrail.

Every part of the product that speaks about what an email means — the rules
classifier, the LLM prompt and its JSON schema, the models, the UI badges and
the manual edit form — imports it from here, so the words never drift apart.
"""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    APPLIED = "applied", "Applied"
    REJECTED = "rejected", "Rejected"
    INTERVIEW = "interview", "Interview"
    ASSESSMENT = "assessment", "Assessment"
    OFFER = "offer", "Offer"
    RECRUITER_OUTREACH = "recruiter_outreach", "Recruiter outreach"
    ACTION_REQUIRED = "action_required", "Action required"
    WITHDRAWN = "withdrawn", "Withdrawn"
    OTHER_JOB = "other_job", "Other job-related"
    NOT_JOB = "not_job", "Not job-related"


#: One written definition per status. Used verbatim in the LLM system prompt,
#: the docs and the UI's help text.
DEFINITIONS: dict[str, str] = {
    Status.APPLIED: (
        "The employer or its applicant-tracking system confirms that the user's "
        "application for a specific role was received."
    ),
    Status.REJECTED: (
        "The employer declines the user's application, directly or indirectly "
        '("we have decided to move forward with other candidates", "the position '
        'has been filled").'
    ),
    Status.INTERVIEW: (
        "An invitation to, scheduling of, or confirmation of an interview or a call "
        "with the employer (phone screen, video call, on-site)."
    ),
    Status.ASSESSMENT: (
        "A request to complete a test, coding challenge, take-home assignment or "
        "questionnaire as part of the hiring process."
    ),
    Status.OFFER: "The employer offers the user the job, or sends the offer letter or contract.",
    Status.RECRUITER_OUTREACH: (
        "A recruiter or hiring manager contacts the user about a role the user has not applied for."
    ),
    Status.ACTION_REQUIRED: (
        "The employer asks the user to do something other than an assessment to keep "
        "an application going: provide documents or availability, confirm details, "
        "complete a profile."
    ),
    Status.WITHDRAWN: "The user's application was withdrawn, by the user or on the user's request.",
    Status.OTHER_JOB: (
        "Related to the user's own job search but none of the above: a status update "
        "without a decision, a thank-you, a follow-up."
    ),
    Status.NOT_JOB: (
        "Not about the user's own applications: newsletters, job-alert digests, "
        "social-network notifications, receipts, personal and other mail."
    ),
}

#: How far along the hiring process a status is. A later email only moves an
#: application forward along this order; terminal statuses (rejected, withdrawn,
#: offer) are handled explicitly by the grouping code.
PROGRESS: dict[str, int] = {
    Status.RECRUITER_OUTREACH: 0,
    Status.OTHER_JOB: 0,
    Status.APPLIED: 1,
    Status.ACTION_REQUIRED: 2,
    Status.ASSESSMENT: 3,
    Status.INTERVIEW: 4,
    Status.OFFER: 5,
}

TERMINAL: frozenset[str] = frozenset({Status.REJECTED, Status.WITHDRAWN})

#: Statuses an application can have (everything except "not job-related").
APPLICATION_STATUSES: list[tuple[str, str]] = [
    (value, label) for value, label in Status.choices if value != Status.NOT_JOB
]


def is_job_status(status: str) -> bool:
    return status != Status.NOT_JOB
