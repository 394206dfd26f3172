"""The Gmail search queries that select job-search mail.

Built from the readable filter file jobmail/job_mail.toml:

    ats_domains      senders' domains of applicant-tracking systems (greenhouse.io, ...)
    subject_phrases  phrases in subjects ("thank you for applying", ...)
    exclude_senders  addresses or domains that are never job mail (job-board alerts, ...)

A message is job mail when it comes from one of the domains OR has one of the phrases
in its subject, is not from an excluded sender, was not sent by the user, and falls in
the run's date range. That is listed as the union of a few queries, for example:

    from:(greenhouse.io OR lever.co) -in:sent after:1767225599
    subject:("thank you for applying" OR "interview") -from:(alerts@indeed.com) -in:sent after:1767225599

Why several: googleapiclient sends a GET whose URL exceeds 2,048 characters as a POST
with a method override, and Gmail documents no length limit for `q`; keeping each query
short keeps every request an ordinary GET that Gmail answers as documented. And why the
sender queries usually carry no exclusions: an excluded sender can only match them when
it lies within one of their domains, so only those exclusions are added there.

Dates are Unix seconds (Gmail reads `after:2026/01/01` in the mailbox's own time zone;
seconds are exact).

No Django here: plain functions with plain tests.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jobmail.filters import FILTER_FILE, read_filter_file, string_list

#: Longest URL-encoded query per request: with the rest of the URL it stays under the
#: 2,048 characters past which googleapiclient stops sending a plain GET.
MAX_ENCODED_LENGTH = 1800


@dataclass(frozen=True)
class JobMailFilters:
    ats_domains: tuple[str, ...] = ()
    subject_phrases: tuple[str, ...] = ()
    exclude_senders: tuple[str, ...] = ()


def load_filters(path: Path = FILTER_FILE) -> JobMailFilters:
    """Read the three lists the query needs; other keys of the file are for other readers."""
    data = read_filter_file(path)

    def strings(key: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(string_list({key: _find(data, key)}, key, path)))

    return JobMailFilters(
        ats_domains=strings("ats_domains"),
        subject_phrases=strings("subject_phrases"),
        exclude_senders=strings("exclude_senders"),
    )


def _find(data: dict[str, object], key: str) -> object:
    # The lists may sit at the top level or inside one table (e.g. [gmail]).
    if key in data:
        return data[key]
    for value in data.values():
        if isinstance(value, dict) and key in value:
            return value[key]
    return []


def _bare(value: str) -> str:
    # Domains and addresses never contain spaces, quotes or parentheses; strip any
    # that slipped into the file so they cannot change the query's structure.
    return "".join(ch for ch in value if not ch.isspace() and ch not in '"(){}').lstrip("@")


def _phrase(value: str) -> str:
    # Gmail has no escape for a quote inside a quoted phrase; drop them.
    return '"' + " ".join(value.replace('"', " ").split()) + '"'


def _domain_of(sender: str) -> str:
    return sender.rpartition("@")[2].lower()


def _can_match(excluded: str, domains: Sequence[str]) -> bool:
    """Whether an excluded sender can be among the mail `from:<domain>` selects."""
    other = _domain_of(excluded)
    return any(other == d or other.endswith("." + d) or d.endswith("." + other) for d in (x.lower() for x in domains))


def date_terms(start: datetime | None, end: datetime | None) -> list[str]:
    terms = []
    if start is not None:
        # after:N selects from second N + 1 on; one second earlier includes `start` itself.
        terms.append(f"after:{int(start.timestamp()) - 1}")
    if end is not None:
        terms.append(f"before:{int(end.timestamp())}")
    return terms


def _any_of(operator: str, values: Sequence[str]) -> str:
    return f"{operator}:({' OR '.join(values)})"


def encoded_length(query: str) -> int:
    return len(urllib.parse.quote_plus(query))


def build_queries(
    filters: JobMailFilters,
    start: datetime | None = None,
    end: datetime | None = None,
    *,
    max_length: int = MAX_ENCODED_LENGTH,
) -> list[str]:
    """Queries whose results, together, are the job mail of the range (each one a list call)."""
    domains = [d for d in dict.fromkeys(_bare(d) for d in filters.ats_domains) if d]
    phrases = [p for p in dict.fromkeys(_phrase(p) for p in filters.subject_phrases) if p != '""']
    excluded = [x for x in dict.fromkeys(_bare(x) for x in filters.exclude_senders) if x]
    common = ["-in:sent", *date_terms(start, end)]

    def render(operator: str, values: Sequence[str], exclusions: Sequence[str]) -> str:
        terms = [_any_of(operator, values)] if values else []
        if exclusions:
            terms.append("-" + _any_of("from", exclusions))
        return " ".join(terms + common)

    # Which excluded senders each domain can select, worked out once: _pack renders a
    # growing group again for every domain it adds (80 ms of CPU per listing otherwise).
    selectable = {d: {x for x in excluded if _can_match(x, [d])} for d in domains}

    def for_domains(group: Sequence[str]) -> str:
        wanted = set().union(*(selectable[d] for d in group))
        return render("from", group, [x for x in excluded if x in wanted])

    def for_phrases(group: Sequence[str]) -> str:
        return render("subject", group, excluded)

    queries = _pack(domains, for_domains, max_length) + _pack(phrases, for_phrases, max_length)
    # Nothing to select by: every received message of the range.
    return queries or [render("", [], excluded)]


def _pack(values: Sequence[str], render: Callable[[Sequence[str]], str], max_length: int) -> list[str]:
    """Greedily fill queries with values while their encoded length fits (one value always fits)."""
    queries: list[str] = []
    group: list[str] = []
    for value in values:
        if group and encoded_length(render([*group, value])) > max_length:
            queries.append(render(group))
            group = []
        group.append(value)
    if group:
        queries.append(render(group))
    return queries
