"""The one reader of the filter file, jobmail/job_mail.toml.

The file is data for two readers: the Gmail search query (jobmail.gmail_query) and
the rules classifier (jobmail.classify.rules). Both read it through here, so a
malformed list fails the same way for both.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

FILTER_FILE = Path(__file__).resolve().parent / "job_mail.toml"


def read_filter_file(path: Path = FILTER_FILE) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def string_list(table: dict[str, Any], key: str, path: Path = FILTER_FILE) -> list[str]:
    """The list of strings under key (stripped, blanks dropped); a missing key is an empty list."""
    values = table.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{path.name}: {key!r} must be a list of strings.")
    return [v.strip() for v in values if v.strip()]
