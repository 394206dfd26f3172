"""Cleaning: the words a person would read in the new part of an email, and nothing else."""

from __future__ import annotations

import pytest

from jobmail.text.clean import (
    clean_text,
    collapse_whitespace,
    shorten_urls,
    signature,
    strip_quoted,
    strip_signature,
)
from jobmail.text.html import MAX_HTML_CHARS, html_to_text
from tests.jobmail.messages import message

NEWSLETTER_HTML = """<!DOCTYPE html>
<html><head><title>Acme mail</title><style>.x { color: red }</style>
<script>track("open")</script></head>
<body>
<span style="display:none; font-size:0; max-height:0">Preheader: you will love this</span>
<div class="preheader">Another preheader</div>
<table><tr><td>Hi&nbsp;Dana,</td></tr>
<tr><td><p>We&#39;d like to <b>invite you</b> to an interview &amp; a coffee.</p>
<p>Pick a slot: <a href="https://calendly.example/acme/abc?utm=1">choose a time</a></p></td></tr></table>
<img src="https://t.example/open.gif" width="1" height="1" alt="">
<img src="logo.png" alt="Acme logo">
<noscript>Enable scripts</noscript><template><p>template text</p></template>
<svg><text>svg text</text></svg>
<div aria-hidden="true">decorative</div><p hidden>hidden attribute</p>
<p style="visibility: hidden">invisible</p><p style="opacity:0">transparent</p>
<p style="opacity:0.9; font-size:0.9em">Still visible</p>
</body></html>"""


def test_it_keeps_only_the_visible_text_of_html() -> None:
    text = html_to_text(NEWSLETTER_HTML)
    assert text == (
        "Hi Dana,\n\nWe'd like to invite you to an interview & a coffee.\n\n"
        "Pick a slot: choose a time <https://calendly.example/acme/abc?utm=1>\n\nStill visible"
    )


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>alert(1)</script>",
        "<style>p {}</style>",
        '<span style="DISPLAY: NONE !important">x</span>',
        '<div style="max-height:0px;overflow:hidden">x</div>',
        '<div style="font-size:0px">x</div>',
        '<div style="mso-hide:all">x</div>',
        "<div hidden>x</div>",
        '<div aria-hidden="true">x</div>',
        "<head><title>x</title></head>",
        '<img src="pixel.gif" width="1" height="1" alt="x">',
    ],
)
def test_it_drops_hidden_content(hidden: str) -> None:
    assert html_to_text(f"<p>before</p>{hidden}<p>after</p>") == "before\n\nafter"


def test_it_does_not_let_an_unclosed_head_hide_the_body() -> None:
    assert html_to_text("<html><head><title>T</title><body><p>Your application</p>") == "Your application"


def test_it_survives_broken_html() -> None:
    # Tokenised as a browser does: `<![if !mso]>` and a trailing `<!` are comments.
    assert html_to_text("<div><p>one<p>two</div></span><![if !mso]>three<!") == "one\n\ntwo\n\nthree"
    assert html_to_text("<" * 10_000) == "<" * 10_000
    assert html_to_text("<div>" * 200 + "deep") == "deep"
    assert html_to_text("") == html_to_text("   ") == ""


def test_it_reads_the_text_around_an_unclosed_comment_bomb() -> None:
    # `<!--` x 50,000 took html.parser 13-37 s (CVE-2025-6069); all of it is one comment.
    assert html_to_text("<p>Thank you for applying</p>" + "<!--" * 50_000) == "Thank you for applying"


def test_it_caps_the_markup_it_parses() -> None:
    blocks = html_to_text("<p>a</p>" * 30_000).split("\n\n")
    assert len(blocks) == MAX_HTML_CHARS // len("<p>a</p>")
    # Shapes that are quadratic in other parsers give their text or nothing, never an error.
    assert html_to_text("<select>" + "<option>x" * 40_000).count("x") == (MAX_HTML_CHARS - 8) // 9
    assert html_to_text("<div>" * 50_000 + "deep") == ""  # past the cap: never reached


def test_it_keeps_preformatted_whitespace() -> None:
    assert html_to_text("<pre>a  b\n  c</pre>") == "a b\nc"  # lines are still collapsed for the prompt


def test_it_removes_quoted_lines_and_english_reply_headers() -> None:
    text = (
        "Thanks, Tuesday works.\n\n"
        "On Mon, Sep 7, 2026 at 10:12 AM Jane Recruiter <\njane@acme.example> wrote:\n"
        "> Are you free on Tuesday?\n> Best, Jane"
    )
    assert strip_quoted(text).strip() == "Thanks, Tuesday works."
    assert strip_quoted("Reply\n> quoted line\nmore reply").strip() == "Reply\nmore reply"


@pytest.mark.parametrize(
    "header",
    [
        "Am 07.09.2026 um 10:12 schrieb Jana Köhler <jana@acme.example>:",
        "Le lun. 7 sept. 2026 à 10:12, Camille Rousseau <camille@acme.example> a écrit :",
        "El lun, 7 sept 2026 a las 10:12, Pablo <pablo@acme.example> escribió:",
        "-----Original Message-----",
        "----- Ursprüngliche Nachricht -----",
        "From: Jane Recruiter <jane@acme.example>\nSent: Monday, September 7, 2026 10:12\nTo: Dana",
        "________________________________\nVon: Jana Köhler\nGesendet: Montag, 7. September 2026 10:12",
        "De : Camille Rousseau\nEnvoyé : lundi 7 septembre 2026 10:12",
    ],
)
def test_it_cuts_reply_history_in_several_languages(header: str) -> None:
    text = f"New text from the sender.\n\n{header}\nOld text we do not want."
    assert strip_quoted(text).strip() == "New text from the sender."


def test_it_keeps_text_that_only_looks_like_a_reply_header() -> None:
    text = "On Monday we will decide, as the panel wrote:\nnothing quoted here"
    assert strip_quoted(text) == text


def test_it_keeps_a_message_that_is_all_quote() -> None:
    text = "-----Original Message-----\nFrom: Acme\nUnfortunately we will not proceed."
    assert strip_quoted(text) == text


def test_it_cuts_the_signature_and_mobile_footers() -> None:
    assert strip_signature("Thanks!\n\nDana\n-- \nDana Demo\n+49 30 1234").strip() == "Thanks!\n\nDana"
    for footer in (
        "Sent from my iPhone",
        "Von meinem iPhone gesendet",
        "Envoyé de mon iPhone",
        "Enviado desde mi iPhone",
        "Get Outlook for Android",
    ):
        assert strip_signature(f"Sounds good.\n\n{footer}").strip() == "Sounds good."


def test_it_drops_trailing_legal_and_unsubscribe_blocks_only() -> None:
    text = (
        "Hi Dana,\n\nTo unsubscribe from nothing: this sentence stays because it is not at the end.\n\n"
        "Best, Acme\n\n"
        "This email and any attachments are confidential and intended solely for the addressee.\n"
        "If you are not the intended recipient, please delete it.\n\n"
        "Unsubscribe | Privacy policy"
    )
    assert strip_signature(text) == (
        "Hi Dana,\n\nTo unsubscribe from nothing: this sentence stays because it is not at the end.\n\nBest, Acme"
    )


def test_it_keeps_a_bare_double_dash_followed_by_content() -> None:
    text = "Interview details\n--\n" + "\n".join(f"line {i}" for i in range(12))
    assert strip_signature(text) == text
    assert signature(text) == ""


def test_it_gives_the_signature_it_cuts() -> None:
    assert signature("Thanks!\n\nDana\n-- \nDana Demo\nTalent Partner | Acme\n") == "Dana Demo\nTalent Partner | Acme"
    # Not one in the quoted history, nor a legal footer below it.
    assert signature("Sure.\n\nOn Tue, Jordan wrote:\n> Hi\n> -- \n> Jordan Reyes\n> Acme") == ""
    assert signature("Hi\n-- \nJordan Reyes\nAcme Labs\n\nThis email is confidential and intended only for you.") == (
        "Jordan Reyes\nAcme Labs"
    )
    assert signature("No signature here.") == ""


def test_it_collapses_whitespace_and_invisible_characters() -> None:
    assert collapse_whitespace("  a\u00a0\u00a0b\u200b \t\r\n\r\n\r\n\n c\u00ad  ") == "a b\n\nc"


def test_it_shortens_urls_to_their_host() -> None:
    text = "Apply: https://boards.greenhouse.io/acme/jobs/123?gh_src=abc and <https://www.acme.example/x>."
    assert shorten_urls(text) == "Apply: [boards.greenhouse.io] and [acme.example]."


def test_it_cleans_a_message_in_order() -> None:
    body = (
        "Hi Dana,\n\n\n\nplease see   https://acme.example/p?x=1 for details.\n\n"
        "On Tue, Sep 8, 2026 at 9:00 AM Dana <dana@example.com> wrote:\n> earlier\n-- \nsig"
    )
    assert clean_text(message(body).body_text) == "Hi Dana,\n\nplease see [acme.example] for details."


def test_it_shows_text_that_sets_its_own_size_inside_a_zero_font_wrapper() -> None:
    # Layout templates zero the wrapper's font size and size the text inside.
    html = (
        '<table style="font-size:0px"><tr><td style="font-size:0px;padding:0">'
        '<div style="font-family:Arial;font-size:14px;line-height:1">We received your application.</div>'
        '<span style="font-size:0">spacer</span></td></tr></table>'
    )
    assert html_to_text(html) == "We received your application."
