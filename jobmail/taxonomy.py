"""The one status vocabulary of Jobtrail.

Every part of the product that speaks about what an email means — the rules
classifier, the LLM prompt and its JSON schema, the models, the UI badges and
the manual edit form — imports it from here, so the words never drift apart.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """A status is its value ("applied"), so it compares and stores as a plain string."""

    APPLIED = "applied"
    REJECTED = "rejected"
    INTERVIEW = "interview"
    ASSESSMENT = "assessment"
    OFFER = "offer"
    RECRUITER_OUTREACH = "recruiter_outreach"
    ACTION_REQUIRED = "action_required"
    WITHDRAWN = "withdrawn"
    OTHER_JOB = "other_job"
    NOT_JOB = "not_job"

    @property
    def label(self) -> str:
        return LABELS[self]


#: How each status is named to people: badges, forms, exports.
LABELS: dict[str, str] = {
    Status.APPLIED: "Applied",
    Status.REJECTED: "Rejected",
    Status.INTERVIEW: "Interview",
    Status.ASSESSMENT: "Assessment",
    Status.OFFER: "Offer",
    Status.RECRUITER_OUTREACH: "Recruiter outreach",
    Status.ACTION_REQUIRED: "Action required",
    Status.WITHDRAWN: "Withdrawn",
    Status.OTHER_JOB: "Other job-related",
    Status.NOT_JOB: "Not job-related",
}

#: Every status value, in the vocabulary's order.
VALUES: tuple[str, ...] = tuple(status.value for status in Status)

#: (value, label) pairs for model fields and forms.
CHOICES: list[tuple[str, str]] = [(status.value, LABELS[status]) for status in Status]


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

#: The order people read an application's statuses in: the hiring steps, then the ends,
#: then the rest. Sorting, the export's columns and the chart's counts all use it.
PIPELINE_ORDER: tuple[str, ...] = (
    Status.RECRUITER_OUTREACH,
    Status.APPLIED,
    Status.ACTION_REQUIRED,
    Status.ASSESSMENT,
    Status.INTERVIEW,
    Status.OFFER,
    Status.REJECTED,
    Status.WITHDRAWN,
    Status.OTHER_JOB,
)

#: Statuses an application can have (everything except "not job-related").
APPLICATION_STATUSES: list[tuple[str, str]] = [(value, label) for value, label in CHOICES if value != Status.NOT_JOB]
