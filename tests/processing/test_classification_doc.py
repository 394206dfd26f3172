"""docs/CLASSIFICATION.md and the LLM prompt define the statuses with jobmail/taxonomy.py's words."""

from __future__ import annotations

import re
from pathlib import Path

from jobmail.classify.prompt import system_prompt
from jobmail.taxonomy import DEFINITIONS, VALUES

DOC = Path(__file__).resolve().parents[2] / "docs" / "CLASSIFICATION.md"


def test_it_documents_each_status_with_the_taxonomys_definition() -> None:
    rows = dict(re.findall(r"^\| `(\w+)` \| (.+) \|$", DOC.read_text(), flags=re.M))
    assert rows == {str(status): text for status, text in DEFINITIONS.items()}
    assert list(rows) == list(VALUES)


def test_it_gives_the_model_the_same_definitions() -> None:
    prompt = system_prompt()
    for status, text in DEFINITIONS.items():
        assert f"- {status}: {text}" in prompt
