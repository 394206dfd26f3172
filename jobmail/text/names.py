"""Names of companies and roles, and the keys that decide when two names are the same.

Grouping (emails into applications) and the evaluation (a prediction against a label)
compare names through these keys, so both agree on what "the same company" is.
"""

from __future__ import annotations

import re
import unicodedata

_LEGAL_SUFFIXES = re.compile(
    r"\b(inc|incorporated|llc|ltd|limited|gmbh|ag|se|sa|sas|sarl|sl|bv|nv|plc|corp|corporation|co|company|"
    r"oy|ab|as|aps|kg|ug|pty|srl|spa|lp|llp|kgaa|mbh)\b",
)


def normalise_key(text: str) -> str:
    """Case-, accent-, punctuation- and legal-suffix-insensitive key."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    # "S.A.S." and "Inc." lose their dots first, so the suffix list sees "sas", "inc".
    text = text.replace(".", "").replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = _LEGAL_SUFFIXES.sub(" ", text)
    return " ".join(text.split())[:200]


def title_key(text: str) -> str:
    key = normalise_key(text)
    key = re.sub(r"\b(m w d|f m d|m f d|w m d|h f|f h|all genders?)\b", " ", key)
    return " ".join(key.split())[:300]
