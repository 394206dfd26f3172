"""The Gmail search query builder (plain functions, no Django)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from jobmail.filters import FILTER_FILE
from jobmail.gmail_query import (
    MAX_ENCODED_LENGTH,
    JobMailFilters,
    build_queries,
    encoded_length,
    load_filters,
)

FILTERS = JobMailFilters(
    ats_domains=("greenhouse.io", "lever.co"),
    subject_phrases=("thank you for applying", "your application"),
    exclude_senders=("jobs-digest@linkedin.com", "newsletter.example", "no-reply@marketing.greenhouse.io"),
)


def test_it_selects_ats_senders_and_subject_phrases_in_separate_queries() -> None:
    senders, subjects = build_queries(FILTERS)
    assert senders.startswith("from:(greenhouse.io OR lever.co) ")
    assert subjects.startswith('subject:("thank you for applying" OR "your application") ')


def test_it_excludes_listed_senders_where_they_can_match() -> None:
    senders, subjects = build_queries(FILTERS)
    # Only an excluded sender inside an ATS domain can be selected by the sender query.
    assert "-from:(no-reply@marketing.greenhouse.io)" in senders
    assert "linkedin" not in senders
    assert "-from:(jobs-digest@linkedin.com OR newsletter.example OR no-reply@marketing.greenhouse.io)" in subjects


def test_it_excludes_mail_the_user_sent() -> None:
    assert all(q.endswith("-in:sent") for q in build_queries(FILTERS))


def test_it_limits_the_range_with_exact_unix_seconds() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    end = datetime(2026, 2, 1, tzinfo=UTC)
    for query in build_queries(FILTERS, start, end):
        assert query.endswith(f"-in:sent after:{int(start.timestamp()) - 1} before:{int(end.timestamp())}")


def test_it_has_no_date_terms_without_dates() -> None:
    for query in build_queries(FILTERS):
        assert "after:" not in query
        assert "before:" not in query


def test_it_cannot_be_broken_by_quotes_or_parentheses_in_the_file() -> None:
    filters = JobMailFilters(ats_domains=("@evil.example) OR (x",), subject_phrases=('say "hi" (now)',))
    senders, subjects = build_queries(filters)
    assert senders == "from:(evil.exampleORx) -in:sent"
    assert subjects == 'subject:("say hi (now)") -in:sent'


def test_it_lists_all_received_mail_when_the_file_selects_nothing() -> None:
    assert build_queries(JobMailFilters()) == ["-in:sent"]
    assert build_queries(JobMailFilters(exclude_senders=("a@b.example",))) == ["-from:(a@b.example) -in:sent"]


def test_it_splits_long_filter_lists_into_several_short_queries() -> None:
    domains = tuple(f"ats{i}.example" for i in range(300))
    filters = JobMailFilters(ats_domains=domains)
    queries = build_queries(filters, datetime(2026, 1, 1, tzinfo=UTC), max_length=500)
    assert len(queries) > 1
    assert all(encoded_length(q) <= 500 for q in queries)
    assert all(q.endswith(") -in:sent after:1767225599") for q in queries)
    found = [d for q in queries for d in q.removeprefix("from:(").split(")")[0].split(" OR ")]
    assert found == list(domains)


def test_it_reads_the_three_lists_from_a_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "filters.toml"
    path.write_text(
        'ats_domains = ["greenhouse.io", "greenhouse.io", " lever.co "]\n'
        'subject_phrases = ["interview"]\n'
        "exclude_senders = []\n"
        "[classifier]\nother = 1\n"
    )
    assert load_filters(path) == JobMailFilters(("greenhouse.io", "lever.co"), ("interview",), ())


def test_it_refuses_a_list_of_the_wrong_type(tmp_path: Path) -> None:
    path = tmp_path / "filters.toml"
    path.write_text('ats_domains = "greenhouse.io"\n')
    with pytest.raises(ValueError, match="ats_domains"):
        load_filters(path)


def test_it_builds_short_queries_from_the_repository_filter_file() -> None:
    filters = load_filters(FILTER_FILE)
    assert filters.ats_domains
    assert filters.subject_phrases
    queries = build_queries(filters)
    assert all(encoded_length(q) <= MAX_ENCODED_LENGTH for q in queries)
    assert all(q.count("(") == q.count(")") and q.endswith("-in:sent") for q in queries)
    text = " ".join(queries)
    assert all(domain in text for domain in filters.ats_domains)
