"""The rules classifier, built once per module of tests/jobmail (it compiles its patterns)."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier


@pytest.fixture(scope="module")
def rules() -> RulesClassifier:
    return RulesClassifier()
