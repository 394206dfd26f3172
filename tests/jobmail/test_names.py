"""The one copy of each name pattern: legal forms, gender tags, requisition ids, reply prefixes, keys."""

from __future__ import annotations

import pytest

from jobmail.text.names import (
    GENDER_TAG,
    LEGAL_FORM_IN_LINE,
    LEGAL_SUFFIX,
    REPLY_PREFIX,
    REQUISITION_ID,
    TRAILING_REQUISITION_ID,
    fold,
    normalise_key,
    title_key,
)


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Kranich Software AG", "Kranich Software"),
        ("Acme Robotics GmbH & Co. KG", "Acme Robotics"),
        ("Lumen S.à r.l.", "Lumen"),
        ("Northwind Pty Ltd", "Northwind"),
        ("Talents & Co", "Talents & Co"),
    ],
)
def test_it_strips_a_legal_form_at_the_end_of_a_name(name: str, bare: str) -> None:
    assert LEGAL_SUFFIX.sub("", name) == bare


def test_it_strips_a_legal_form_inside_a_signature_line_only_before_a_segment_end() -> None:
    assert LEGAL_FORM_IN_LINE.sub("", "Kranich Software AG, Leipzig") == "Kranich Software, Leipzig"
    assert LEGAL_FORM_IN_LINE.sub("", "SA Ventures") == "SA Ventures"


def test_it_gives_the_same_key_to_spellings_of_one_company() -> None:
    assert normalise_key("Müller & Söhne GmbH") == normalise_key("Muller and Sohne")
    assert normalise_key("ACME, Inc.") == normalise_key("Acme") == "acme"


@pytest.mark.parametrize("tagged", ["Data Engineer (m/w/d)", "Data Engineer [f/m/x]", "Data Engineer (all genders)"])
def test_it_removes_gender_tags_as_written(tagged: str) -> None:
    assert GENDER_TAG.sub("", tagged) == "Data Engineer"


@pytest.mark.parametrize("tagged", ["Data Engineer (m/w/d)", "Data Engineer m/f/d", "Data Engineer (all genders)"])
def test_it_leaves_common_gender_tags_out_of_title_keys(tagged: str) -> None:
    assert title_key(tagged) == "data engineer"


def test_it_removes_requisition_ids_anywhere_or_at_the_end_of_a_title() -> None:
    assert REQUISITION_ID.sub("", "Apply for the role (JR-118263) today") == "Apply for the role today"
    assert REQUISITION_ID.sub("", "Role (Job ID: 4471)") == "Role"
    assert TRAILING_REQUISITION_ID.sub("", "Data Analyst - 45781") == "Data Analyst"
    assert TRAILING_REQUISITION_ID.sub("", "Data Analyst (2 openings) in Leeds") == "Data Analyst (2 openings) in Leeds"


@pytest.mark.parametrize("subject", ["Re: Offer", "AW: WG: Offer", "Fwd: Re[2]: Offer", "R: Offer", "Antw: Offer"])
def test_it_removes_reply_and_forward_prefixes(subject: str) -> None:
    assert REPLY_PREFIX.sub("", subject).strip() == "Offer"


def test_it_folds_names_for_comparison_with_addresses() -> None:
    assert fold("Jana Köhler") == "janakohler"
    assert fold("Köhler", spell_out_umlauts=True) == "koehler"
    assert fold("Straße") == "strasse"
