"""What the user corrected by hand, as grouping reads it.

Grouping asks three questions, answered from the user's own corrections (the
`CompanyAlias`, `ApplicationAlias` and `SenderLink` rows written by the actions in
`dashboard/actions.py`):

- which company does a company key really mean (a rename or a merge)?
- does mail with these company and title keys belong to one application (a merge)?
- does mail from this sender belong to one application (an email moved by hand)?

`Remembered.load` reads them once per batch of emails; grouping stays free to change
its own rules around these answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import BigIntegerField, Value

from dashboard.models import ApplicationAlias, CompanyAlias, SenderLink
from jobmail.text.names import normalise_key

# Addresses shared by many employers (an applicant-tracking system's no-reply) say
# nothing about which application a message is about: moving one of their emails must
# not pull all their mail along.
_SHARED_SENDER = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?|notify|mailer(?:-daemon)?|bounces?|alerts?|"
    r"jobs?-?noreply|info|hello|support|team)(?:[+@]|$)",
    re.IGNORECASE,
)


def is_personal_sender(address: str) -> bool:
    """Whether mail from `address` is about one application (a person, a company's own
    careers address) rather than a shared no-reply."""
    return "@" in address and _SHARED_SENDER.match(address) is None


@dataclass
class Remembered:
    companies: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias key → (key, name)
    applications: dict[tuple[str, str], int] = field(default_factory=dict)  # (company, title) → id
    senders: dict[str, int] = field(default_factory=dict)  # address → application id

    @classmethod
    def load(cls, user_id: int) -> Remembered:
        """All three kinds in one query (a UNION): it runs in every batch write, and a
        stopping run's last batch is written while its cancel waits."""
        none = Value("")
        no_app = Value(None, output_field=BigIntegerField())
        companies = CompanyAlias.objects.filter(user_id=user_id).values_list(
            Value(0), "alias_key", "company_key", "company", no_app
        )
        applications = ApplicationAlias.objects.filter(
            user_id=user_id, application__deleted_at__isnull=True
        ).values_list(Value(1), "company_key", "title_key", none, "application_id")
        senders = SenderLink.objects.filter(user_id=user_id, application__deleted_at__isnull=True).values_list(
            Value(2), "sender_email", none, none, "application_id"
        )
        remembered = cls()
        for kind, first, second, name, app_id in companies.order_by().union(
            applications.order_by(), senders.order_by(), all=True
        ):
            if kind == 0:
                remembered.companies[first] = (second, name)
            elif kind == 1:
                remembered.applications[(first, second)] = app_id
            else:
                remembered.senders[first] = app_id
        return remembered

    def company_name_for(self, company: str) -> str:
        """`company` as the user named it, if they renamed or merged it; else unchanged."""
        alias = self.companies.get(normalise_key(company))
        return alias[1] if alias is not None else company

    def application_for(self, company_key: str, title_key: str, sender_email: str) -> int | None:
        """The application the user's corrections put this mail in, if any."""
        if company_key:
            pinned = self.applications.get((company_key, title_key))
            if pinned is None and not title_key:
                # A title-less email of a company whose every merged role points one way.
                targets = {app for (company, _), app in self.applications.items() if company == company_key}
                pinned = targets.pop() if len(targets) == 1 else None
            if pinned is not None:
                return pinned
        address = sender_email.lower()
        return self.senders.get(address) if is_personal_sender(address) else None
