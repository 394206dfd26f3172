"""parse_message: real mail is broken in every way."""

from __future__ import annotations

import base64
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobmail.message import MAX_PARTS, parse_message
from jobmail.text.clean import clean_text

PLAIN = (
    b"From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <Juergen.Mueller@Example.DE>\r\n"
    b"To: Dana Demo <dana@example.com>\r\n"
    b"Subject: Your application\r\n"
    b"Date: Tue, 09 Sep 2025 10:00:00 +0200\r\n"
    b"Message-ID: <abc@example.de>\r\n"
    b"References: <first@example.de> <second@example.de>\r\n"
    b"In-Reply-To: <second@example.de>\r\n"
    b"List-Unsubscribe: <mailto:unsubscribe@example.de>\r\n"
    b"X-Unrelated: dropped\r\n"
    b"\r\n"
    b"Hello Dana,\r\n\r\nthank you for your application.\r\n"
)


def alternative(plain: str, html: str) -> bytes:
    return (
        "From: jobs@acme.example\r\nSubject: Both\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/alternative; boundary="b"\r\n\r\n'
        f"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{plain}\r\n"
        f"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--b--\r\n"
    ).encode()


def test_it_parses_the_fields_of_a_plain_message() -> None:
    parsed = parse_message(PLAIN)
    assert parsed.message_id == "<abc@example.de>"
    assert parsed.rfc822_message_id == "<abc@example.de>"
    assert parsed.thread_id == "<first@example.de>"
    assert parsed.subject == "Your application"
    assert parsed.sender == "Jürgen Müller <juergen.mueller@example.de>"
    assert parsed.sender_name == "Jürgen Müller"
    assert parsed.sender_email == "juergen.mueller@example.de"
    assert parsed.to == "Dana Demo <dana@example.com>"
    assert parsed.received_at == datetime(2025, 9, 9, 8, 0, tzinfo=UTC)
    assert parsed.body_text == "Hello Dana,\n\nthank you for your application."
    assert parsed.snippet == "Hello Dana, thank you for your application."
    assert not parsed.body_html_present
    assert parsed.raw_size == len(PLAIN)
    assert parsed.headers["list-unsubscribe"] == "<mailto:unsubscribe@example.de>"
    assert parsed.headers["in-reply-to"] == "<second@example.de>"
    assert "x-unrelated" not in parsed.headers


@pytest.mark.parametrize(
    ("date", "offset"),
    [
        ("Tue, 09 Sep 2025 10:00:00 +0200", 120),
        ("Tue, 08 Sep 2026 19:30:00 -0400 (EDT)", -240),
        ("Wed, 09 Sep 2026 05:00:00 +0530", 330),
        ("Wed, 09 Sep 2026 05:00:00 +2300", None),
        ("Wed, 09 Sep 2026 05:00:00 GMT", None),
        ("", None),
    ],
)
def test_it_reads_the_senders_utc_offset_from_the_date_header(date: str, offset: int | None) -> None:
    parsed = parse_message(f"Date: {date}\r\nSubject: x\r\n\r\nbody".encode())
    assert parsed.sender_utc_offset == offset


def test_it_prefers_the_callers_ids_and_date() -> None:
    internal = datetime(2025, 1, 2, 3, 4, tzinfo=timezone(timedelta(hours=2)))
    parsed = parse_message(PLAIN, provider_id="18c0ffee", thread_id="18c0", internal_date=internal)
    assert (parsed.message_id, parsed.thread_id) == ("18c0ffee", "18c0")
    assert parsed.rfc822_message_id == "<abc@example.de>"
    assert parsed.received_at == datetime(2025, 1, 2, 1, 4, tzinfo=UTC)


def test_it_takes_the_thread_from_gmail_then_in_reply_to_then_itself() -> None:
    gmail = parse_message(b"Message-ID: <m@x>\nX-GM-THRID: 1700\nReferences: <r@x>\n\nbody")
    assert gmail.thread_id == "1700"
    reply = parse_message(b"Message-ID: <m@x>\nIn-Reply-To: <parent@x>\n\nbody")
    assert reply.thread_id == "<parent@x>"
    alone = parse_message(b"Message-ID: <m@x>\n\nbody")
    assert alone.thread_id == "<m@x>"


def test_it_derives_a_stable_id_from_the_bytes_without_message_id() -> None:
    first = parse_message(b"Subject: no id\n\nbody")
    assert first.message_id.startswith("sha256:")
    assert first.message_id == parse_message(b"Subject: no id\n\nbody").message_id
    assert first.message_id != parse_message(b"Subject: no id\n\nother body").message_id
    assert first.rfc822_message_id == ""


def test_it_decodes_encoded_word_subjects() -> None:
    # A multi-byte character split across two adjacent encoded words, and Latin-1 Q-encoding.
    split = base64.b64encode("Bewerbung – Entwickler".encode()[:11]).decode()
    rest = base64.b64encode("Bewerbung – Entwickler".encode()[11:]).decode()
    raw = f"Subject: =?UTF-8?B?{split}?=\r\n =?UTF-8?B?{rest}?=\r\n\r\nx".encode()
    assert parse_message(raw).subject == "Bewerbung – Entwickler"
    latin = b"Subject: =?iso-8859-1?q?Candidature_re=E7ue?= pour =?ISO-8859-1?Q?d=E9veloppeur?=\n\nx"
    assert parse_message(latin).subject == "Candidature reçue pour développeur"


def test_it_keeps_encoded_word_garbage_readable() -> None:
    raw = b"Subject: =?x-unknown-charset?B?SGVsbG8=?= =?utf-8?B?!!!not base64?= =?utf-8?Q?caf=E9?=\n\nx"
    subject = parse_message(raw).subject
    assert subject.startswith("Hello")
    assert "caf" in subject


def test_it_reads_raw_utf8_headers() -> None:
    raw = "From: Zoë Ångström <zoe@example.se>\nSubject: Intervjú – nästa steg\n\nx".encode()
    parsed = parse_message(raw)
    assert parsed.subject == "Intervjú – nästa steg"
    assert parsed.sender_name == "Zoë Ångström"


def test_it_parses_display_names_with_commas() -> None:
    raw = b"From: =?utf-8?q?Doe=2C_Jane?= <jane@example.com>\nSubject: x\n\nx"
    parsed = parse_message(raw)
    assert (parsed.sender_name, parsed.sender_email) == ("Doe, Jane", "jane@example.com")


def test_it_uses_the_plain_part_of_an_alternative_once() -> None:
    parsed = parse_message(alternative("Plain words for the reader here, eight or more.", "<p>Html words</p>"))
    assert parsed.body_text == "Plain words for the reader here, eight or more."
    assert parsed.body_html_present
    assert "Html" not in parsed.body_text


def test_it_reads_the_html_part_when_the_plain_part_is_a_placeholder() -> None:
    html = "<p>We received your application for the Data Engineer role and will review it.</p>"
    parsed = parse_message(alternative("View in browser", html))
    assert parsed.body_text == "We received your application for the Data Engineer role and will review it."


def test_it_reads_html_only_mail() -> None:
    raw = (
        b"Subject: x\nContent-Type: text/html; charset=utf-8\n\n"
        b"<html><head><title>T</title></head><body><p>Hallo &amp; willkommen</p></body></html>"
    )
    parsed = parse_message(raw)
    assert parsed.body_text == "Hallo & willkommen"
    assert parsed.body_html_present


def test_it_survives_an_unknown_or_unfit_charset() -> None:
    for charset in (b"x-no-such-charset", b"base64", b"zlib", b"idna", b'"utf-8\x00"'):
        raw = b"Subject: x\nContent-Type: text/plain; charset=" + charset + b"\n\ncaf\xc3\xa9 au lait"
        assert parse_message(raw).body_text == "café au lait", charset


def test_it_reads_latin1_mislabelled_as_utf8() -> None:
    raw = b"Subject: x\nContent-Type: text/plain; charset=utf-8\n\nSch\xf6ne Gr\xfc\xdfe aus M\xfcnchen"
    assert parse_message(raw).body_text == "Schöne Grüße aus München"


def test_it_reads_what_it_can_of_broken_base64_and_quoted_printable() -> None:
    good = base64.b64encode(b"Thank you for applying to Acme.").decode()
    raw = (
        f"Subject: x\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n{good[:10]}!!$$\n{good[10:-3]}"
    ).encode()
    assert parse_message(raw).body_text.startswith("Thank you for applying to Ac")
    qp = b"Subject: x\nContent-Transfer-Encoding: quoted-printable\n\nBewerbung f=C3=BCr =ZZ soft=\nbreak"
    assert parse_message(qp).body_text == "Bewerbung für =ZZ softbreak"


def test_it_survives_malformed_mime() -> None:
    samples = [
        b"Content-Type: multipart/mixed; boundary=never-used\n\nno parts at all",
        b"Content-Type: multipart/mixed\n\n--\n--\n",
        b"Content-Type: ;;;/\x00\nContent-Transfer-Encoding: base64\n\n@@@@",
        b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhalf a part",
        b"\xff\xfe\x00\x00garbage without headers",
        b"",
        b"Subject:\n\n",
        b"Date: Tue, 99 Foo 20255 99:99:99 +9999\nFrom: <<<@@@>>>\n\nx",
    ]
    for raw in samples:
        parsed = parse_message(raw)
        assert parsed.raw_size == len(raw)
        assert parsed.message_id


def test_it_strips_nul_and_control_characters_from_every_field() -> None:
    raw = b"Subject: A\x00B\x07C\nFrom: Bad\x01 Name <bad@example.com>\n\nline\x00one\x1b[31m\r\nline two"
    parsed = parse_message(raw)
    assert parsed.subject == "ABC"
    assert parsed.sender_name == "Bad Name"
    assert parsed.body_text == "lineone[31m\nline two"
    for value in (parsed.subject, parsed.sender, parsed.body_text, parsed.snippet):
        assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in value)


def test_it_lists_attachments_without_reading_them() -> None:
    raw = (
        b"Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n"
        b"--b\nContent-Type: text/plain\n\nSee the offer letter attached.\n"
        b'--b\nContent-Type: application/pdf; name="offer.pdf"\nContent-Disposition: attachment\n'
        b"Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n"
        b"--b\nContent-Type: text/plain; name=notes.txt\nContent-Disposition: attachment; filename=notes.txt\n\n"
        b"secret attachment text\n"
        b'--b\nContent-Type: text/calendar; name="=?utf-8?q?Interview_=E2=80=93_Acme.ics?="\n\nBEGIN:VCALENDAR\n'
        b"--b--\n"
    )
    parsed = parse_message(raw)
    assert parsed.attachment_names == ("offer.pdf", "notes.txt", "Interview – Acme.ics")
    assert parsed.body_text == "See the offer letter attached."


def test_it_parses_a_25_mb_message_quickly() -> None:
    attachment = base64.encodebytes(bytes(range(256)) * 73_000).replace(b"\n", b"\r\n")
    raw = (
        b"From: jobs@acme.example\r\nSubject: Offer\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n"
        b"--XX\r\nContent-Type: text/plain\r\n\r\nYour offer letter is attached.\r\n"
        b"--XX\r\nContent-Type: application/pdf; name=offer.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + attachment
        + b"\r\n--XX\r\nContent-Type: image/png; name=logo.png\r\n\r\nxx\r\n--XX--\r\n"
    )
    assert len(raw) > 25_000_000
    started = time.perf_counter()
    parsed = parse_message(raw)
    elapsed = time.perf_counter() - started
    assert parsed.body_text == "Your offer letter is attached."
    assert parsed.attachment_names == ("offer.pdf", "logo.png")
    assert parsed.raw_size == len(raw)
    assert elapsed < 2.0


def test_it_inspects_a_bounded_number_of_parts() -> None:
    parts = b"".join(b"--XX\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % i for i in range(3000))
    raw = b"Subject: many\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n" + parts + b"--XX--\r\n"
    parsed = parse_message(raw)
    assert "part 0" in parsed.body_text
    assert f"part {MAX_PARTS - 2}" in parsed.body_text
    assert "part 2999" not in parsed.body_text


def test_it_survives_multiparts_nested_thousands_deep() -> None:
    nested = b"".join(b"Content-Type: multipart/mixed; boundary=B%d\r\n\r\n--B%d\r\n" % (i, i) for i in range(3000))
    parsed = parse_message(b"Subject: deep\r\n" + nested + b"Content-Type: text/plain\r\n\r\nhi")
    assert parsed.subject == "deep"


def test_it_bounds_pathological_line_and_header_counts() -> None:
    assert parse_message(b"\n" * 2_000_000).body_text == ""
    assert parse_message(b"Subject: x\n" + b"X-A: b\n" * 300_000).subject == "x"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_it_never_raises_on_arbitrary_bytes(raw: bytes) -> None:
    parsed = parse_message(raw)
    clean_text(parsed.body_text)
    assert parsed.raw_size == len(raw)


MUTABLE = alternative(
    "Hi Dana,\n\nwe'd like to invite you to an interview on 9 September at 10:00.\n\n> quoted\n-- \nsig",
    "<div style='display:none'>pre</div><p>Hi <b>Dana</b></p><img src=x width=1 height=1>",
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_it_never_raises_on_mutated_valid_messages(data: st.DataObject) -> None:
    raw = bytearray(MUTABLE)
    for _ in range(data.draw(st.integers(1, 20))):
        position = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["flip", "insert", "delete"]))
        if action == "flip" and position < len(raw):
            raw[position] = data.draw(st.integers(0, 255))
        elif action == "insert":
            raw[position:position] = data.draw(st.sampled_from([b"\x00", b"=?", b"?=", b"--b", b"\r\n", b";", b"<"]))
        elif position < len(raw):
            del raw[position : position + data.draw(st.integers(1, 40))]
    parsed = parse_message(bytes(raw))
    clean_text(parsed.body_text)
