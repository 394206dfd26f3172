"""Names of companies and roles: the one copy of each pattern that reads or compares them.

Legal forms, gender tags, requisition ids and reply prefixes are written once here, so
the rules classifier, the LLM prompt, the content hash, grouping and the evaluation
agree on them. Where one subject needs two forms (a legal form as written in a
signature, and as a word of a normalised key), both stand side by side.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import TypeVar, cast

_Function = TypeVar("_Function", bound=Callable[..., str])


def cached_when_short(maxsize: int, longest: int = 300) -> Callable[[_Function], _Function]:
    """functools.lru_cache for a pure function of a name or a title (its first argument):
    the same names, titles and title prefixes recur within an email and across emails.
    Only short arguments are kept, so a hostile email's long lines are computed, never
    stored."""

    def decorate(function: _Function) -> _Function:
        cached = functools.lru_cache(maxsize=maxsize)(function)

        @functools.wraps(function)
        def call(text: str, *args: object, **kwargs: object) -> str:
            if len(text) > longest:
                return function(text, *args, **kwargs)
            return cached(text, *args, **kwargs)

        return cast(_Function, call)

    return decorate


# --- legal forms -------------------------------------------------------------------------

#: A legal form as written after a company's name: "GmbH & Co. KG", "S.à r.l.", "Pty Ltd".
_LEGAL_FORM = (
    r"(?:GmbH(?:\s*&\s*Co\.?\s*KG)?|gGmbH|AG|SE|KGaA|KG|UG(?:\s*\(haftungsbeschränkt\))?|e\.\s?V\.|"
    # US professional and partnership forms ("Dunmore Law Group, PLLC", "Kessler Dental, P.C."),
    # Asian private companies ("Pte. Ltd.", "Pvt. Ltd."), Mexican forms ("S.A. de C.V.").
    r"PLLC|P\.L\.L\.C\.|LLLP|L\.P\.|LP|P\.C\.|P\.A\.|(?:Pte|Pvt)\.?(?:\s+Ltd\.?)?|Private\s+Limited|"
    r"S\.\s?A\.\s+de\s+C\.\s?V\.|S\.\s?de\s+R\.\s?L\.(?:\s+de\s+C\.\s?V\.)?|"
    r"Inc\.?|Incorporated|LLC\.?|L\.L\.C\.|LLP|Ltd\.?|Limited|PLC|plc|Corp\.?|Corporation|S\.A\.S\.?|SAS|SASU|SARL|"
    r"S\.à\s?r\.l\.|S\.A\.?|SA|S\.L\.U?\.?|SLU?|S\.p\.A\.?|SpA|S\.r\.l\.?|Srl|B\.V\.?|BV|N\.V\.?|NV|Pty\.?(?:\s+Ltd\.?)?|"
    r"AB|ASA|A/S|ApS|Oyj?|OÜ|K\.K\.|Sp\.\s?z\s?o\.o\.|EURL|Lda\.?|Ltda\.?)"
)
#: The legal forms that end a name: "Kranich Software AG" -> "Kranich Software".
LEGAL_SUFFIX = re.compile(rf"(?:[,\s]+{_LEGAL_FORM})+\s*$")
#: A legal form inside a signature line, before its end or the next segment:
#: "Kranich Software AG, Leipzig" -> "Kranich Software, Leipzig".
LEGAL_FORM_IN_LINE = re.compile(rf"[ \t,]+{_LEGAL_FORM}(?=[ \t]*(?:$|[,|·–—]|[ \t]-))")
#: The same legal forms as words of a normalised key (lowercase, no dots, no accents).
LEGAL_FORM_WORDS = frozenset(
    {
        "inc", "incorporated", "llc", "ltd", "limited", "gmbh", "ag", "se", "sa", "sas", "sarl", "sl", "bv", "nv",
        "plc", "corp", "corporation", "co", "company", "oy", "ab", "as", "aps", "kg", "ug", "pty", "srl", "spa", "lp",
        "llp", "kgaa", "mbh",
    }
)  # fmt: skip
_LEGAL_FORM_IN_KEY = re.compile(r"\b(" + "|".join(sorted(LEGAL_FORM_WORDS)) + r")\b")

# --- gender tags, requisition ids, reply prefixes ------------------------------------------

#: "(m/w/d)", "[f/m/x]", "(all genders)", "(gn*)": a job ad's gender tag, not part of a title.
GENDER_TAG = re.compile(
    r"[ \t]*(?:[(\[](?:[mwfdxhgn][ \t]*/[ \t]*){1,3}[mwfdxhgn]\*?[)\]]|\((?:all genders?|gn\*?)\))", re.IGNORECASE
)
#: The same tags in a normalised key, where brackets and slashes are gone: "m w d".
_GENDER_TAG_IN_KEY = re.compile(r"\b(m w d|f m d|m f d|w m d|h f|f h|all genders?)\b")

#: A requisition or job id in parentheses: "(JR-118263)", "(R-20418)", "(Job ID: 4471)";
#: not an intake ("(Fall 2027)", "(Summer 2027)").
_ID_IN_PARENTHESES = (
    r"\((?!(?:summer|fall|autumn|winter|spring)\b)"
    r"(?:(?:[A-Z]{1,4}[-_ ]?)?\d{4,}|[A-Z]{1,4}-?\d{3,}|req[^)\n]*|job id[^)\n]*|#\s?\d+"
    r"|(?:req(?:uisition)?|job|ref)\.?[ \t]*(?:id|#|no\.?|nr\.?)?[ \t]*:?[ \t]*[\w-]+"
    r"|id[ \t]*[:#]?[ \t]*[\w-]*\d[\w-]*)\)"
)
#: A requisition id anywhere in a text: an id is not a title, and says nothing about a status.
REQUISITION_ID = re.compile(rf"[ \t]*{_ID_IN_PARENTHESES}", re.IGNORECASE)
#: A requisition id that ends a title: "Data Analyst (JR-1182)", "Data Analyst - 45781", "Data Analyst, QX2041B",
#: "Job ID: 4471", and an "@Company" tag.
TRAILING_REQUISITION_ID = re.compile(
    r"\s*(?:\((?:[A-Z]{1,4}-?\d{3,}|req[^)]*|job (?:id|number|no)[^)]*|#\s?\d+|\d{4}-\d{3,}|open|closed)\)"
    r"|(?<!\d)[-–]\s*(?:[A-Z]{1,4}[- ]?)?\d{4,}|#\s?\d{3,}|-(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{5,}"
    r"|,\s*(?=[A-Z0-9-]*\d[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9-]{5,}"
    r"|\b(?:req(?:uisition)?|job)\s*(?:id|#|no\.?|number)\s*:?\s*[\w-]+|,?\s*\breq(?:uisition)?\.?\s*[\w-]*\d[\w-]*"
    r"|\s@\s?\w[\w&.-]*|@\w[\w&.-]*)\s*$",
    re.IGNORECASE,
)
#: A requisition number in front of a title: "R0565456 Principal Engineer", "JR-20931 - Analyst".
LEADING_REQUISITION_ID = re.compile(
    r"^(?:(?:R|JR|REQ)[-_]?\d{4,}|\d{5,}|\d{2,4}-\d{3,}|(?:job|req(?:uisition)?)\s*(?:id|#|no\.?)?\s*:?\s*[\w-]*\d[\w-]*)"
    r"\s*[-–:|,]?\s+",
    re.IGNORECASE,
)

#: "Re:", "Fwd:", "AW:", "WG:", "TR:", "RV:", "SV:", "R:", "Antw:", repeated or numbered ("Re[2]:").
REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|aw|antw|sv|rv|r|fwd?|wg|tr)\s*(?:\[\d+\])?\s*:)+", re.IGNORECASE)

# --- job cards --------------------------------------------------------------------------

#: A job board's card for a role: the title on one line, then the employer and the
#: place ("Acme Robotics · Denver, CO (Remote)", "Acme Robotics - Denver, CO", any dash an
#: editor makes of the hyphen); a line with a clock time is a schedule's, not a card's
#: ("Break | 4:30 – 4:45 pm").
JOB_CARD = re.compile(
    r"^[ \t]*(?P<t>(?![^\n]*\b\d{1,2}:\d\d\b)[^\n]{3,90}?)[ \t]*\n(?:[ \t]*\n)?[ \t]*(?P<c>[^\n·•|]{2,60}?)[ \t]+"
    r"(?:[·•|][ \t]+[^\n]{2,80}|[-\u2010-\u2015\u2212][ \t]+"
    r"(?:[A-Z][\w .'-]+,[ \t]*[A-Z]{2}\b|[Rr]emote\b|[Hh]ybrid\b)[^\n]{0,60})$",
    re.M,
)

# --- folding and keys -----------------------------------------------------------------------


def fold(text: str, *, spell_out_umlauts: bool = False) -> str:
    """Letters and digits only, case- and accent-free: "Köhler" -> "kohler" ("koehler" spelled out).

    Addresses spell umlauts out (jana.koehler@…), so comparing a name with a local
    part wants the spelled-out form.
    """
    text = text.casefold()
    if spell_out_umlauts:
        text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("ß", "ss")
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if ch.isalnum())


@cached_when_short(8192)
def normalise_key(text: str) -> str:
    """Case-, accent-, punctuation- and legal-suffix-insensitive key."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    # "S.A.S." and "Inc." lose their dots first, so the suffix list sees "sas", "inc".
    text = text.replace(".", "").replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = _LEGAL_FORM_IN_KEY.sub(" ", text)
    return " ".join(text.split())[:200]


def title_key(text: str) -> str:
    key = _GENDER_TAG_IN_KEY.sub(" ", normalise_key(text))
    return " ".join(key.split())[:300]
