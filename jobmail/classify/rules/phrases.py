"""The filter file's phrases compiled for fast search, and the clause tests that discount a phrase."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from jobmail.filters import FILTER_FILE, read_filter_file, string_list
from jobmail.taxonomy import VALUES, Status

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
        return self._key_scan(text)

    @cached_property
    def _key_scan(self) -> KeyScan:
        return KeyScan(self.all_keys)


class KeyScan:
    """Which of many key words occur in a text: `frozenset(k for k in keys if k in text)`.

    Asking each of the ~640 key words in turn cost ~0.2 ms per text, most of it the
    loop itself (a short email holds a few hundred characters). Walking the text once
    and looking up the three characters at each position among the keys' first three
    finds the same words several times faster: every occurrence of a key starts at a
    position whose next three characters are the key's first three.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        by_start: dict[str, list[str]] = {}
        short: list[str] = []
        for key in dict.fromkeys(keys):
            if len(key) >= 3:
                by_start.setdefault(key[:3], []).append(key)
            elif key:
                short.append(key)
        self.by_start = {start: tuple(group) for start, group in by_start.items()}
        self.short = tuple(short)

    def __call__(self, text: str) -> frozenset[str]:
        found = [key for key in self.short if key in text]
        starting = self.by_start.get
        for position in range(len(text) - 2):
            keys = starting(text[position : position + 3])
            if keys:
                found.extend(key for key in keys if text.startswith(key, position))
        return frozenset(found)


@cache
def load_rules(path: Path = FILTER_FILE) -> Rules:
    data = read_filter_file(path)

    def _strings(table: dict[str, Any], key: str) -> list[str]:
        return string_list(table, key, path)

    not_job = data.get("not_job", {})
    statuses = data.get("status", {})
    unknown = set(statuses) - set(VALUES)
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


# Cleaning shortens every link to its host in brackets: "[careers.acme.com]"; a link
# that ends a sentence keeps the sentence's full stop: "[careers.acme.com.]".
LINK_HOST = re.compile(r"\[((?:[a-z0-9-]+\.)+[a-z]{2,})\.?\]")


def _in_domains(domain: str, domains: frozenset[str]) -> bool:
    """Whether the domain or one of its parent domains is listed."""
    labels = domain.split(".")
    return any(".".join(labels[i:]) in domains for i in range(len(labels)))


# --- text helpers ----------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_SUBJECT_SEPARATOR = re.compile(r"\s+[-–—|:x×]\s+|:\s+")
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\xa0": " ", "\u202f": " "})


def _normalise(text: str) -> str:
    return text.translate(_TYPOGRAPHY)


# Words that make the rest of their sentence hypothetical.
_CONDITIONAL = re.compile(
    r"(?<!\w)(?:if|should|once|whether|unless|otherwise|in case|in the event|falls|wenn|sofern|sobald|sollten?|ob"
    r"|si|lorsque|quand|dès que|au cas où|cuando|en caso de|en cuanto|siempre que)(?!\w)",
    re.IGNORECASE,
)
# Words that place an event in the past or make it a later step.
_NOT_NOW = re.compile(
    # (Not "thank you for scheduling your interview": that one is still ahead.)
    r"(?<!\w)(?:thank(?:s| you)(?: again| so much)? for(?! (?:scheduling|booking|confirming|accepting))"
    r"|congratulations|before|ahead of|prior to|after|following"
    # "We appreciate you taking the time to interview with us"; advice: "how to ace your next interview".
    r"|appreciate|prepare for|preparing for|(?:ace|acing|nail|nailing)(?= (?:your|the|an?|that|any)\b)"
    r"|since|danke|vielen dank|herzlichen dank|vor (?:dem|ihrem|deinem|der)|nach (?:dem|ihrem|deinem|der)"
    r"|merci|avant|après|suite à|gracias|antes de|después de|tras)(?!\w)"
    # "As part of the next stage, we need two references": the step frames the request.
    r"|\bas part of (?:the|your|our|this)\s*$"
    # "We've received your take-home submission": right before the phrase only.
    r"|(?:received|completed|submitted|finished) (?:your|the)(?: [\w-]+)?\s*$"
    # "We recently invited you to complete the coding test": an invitation already sent,
    # what follows it is the news (not "we'd like to invite you to").
    r"|\b(?:recently|previously|earlier|already|last (?:week|month))(?: we)? (?:invited|asked|sent)"
    r"(?: you)?(?: to)?\s*$"
    # "Only candidates selected for interviews will be contacted": others, described.
    r"|\b(?:candidates|applicants|those|individuals|people|anyone)(?: (?:who|that) (?:are|have been|were|get))?\s*$"
    # "We'll review it and reach out to schedule an interview": a later step.
    r"|(?:\bwill|'ll|\bwould|\bto) (?:[\w-]+ (?:[\w-]+ )?and )?"
    r"(?:contact you|reach out|get in touch|be in touch|get back to you)",
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
# "We won't be moving to the next round", "unable to extend an invitation to interview":
# the event denied (not "don't hesitate to", "don't forget your interview").
_DENIED = re.compile(
    r"(?<!\w)(?:not|won't|wouldn't|cannot|can't|unable|no longer)(?!\w)(?! (?:hesitate|forget)\b)", re.IGNORECASE
)
_MAY = re.compile(r"(?<!\w)(?:can|may|could|feel free to|at any time|anytime)(?!\w)")
# (Not "you can return to the form you saved": a reminder of a pending step.)
_OPTION_BEFORE = re.compile(r"(?<!\w)(?:(?:can|may) (?:now|also|always)|feel free to|at any time|anytime)(?!\w)")
# "I'm reaching out regarding your application": about the user's own candidacy, not a proposal.
_USERS_OWN = re.compile(r"\s*(?:your|the) (?:\w+ )?(?:application|candidacy|interview)\b")
_NOT_A_PROPOSAL = re.compile(
    r"(?<!\w)(?:will|'ll|future|keep you in mind|(?:keep|kept|remain) on file|(?:your|for (?:the|their)) interest in"
    r"|(?:for )?(?:applying|applied|application) (?:to|for)|encourage you|feel free|welcome to (?:apply|explore))(?!\w)"
)
_NO_ACTION_BEFORE = re.compile(
    r"(?<!\w)(?:no|not|don't|do not|doesn't|does not|needn't|nothing (?:else )?(?:you )?(?:need|have) to)\s*$"
)
_OUTCOME_AFTER = re.compile(r"\s*(?:results?|scores?|feedback|outcome|performance)\b")
_TO_WORK_AFTER = re.compile(r"\s*(?:to (?:work|start)|for (?:work|shifts?|cover|the shifts?)|to begin)\b")
# The rest of a refusal's sentence when it waits for the user: "… until you confirm",
# "… unless we receive your documents", "… without your signed consent".
_WAITS_FOR_USER = re.compile(
    r"[^.!?\n]{0,80}?\b(?:until|unless|without)\b[^.!?\n]{0,30}?\b(?:you|your|we (?:receive|have|get)|receiving)\b"
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


# "I wanted to see if you could come in for an interview", "wondering whether you'd be
# free for a call", "to see if you'd be interested in a role": an invitation or a proposal
# asked politely, not a condition ("let me know if you decide to withdraw" stays one).
_INVITATIONS = _EVENT_STATUSES | {Status.RECRUITER_OUTREACH}
_ASKING_WHETHER = re.compile(
    r"(?<!\w)(?:see|know|wonder\w*|check\w*|ask\w*|curious)(?: (?:with )?you)? (?:if|whether)(?!\w)"
    r"(?![^,;]*\b(?:if|whether)\b)"
)


# "If you're interested, please share your availability", "if so, send me your CV": a
# condition on the user's interest or time is how an invitation is asked, not a
# condition on the event ("if we decide to move forward, we will invite you" still is one).
_INTEREST_CONDITION = re.compile(
    r"(?<!\w)(?:(?:if|in case) (?:so|interested|yes|(?:you(?:'re| are)|you'd be|you would be)"
    r" (?:still |at all |even |remotely )?(?:interested|available|open|free|keen|curious)"
    r"|this (?:still )?(?:sounds|is|looks|seems) (?:\w+ ){0,3}?(?:interest\w*|good|appealing)"
    r"|(?:that|this|it) (?:works|suits)|you have (?:some |any )?time)"
    r"|should you be (?:interested|available|open|keen))(?=[\s,.;:!]|$)",
    re.IGNORECASE,
)


def _conditional(sentence: str) -> bool:
    """Whether the sentence up to a phrase makes it a condition. "If we decide to move
    forward, we will invite you": a condition opening the sentence covers all of it;
    elsewhere only its own clause ("just bumping this in case it got buried - the
    client has moved quickly")."""
    clause = _CLAUSE_BREAK.split(sentence)[-1]
    return bool(_CONDITIONAL.match(sentence.lstrip(" \t-*•–·>")) or _CONDITIONAL.search(clause))


# "we would like", "I'd": the writer's own clause, which a time word before it does not reach.
_WRITER_SPEAKS = re.compile(r"(?<!\w)(?:we|i)(?:'d|'ll|'re|'ve| would| will| are| have| want| wish| can| could)(?!\w)")


def _not_now(near: str) -> bool:
    """Whether the words right before a phrase move it out of the present ("after your
    interview"), unless the writer's own clause starts after them ("following your
    application we would like to offer you an interview")."""
    marker = _NOT_NOW.search(near)
    if marker is None:
        return False
    # ("Before we can schedule an interview": the writer's clause is the marker's own.)
    writer = _WRITER_SPEAKS.search(near, marker.end())
    return writer is None or not near[marker.end() : writer.start()].strip()


def _hits(pattern: PhraseSet, text: str, status: str, present: frozenset[str]) -> list[str]:
    found = []
    for match in pattern.finditer(text, present):
        sentence = _clause_before(text, match.start())
        if (
            _conditional(sentence)
            and not (status in _INVITATIONS and _ASKING_WHETHER.search(sentence))
            and not (status not in _DECISIONS and not _conditional(_INTEREST_CONDITION.sub(" ", sentence)))
        ):
            continue
        # "Did you decide to go in another direction?": a question asks for a decision.
        if status in _DECISIONS and _QUESTION_END.match(text, match.end()):
            continue
        # "We can't progress your application until you confirm your eligibility": a step
        # that waits for the user, not a decision (shape.py's sentences skip it the same way).
        if status == Status.REJECTED and _WAITS_FOR_USER.match(text, match.end()):
            continue
        # "Thank you for the interview", "before your onsite": only words right
        # before the phrase, in the same clause, move it out of the present.
        near = _CLAUSE_BREAK.split(text[max(0, match.start() - 45) : match.start()])[-1]
        if status in _EVENT_STATUSES and (_not_now(near) or _DENIED.search(near) or _PROCESS_OUTLINE.search(sentence)):
            continue
        # "Impressed with your CodeSignal results": a test already taken.
        if status == Status.ASSESSMENT and _OUTCOME_AFTER.match(text, match.end()):
            continue
        # "Confirm the days you are available to work": a work schedule, not a time to meet.
        if status == Status.INTERVIEW and _TO_WORK_AFTER.match(text, match.end()):
            continue
        # "No action required", "you don't need to": the request denied.
        if status == Status.ACTION_REQUIRED and _NO_ACTION_BEFORE.search(near):
            continue
        # "We will reach out about new opportunities", "your interest in this exciting
        # role": a consolation or the user's own application, not a stranger's proposal.
        # "You can now track your applications and update your profile", "you can
        # check the status of your application here": options a confirmation lists.
        if (status == Status.ACTION_REQUIRED and _OPTION_BEFORE.search(near)) or (
            status == Status.OTHER_JOB and _MAY.search(near)
        ):
            continue
        if status == Status.RECRUITER_OUTREACH and (
            _NOT_A_PROPOSAL.search(sentence) or _USERS_OWN.match(text, match.end())
        ):
            continue
        found.append(match.group(0))
    return found
