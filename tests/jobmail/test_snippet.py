"""Snippets end at a word, with an ellipsis when the email goes on."""

from __future__ import annotations

from jobmail.message import SNIPPET_CHARS, parse_message, snippet_of


def test_it_keeps_a_short_text_whole() -> None:
    assert snippet_of("Thank you for\n applying.") == "Thank you for applying."


def test_it_cuts_a_long_text_at_a_word_with_an_ellipsis() -> None:
    text = "word " * 100
    snippet = snippet_of(text)
    assert len(snippet) <= SNIPPET_CHARS
    assert snippet.endswith("word…")
    assert "wor…" not in snippet


def test_it_cuts_one_endless_word_where_it_stands() -> None:
    snippet = snippet_of("See https://example.com/" + "a" * 400)
    assert len(snippet) == SNIPPET_CHARS
    assert snippet.endswith("a…")


def test_a_links_address_shows_as_its_host_in_the_snippet() -> None:
    html = (
        "<p>Hi Dana, please pick a time for your interview:</p>"
        '<p><a href="https://schedule.example.com/book/3f9a2c7d1e?token=abc123">Book a time</a></p>'
    )
    raw = (
        "From: Acme <jobs@acme.example>\nSubject: Interview\nMessage-ID: <l@x>\n"
        f"Content-Type: text/html; charset=utf-8\n\n{html}"
    )
    snippet = parse_message(raw.encode()).snippet
    assert "token" not in snippet
    assert "[schedule.example.com]" in snippet
