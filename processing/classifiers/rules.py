"""The offline rules classifier.

Its data — applicant-tracking domains, exclusions, phrases per status in English,
German, French and Spanish — lives in the readable filter file
processing/filters/job_mail.toml; this module turns it into a decision:

1. Mail that is never about the user's own applications (job-alert digests, social
   notifications, receipts, newsletters) is `not_job`, certainly so when the sender
   or the subject leaves no doubt.
2. Every status scores its "strong" and "weak" phrases in the subject and the
   cleaned body. Phrases in a conditional clause ("if we decide to move forward, we
   will invite you to an interview") do not count.
3. A message is job-related when an ATS sent it, or when a strong phrase meets a
   job context (a word like "position" or "Bewerbung"); a rental application or a
   credit-card application does not have one.
4. The status is the most decisive one with a strong phrase (a rejection that
   thanks you for the interview is a rejection).

Company, job title and the interview or deadline date come from patterns over the
subject, the body, the signature and the sender. Everything is compiled once; a
typical email takes about a millisecond.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from processing.classifiers.base import Classification
from processing.cleaning import clean_text
from processing.mail import parse_date
from processing.taxonomy import Status

if TYPE_CHECKING:
    from processing.mail import ParsedMessage

FILTER_FILE = Path(__file__).resolve().parent.parent / "filters" / "job_mail.toml"

#: When several statuses have strong phrases, the first one in this order wins:
#: a decision outranks an event, an event outranks an acknowledgement.
PRECEDENCE: tuple[str, ...] = (
    Status.WITHDRAWN,
    Status.REJECTED,
    Status.OFFER,
    Status.ASSESSMENT,
    Status.INTERVIEW,
    Status.ACTION_REQUIRED,
    Status.APPLIED,
    Status.OTHER_JOB,
    Status.RECRUITER_OUTREACH,
)
#: Statuses that describe something happening now; a mention of a past or later
#: one ("thank you for the interview", "before your interview") does not count.
_EVENT_STATUSES = frozenset({Status.INTERVIEW, Status.ASSESSMENT, Status.OFFER})
_DECISIONS = frozenset({Status.WITHDRAWN, Status.REJECTED, Status.OFFER})
_REPLY_PREFIXES = re.compile(r"^(?:\s*(?:re|aw|antw|sv|rv|r|fwd?|wg|tr)\s*(?:\[\d+\])?\s*:)+", re.IGNORECASE)
_SOFT_STATUSES = frozenset({Status.APPLIED, Status.OTHER_JOB, Status.RECRUITER_OUTREACH})
#: Only so much of a body is read: the decision is in the first paragraphs.
MAX_BODY_CHARS = 8_000

# --- loading the filter file -----------------------------------------------------------


def _lower_pattern(pattern: str) -> str:
    # Lowercase the letters but not escapes (\\W, \\S, \\D differ from \\w, \\s, \\d).
    return re.sub(r"\\.|[^\\]+", lambda m: m.group(0) if m.group(0).startswith("\\") else m.group(0).lower(), pattern)


_STOPWORDS = frozenset(
    (
        "you",
        "your",
        "the",
        "for",
        "and",
        "with",
        "our",
        "not",
        "are",
        "have",
        "been",
        "will",
        "this",
        "that",
        "was",
        "has",
        "can",
        "all",
        "out",
        "from",
        "les",
        "des",
        "une",
        "pour",
        "vous",
        "nous",
        "der",
        "die",
        "das",
        "und",
        "sie",
        "ihre",
        "wir",
        "los",
        "las",
        "una",
        "por",
        "con",
        "que",
    )
)


def _split_items(pattern: str) -> list[tuple[str, str, bool]]:
    """Top-level items of a regex: (kind, text, optional). Kinds: c(har), g(roup), x (anything else)."""
    items: list[tuple[str, str, bool]] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            kind, text, index = "x", pattern[index : index + 2], index + 2
        elif char == "[":
            close = pattern.find("]", index + 2)
            close = len(pattern) - 1 if close < 0 else close
            kind, text, index = "x", pattern[index : close + 1], close + 1
        elif char == "(":
            depth, end = 0, index
            while end < len(pattern):
                if pattern[end] == "\\":
                    end += 2
                    continue
                if pattern[end] == "[":
                    close = pattern.find("]", end + 2)
                    end = len(pattern) if close < 0 else close + 1
                    continue
                depth += {"(": 1, ")": -1}.get(pattern[end], 0)
                end += 1
                if depth == 0:
                    break
            kind, text, index = "g", pattern[index:end], end
        elif char == "|":
            kind, text, index = "|", char, index + 1
        else:
            kind, text, index = ("c" if char.isalnum() or char in "'-" else "x"), char, index + 1
        optional = False
        if index < len(pattern) and pattern[index] in "?*+{":
            quantifier = pattern[index]
            if quantifier == "{":
                close = pattern.find("}", index)
                optional = pattern[index + 1 : index + 2] == "0"
                index = len(pattern) if close < 0 else close + 1
            else:
                optional = quantifier in "?*"
                index += 1
            if index < len(pattern) and pattern[index] == "?":
                index += 1  # lazy quantifier
        items.append((kind, text, optional))
    return items


def _key_words(pattern: str) -> frozenset[str] | None:
    """Words one of which every match of the pattern contains, if such a set is known.

    Literal words and mandatory groups of alternatives ("(?:pleased|happy) to offer")
    are candidates; the most selective one wins (long words, no stop words).
    """
    items = _split_items(pattern)
    if any(kind == "|" for kind, _, _ in items):
        union: set[str] = set()
        for alternative in _split_alternatives(pattern):
            alternative_keys = _key_words(alternative)
            if alternative_keys is None:
                return None  # one alternative without a key word: no key for the whole
            union |= alternative_keys
        return frozenset(union)
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for kind, text, optional in [*items, ("x", "", False)]:
        if kind == "c" and not optional:
            run.append(text)
            continue
        candidates += [frozenset({w}) for w in "".join(run).split("-") if len(w) >= 3]
        run = []
        if kind == "g" and not optional:
            inner = re.sub(r"^\((?:\?(?:[:>]|<?[=!]|P<\w+>))?", "", text)[:-1]
            if not text.startswith(("(?=", "(?!", "(?<")):
                group_keys = _key_words(inner)
                if group_keys:
                    candidates.append(group_keys)
    if not candidates:
        return None

    def selectivity(keys: frozenset[str]) -> tuple[bool, int, int]:
        return (not keys & _STOPWORDS, min(map(len, keys)), -len(keys))

    best = max(candidates, key=selectivity)
    return best if min(map(len, best)) >= 3 else None


def _split_alternatives(pattern: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    for kind, text, optional in _split_items(pattern):
        if kind == "|":
            parts.append("".join(current))
            current = []
        else:
            current.append(text + ("?" if optional else ""))
    parts.append("".join(current))
    return parts


def _at_word_start(text: str, position: int) -> bool:
    return position == 0 or not (text[position - 1].isalnum() or text[position - 1] == "_")


class PhraseSet:
    """A list of phrases from the filter file, matched against lowercased text.

    Python's regex engine tries every alternative at every position, and these lists
    run over every email. So each phrase is compiled alone (a regex that starts with
    a literal is scanned with a fast prefix search), it is run only when one of its
    key words occurs in the text, and the start-of-word rule is checked afterwards.
    Lowercased text without re.IGNORECASE halves the cost again.
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        #: (regex, must start at a word) per phrase, in file order.
        self.phrases: list[tuple[re.Pattern[str], bool]] = []
        #: Phrases to run whatever the text, and phrases by key word.
        self.unkeyed: list[int] = []
        self.by_key: dict[str, list[int]] = {}
        for pattern in patterns:
            pattern = _lower_pattern(pattern.strip())
            if not pattern:
                continue
            body = pattern.replace(" ?", r"\s*").replace(" ", r"\s+")
            index = len(self.phrases)
            # "^" patterns are for whole addresses; all others start at a word.
            self.phrases.append((re.compile(body), not pattern.startswith("^")))
            keys = _key_words(pattern)
            if keys is None:
                self.unkeyed.append(index)
            for key in keys or ():
                self.by_key.setdefault(key, []).append(index)
        self.keys = frozenset(self.by_key)

    def finditer(self, text: str, present: frozenset[str] | None = None) -> list[re.Match[str]]:
        """Non-overlapping matches in text order.

        `present`: the key words known to occur in text (computed once per text for
        all phrase sets by Rules.present); by default they are looked up here.
        """
        if present is None:
            present = frozenset(key for key in self.keys if key in text)
        candidates = set(self.unkeyed)
        for key in self.keys & present:
            candidates.update(self.by_key[key])
        found: list[re.Match[str]] = []
        for index in sorted(candidates):
            regex, word_start = self.phrases[index]
            found.extend(m for m in regex.finditer(text) if not word_start or _at_word_start(text, m.start()))
        if len(found) < 2:
            return found
        found.sort(key=lambda m: (m.start(), -m.end()))
        kept = [found[0]]
        for match in found[1:]:
            if match.start() >= kept[-1].end():
                kept.append(match)
        return kept

    def search(self, text: str, present: frozenset[str] | None = None) -> re.Match[str] | None:
        matches = self.finditer(text, present)
        return matches[0] if matches else None


def _lowered(text: str) -> str:
    """text.lower() with the same length, so positions in both line up."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)  # "İ" lowercases to two


class _Anchored:
    """An anchor phrase ("application for") followed by a capture (a capitalised title).

    The anchor is searched in lowercased text, where the engine's fast literal scan
    works, and only when its key words occur; the capture then runs at the anchor's
    end in the original text, whose capitals it needs.
    """

    def __init__(self, anchor: str, capture: str, weight: float) -> None:
        anchor = _lower_pattern(anchor)
        self.keys = _key_words(anchor)
        self.anchor = re.compile(anchor + r"\s+")
        self.capture = re.compile(capture)
        self.weight = weight

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        if self.keys is not None and not any(key in lowered for key in self.keys):
            return
        for match in self.anchor.finditer(lowered):
            if _at_word_start(lowered, match.start()) and (found := self.capture.match(text, match.end())):
                yield found


@dataclass(frozen=True)
class Rules:
    """The filter file, compiled."""

    ats_domains: frozenset[str]
    exclude_senders: frozenset[str]
    exclude_domains: frozenset[str]
    freemail_domains: frozenset[str]
    relay_domains: frozenset[str]
    job_board_domains: frozenset[str]
    alert_senders: PhraseSet
    alert_subjects: PhraseSet
    alert_body: PhraseSet
    social_subjects: PhraseSet
    social_senders: PhraseSet
    other_subjects: PhraseSet
    job_words: PhraseSet
    strong: dict[str, PhraseSet]
    weak: dict[str, PhraseSet]
    all_keys: tuple[str, ...] = ()

    def present(self, text: str) -> frozenset[str]:
        """The key words of all phrase sets that occur in text: one pass for every set."""
        return frozenset(key for key in self.all_keys if key in text)


def _strings(data: dict[str, Any], key: str) -> list[str]:
    values = data.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{FILTER_FILE.name}: {key!r} must be a list of strings.")
    return [v.strip() for v in values if v.strip()]


@cache
def load_rules(path: Path = FILTER_FILE) -> Rules:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    not_job = data.get("not_job", {})
    statuses = data.get("status", {})
    unknown = set(statuses) - set(Status.values)
    if unknown:
        raise ValueError(f"{path.name}: unknown statuses {sorted(unknown)}")
    excluded = [s.lower() for s in _strings(data, "exclude_senders")]
    rules = Rules(
        ats_domains=frozenset(d.lower().lstrip("@.") for d in _strings(data, "ats_domains")),
        exclude_senders=frozenset(s for s in excluded if "@" in s),
        exclude_domains=frozenset(s.lstrip("@.") for s in excluded if "@" not in s),
        freemail_domains=frozenset(d.lower() for d in _strings(data, "freemail_domains")),
        relay_domains=frozenset(d.lower() for d in _strings(data, "relay_domains")),
        job_board_domains=frozenset(d.lower() for d in _strings(not_job, "job_board_domains")),
        alert_senders=PhraseSet(_strings(not_job, "alert_senders")),
        alert_subjects=PhraseSet(_strings(not_job, "alert_subjects")),
        alert_body=PhraseSet(_strings(not_job, "alert_body")),
        social_subjects=PhraseSet(_strings(not_job, "social_subjects")),
        social_senders=PhraseSet(_strings(not_job, "social_senders")),
        other_subjects=PhraseSet(_strings(not_job, "other_subjects")),
        job_words=PhraseSet(_strings(data.get("job", {}), "words")),
        strong={s: PhraseSet(_strings(statuses.get(s, {}), "strong")) for s in PRECEDENCE},
        weak={s: PhraseSet(_strings(statuses.get(s, {}), "weak")) for s in PRECEDENCE},
    )
    sets = [rules.alert_body, rules.job_words, *rules.strong.values(), *rules.weak.values()]
    return replace(rules, all_keys=tuple(sorted(frozenset().union(*(p.keys for p in sets)))))


def _in_domains(domain: str, domains: frozenset[str]) -> bool:
    """Whether the domain or one of its parent domains is listed."""
    labels = domain.split(".")
    return any(".".join(labels[i:]) in domains for i in range(len(labels)))


# --- text helpers ----------------------------------------------------------------------

_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\xa0": " ", "\u202f": " "})


def _normalise(text: str) -> str:
    return text.translate(_TYPOGRAPHY)


# Words that make the rest of their sentence hypothetical.
_CONDITIONAL = re.compile(
    r"(?<!\w)(?:if|should|once|whether|unless|in case|in the event|falls|wenn|sofern|sobald|sollten?|ob"
    r"|si|lorsque|quand|dès que|au cas où|cuando|en caso de|en cuanto|siempre que)(?!\w)",
    re.IGNORECASE,
)
# Words that place an event in the past or make it a later step.
_NOT_NOW = re.compile(
    r"(?<!\w)(?:thank(?:s| you)(?: again| so much)? for|congratulations|before|ahead of|prior to|after|following"
    r"|since|danke|vielen dank|herzlichen dank|vor (?:dem|ihrem|deinem|der)|nach (?:dem|ihrem|deinem|der)"
    r"|merci|avant|après|suite à|gracias|antes de|después de|tras)(?!\w)"
    # "We've received your take-home submission": right before the phrase only.
    r"|(?:received|completed|submitted|finished) (?:your|the)(?: [\w-]+)?\s*$"
    r"|(?:\bwill|'ll|\bwould|\bto) (?:contact you|reach out|get in touch|be in touch|get back to you)",
    re.IGNORECASE,
)
# "Our process usually includes a coding exercise", "you may be asked to take a
# test": an outline of later steps, not an invitation.
_PROCESS_OUTLINE = re.compile(
    r"(?<!\w)(?:(?:our|the) (?:\w+ )?process (?:usually |typically |normally |generally )?"
    r"(?:consists|includes|involves|runs|has|is made up|looks like|starts)"
    r"|(?:usually|typically|normally|generally) (?:consists|includes|involves|starts)"
    r"|(?:may|might|could|will) (?:also )?be (?:asked|invited|required) to|next steps? (?:will |would |may |might )?"
    r"(?:include|involve|be)|(?:unser|der) (?:\w+ )?(?:prozess|ablauf|auswahlprozess) (?:besteht|umfasst|beinhaltet)"
    r"|notre processus (?:comprend|comporte|se compose)|nuestro proceso (?:incluye|consta|se compone))",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_QUESTION_END = re.compile(r"[^.!?\n]{0,160}\?")
_CLAUSE_BREAK = re.compile(r"[,;:.!?\n]|\s[-–—]\s")


def _clause_before(text: str, start: int) -> str:
    # Long enough for the sentences of ATS mail ("If you see the job moved to an
    # Archived state, that means ... or you were not selected").
    window = text[max(0, start - 250) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    return window[ends[-1] :] if ends else window


@dataclass
class _Evidence:
    subject: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    @property
    def strong(self) -> int:
        return len(self.subject) + len(self.body)


def _conditional(sentence: str) -> bool:
    """Whether the sentence up to a phrase makes it a condition. "If we decide to move
    forward, we will invite you": a condition opening the sentence covers all of it;
    elsewhere only its own clause ("just bumping this in case it got buried - the
    client has moved quickly")."""
    clause = _CLAUSE_BREAK.split(sentence)[-1]
    return bool(_CONDITIONAL.match(sentence.lstrip(" \t-*•–·>")) or _CONDITIONAL.search(clause))


def _hits(pattern: PhraseSet, text: str, status: str, present: frozenset[str]) -> list[str]:
    found = []
    for match in pattern.finditer(text, present):
        sentence = _clause_before(text, match.start())
        if _conditional(sentence):
            continue
        # "Did you decide to go in another direction?": a question asks for a decision.
        if status in _DECISIONS and _QUESTION_END.match(text, match.end()):
            continue
        # "Thank you for the interview", "before your onsite": only words right
        # before the phrase, in the same clause, move it out of the present.
        near = _CLAUSE_BREAK.split(text[max(0, match.start() - 45) : match.start()])[-1]
        if status in _EVENT_STATUSES and (_NOT_NOW.search(near) or _PROCESS_OUTLINE.search(sentence)):
            continue
        found.append(match.group(0))
    return found


# --- companies ----------------------------------------------------------------------

_LEGAL_SUFFIX = re.compile(
    r"(?:[,\s]+(?:GmbH(?:\s*&\s*Co\.?\s*KG)?|gGmbH|AG|SE|KGaA|KG|UG(?:\s*\(haftungsbeschränkt\))?|e\.\s?V\.|"
    r"Inc\.?|Incorporated|LLC|L\.L\.C\.|LLP|Ltd\.?|Limited|PLC|plc|Corp\.?|Corporation|S\.A\.S\.?|SAS|SASU|SARL|"
    r"S\.à\s?r\.l\.|S\.A\.?|SA|S\.L\.U?\.?|SLU?|S\.p\.A\.?|SpA|S\.r\.l\.?|Srl|B\.V\.?|BV|N\.V\.?|NV|Pty\.?(?:\s+Ltd\.?)?|"
    r"AB|ASA|A/S|ApS|Oyj?|OÜ|K\.K\.|Sp\.\s?z\s?o\.o\.|EURL|Lda\.?|Ltda\.?))+\s*$"
)


def normalise_company(name: str) -> str:
    """A company name without legal suffix or stray punctuation: "Kranich Software AG" -> "Kranich Software"."""
    name = " ".join(unicodedata.normalize("NFC", name).split()).strip(" ,;:-–|\"'")
    stripped = _LEGAL_SUFFIX.sub("", name).strip(" ,.;:-–|")
    name = name.rstrip(".")
    # "Talents & Co" keeps its "& Co": the suffix pattern never eats a bare "Co".
    return stripped or name


_ROLE_WORDS = (
    r"(?:(?:Hiring|Recruiting|Recruitment|Talent(?:\s+Acquisition)?|People(?:\s+(?:&|and)\s+Culture)?|HR|Careers?|Jobs"
    r"|Karriere|Personal|Candidate|Human\s+Resources)[- ]?(?:Team|Experience|Department|Abteilung)"
    r"|Talent\s+Acquisition|Human\s+Resources|Recruiting|Hiring|Careers|Karriere|Jobs|Team|HR|RH|RRHH|Personalabteilung"
    r"|People\s+Operations|(?:Early\s+(?:Professional|Career)|Campus|University)\s+(?:Recruitment|Recruiting|Hiring|Programs?)"
    r"|Recruitment|\[?Do\s+Not\s+Reply\]?"
    r"|Notifications?|No-?reply|Workday|Greenhouse|Lever|SmartRecruiters|Personio|Teamtailor|Recruitee|Workable"
    r"|Ashby|iCIMS|BambooHR|Jobvite|Codility|HackerRank|CodeSignal)"
)
_ROLE_SUFFIX = re.compile(rf"(?:\s*[-–|,·]?\s*{_ROLE_WORDS})+$", re.IGNORECASE)
# "Recruitment Van Dijk Mobility B.V.", "RRHH Tecnologías Brisa", "Equipo de RRHH".
_ROLE_PREFIX = re.compile(
    r"^(?:(?:Recruitment|Recruiting|Talent Acquisition|HR|RH|RRHH|Human Resources|Careers|Jobs|Karriere"
    r"|Equipo de RRHH|Personalabteilung)(?:\s*[-–|:·]\s*|\s+(?:at|bei|chez|de|en)\s+|\s+))+",
    re.IGNORECASE,
)
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_WORD = rf"[{_UPPER}0-9][\w'&+]*(?:[.-][\w'&+]+)*\.?"
_CONNECTOR = r"(?:&|and|und|et|y|of|de|du|des|la|le|del|der|van|von|da|di)"
_COMPANY = rf"(?P<c>{_WORD}(?:[ ]+(?:{_CONNECTOR}[ ]+)?{_WORD}){{0,4}})"
_ARTICLE = r"(?i:(?:the|der|die|das|dem|den|la|le|l'|el|los|las)\s+)?"


def _company_patterns() -> list[_Anchored]:
    anchored = [
        (
            r"(?:applying|application|applied|apply|candidature|candidatura|bewerbung|bewerben)"
            r"\s+(?:to|at|with|bei|chez|en|para|a)",
            3,
        ),
        (
            r"(?:interest|interested|intérêt|interés|interesse)\s+(?:in|an|à|en|pour|por|for)"
            r"\s+(?:joining\s+|working\s+(?:at|for|with)\s+)?",
            3,
        ),
        (
            r"(?:position|role|job|opening|opportunity|vacancy|offer|interview|onsite|on-site|career|careers|stelle"
            r"|poste|puesto|vacante)\s+(?:at|with|bei|chez|en)",
            3,
        ),
        (r"(?:join|joining|welcome to|working at|work at|work for|to work with|rejoindre|unirte a|trabajar en)", 2),
        (r"(?:the|our)\s+(?:team|hiring team|recruiting team)\s+(?:at|of)", 3),
        (r"(?:chez|au sein de|auprès de|bei|equipo de personas de|equipo de|l'équipe de|team von|desde)", 2),
        (r"(?:portez à|on behalf of|im auftrag (?:von|der)|de la part de|en nombre de)", 3),
        (r"(?:i|we)(?:\s+(?:work|run|lead|head|am|are)|'m|'re)\s+[\w ]{0,30}?\s+(?:at|for|with)", 2),
    ]
    return [_Anchored(anchor, rf"{_ARTICLE}{_COMPANY}", weight) for anchor, weight in anchored]


_COMPANY_PATTERNS = _company_patterns()
# "Acme invites you to…", "Good news: Acme viewed your application".
_INVITES = re.compile(
    rf"^(?:[\w ,:!]{{0,30}}:\s+)?{_COMPANY}\s+(?i:invites you|has invited you|is inviting you|would like to invite"
    rf"|(?:has )?viewed your application|(?:has )?reviewed your application)",
    re.M,
)
# "The Acme Team", "Acme Recruiting", "Ihr Recruiting-Team der Acme GmbH", "L'équipe Acme".
_SIGN_OFF = [
    re.compile(rf"^(?i:the\s+){_COMPANY}\s+(?i:(?:hiring |recruiting |talent |people |hr )?team)\s*$", re.M),
    re.compile(rf"^{_COMPANY}\s+{_ROLE_WORDS}(?:\s+Team)?\s*$", re.M | re.IGNORECASE),
    re.compile(rf"(?i:(?:ihr|dein|euer|das)\s+(?:[\w-]+-)?team\s+(?:der|von|bei)\s+){_COMPANY}", re.M),
    re.compile(rf"^(?i:(?:l'équipe|l'équipe recrutement|el equipo de|el equipo)\s+){_COMPANY}\s*$", re.M),
    re.compile(rf"^(?i:(?:ihr|dein|das)\s+){_COMPANY}[- ](?i:team)\s*$", re.M),
]
# "Technical Recruiter, Acme", "Responsable RH – Acme", "Consultant Senior – Acme, Lyon".
_SIGNATURE_ROLE = re.compile(
    rf"^[^\n,–|]{{0,50}}?(?i:recruit\w*|talent\w*|\bhr\b|\brh\b|people\b|personal\w*|coordinator|partner|manager|lead\b"
    rf"|head of [\w ]+|consultant\w*|consultor\w*|director|cto|ceo|coo|founder|engineer\w*|chargée? de [\w ]+"
    rf"|responsable[\w ]*"
    rf"|reclut\w*|recrut\w*|team|équipe|equipo)[^\n,–|]{{0,30}}?\s*(?:,|–|—|\s-|\||@|\bat\b|\bbei\b|\bchez\b)\s*"
    rf"{_COMPANY}\s*(?:[,|·]\s*[^\n]{{0,40}})?$",
    re.M,
)
# A line that starts with a company name: kept only when it ends in a legal suffix.
_COMPANY_LINE = re.compile(rf"^{_COMPANY}(?=\s*(?:,|\||–|-|·|$))", re.M)
_SUBJECT_AT = re.compile(rf"(?i:(?<!\w)(?:at|with|bei|chez|@|for|to|en))\s+{_ARTICLE}{_COMPANY}\s*[!?.]*$")
_SUBJECT_SEPARATOR = re.compile(r"\s+[-–—|:x×]\s+|:\s+")
_VIA = re.compile(r"\s+(?:via|from|through|@|at|\||-|–)\s+|\s*\((?:via\s+)?[^)]*\)\s*$", re.IGNORECASE)
#: Captures that are phrases, not companies.
_NOT_COMPANIES = frozenset(
    (
        "the",
        "this",
        "that",
        "our",
        "your",
        "my",
        "their",
        "a",
        "an",
        "us",
        "you",
        "we",
        "it",
        "them",
        "me",
        "him",
        "her",
        "time",
        "moment",
        "present",
        "point",
        "stage",
        "today",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "next",
        "first",
        "second",
        "final",
        "least",
        "uns",
        "ihnen",
        "dir",
        "sie",
        "euch",
        "nous",
        "vous",
        "moi",
        "nos",
        "nosotros",
        "usted",
        "ti",
        "ella",
        "él",
        "unserem",
        "unserer",
        "unser",
        "unsere",
        "notre",
        "nuestra",
        "nuestro",
        "equipo",
        "team",
        "hiring",
        "recruiting",
        "careers",
        "jobs",
        "hr",
        "people",
        "talent",
        "linkedin",
        "apply",
        "indeed",
        "glassdoor",
        "xing",
        "stepstone",
        "greenhouse",
        "lever",
        "workday",
        "codility",
        "hackerrank",
        "codesignal",
        "goodtime",
        "calendly",
        "google",
        "zoom",
        "teams",
        "microsoft",
        "dear",
        "hi",
        "hello",
        "hallo",
        "bonjour",
        "hola",
        "thanks",
        "thank",
        "regards",
        "best",
        "kind",
        "mit",
        "viele",
        "bien",
        "un",
        "saludo",
        "cordialement",
        "unfortunately",
        "leider",
        "malheureusement",
        "lamentablemente",
        "re",
        "fwd",
        "aw",
        "wg",
        "tr",
        "rv",
        "application",
        "applying",
        "applied",
        "submission",
        "interview",
        "update",
        "opportunity",
        "opportunité",
        "oportunidad",
        "proceso",
    )
)


@lru_cache(maxsize=4096)
def _company_key(name: str) -> str:
    key = unicodedata.normalize("NFKD", normalise_company(name).lower())
    return "".join(ch for ch in key if ch.isalnum())


_NOT_A_NAME = re.compile(
    r"^\d+\s+(?:[NSEW]\.?\s+)?[\w.]+(?:\s+[\w.]+){0,3}?\s+(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Way|Dr|Drive"
    r"|Lane|Ln|Pkwy|Parkway|Court|Ct|Place|Pl|Suite|Straße|Strasse|Str)\b\.?"
    r"|^\["
    r"|\b(?:engineer|developer|programmer|analyst|scientist|researcher|designer|architect|intern|internship"
    r"|specialist|consultant|administrator|technician)s?\b",
    re.IGNORECASE,
)


def _tidy_company(raw: str) -> str:
    name = raw.strip()
    # Sentence punctuation ends a name; "Acme Corp. We" is "Acme Corp".
    name = re.split(r"[!?](?:\s|$)|(?<!\b[A-Z])\.(?:\s|$)|,\s|;\s|:\s|\s[-–—|]\s|\s\(", name + " ", maxsplit=1)[0]
    name = _ROLE_PREFIX.sub("", _ROLE_SUFFIX.sub("", name.strip()))
    name = name.strip(" ,;:-–|'\"")
    words = name.split()
    while words and words[-1].lower() in {"and", "und", "et", "y", "of", "de", "&", "the", "for", "für"}:
        words.pop()
    while words and words[0].lower() in {"the", "der", "die", "das", "la", "le", "el", "l'", "your", "our", "ihre"}:
        words.pop(0)
    name = " ".join(words)
    if not name or len(name) > 60 or not any(ch.isalpha() for ch in name):
        return ""
    if _NOT_A_NAME.search(name) or (name == name.lower() and re.search(r"[.\d_-]", name)):
        # A street address, a job title, a shortened link, or an address-like handle
        # ("cmu-workday andrew.cmu") never names the employer.
        return ""
    if all(w.lower().strip(".") in _NOT_COMPANIES for w in words):
        return ""
    return name


_GENERIC_LOCAL = re.compile(
    r"^(?:no-?reply|donotreply|do-not-reply|notifications?|jobs?|careers?|karriere|recruiting|recruitment|talent|hr"
    r"|rh|rrhh|info|mail|hello|team|support|candidates?|apply|applications?|hiring|scheduling|system|automated"
    r"|messages?|inmail\w*|people|personal|bewerbung(?:en)?|empleo|emploi|recrutement)$"
)
_TENANTLESS = frozenset({"jobs", "us", "eu", "mail", "candidates", "hire", "app", "www", "talent", "careers", "apply"})
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "gob", "edu"})


def _registrable_label(domain: str) -> str:
    labels = [label for label in domain.lower().split(".") if label]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else (labels[0] if labels else "")


def _address_of(value: str) -> str:
    match = re.search(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", value)
    return match.group(0).lower() if match else ""


def _fold(text: str) -> str:
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum() or ch == " ")


@dataclass(frozen=True)
class _Sender:
    """What the sender's addresses say about the employer."""

    hints: tuple[str, ...]  # squashed names: "acme" from jobs@acme-corp.com or acme@myworkday.com
    domain_name: str  # "Acme Corp" from acme-corp.com, for when nothing else names the company
    personal_locals: tuple[str, ...]  # "jana.koehler": the local parts of people's addresses


def _sender(message: ParsedMessage, rules: Rules) -> _Sender:
    hints: list[str] = []
    domain_name = ""
    personal: list[str] = []
    for address in (message.sender_email, _address_of(message.headers.get("reply-to", ""))):
        if "@" not in address:
            continue
        local, _, domain = address.partition("@")
        squashed_local = re.sub(r"[^a-z0-9]", "", local)
        if _in_domains(domain, rules.ats_domains):
            # Workday, Personio and Recruitee put the employer in the local part or a subdomain.
            labels = domain.split(".")
            tenant = labels[0] if len(labels) > 2 and labels[0] not in _TENANTLESS else ""
            for value in (local, tenant):
                if len(value) >= 3 and not _GENERIC_LOCAL.match(value):
                    hints.append(re.sub(r"[^a-z0-9]", "", value))
            if tenant and _GENERIC_LOCAL.match(local) is None and local != tenant:
                personal.append(local)
            continue
        if domain in rules.freemail_domains or _in_domains(domain, rules.relay_domains):
            continue
        label = _registrable_label(domain)
        if len(label) >= 3:
            hints.append(re.sub(r"[^a-z0-9]", "", label))
            domain_name = domain_name or " ".join(w.capitalize() for w in re.split(r"[-_]", label) if w)
        if not _GENERIC_LOCAL.match(local) and squashed_local not in hints:
            personal.append(local)
    return _Sender(tuple(dict.fromkeys(hints)), domain_name, tuple(personal))


def sender_identity(address: str, rules: Rules) -> str:
    """Who sent an email, as far as it identifies the employer: the registrable
    domain of the employer's own mail ("acme.com"), or an ATS tenant
    ("myworkday.com/acme" from acme@myworkday.com, "comeet-notifications.com/acme"
    from a subdomain); "" for free-mail, relays and an ATS's shared addresses."""
    local, _, domain = address.lower().partition("@")
    if not domain:
        return ""
    if _in_domains(domain, rules.ats_domains) or _in_domains(domain, rules.job_board_domains):
        labels = domain.split(".")
        base = ".".join(labels[-2:])
        tenant = labels[0] if len(labels) > 2 and labels[0] not in _TENANTLESS else ""
        if not tenant:
            local = local.split("+", 1)[0]
            tenant = local if len(local) >= 3 and not _GENERIC_LOCAL.match(local) else ""
        return f"{base}/{tenant}" if tenant else ""
    if domain in rules.freemail_domains or _in_domains(domain, rules.relay_domains):
        return ""
    labels = [label for label in domain.split(".") if label]
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


@lru_cache(maxsize=4096)
def _matches_hint(name: str, hints: tuple[str, ...]) -> bool:
    # Domains spell "&" as nothing, "and" or "et": alderandrowe, talentsetco.
    keys = {_company_key(name.replace("&", joiner)) for joiner in (" ", "and", "et", "und", "y", "n")}
    return any(
        len(key) >= 3 and (key == h or (len(h) >= 4 and (key.startswith(h) or h.startswith(key))))
        for key in keys
        for h in hints
    )


def _is_person(name: str, sender: _Sender, body: str) -> bool:
    """A display name is a person when it matches a personal address or signs the email."""
    tokens = [_fold(t) for t in name.split() if len(t) >= 3]
    folded_locals = [_fold(local) for local in sender.personal_locals]
    if tokens and any(t in local for t in tokens for local in folded_locals):
        return True
    # "Patricia Holloway" on a line of its own near the end: a signature.
    return len(name.split()) in (2, 3) and any(line.strip() == name for line in body[-600:].splitlines())


# Career-site links name the employer's ATS tenant: acme.wd5.myworkdayjobs.com,
# careers-acme.icims.com, jobs.lever.co/acme, boards.greenhouse.io/acme, ...
_ATS_TENANT_URL = re.compile(
    r"(?i)(?:https?://)?(?:"
    r"(?:careers?-|jobs-)?(?P<host>[a-z0-9][a-z0-9-]{1,40})\.(?:wd\d+\.myworkdayjobs|icims|taleo|avature|applytojob"
    r"|breezy|recruitee|teamtailor|workable|bamboohr|jobs\.personio|pinpointhq|hire\.trakstar)\.(?:com|net|hr|io|de)"
    r"|(?:jobs|boards|job-boards)\.(?:lever\.co|greenhouse\.io|eu\.greenhouse\.io|ashbyhq\.com|smartrecruiters\.com)"
    r"/(?P<path>[a-z0-9][a-z0-9-]{1,40})"
    r"|apply\.workable\.com/(?P<wpath>[a-z0-9][a-z0-9-]{1,40}))"
)
_NOT_TENANTS = frozenset(
    {"www", "careers", "jobs", "job", "apply", "embed", "portal", "search", "login", "us", "eu", "en"}
)


def ats_tenants(text: str) -> list[str]:
    """The ATS tenants that career-site links in `text` name, as lowercase slugs."""
    found = []
    for match in _ATS_TENANT_URL.finditer(text[:20_000]):
        slug = (match.group("host") or match.group("path") or match.group("wpath") or "").lower()
        if slug and slug not in _NOT_TENANTS and slug not in found:
            found.append(slug)
    return found[:3]


def _tenant_name(slug: str) -> str:
    return " ".join(part.capitalize() for part in re.split(r"[-_]+", slug) if part)


# Runs of capitalised words, to find the one a sender's domain spells ("Venture
# Global LNG" for venturegloballng.com).
_CAPITALISED_RUN = re.compile(r"[A-Z0-9][\w&'.]*(?:[ ]+(?:&[ ]+|and[ ]+|of[ ]+)?[A-Z0-9][\w&'.]*){0,5}")


def _spelled_by(text: str, hints: tuple[str, ...]) -> Iterator[str]:
    wanted = {h for h in hints if len(h) >= 5}
    if not wanted:
        return
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group(0).split()
        for i in range(len(words)):
            joined = ""
            for j in range(i, len(words)):
                joined += re.sub(r"[^a-z0-9]", "", words[j].lower())
                if j > i and joined in wanted:
                    yield " ".join(words[i : j + 1])
                if len(joined) > 40:
                    break


def extract_company(message: ParsedMessage, subject: str, body: str, rules: Rules, ats: bool) -> str:
    sender = _sender(message, rules)
    tenants = ats_tenants(message.body_text) if ats else []
    if tenants:
        sender = _Sender(
            tuple(dict.fromkeys([*sender.hints, *(re.sub(r"[^a-z0-9]", "", t) for t in tenants)])),
            sender.domain_name,
            sender.personal_locals,
        )
    scores: dict[str, float] = {}
    names: dict[str, str] = {}

    def add(raw: str, weight: float, *, only_if_hinted: bool = False, bonus: bool = True) -> None:
        name = _tidy_company(raw)
        if not name:
            return
        key = _company_key(name)
        if not key:
            return
        hinted = bonus and _matches_hint(name, sender.hints)
        if only_if_hinted and not hinted:
            return
        # The first sighting of a name the addresses confirm gets the bonus, later
        # sightings count a little each.
        scores[key] = scores.get(key, 0) + (weight + (3 if hinted else 0) if key not in scores else 0.5 + weight / 4)
        if len(name) > len(names.get(key, "")):
            names[key] = name  # keep the longest spelling ("Kranich Software AG")

    display = _normalise(message.sender_name).strip().strip("\"'")
    if display:
        parts = _VIA.split(display, maxsplit=1)
        first = _tidy_company(parts[0])
        if first and not _is_person(first, sender, body):
            add(first, 5 if ats and len(parts) == 1 else 2)
    clean_subject = _REPLY_PREFIXES.sub("", subject).strip()
    if match := _SUBJECT_AT.search(clean_subject):
        add(match.group("c"), 3)
    for part in _SUBJECT_SEPARATOR.split(clean_subject)[:4]:
        if 0 < len(part.split()) <= 4 and not _TITLE_WORDS.search(part):
            add(part, 1, only_if_hinted=True)
    head = body[:3000]
    for text in (clean_subject, head):
        lowered = _lowered(text)
        for anchored in _COMPANY_PATTERNS:
            for match in anchored.finditer(text, lowered):
                add(match.group("c"), anchored.weight)
        for match in _INVITES.finditer(text):
            add(match.group("c"), 4)
    tail = "\n".join(body[-1500:].splitlines()[-12:])
    for pattern in _SIGN_OFF:
        for match in pattern.finditer(tail):
            add(match.group("c"), 3)
    for match in _SIGNATURE_ROLE.finditer(tail):
        add(match.group("c"), 3)
    for match in _COMPANY_LINE.finditer(tail):
        if _LEGAL_SUFFIX.search(match.group("c")):
            add(match.group("c"), 4)
    # "Aoife Brennan / Fernhill Studios": a short signature line the domain confirms.
    for line in tail.splitlines():
        if 0 < len(line.split()) <= 5:
            add(line, 3, only_if_hinted=True)
    for text in (clean_subject, head):
        for name in _spelled_by(text, sender.hints):
            add(name, 4)
    if sender.domain_name:
        add(sender.domain_name, 0.5, bonus=False)
    if ats:
        # An ATS tenant names the employer when nothing in the text does.
        for slug in [*tenants, *(h for h in sender.hints if h not in tenants)][:1]:
            add(_tenant_name(slug), 0.75, bonus=False)
    if not scores:
        return ""
    best = max(scores, key=lambda key: scores[key])
    return names[best]


# --- job titles ----------------------------------------------------------------------

_TITLE_WORDS = re.compile(
    r"(?i)(?:engineer|developer|programmer|architect|analyst|scientist|designer|manager|lead\b|director|head of"
    r"|consultant|specialist|administrator|advocate|intern\b|internship|trainee|werkstudent|associate|officer"
    r"|coordinator|representative|tester|\bqa\b|devops|\bsre\b|reliability|researcher|technician|writer|editor"
    r"|accountant|recruiter|product owner|scrum master|entwickler|ingenieur|berater|leiter|referent|développeu"
    r"|ingénieur|chef de|responsable|chargée? de|analyste|stagiaire|desarrollador|ingenier[oa]|analista"
    r"|programador|jefe de|técnico|diseñador|administrador|tech lead|cto\b|vp of|owner\b|executive|producer|artist"
    r"|animator|nurse|teacher|lawyer|counsel\b|economist|statistician|technologist|strategist|planner|buyer\b"
    r"|controller|auditor|assistant|secretary|receptionist|clerk\b|agent\b|advis[oe]r|fellow\b|postdoc|professor"
    r"|lecturer|instructor|coach\b|trainer|mechanic|electrician|operator|pharmacist|therapist|physician|praktikant"
    r"|sachbearbeiter|kaufmann|kauffrau|mitarbeiter|assistenz|informatiker|gestionnaire|directeur|directrice"
    r"|comptable|technicien|alternant|consultor|gerente|coordinador|especialista|becari[oa]|asistente)"
)
_TITLE_WORDS_LOWER = re.compile(_TITLE_WORDS.pattern.removeprefix("(?i)"))
_T_WORD = r"[\w/&+#'-]+(?:\.[\w/&+#'-]+)*"
_T_TOKEN = rf"(?:{_T_WORD}|\([^()\n]{{1,40}}\))"
# A run of words starting with a capital; commas and spaced hyphens only before another
# capital ("Senior Software Engineer, Patient Apps", "Software Engineer III - Flight Systems").
_TITLE = rf"(?P<t>[{_UPPER}0-9.]{_T_WORD}(?:(?:[ ]|,[ ](?=[{_UPPER}])|[ ]-[ ](?=[{_UPPER}])){_T_TOKEN})*)"
_TITLE_ANCHORS = [
    # Explicit: "position of X", "Bewerbung als X", "poste de X", "puesto de X".
    (r"(?:position|role|post|vacancy|job) of", 5),
    (r"(?:bewerbung|stelle|position|tätigkeit|einstieg|kandidatur) als", 5),
    (r"(?:bewerbung|interesse) (?:für|auf|an) (?:die |der |unsere )?(?:stelle |position |ausschreibung )?(?:als )?", 4),
    (r"candidature (?:pour|au|à)(?: l'offre| le poste| poste)?(?: de| d')?", 4),
    (r"(?:zur|für die|auf die|die|der|unsere|unserer) (?:position|stelle|rolle)(?: als)?", 4),
    (r"l'offre (?:de |d')?", 3),
    (r"(?:au |du |pour le |le )?poste d[e']", 5),
    (r"(?:el |al |del |la )?(?:puesto|vacante|posición|cargo) de", 5),
    (r"candidatura (?:para|a) (?:el puesto de|la vacante de)?", 3),
    (r"(?:application|applying|applied|candidacy) (?:for|to)(?: the)?(?: position of| role of)?", 4),
    (r"(?:role|position|opening|vacancy|job)[^.\n:]{0,30}:", 3),
    (r"(?:for|to|about|regarding|on|in|and) (?:the|our|your|this|a|an)", 2),
    (
        r"(?:call|chat|interview|conversation|update|next steps?|decision|offer|assessment|challenge|task|exercise|test"
        r"|questionnaire|onsite|feedback) (?:for|about|regarding|on)(?: the| our| your)?",
        2.5,
    ),
    (
        r"(?:hiring|looking for|searching for|recruiting for|suchen|sucht|recherchons|recherche|buscamos|busca)"
        r"(?: an?| einen| eine| un| une| una)?",
        2,
    ),
    (r"(?:your|my)", 1.5),
    (r"as (?:a|an|our)", 1),
]
_TITLE_PATTERNS = [_Anchored(anchor, _TITLE, weight) for anchor, weight in _TITLE_ANCHORS]
# Lowercase titles ("for the senior software engineer position"): kept only when a
# title noun ends the run, and scored a little lower.
_TITLE_LOWER = (
    r"(?!(?:the|our|your|this|that|a|an|le|la|les|l'|el|los|las|un|une|una|die|der|das|den|dem|unsere[nrm]?|notre"
    r"|nuestr[oa]|position|role|poste|puesto|stelle|job)\b)"
    rf"(?P<t>[a-zà-ÿ][\w/&+#'-]*(?:[ ]{_T_TOKEN}){{0,8}})"
)
_TITLE_PATTERNS += [_Anchored(anchor, _TITLE_LOWER, weight - 0.5) for anchor, weight in _TITLE_ANCHORS if weight >= 2]
_TITLE_LINE = re.compile(
    rf"^[ \t]*(?i:position|role|job|title|vacancy|opening|requisition|stelle|poste|puesto|vacante|rolle)"
    rf"(?![\w /]*\b(?i:id|number|no|nr|code|ref|reference|location|type|link)\b)[\w /]{{0,20}}:[ \t]*{_TITLE}",
    re.M,
)
_TITLE_CONNECTORS = frozenset({"of", "and", "&", "de", "du", "des", "d'", "la", "le", "für", "y", "und", "et", "/"})
# "Chef de projet", "Analista de datos": after these a lowercase word still belongs.
_LOWERCASE_AFTER = frozenset({"de", "du", "des", "d'", "of", "la", "le"})
_TITLE_STOPS = frozenset(
    (
        "at",
        "with",
        "bei",
        "chez",
        "en",
        "in",
        "for",
        "to",
        "from",
        "has",
        "have",
        "is",
        "was",
        "will",
        "we",
        "you",
        "our",
        "which",
        "that",
        "who",
        "via",
        "per",
        "on",
        "im",
        "am",
        "zum",
        "zur",
        "au",
        "à",
        "dans",
        "avec",
        "para",
        "con",
        "del",
        "este",
        "esta",
        "an",
        "auf",
        "a",
        "que",
    )
)
_REQUISITION = re.compile(
    r"\s*(?:\((?:[A-Z]{1,4}-?\d{3,}|req[^)]*|job id[^)]*|#\s?\d+)\)|[-–]\s*(?:[A-Z]{1,4}-?)?\d{4,}|#\s?\d{3,}"
    r"|\b(?:req(?:uisition)?|job)\s*(?:id|#|no\.?)\s*:?\s*[\w-]+)\s*$",
    re.IGNORECASE,
)
_GENDER = re.compile(
    r"\s*[(\[](?:[mwfdxhgn]\s*/\s*){1,3}[mwfdxhgn]\*?[)\]]|\s*\((?:all genders?|gn|m/w/d|w/m/d|m/f/d|f/m/d|h/f|f/h)\)",
    re.IGNORECASE,
)
# Work arrangements and durations are not part of the title: "(12 months)", "- Remote".
_ARRANGEMENT = re.compile(
    r"\s*(?:\([^()]*(?:\d\s*(?:months?|monate?|mois|meses|years?|weeks?)|remote|hybrid|on-?site|contract|full[- ]time"
    r"|part[- ]time|freelance|permanent|temporary|cdi|cdd|befristet|unbefristet|teilzeit|vollzeit|remoto)[^()]*\)"
    r"|[,–-]\s*(?:remote|hybrid|on-?site|contract|full[- ]time|part[- ]time|remoto|télétravail))\s*$",
    re.IGNORECASE,
)
_TRAILING_TITLE_WORDS = re.compile(
    r"\s+(?:position|role|opening|vacancy|job|opportunity|interview|application|take-home(?: task)?|assessment"
    r"|coding challenge|offer|onsite|process|team|stelle|poste|puesto)$",
    re.IGNORECASE,
)


def _title_words(raw: str) -> str:
    """Keep the title's words: capitalised ones, connectors, and a word after a connector."""
    # Spaces inside parentheses ("(Payments Team)") do not end the title.
    protected = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(" ", "\x00"), raw.strip())
    kept: list[str] = []
    pending: list[str] = []  # lowercase words kept only if a title noun follows ("senior software engineer")
    for token in protected.split():
        bare = token.strip(",").lower()
        previous = kept[-1].lower() if kept else ""
        if bare in _TITLE_STOPS and kept:
            break
        if token == "-":  # "Software Engineer III - Flight Systems"; an en dash separates instead
            kept.append(token)
            continue
        capitalised = token[0].isupper() or token[0].isdigit() or token[0] in "(.#" or any(c.isupper() for c in token)
        title_noun = _TITLE_WORDS.fullmatch(bare) is not None
        joins = not pending and (bare in _TITLE_CONNECTORS or previous in _LOWERCASE_AFTER)
        if pending and not title_noun and not token[0].islower():
            break  # "und das damit verbundene Interesse": the lowercase run led nowhere
        elif capitalised or title_noun or joins:
            kept.extend(pending)
            pending = []
            kept.append(token)
        elif len(pending) < 3 and not token.endswith(","):
            pending.append(token)
        else:
            break
    while kept and (kept[-1].lower() in _TITLE_CONNECTORS or kept[-1] in ("-", "–")):
        kept.pop()
    return " ".join(kept).replace("\x00", " ")


def _tidy_title(raw: str) -> str:
    title = _title_words(re.sub(r"^(?:d'|l'|de\s|du\s)", "", raw.strip(), flags=re.IGNORECASE))
    for _ in range(3):
        previous = title
        title = _REQUISITION.sub("", title)
        title = _ARRANGEMENT.sub("", title)
        title = _TRAILING_TITLE_WORDS.sub("", title)
        title = _GENDER.sub("", title).strip(" ,.;:-–|\"'?!")
        if title == previous:
            break
    words = title.split()
    if not words or len(words) > 10 or len(title) > 90 or sum(ch.isalpha() for ch in title) < 2:
        return ""
    if title.lower() in {"position", "role", "job", "team", "application", "interview"}:
        return ""
    return title


def extract_title(subject: str, body: str) -> str:
    scores: dict[str, float] = {}
    spelled: dict[str, str] = {}

    def consider(raw: str, weight: float) -> None:
        title = _tidy_title(raw)
        if not title or (not _TITLE_WORDS.search(title) and weight < 5):
            return
        key = title.lower()
        scores[key] = scores.get(key, 0) + (weight if key not in scores else 0.5)
        spelled.setdefault(key, title)

    for match in _TITLE_LINE.finditer(body):
        consider(match.group("t"), 6)
    clean_subject = _REPLY_PREFIXES.sub("", subject).strip()
    for text, factor in ((clean_subject, 1.2), (body[:4000], 1.0)):
        lowered = _lowered(text)
        for anchored in _TITLE_PATTERNS:
            for match in anchored.finditer(text, lowered):
                consider(match.group("t"), anchored.weight * factor)
    # Subjects like "Interview invitation – Backend Engineer at Acme".
    for part in _SUBJECT_SEPARATOR.split(clean_subject):
        part = re.sub(r"\s+(?:at|bei|chez|with|@)\s+.*$", "", part.strip(), flags=re.IGNORECASE)
        if part and _TITLE_WORDS.search(part) and (part[0].isupper() or part[0].isdigit()):
            consider(part, 3)
    if not scores:
        return ""
    best = max(scores, key=lambda key: (scores[key], len(key)))
    # "Security Engineer" in the subject, "Security Engineer (AppSec)" in the body:
    # the fuller spelling of the same title wins.
    longer = [k for k in scores if k != best and k.startswith(best) and scores[k] >= scores[best] - 2]
    if longer:
        best = max(longer, key=len)
    return spelled[best]


# --- interview and deadline dates ----------------------------------------------------

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januar jänner janvier janv enero ene",
        "february feb februar février fevrier févr fevr febrero",
        "march mar märz maerz mrz mars marzo",
        "april apr avril avr abril abr",
        "may mai mayo",
        "june jun juni juin junio",
        "july jul juli juillet juil julio",
        "august aug août aout agosto ago",
        "september sep sept septembre septiembre setiembre",
        "october oct oktober okt octobre octubre",
        "november nov novembre noviembre",
        "december dec dezember dez décembre decembre déc diciembre dic",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH = "(?:" + "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True)) + ")"
_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "monday mon montag lundi lunes",
        "tuesday tue tues dienstag mardi martes",
        "wednesday wed mittwoch mercredi miércoles miercoles",
        "thursday thu thur thurs donnerstag jeudi jueves",
        "friday fri freitag vendredi viernes",
        "saturday sat samstag sonnabend samedi sábado sabado",
        "sunday sun sonntag dimanche domingo",
    ]
):
    for _name in _names.split():
        _WEEKDAYS[_name] = _number
_WEEKDAY = "(?:" + "|".join(sorted((re.escape(w) for w in _WEEKDAYS), key=len, reverse=True)) + ")"

_DATE_PATTERNS = [
    re.compile(
        rf"(?i)(?<!\w)(?P<mon>{_MONTH})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?!:)(?:,?\s+(?P<year>20\d\d))?"
    ),
    re.compile(
        rf"(?i)(?<![\w.])(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+)?(?P<mon>{_MONTH})(?!\w)\.?"
        rf"(?:,?\s+(?:de\s+)?(?P<year>20\d\d))?"
    ),
    re.compile(r"(?<![\d-])(?P<year>20\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(
        r"(?<![\d./])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d)(?:(?P=sep)(?P<year>20\d\d|\d\d)(?!\d)|(?P<dot>\.)(?!\d)|(?![\d.]))"
    ),
]
_RELATIVE_DAY = re.compile(
    rf"(?i)(?<!\w)(?:(?:this|next|coming|am|le|el|ce|diesen|kommenden|nächsten)\s+)?(?P<weekday>{_WEEKDAY})(?!\w)"
    r"|(?<!\w)(?P<tomorrow>tomorrow|demain)(?!\w)|(?<!\w)morgen(?=\s+(?:um|früh|vormittag|nachmittag))"
    r"|(?<!\w)mañana(?=\s+a\s+las)"
)
_TIME = re.compile(
    r"(?i)(?<![\d:.,/])(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.]|\s?h\s?)(?P<m>[0-5]\d))?(?!\d)"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?)(?!\w)|\s*(?P<uhr>uhr|h)(?!\w))?"
    r"|(?<!\w)(?P<noon>noon|midday|mittag)(?!\w)"
)
_TIME_RANGE_END = re.compile(
    r"\s*(?:[-–—]|to|bis|à|a|hasta)\s*(?:[01]?\d|2[0-3])(?:[:h.][0-5]\d)?(?:\s*(?:[ap]\.?\s?m\.?|uhr|h)(?!\w))?",
    re.IGNORECASE,
)
_TZ_NAMES = {
    "utc": "UTC", "gmt": "UTC", "z": "UTC",
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "mez": "Europe/Berlin", "mesz": "Europe/Berlin",
    "central european time": "Europe/Berlin", "central european summer time": "Europe/Berlin",
    "berlin time": "Europe/Berlin", "paris time": "Europe/Paris", "madrid time": "Europe/Madrid",
    "amsterdam time": "Europe/Amsterdam", "heure de paris": "Europe/Paris", "heure française": "Europe/Paris",
    "heure de france": "Europe/Paris", "hora peninsular": "Europe/Madrid", "hora de madrid": "Europe/Madrid",
    "hora española": "Europe/Madrid", "hora de españa": "Europe/Madrid", "deutscher zeit": "Europe/Berlin",
    "deutsche zeit": "Europe/Berlin",
    "bst": "Europe/London", "uk time": "Europe/London", "london time": "Europe/London", "british time": "Europe/London",
    "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York", "eastern": "America/New_York",
    "eastern time": "America/New_York",
    "ct": "America/Chicago", "cst": "America/Chicago", "cdt": "America/Chicago", "central": "America/Chicago",
    "central time": "America/Chicago",
    "mt": "America/Denver", "mst": "America/Denver", "mdt": "America/Denver", "mountain": "America/Denver",
    "mountain time": "America/Denver",
    "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles", "pacific time": "America/Los_Angeles",
    "ist": "Asia/Kolkata", "jst": "Asia/Tokyo", "sgt": "Asia/Singapore", "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
}  # fmt: skip
_TZ = re.compile(
    r"\s*[(\[]?\s*(?:(?P<name>"
    + "|".join(sorted((re.escape(n).replace(r"\ ", r"\s+") for n in _TZ_NAMES), key=len, reverse=True))
    + r")(?:\s+time)?|(?:utc|gmt)\s?(?P<offset>[+-]\s?\d{1,2}(?::?\d{2})?)|(?P<bare>[+-]\d{2}:?\d{2}))(?!\w)",
    re.IGNORECASE,
)
_PREVIOUS = re.compile(
    r"(?i)(?:previously|originally|instead of|formerly|old time|was|ursprünglich|statt|anstelle|bisher|au lieu de"
    r"|initialement|précédemment|en lugar de|anteriormente|antes)\W{0,3}$"
)
_NEW_TIME = re.compile(
    r"(?i)(?:new (?:time|date|slot)|rescheduled (?:to|for)|moved to|neuer termin|neue uhrzeit|verschoben auf"
    r"|nouvel horaire|nouvelle date|reporté au|nueva (?:fecha|hora)|cambiad[oa] al?)"
)
#: Zones tried, in order, for the sender's Date offset when the text names no zone.
_LIKELY_ZONES = (
    "Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Denver",
    "America/Los_Angeles", "America/Phoenix", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney",
)  # fmt: skip


def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None  # no tz database on this host: fixed offsets only


def _sender_zone(message: ParsedMessage, language: str) -> tzinfo:
    """The zone the sender most likely writes times in: their Date header's offset,
    extended to a real zone so a date after a daylight-saving change gets its own offset."""
    raw = message.headers.get("date", "")
    sent = parse_date(raw)
    offset_match = re.search(r"([+-])(\d{2})(\d{2})\s*(?:\(|$)", raw.strip())
    if sent is None or offset_match is None:
        return UTC
    sign = -1 if offset_match.group(1) == "-" else 1
    offset = timedelta(hours=int(offset_match.group(2)), minutes=int(offset_match.group(3))) * sign
    preferred = list(_LIKELY_ZONES)
    if language in {"de", "fr", "es"}:
        preferred.remove("Europe/Berlin")
        preferred.insert(0, "Europe/Berlin")
    for name in preferred:
        zone = _zone(name)
        if zone is not None and sent.astimezone(zone).utcoffset() == offset:
            return zone
    return timezone(offset)


def _zone_from_text(match: re.Match[str] | None) -> tzinfo | None:
    if match is None:
        return None
    if match.group("name"):
        key = " ".join(match.group("name").lower().split())
        return _zone(_TZ_NAMES.get(key, "UTC")) or UTC
    raw = (match.group("offset") or match.group("bare") or "").replace(" ", "")
    number = re.match(r"([+-])(\d{1,2}):?(\d{2})?", raw)
    if not number:
        return None
    sign = -1 if number.group(1) == "-" else 1
    return timezone(sign * timedelta(hours=int(number.group(2)), minutes=int(number.group(3) or 0)))


def _read_time(match: re.Match[str]) -> time | None:
    if match.group("noon"):
        return time(12, 0)
    hour = int(match.group("h"))
    minute = int(match.group("m") or 0)
    ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if not (match.group("m") or ampm or match.group("uhr")):
        return None  # a bare number is not a time
    if match.group("sep") == "." and not (ampm or match.group("uhr")):
        return None  # "10.30" alone is as likely a price or a version
    if ampm:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    return time(hour, minute)


def _language(text: str) -> str:
    sample = f" {text[:2000].lower()} "
    counts = {
        "de": sum(sample.count(w) for w in (" und ", " sie ", " ihre ", " wir ", " der ", " die ", " nicht ")),
        "fr": sum(sample.count(w) for w in (" vous ", " nous ", " et ", " le ", " pour ", " votre ", " les ")),
        "es": sum(sample.count(w) for w in (" el ", " los ", " tu ", " para ", " con ", " que ", " una ")),
        "en": sum(sample.count(w) for w in (" the ", " and ", " you ", " your ", " we ", " to ", " for ")),
    }
    return max(counts, key=lambda k: counts[k])


def _date_from(match: re.Match[str], language: str, reference: date) -> date | None:
    groups = match.groupdict()
    try:
        if groups.get("mon"):
            month = _MONTHS[groups["mon"].lower().rstrip(".")]
            day = int(groups["day"])
        elif groups.get("month"):
            month, day = int(groups["month"]), int(groups["day"])
        else:
            first, second = int(groups["a"]), int(groups["b"])
            if not groups.get("year") and not groups.get("dot") and groups["sep"] != "/":
                return None
            if groups["sep"] == "/" and language == "en" and first <= 12:
                month, day = first, second  # US order, the common case in English mail
            else:
                day, month = first, second
        year_text = groups.get("year")
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            return date(year, month, day)
        candidate = date(reference.year, month, day)
        # No year: the next such date from the email on (a December email about January).
        if candidate < reference - timedelta(days=14):
            candidate = date(reference.year + 1, month, day)
        return candidate
    except (ValueError, KeyError):
        return None


def _was_previous(text: str, start: int) -> bool:
    """ "(previously Thursday 10 September, 14:00)": the old slot of a rescheduled event."""
    return _PREVIOUS.search(text[max(0, start - 30) : start]) is not None


def extract_event_at(message: ParsedMessage, subject: str, body: str) -> datetime | None:
    """The first future date with a time: an interview slot or an assessment deadline."""
    text = f"{subject}\n{body[:MAX_BODY_CHARS]}"
    language = _language(body)
    default_zone = _sender_zone(message, language)
    received = message.received_at or datetime.now(UTC)
    local_today = received.astimezone(default_zone).date()

    found: list[tuple[int, datetime, bool]] = []
    spans: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e in spans):
                continue
            day = _date_from(match, language, local_today)
            if day is None:
                continue
            spans.append((match.start(), match.end()))
            moment = _with_time(text, match.start(), match.end(), day, default_zone)
            if moment is not None:
                found.append((match.start(), moment, _was_previous(text, match.start())))
    for match in _RELATIVE_DAY.finditer(text):
        # "Wednesday 5 August": the weekday names the date that follows it.
        if any(s - 15 <= match.end() <= e for s, e in spans):
            continue
        if match.group("weekday"):
            ahead = (_WEEKDAYS[match.group("weekday").lower()] - local_today.weekday()) % 7 or 7
        else:
            ahead = 1
        day = local_today + timedelta(days=ahead)
        moment = _with_time(text, match.start(), match.end(), day, default_zone, near=30)
        if moment is not None:
            found.append((match.start(), moment, _was_previous(text, match.start())))
    if not found:
        return None
    found.sort(key=lambda item: item[0])
    current = [item for item in found if not item[2]] or found
    cue = _NEW_TIME.search(text)
    if cue:
        after_cue = [item for item in current if item[0] >= cue.start()]
        current = after_cue or current
    upcoming = [item for item in current if item[1] >= received - timedelta(hours=12)]
    # Only past dates ("thanks for Tuesday at 10:00"): nothing is scheduled.
    return upcoming[0][1].astimezone(UTC) if upcoming else None


def _with_time(text: str, start: int, end: int, day: date, zone: tzinfo, near: int = 90) -> datetime | None:
    after = text[end : end + near]
    time_match = None
    for candidate in _TIME.finditer(after):
        if _read_time(candidate) is not None:
            time_match = candidate
            break
    offset = end
    if time_match is None:
        before = text[max(0, start - 40) : start]
        candidates = [c for c in _TIME.finditer(before) if _read_time(c) is not None]
        if not candidates:
            return None
        time_match = candidates[-1]
        offset = max(0, start - 40)
        # "10:00 CET on 22 September": the zone follows the time, before the date.
        tail = text[offset + time_match.end() : start] + " " + text[end : end + 40]
    else:
        tail = text[offset + time_match.end() : offset + time_match.end() + 60]
    clock = _read_time(time_match)
    if clock is None:
        return None
    range_end = _TIME_RANGE_END.match(tail)
    if range_end:
        tail = tail[range_end.end() :]
    explicit = _zone_from_text(_TZ.match(tail))
    return datetime.combine(day, clock, tzinfo=explicit or zone)


# --- the classifier ------------------------------------------------------------------

#: Statuses whose strong phrase alone makes a message job-related; the others need a
#: job word too ("we received your application" also ends credit-card applications).
_SELF_EVIDENT = frozenset({Status.WITHDRAWN, Status.REJECTED, Status.OFFER, Status.ASSESSMENT, Status.INTERVIEW})
_AMBIGUOUS_JOB_WORDS = frozenset({"application", "applications", "applied", "applying", "interview", "interviews"})


@dataclass
class _Signals:
    ats: bool = False
    excluded: bool = False
    alert_sender: bool = False
    job_board: bool = False
    alert_subject: bool = False
    alert_body: int = 0
    social: bool = False
    other_subject: bool = False
    bulk: bool = False
    job_words: set[str] = field(default_factory=set)
    application_context: bool = False
    strong: dict[str, _Evidence] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    display: str = ""
    decision: str = ""
    personal_sender: bool = False
    meeting: bool = False

    @property
    def job_context(self) -> bool:
        return bool(self.job_words - _AMBIGUOUS_JOB_WORDS)


_APPLICATION_CONTEXT = re.compile(
    r"(?<!\w)(?:your (?:job )?(?:application|candidacy|interview|applying)|you applied"
    r"|(?:ihre|deine|eure) (?:bewerbung|kandidatur)"
    r"|votre candidature|ta candidature|(?:tu|su) (?:candidatura|solicitud|postulación)|(?:for|thank you for) applying"
    r"|application for (?:the|our)|(?:bewerbung|candidature|candidatura) (?:als|pour|para|au|para el))"
)
_PUT_FORWARD = re.compile(
    r"(?<!\w)(?:(?:passed|forwarded|sent|shared|submitted|put|presented|introduced) (?:on )?(?:you|your (?:cv|resume"
    r"|profile|application|details))(?: forward| on| across)? (?:to|for|with) (?:the|my|our|their) (?:client|hiring"
    r" manager|hiring team)|(?:thank you|thanks) for (?:sending|sharing) (?:over |me )?your (?:updated )?(?:cv|resume)"
    r"|lebenslauf [^.]{0,40}weitergeleitet|(?:transmis|présenté|proposé) (?:votre|ton) (?:cv|profil|candidature)"
    r"|(?:enviado|presentado|pasado) (?:tu|su) (?:cv|perfil|candidatura))"
)
_BULK_BODY = re.compile(
    r"(?<!\w)(?:newsletter|unsubscribe|view (?:this email )?in (?:your )?browser|forward (?:this )?to a friend"
    r"|(?:sunday|monday|weekly|monthly|daily|morning|weekend) edition|issue #\d+"
    r"|reader question|you(?:'re| are) receiving this|abmelden|désinscri|darse de baja)"
)


class RulesClassifier:
    name = "rules"

    def __init__(self, rules: Rules | None = None) -> None:
        self.rules = rules or load_rules()

    async def classify(self, message: ParsedMessage) -> Classification:
        # Pure CPU work of about a millisecond: a thread hop would cost more.
        return self.classify_sync(message)

    async def aclose(self) -> None:
        return None

    def classify_sync(self, message: ParsedMessage) -> Classification:
        subject = " ".join(_normalise(message.subject).split())
        body = _normalise(clean_text(message))[:MAX_BODY_CHARS]
        signals = self._signals(message, subject, body)
        signals.meeting = message.has_calendar or bool(_MEETING_JOIN.search(body))
        status, confidence, certain = self._decide(signals, f"{subject}\n{body}".lower(), subject)
        reasons = tuple(([signals.decision] if signals.decision else []) + signals.reasons[:11])
        if status == Status.NOT_JOB:
            return Classification(
                status=status,
                is_job_related=False,
                confidence=confidence,
                certain=certain,
                reasons=reasons,
                meeting=signals.meeting,
            )
        event_at = None
        if status in (Status.INTERVIEW, Status.ASSESSMENT):
            event_at = extract_event_at(message, subject, body)
        return Classification(
            status=status,
            is_job_related=True,
            company=extract_company(message, subject, body, self.rules, signals.ats),
            job_title=extract_title(subject, body),
            confidence=confidence,
            event_at=event_at,
            certain=certain,
            reasons=reasons,
            meeting=signals.meeting,
        )

    def _signals(self, message: ParsedMessage, subject: str, body: str) -> _Signals:
        rules = self.rules
        s = _Signals()
        address = message.sender_email
        domain = address.partition("@")[2]
        display = message.sender_name.lower()
        s.display = display
        lower_subject = subject.lower()
        lower_body = body.lower()
        raw_body = _normalise(message.body_text[:MAX_BODY_CHARS]).lower()

        local = address.partition("@")[0]
        s.personal_sender = bool(
            local
            and not _GENERIC_LOCAL.match(re.sub(r"[-_.+]?(?:no-?reply|autoreply|notifications?)$", "", local))
            and len(display.split()) >= 2
            and not _ROLE_SUFFIX.search(message.sender_name)
        )
        s.ats = bool(domain) and _in_domains(domain, rules.ats_domains)
        if not s.ats and _ATS_DISPLAY.search(display):
            s.ats = True
        if s.ats:
            s.reasons.append(f"ATS sender {domain or display}")
        if address and (address in rules.exclude_senders or _in_domains(domain, rules.exclude_domains)):
            s.excluded = True
            s.reasons.append(f"excluded sender {address}")
        if address and rules.alert_senders.search(address):
            s.alert_sender = True
            s.reasons.append("job-board sender")
        if domain and _in_domains(domain, rules.job_board_domains):
            s.job_board = True
            s.reasons.append("job-board domain")
        if address and rules.social_senders.search(address):
            s.social = True
            s.reasons.append("social-network sender")
        if match := rules.alert_subjects.search(lower_subject):
            s.alert_subject = True
            s.reasons.append(f"alert subject '{match.group(0)}'")
        if match := rules.social_subjects.search(lower_subject):
            s.social = True
            s.reasons.append(f"social subject '{match.group(0)}'")
        if match := rules.other_subjects.search(lower_subject):
            s.other_subject = True
            s.reasons.append(f"receipt/newsletter subject '{match.group(0)}'")
        s.alert_body = len({m.group(0) for m in rules.alert_body.finditer(raw_body)})
        headers = message.headers
        s.bulk = bool(
            "list-unsubscribe" in headers
            or "list-id" in headers
            or headers.get("precedence", "").lower() in {"bulk", "list", "junk"}
            or _BULK_BODY.search(raw_body[-3000:])
            or _BULK_BODY.search(raw_body[:300])
        )
        text = f"{lower_subject}\n{lower_body}"
        in_subject, in_body = rules.present(lower_subject), rules.present(lower_body)
        s.job_words = {m.group(0) for m in rules.job_words.finditer(text, in_subject | in_body)}
        if _TITLE_WORDS_LOWER.search(text):
            s.job_words.add("<job title>")
        s.application_context = bool(_APPLICATION_CONTEXT.search(text))
        for status in PRECEDENCE:
            evidence = _Evidence(
                subject=_hits(rules.strong[status], lower_subject, status, in_subject),
                body=_hits(rules.strong[status], lower_body, status, in_body),
            )
            if evidence.strong:
                s.strong[status] = evidence
                for phrase in (evidence.subject + evidence.body)[:2]:
                    s.reasons.append(f"{status}: '{' '.join(phrase.split())}'")
        return s

    def _weak(self, text: str) -> dict[str, int]:
        # Only needed when no strong phrase decided; computed lazily to save time.
        present = self.rules.present(text)
        return {
            status: len({m.group(0) for m in self.rules.weak[status].finditer(text, present)}) for status in PRECEDENCE
        }

    def _decide(self, s: _Signals, text: str, subject_line: str) -> tuple[str, float, bool]:
        strong = s.strong
        # 1. Mail that is never about the user's own applications.
        if s.excluded or s.social:
            s.decision = "never job mail: excluded sender or social notification"
            return Status.NOT_JOB, 0.97, True
        # "Offer Letter - Full Stack Developer" from offers@: a decision named in the
        # subject outranks a sender that looks like a marketing list.
        decided_in_subject = any(e.subject for st, e in strong.items() if st in _DECISIONS or st == Status.INTERVIEW)
        if (s.alert_sender and not decided_in_subject) or s.alert_subject:
            # Job-alert digests, from boards and from employers' own career sites.
            s.decision = "job-alert digest"
            if (s.alert_sender and not decided_in_subject) or (
                s.alert_subject and (s.bulk or s.alert_body or s.job_board)
            ):
                return Status.NOT_JOB, 0.96, True
            if not s.application_context:
                return Status.NOT_JOB, 0.8, False
        # A person's message relayed by a board ("Mira Castellanos via LinkedIn")
        # carries the board's footer; it is not bulk mail for that.
        relayed = bool(_RELAYED.search(s.display))
        if s.job_board and not (
            strong and s.job_context and not s.alert_body and (not s.bulk or s.application_context or relayed)
        ):
            # Boards send profile views, tips and marketing; a recruiter's InMail or
            # "your application was sent to Acme" (Easy Apply) is the exception.
            s.decision = "job-board notification"
            return Status.NOT_JOB, 0.9, s.bulk or bool(s.alert_body)
        if s.other_subject and not s.ats and not s.application_context and not any(e.subject for e in strong.values()):
            s.decision = "receipt, account or marketing mail"
            return Status.NOT_JOB, 0.85, not strong
        # 2. Is it about the user's own job search at all?
        self_evident = any(status in _SELF_EVIDENT for status in strong)
        # Footers like "you are receiving this because you applied" make an employer's
        # mail look like bulk mail; talking about "your application" says otherwise,
        # and so does a person's message relayed by a platform.
        # A recruiter writing in their own name about a role is outreach even when the
        # agency's mailer adds an unsubscribe footer.
        personal = s.personal_sender and Status.RECRUITER_OUTREACH in strong
        bulk = s.bulk and not s.application_context and not relayed and not personal
        job = (
            s.ats
            or (self_evident and not bulk)
            or (bool(strong) and s.job_context and not bulk)
            or (s.application_context and s.job_context and not bulk)
        )
        weak: dict[str, int] | None = None
        if not job and not strong and s.job_context and not bulk:
            # "Locked in: Monday 14:00 on Google Meet" about a role: a call with a
            # date and time in a job context is an interview without the word.
            weak = self._weak(text)
            if weak[Status.INTERVIEW] and _DATE_WITH_TIME.search(text):
                s.decision = "call with a date and time in a job context"
                return Status.INTERVIEW, 0.55, False
        if s.meeting and not strong and s.job_context and not bulk:
            # A calendar invitation or a video-call join block about a role: an
            # interview even when the body is nothing but the join details.
            s.decision = "meeting invitation in a job context"
            return Status.INTERVIEW, 0.55, False
        if not job:
            if s.bulk:
                # Mail sent to a list that names no status and not the user's own
                # application is not worth an LLM call.
                s.decision = "newsletter or bulk mail"
                return Status.NOT_JOB, 0.85, not strong and not s.application_context
            if not s.job_words and not any((weak or self._weak(text)).values()):
                s.decision = "no job vocabulary at all"
                return Status.NOT_JOB, 0.92, True
            s.decision = "job words without a phrase about the user's own application"
            return Status.NOT_JOB, 0.75, False
        # 3. Which status.
        if not strong:
            s.decision = "job-related, no decisive phrase"
            weak = weak or self._weak(text)
            best = max(PRECEDENCE, key=lambda status: weak[status])
            if weak[best] >= 2 and best in _SELF_EVIDENT:
                return best, 0.45, False
            return Status.OTHER_JOB, 0.4, False
        decisive = [status for status in PRECEDENCE if status in strong and status not in _SOFT_STATUSES]
        if (
            Status.RECRUITER_OUTREACH in strong
            and Status.OTHER_JOB in strong
            and not decisive
            and _PUT_FORWARD.search(text)
        ):
            # "I've sent your CV to my client": the user answered the outreach and
            # the recruiter acts on it; what follows is their application. (The
            # client's answer, a rejection or an interview, is decisive instead.)
            s.decision = "a recruiter put the user forward"
            return Status.OTHER_JOB, 0.6, False
        if Status.RECRUITER_OUTREACH in strong and not s.application_context and not s.ats:
            # A recruiter proposing a call or a test is still cold outreach; a call
            # with a date and time ("the client would like to meet you on Tuesday
            # at 10:00") is the interview the outreach led to.
            scheduled = Status.INTERVIEW in strong and _DATE_WITH_TIME.search(text)
            if not scheduled and not any(st in (Status.REJECTED, Status.WITHDRAWN, Status.OFFER) for st in decisive):
                s.decision = "unsolicited outreach"
                return Status.RECRUITER_OUTREACH, 0.7, False
        if decisive:
            status = decisive[0]
            # An interview invitation that mentions the assessment it includes, or a
            # test that mentions the interview after it: the phrases are counted.
            if (
                status == Status.ASSESSMENT
                and Status.INTERVIEW in strong
                and _weight(strong[Status.INTERVIEW]) > _weight(strong[Status.ASSESSMENT])
            ):
                status = Status.INTERVIEW
            # A fresh subject names the event ("Einladung zum zweiten Gespräch"); a
            # body that mentions an earlier step does not outrank it. Replies keep
            # old subjects, so they do not count.
            in_subject = [st for st in decisive if strong[st].subject and st not in _DECISIONS]
            if status not in _DECISIONS and len(in_subject) == 1 and not _REPLY_PREFIXES.match(subject_line):
                status = in_subject[0]
        else:
            soft = [status for status in PRECEDENCE if status in strong]
            status = max(soft, key=lambda st: (_weight(strong[st]), -PRECEDENCE.index(st)))
        closing = 0
        if status in (Status.APPLIED, Status.OTHER_JOB):
            # A rejection in words no phrase knows still ends like one: "unfortunately",
            # "other candidates", "best of luck in your search", "future openings".
            closing = len(
                {
                    m.group(0)
                    for m in self.rules.weak[Status.REJECTED].finditer(text)
                    if not _conditional(_clause_before(text, m.start()))
                }
            )
            if closing >= 2:
                s.decision = f"{closing} rejection cues around an acknowledgement"
                return Status.REJECTED, 0.5, False
        evidence = strong[status]
        conflicts = [other for other in decisive if other != status]
        confidence = 0.6 + 0.1 * min(evidence.strong, 3) + (0.1 if s.ats else 0) + (0.05 if evidence.subject else 0)
        confidence = round(max(0.3, min(confidence - 0.1 * len(conflicts), 0.98)), 2)
        # Certain enough to skip the LLM: an ATS said it, in the subject or twice, and
        # nothing in the email points elsewhere (not even one rejection cue).
        certain = s.ats and not conflicts and not closing and (bool(evidence.subject) or evidence.strong >= 2)
        s.decision = f"{status} phrase" + (" from an ATS" if s.ats else "")
        return status, confidence, certain


def _weight(evidence: _Evidence) -> int:
    return 3 * len(evidence.subject) + len(evidence.body)


# A date followed closely by a time, any language: cheap evidence of a scheduled event.
_DATE_WITH_TIME = re.compile(
    rf"(?:{_MONTH}|{_WEEKDAY}|\d{{1,2}}[./]\d{{1,2}})[^\n]{{0,40}}?(?<![\d:])(?:[01]?\d|2[0-3])(?::[0-5]\d|\s?[ap]\.?m\b|h[0-5]\d|\s?uhr)"
)
# The join block of a video call, as calendar tools write it (links are already
# shortened to their host by cleaning).
_MEETING_JOIN = re.compile(
    r"(?i)\bjoin (?:zoom meeting|(?:the )?(?:microsoft )?teams meeting|(?:with )?google meet"
    r"|(?:the |a )?(?:webex |video )?meeting(?: now)?|on your computer|from (?:pc|mac|your computer))"
    r"|\bmeeting id\b|\bclick here to join\b"
    r"|\[(?:[\w-]+\.)?zoom\.us\]|\[meet\.google\.com\]|\[teams\.microsoft\.com\]|\[[\w-]+\.webex\.com\]"
)
_RELAYED = re.compile(r"\S\s+(?:via|über|par|vía)\s+\S")
_ATS_DISPLAY = re.compile(
    r"\bvia (?:greenhouse|lever|workday|smartrecruiters|ashby|workable|codility|hackerrank|codesignal|teamtailor"
    r"|personio|recruitee|bamboohr|jobvite|icims)\b"
)
