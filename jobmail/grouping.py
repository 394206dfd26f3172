"""Which application an email belongs to, decided on plain data (no ORM).

The dashboard's grouping and the evaluation call the same `Grouper`, so the
figures `evaluate_classifier` prints are the grouping users see.

Rules, in order, for each job-related email in received order:

1. the same thread as an earlier email: that email's application;
2. else the applications of the same employer: the company names agree once
   spelling is set aside ("Greyhavengames", "Greyhaven Games Ltd", "Northwind"
   and "Northwind Robotics", "Sundialfreightcompany" and "SFC" for "Sundial
   Freight Company"), with any spelling an earlier email of the application
   used, or the email comes from a sender identity already
   seen on the application (the employer's own domain, or an ATS tenant such as
   ``myworkday.com/acme``; never a free-mail or shared ATS address);
3. among those, the one with the same role; else, when the roles are
   compatible (one title's words contain the other's, acronyms, abbreviations,
   plurals and the employer's own name set aside, or one side names no role),
   the most recent open one active within `REJOIN_DAYS` of the mail, before or
   after, and the more specific title wins; two different roles stay two
   applications, a confirmation or an approach sent after a rejection never
   reopens the closed application, nor does one for the same role sent more than
   `REJOIN_DAYS` after its last email, and a confirmation days (`DUPLICATE_DAYS`)
   after the one an application has, or after an application began without
   naming a role (a referral), is another application's;
4. mail without a date (a mailbox of bodies only) has no running process to
   join: it joins the employer's only application when that has no date either
   and one of the two names a role;
5. where one side names no employer and no sender identity tells them apart
   (the name was not read), the one running application with exactly the
   role the mail names, a role of two words or more;
6. else a new application.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import pairwise

from jobmail.taxonomy import TERMINAL, Status
from jobmail.text.names import normalise_key, title_key

# Words an ATS or a signature adds to an employer's name: "Acme Hiring Team",
# "Acme Careers", "Acme Talent Acquisition", "Acme via Greenhouse", and the words
# spellings of one name differ by ("Harper & Quaid" is "Harperquaid"). Only for
# grouping, never shown.
_DISPLAY_WORDS = re.compile(
    r"\b(hiring|recruiting|recruitment|talent|acquisition|team|careers?|jobs|hr|people|operations|notifications?"
    r"|workday|the|and|icims|greenhouse|taleo|jobvite|smartrecruiters|successfactors|workable|ashby|bamboohr"
    r"|no ?reply|do ?not ?reply)\b"
)
#: "Quillmark.io", "Acme.com": a name written as the employer's web address.
_WEB_SUFFIX = re.compile(r"(?<=\w)\.(?:com|io|ai|co|net|org|app|dev)\s*$", re.IGNORECASE)
#: "Acme Robotics via Greenhouse": the service that sent the employer's mail.
_VIA_SERVICE = re.compile(r"(?<=\w) via \w.*$")


# Cached: grouping compares each email's company with many applications' companies,
# and a run meets the same few thousand names again and again.
@lru_cache(maxsize=16_384)
def company_words(name: str) -> tuple[str, ...]:
    """The words that identify an employer, for comparing spellings ("Careers at
    Acme Robotics" is "acme robotics")."""
    words = _DISPLAY_WORDS.sub(" ", _VIA_SERVICE.sub("", normalise_key(_WEB_SUFFIX.sub("", name)))).split()
    while words and words[0] in _LEADING_WORDS:
        del words[0]
    return tuple(_COMPANY_ABBREVIATIONS.get(w, w) for w in words)


#: Words an employer's name is shortened to, spelled out: "Harbor Labs" is
#: "Harbor Laboratories", "Kestrel Intl" is "Kestrel International".
_COMPANY_ABBREVIATIONS = {
    "tech": "technologies", "technology": "technologies", "lab": "laboratories", "labs": "laboratories",
    "laboratory": "laboratories", "intl": "international", "univ": "university", "natl": "national",
    "svcs": "services", "mfg": "manufacturing", "assoc": "associates", "grp": "group", "sys": "systems",
    "st": "saint", "ste": "sainte",
}  # fmt: skip


#: What is left of "Careers at Acme", "Talent de Cobalt", "Team bei Northwind"
#: once the display words are gone.
_LEADING_WORDS = frozenset({"at", "of", "for", "from", "with", "de", "du", "der", "die", "bei", "chez", "von"})


_MINOR_WORDS = frozenset({"of", "and", "the", "for", "at", "de", "du", "der", "und"})


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w not in _MINOR_WORDS)


#: The first letters of the legal forms the company words leave out ("SFC" is
#: "Sundial Freight Company", "NRI" is "Northwind Robotics Inc.").
_LEGAL_INITIALS = frozenset("cil")


def _acronyms_of(words: tuple[str, ...]) -> set[str]:
    """Every acronym `_acronyms` may accept for `words`."""
    found = {_initials(words) + letter for letter in _LEGAL_INITIALS}
    if len(words) >= 3:
        found.add(_initials(words))
    return found


def _acronyms(acronym: str, words: tuple[str, ...]) -> set[str]:
    """The acronyms `words` may be written as: the initials of three words or more, or
    of two words and a legal form (`_LEGAL_INITIALS`)."""
    initials = _initials(words)
    found = {initials} if len(words) >= 3 else set()
    if len(words) >= 2 and acronym[-1] in _LEGAL_INITIALS:
        found.add(initials + acronym[-1])
    return found


def same_company(a: str, b: str) -> bool:
    """Whether two spellings name one employer: equal without spaces, one is the
    other's first words, however spaced ("Northwind" and "Northwind Robotics",
    "Pinecrest" and "Pine Crest Foods"), one is the other's initials ("NRS" and
    "Northwind Robotics Systems"), or a name of two words or more stands inside
    the other ("Ihr Recruiting-Team der Northwind Robotics")."""
    wa, wb = company_words(a), company_words(b)
    if not wa or not wb:
        return False
    ja, jb = "".join(wa), "".join(wb)
    if ja == jb:
        return True
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if (len(wa) == 1 and jb in _squashed_forms(ja)) or (len(wb) == 1 and ja in _squashed_forms(jb)):
        return True
    if len(short) == 1 and 3 <= len(short[0]) <= 5 and short[0] in _acronyms(short[0], long):
        return True
    if len(short) >= 2 and short in _runs(long):
        return True
    if _last_word_shortened(wa, wb) or _last_word_shortened(wb, wa):
        return True
    return min(len(ja), len(jb)) >= 3 and (ja in _joined_starts(wb) or jb in _joined_starts(wa))


#: First words of public bodies and institutions named after a place, whose last word
#: cut short may be another place ("City of Spring" is not "City of Springfield").
_PLACE_WORDS = frozenset(
    {"city", "county", "state", "town", "borough", "district", "province", "region", "village", "university",
     "college", "school", "port", "bank", "commonwealth", "government", "department", "north", "south", "east",
     "west", "new", "saint", "mount", "lake", "fort"}
)  # fmt: skip


def _last_word_shortened(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """ "Halloway Bio" and "Halloway Biosciences", "Tessaly Bank" and "Tessaly Banking
    Group": the same first words and the last one cut short. Never looser than the
    first word alone, which already names the employer ("Halloway")."""
    end = len(short) - 1
    return (
        1 <= end < len(long)
        and short[0] not in _PLACE_WORDS
        and short[:end] == long[:end]
        and len(short[end]) >= 3
        and long[end] != short[end]
        and long[end].startswith(short[end])
    )


#: Legal forms a name written as one word keeps ("Sundialfreightcompany", "Northwindroboticsinc"),
#: long enough not to end ordinary words.
_SQUASHED_LEGAL_FORMS = ("company", "corporation", "corp", "incorporated", "inc", "llc", "limited", "ltd", "gmbh")


@lru_cache(maxsize=4096)
def _squashed_forms(word: str) -> frozenset[str]:
    """A name written as one word, as the spaced name's words joined would spell it:
    without the legal form and the leading article the spaced name loses
    ("thepembertongroup" is "The Pemberton Group", "sundialfreightcompany" is
    "Sundial Freight Company")."""
    forms = {word}
    if word.startswith("the") and len(word) >= 7:
        forms.add(word[3:])
    for form in list(forms):
        for end in _SQUASHED_LEGAL_FORMS:
            if form.endswith(end) and len(form) - len(end) >= 4:
                forms.add(form.removesuffix(end))
    return frozenset(forms - {word})


def _joined_starts(words: tuple[str, ...]) -> set[str]:
    """The first words of a name, joined: "pine", "pinecrest", "pinecrestfoods"."""
    return {"".join(words[:end]) for end in range(1, len(words) + 1)}


def _runs(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The runs of two words or more inside `words`."""
    return {words[i:j] for i in range(len(words)) for j in range(i + 2, len(words) + 1)}


def sender_name(sender_key: str) -> str:
    """The name a sender identity spells, to compare with company names: "acme" for
    the ATS tenant "myworkday.com/acme", "northwind-robotics" for "northwind-robotics.co.uk"."""
    if "/" in sender_key:
        return sender_key.partition("/")[2]
    return sender_key.partition(".")[0]


def _name_keys(words: tuple[str, ...]) -> set[str]:
    """Keys under which two word lists that may be `same_company` meet: the joined
    first words (equal when joined, or one starts the other) and the initials."""
    keys = _joined_starts(words)
    if len(words) >= 3:
        keys.add(_initials(words))
    return keys


#: Words a domain adds to the employer's name: quaysidetech.com, acmecorp.com, northwindhq.com.
_DOMAIN_SUFFIXES = (
    "tech", "corp", "inc", "llc", "co", "group", "global", "hq", "usa", "us", "careers", "jobs", "hr",
    "mail", "talent", "recruiting", "hiring", "company", "ltd", "gmbh",
)  # fmt: skip


@lru_cache(maxsize=4096)
def _spellings(sender_key: str) -> frozenset[str]:
    """How a sender identity spells an employer, to meet the `_name_keys` of its
    name: the name joined ("brackenridgegames" meets "Brackenridge Games Studio"), also without
    a word a domain adds ("quaysidetech" meets "Quayside")."""
    words = company_words(sender_name(sender_key))
    name = "".join(words)
    found = _name_keys(words) if len(name) >= 3 else set()
    found |= {name.removesuffix(end) for end in _DOMAIN_SUFFIXES if name.endswith(end) and len(name) - len(end) >= 3}
    found |= _squashed_forms(name)
    # Company words are spelled out (`company_words`): "harborlabs" meets "Harbor Labs" as "harborlaboratories".
    found |= {
        name.removesuffix(short) + long
        for short, long in _COMPANY_ABBREVIATIONS.items()
        # Two letters end too many names ("northeast" is no "northeasaint").
        if len(short) >= 3 and name.endswith(short) and len(name) - len(short) >= 3
    }
    return frozenset(found)


def _names(sender_key: str, company: str) -> bool:
    """Whether the sender identity spells the company's name (see `_spellings`)."""
    if not sender_key or not company:
        return False
    words = company_words(company)
    return bool(words) and (
        same_company(sender_name(sender_key), company) or bool(_spellings(sender_key) & _name_keys(words))
    )


#: Abbreviations of title words: "Sr. Analyst" is "Senior Analyst", "Market Intel" is "Market Intelligence".
_TITLE_ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "mgr": "manager", "eng": "engineer", "engr": "engineer",
    "dev": "developer", "assoc": "associate", "asst": "assistant", "dir": "director", "admin": "administrator",
    "spec": "specialist", "tech": "technician", "vp": "vice president", "intel": "intelligence",
    "mgmt": "management", "ops": "operations", "sys": "systems", "info": "information", "sw": "software",
    "swe": "software engineer", "ml": "machine learning", "qa": "quality assurance", "ux": "user experience",
    "ui": "user interface", "internship": "intern", "interns": "intern", "grad": "graduate",
    "lab": "laboratory", "labs": "laboratory", "acct": "account", "acctg": "accounting", "mktg": "marketing",
    "svc": "service", "rep": "representative", "exec": "executive", "proj": "project",
    "dept": "department", "coord": "coordinator", "govt": "government", "mech": "mechanical",
    "elec": "electrical", "comms": "communications", "hr": "human resources",
}  # fmt: skip

#: Words written apart, hyphenated or as one ("Back-End", "Backend"), as one.
_TITLE_COMPOUNDS = re.compile(r"\b(?:back end|front end|full stack|co op)\b")

#: Interns are named by their field in several forms ("Software Engineering Intern",
#: "Software Engineer Intern"): between two intern titles the forms are one word.
_INTERN_WORDS = frozenset({"intern", "coop", "trainee", "apprentice"})
_FIELD_FORMS = {
    "engineering": "engineer", "analytic": "analyst", "analysis": "analyst", "science": "scientist",
    "development": "developer", "design": "designer", "research": "researcher",
}  # fmt: skip

#: Words that join a title's words and say nothing about the role ("Head of Research", "Research & Development").
_TITLE_JOINERS = frozenset({"of", "and", "the", "for", "in", "to", "a", "an", "with", "on", "at"})


def _title_words(title: str, employers: Iterable[tuple[str, ...]] = ()) -> tuple[str, ...]:
    """A title's words in order: abbreviations spelled out, plurals as the singular
    ("Systems Engineer" is "System Engineer"), joining words and the name of one of
    `employers` left out ("Data Engineer at Quayside Labs")."""
    words = _TITLE_COMPOUNDS.sub(_joined, title_key(title)).split()
    for name in employers:
        words = _without_run(words, list(name))
    spelled = [w for word in words for w in _TITLE_ABBREVIATIONS.get(word, word).split()]
    return tuple(_singular(w) for w in spelled if w not in _TITLE_JOINERS)


def _joined(match: re.Match[str]) -> str:
    return match[0].replace(" ", "")


def _without_run(words: list[str], run: list[str]) -> list[str]:
    # The run is a name's `company_words`: abbreviations spelled out.
    spelled = [_COMPANY_ABBREVIATIONS.get(w, w) for w in words]
    for start in range(len(words) - len(run) + 1):
        if spelled[start : start + len(run)] == run:
            return words[:start] + words[start + len(run) :]
    return words


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "is", "us")):
        return word[:-1]
    return word


def _spelled_out(words: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """`words` with an acronym spelled out where `other` spells it ("GIS Analyst"
    against "Geographic Information Systems Analyst")."""
    runs = {
        "".join(w[0] for w in other[start:end]): other[start:end]
        for start in range(len(other))
        for end in range(start + 3, min(start + 5, len(other)) + 1)
    }
    spelled: list[str] = []
    for word in words:
        # Two letters spell too many pairs of words ("PM", and "de" in another language).
        run = runs.get(word) if 3 <= len(word) <= 5 and word not in other and not _has_digit(word) else None
        spelled.extend(run or (word,))
    return tuple(spelled)


#: Words that name a level rather than a role ("Senior", "Lead", "III").
_LEVEL_WORDS = frozenset({"senior", "junior", "lead", "principal", "staff", "entry", "level", "i", "ii", "iii", "iv"})
_NUMBERED_LEVELS = frozenset({"i", "ii", "iii", "iv"})
_JUNIOR_LEVELS = frozenset({"junior", "entry", "i"})
_SENIOR_LEVELS = frozenset({"senior", "lead", "principal", "staff", "iii", "iv"})


#: Words an ATS adds to a title about where and how the job is done: they say
#: nothing about which role it is ("Data Engineer - Remote" is "Data Engineer").
_WORK_MODE_WORDS = frozenset(
    {"remote", "hybrid", "onsite", "telework", "us", "usa", "full", "part", "time", "fulltime", "parttime",
     "job", "id", "req", "requisition", "position", "role"}
)  # fmt: skip


def compatible_titles(a: str, b: str, employers: Iterable[tuple[str, ...]] = ()) -> bool:
    """One role described twice: the words of one title all appear in the other
    ("Platform Engineer" and "Sr. Platform Engineer, Payments"), in any order and
    with acronyms and abbreviations spelled out ("GIS Analyst" and "Geographic
    Information Systems Analyst", "Competitive Intel" and "Competitive
    Intelligence"), once the words about the place and mode of work and
    requisition numbers are set aside ("Senior Data Engineer" and "Data Engineer -
    Remote, R12345"), and so is the employer's name (`employers`: their
    `company_words`); or the same role words at a level named two ways ("Senior
    Data Engineer" and "Data Engineer III"). Two different requisition numbers are
    two roles, and so are two levels named the same way ("Senior" and "Lead")."""
    names = [words for words in employers if words]
    wa, wb = _title_words(a, names), _title_words(b, names)
    if not wa or not wb:
        return True
    if _numbers_differ(wa, wb):
        return False
    return _one_role(wa, wb)


@lru_cache(maxsize=16_384)
def role_key(title: str) -> str:
    """The words that name a role, however the title is written: in any order,
    abbreviations spelled out ("Sr. Back-End Eng" is "backend engineer senior"),
    without the place and mode of work or requisition numbers ("Data Engineer -
    Remote, R48213" is "data engineer"). Equal keys are one role named alike."""
    spelled = _title_words(title)
    # "R-48213" is read as "r" and "48213": the letter belongs to the number.
    prefixes = {w for w, after in pairwise(spelled) if len(w) == 1 and _has_digit(after)}
    words = {w for w in spelled if w not in _WORK_MODE_WORDS and w not in prefixes and not _has_digit(w)}
    if words & _INTERN_WORDS:
        words = _as_fields(words)
    return " ".join(sorted(words))


def same_role(a: str, b: str) -> bool:
    """One role named alike: the same title, or the same `role_key` without two
    different requisition numbers ("Sr. Data Engineer" and "Data Engineer, Senior -
    Remote", not "Data Engineer R48213" and "Data Engineer R51170")."""
    key = title_key(a)
    if key and key == title_key(b):
        return True
    role = role_key(a)
    if not role or role != role_key(b):
        return False
    return not _numbers_differ(_title_words(a), _title_words(b))


def _one_role(wa: tuple[str, ...], wb: tuple[str, ...]) -> bool:
    sa, sb = set(_spelled_out(wa, wb)), set(_spelled_out(wb, wa))
    if sa & _INTERN_WORDS and sb & _INTERN_WORDS:
        sa, sb = _as_fields(sa), _as_fields(sb)
    if sa <= sb or sb <= sa:
        return True
    core_a = {w for w in sa - _WORK_MODE_WORDS if not _has_digit(w)}
    core_b = {w for w in sb - _WORK_MODE_WORDS if not _has_digit(w)}
    if not core_a or not core_b:
        # Only the place, the mode of work or a requisition number: no role named.
        return True
    if core_a <= core_b or core_b <= core_a:
        return True
    role_a, role_b = core_a - _LEVEL_WORDS, core_b - _LEVEL_WORDS
    return bool(role_a) and role_a == role_b and _levels_agree(core_a & _LEVEL_WORDS, core_b & _LEVEL_WORDS)


def _levels_agree(a: set[str], b: set[str]) -> bool:
    """Two different sets of level words that may name one level: a word on one side
    and a number on the other ("Senior" and "III"), not a junior and a senior one."""
    if bool(a & _NUMBERED_LEVELS) == bool(b & _NUMBERED_LEVELS):
        return False
    return not ((a & _JUNIOR_LEVELS and b & _SENIOR_LEVELS) or (b & _JUNIOR_LEVELS and a & _SENIOR_LEVELS))


def _as_fields(words: set[str]) -> set[str]:
    """An intern's words with the field's forms as one ("Engineering" is "Engineer")."""
    return {_FIELD_FORMS.get(w, w) for w in words}


def _numbers_differ(wa: tuple[str, ...], wb: tuple[str, ...]) -> bool:
    """Both titles carry a number and none is shared: two requisitions, two roles."""
    numbers_a, numbers_b = _numbers(wa), _numbers(wb)
    return bool(numbers_a and numbers_b and not numbers_a & numbers_b)


def _numbers(words: tuple[str, ...]) -> set[str]:
    """A title's numbers, however an ATS writes them ("R-48213", "R48213", "JR48213" are 48213)."""
    return {_NOT_DIGITS.sub("", w) for w in words if _has_digit(w)}


_NOT_DIGITS = re.compile(r"\D+")


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


@dataclass
class MailFacts:
    """What grouping needs to know about one job-related email."""

    thread_id: str = ""
    #: The employer's identity from the sender's address (see `sender_identity`), or "".
    sender_key: str = ""
    company: str = ""
    job_title: str = ""
    received_at: datetime | None = None
    #: The email's own status, when known ("" otherwise).
    status: str = ""


#: Statuses that start an application: such mail never continues a closed one.
_STARTS = frozenset({Status.APPLIED, Status.RECRUITER_OUTREACH})


@dataclass
class Opening:
    """An application as grouping sees it. `ref` is the caller's handle (a primary
    key, or None for one this run created until the caller sets it)."""

    ref: Hashable | None
    company: str
    job_title: str = ""
    status: str = ""
    last_activity_at: datetime | None = None
    threads: set[str] = field(default_factory=set)
    senders: set[str] = field(default_factory=set)
    #: The first email's date; mail read out of order may be older than it.
    first_activity_at: datetime | None = None
    #: Whether a confirmation (`applied`) is part of it, and the first one's date.
    confirmed: bool = False
    confirmed_at: datetime | None = None
    #: Other spellings of the employer its emails used ("Tallis-Varga", "TVG" beside
    #: "Tallis-Varga Group"): the next email is compared with all of them.
    aliases: set[str] = field(default_factory=set)

    @property
    def company_names(self) -> tuple[str, ...]:
        return (self.company, *self.aliases)

    @property
    def open(self) -> bool:
        return self.status not in TERMINAL


#: How many other spellings an application learns (a bound on what it stores).
MAX_ALIASES = 12


#: How long an application stays the one that mail without the same title joins:
#: longer than most hiring processes, shorter than the gap before a new application.
REJOIN_DAYS = 75


def _recent(opening: Opening, mail: MailFacts) -> bool:
    if mail.received_at is None or opening.last_activity_at is None:
        return True
    # Mail read out of order may be older than the application's first email.
    first = opening.first_activity_at or opening.last_activity_at
    before, after = (first - mail.received_at).days, (mail.received_at - opening.last_activity_at).days
    return before <= REJOIN_DAYS and after <= REJOIN_DAYS


def _may_continue(opening: Opening, mail: MailFacts) -> bool:
    """A confirmation or an approach after a rejection starts a new application;
    one older than the rejection (mail read out of order), or without a date to
    tell, may still belong to it."""
    if opening.open or mail.status not in _STARTS:
        return True
    return mail.received_at is None or opening.last_activity_at is None or mail.received_at < opening.last_activity_at


def _employers_sender(opening: Opening, key: str) -> bool:
    """Whether a sender identity other than the application's tells the employers
    apart: one of the two is an ATS tenant or the employer's own domain (it spells
    the application's company). Two services that write for any employer (a
    scheduling tool, a relay) say nothing about which employer it is."""
    if key in opening.senders:
        return False
    senders = (key, *opening.senders)
    return any("/" in sender or _names_any(sender, opening.company_names) for sender in senders)


def _names_any(sender_key: str, companies: Iterable[str]) -> bool:
    return any(_names(sender_key, company) for company in companies)


def _same_employer(opening: Opening, mail: MailFacts) -> bool:
    """The company names agree; or the sender identity is the application's, and it
    is an ATS tenant, or the employer's own domain (it spells one of the two
    companies), or one side names no company; or the sender's domain spells the
    application's company (or the mail's company one of the application's senders'):
    a confirmation from a job board and the rejection from the employer's domain.

    A sender identity that spells neither of two companies that disagree may be a
    service or an agency writing for several employers: it joins only mail about
    the same named role.
    """
    if mail.company and any(same_company(name, mail.company) for name in opening.company_names):
        return True
    key = mail.sender_key
    if key and key in opening.senders:
        if "/" in key or not mail.company or not company_words(opening.company):
            return True
        if _names_any(key, opening.company_names) or _names(key, mail.company):
            return True
        # The same sender about the same named role, however written: one of the two companies is misread.
        if same_role(opening.job_title, mail.job_title):
            return True
    if _names_any(key, opening.company_names):
        return True
    return any(_names(sender, mail.company) for sender in opening.senders)


#: Confirmations this close together are one submission confirmed twice (a job
#: board's notice and the employer's, or a double submit).
DUPLICATE_DAYS = 3


def _another_confirmation(opening: Opening, mail: MailFacts) -> bool:
    """An application is confirmed once, when it starts: a confirmation days after
    the one it has (and not naming the same role) confirms another application, and
    so does one days after an unconfirmed application began without naming a role
    (a referral, a candidate profile, an approach about no particular role)."""
    if mail.status != Status.APPLIED:
        return False
    if opening.confirmed:
        if mail.received_at is None or opening.confirmed_at is None:
            return True
        return abs(mail.received_at - opening.confirmed_at) > timedelta(days=DUPLICATE_DAYS)
    if title_key(opening.job_title) or mail.received_at is None or opening.first_activity_at is None:
        return False
    return mail.received_at - opening.first_activity_at > timedelta(days=DUPLICATE_DAYS)


#: Statuses of a step in a hiring process already under way: such mail is about an
#: application, never the start of one.
_STEPS = frozenset(
    {Status.INTERVIEW, Status.ASSESSMENT, Status.OFFER, Status.REJECTED, Status.ACTION_REQUIRED, Status.WITHDRAWN}
)


def _the_running_one(employer: list[Opening], mail: MailFacts) -> Opening | None:
    """A step of a hiring process (an interview, a rejection) whose role reads as
    another than the one the employer's application has, where one of the two names
    no whole role ("Engineer", "Team", a fragment; a role is two words or more, see
    `_of_role`): with exactly one application of the employer running (open and
    recent), the step is that one's. Two whole roles that differ are two
    applications ("Data Analyst" against "Security Engineer": a second application
    whose confirmation never came), and with two or more running the role decides."""
    if mail.status not in _STEPS:
        return None
    running = [o for o in employer if o.open and _recent(o, mail)]
    if len(running) != 1 or (_whole_role(mail.job_title) and _whole_role(running[0].job_title)):
        return None
    return running[0]


def _whole_role(title: str) -> bool:
    return role_key(title).count(" ") >= 1


def _compatible(opening: Opening, mail: MailFacts) -> bool:
    employers = (company_words(opening.company), company_words(mail.company))
    return compatible_titles(opening.job_title, mail.job_title, employers)


def _recent_first(opening: Opening) -> tuple[bool, bool, datetime]:
    return (opening.open, opening.last_activity_at is not None, opening.last_activity_at or datetime.min)


class Grouper:
    """Places emails into applications, one email at a time, in received order.

    The openings it is given (and creates) are its own from then on: their company
    and senders change only through `place`, because `find` looks them up in indexes
    kept here (a user with thousands of applications would otherwise cost a
    comparison with every one of them for every email).
    """

    def __init__(self, openings: Iterable[Opening] = ()) -> None:
        self.openings: list[Opening] = []
        self._by_thread: dict[str, Opening] = {}
        #: Position in `openings` by id(): candidates are put back in that order, which
        #: decides between equally recent applications.
        self._position: dict[int, int] = {}
        # The three ways `same_company` can hold (see `_employer`), and the senders.
        self._by_joined: dict[str, list[Opening]] = {}
        self._by_words: dict[tuple[str, ...], list[Opening]] = {}
        self._by_prefix: dict[tuple[str, ...], list[Opening]] = {}
        self._by_initials: dict[str, list[Opening]] = {}
        self._by_run: dict[tuple[str, ...], list[Opening]] = {}
        #: Openings by the `_name_keys` of their company, where sender identities meet them.
        self._by_name_key: dict[str, list[Opening]] = {}
        self._by_sender: dict[str, list[Opening]] = {}
        #: Openings by the names their senders spell (see `sender_name`), as company words joined.
        self._by_sender_name: dict[str, list[Opening]] = {}
        #: Openings by the `role_key` of their title (and of titles they had before).
        self._by_role: dict[str, list[Opening]] = {}
        for opening in openings:
            self._add(opening)

    def _add(self, opening: Opening) -> None:
        self._position[id(opening)] = len(self.openings)
        self.openings.append(opening)
        for thread in opening.threads:
            self._by_thread.setdefault(thread, opening)
        for name in opening.company_names:
            self._index_company(opening, name)
        self._index_title(opening)
        for sender in opening.senders:
            self._index_sender(opening, sender)

    def _index_title(self, opening: Opening) -> None:
        if key := role_key(opening.job_title):
            self._by_role.setdefault(key, []).append(opening)

    def _index_sender(self, opening: Opening, sender: str) -> None:
        self._by_sender.setdefault(sender, []).append(opening)
        for name in _spellings(sender):
            self._by_sender_name.setdefault(name, []).append(opening)

    def _index_company(self, opening: Opening, name: str) -> None:
        words = company_words(name)
        if not words:
            return
        self._by_joined.setdefault("".join(words), []).append(opening)
        if len(words) == 1:
            for form in _squashed_forms(words[0]):
                self._by_joined.setdefault(form, []).append(opening)
        self._by_words.setdefault(words, []).append(opening)
        for end in range(1, len(words) + 1):
            self._by_prefix.setdefault(words[:end], []).append(opening)
        if len(words) >= 2:
            for acronym in _acronyms_of(words):
                self._by_initials.setdefault(acronym, []).append(opening)
        for run in _runs(words):
            self._by_run.setdefault(run, []).append(opening)
        for key in _name_keys(words):
            self._by_name_key.setdefault(key, []).append(opening)

    def _by_company(self, words: tuple[str, ...]) -> Iterator[Opening]:
        """Every opening whose company can be `same_company` as `words` (and more:
        `_same_employer` decides). `same_company(a, b)` holds only when both have
        words and their words joined are equal, the shorter word list starts the
        longer one or stands inside it, or one is the other's initials."""
        if not words:
            return
        found = [self._by_joined.get("".join(words), ()), self._by_prefix.get(words, ())]
        if len(words) == 1:
            found += [self._by_joined.get(form, ()) for form in _squashed_forms(words[0])]
        found += [self._by_words.get(words[:end], ()) for end in range(1, len(words) + 1)]
        # However spaced: "Pine Crest" finds "Pinecrest Foods", and the other way round.
        found.append(self._by_name_key.get("".join(words), ()))
        found += [self._by_joined.get(start, ()) for start in _joined_starts(words)]
        # Initials: "NRS" finds "Northwind Robotics Systems", and the other way round.
        if len(words) == 1:
            found.append(self._by_initials.get(words[0], ()))
        else:
            found += [self._by_joined.get(acronym, ()) for acronym in _acronyms_of(words)]
        # The last word cut short: "Halloway Bio" finds "Halloway Biosciences", and the other way round.
        if len(words) >= 2:
            found.append(self._by_prefix.get(words[:1], ()))
        # A name inside the other: "Northwind Robotics" in "Team der Northwind Robotics".
        found.append(self._by_run.get(words, ()))
        found += [self._by_words.get(run, ()) for run in _runs(words)]
        for group in found:
            yield from group

    def _by_named_sender(self, words: tuple[str, ...]) -> Iterator[Opening]:
        """Every opening with a sender that may spell the company of `words` (see
        `_names`): senders are indexed by their `_spellings`, companies looked up
        by their `_name_keys`."""
        for name in _name_keys(words):
            yield from self._by_sender_name.get(name, ())

    def _employer(self, mail: MailFacts) -> list[Opening]:
        """The openings of the same employer as `mail`, in the order of `openings`."""
        words = company_words(mail.company) if mail.company else ()
        found: list[Iterable[Opening]] = [self._by_company(words), self._by_named_sender(words)]
        if key := mail.sender_key:
            found += [self._by_sender.get(key, ()), self._by_company(company_words(sender_name(key)))]
            found += [self._by_name_key.get(name, ()) for name in _spellings(key)]
        candidates = {id(o): o for group in found for o in group}
        employer = [o for o in candidates.values() if _same_employer(o, mail)]
        employer.sort(key=lambda o: self._position[id(o)])
        return employer

    def named_by_thread(self, mail: MailFacts) -> MailFacts:
        """`mail` with its thread's application's company and title where it names
        none: a reply ("Thursday works") or a calendar invitation in a thread is about
        the application the thread is about. What the mail names itself stays."""
        opening = self._by_thread.get(mail.thread_id) if mail.thread_id else None
        if opening is None or (mail.company and mail.job_title):
            return mail
        return replace(mail, company=mail.company or opening.company, job_title=mail.job_title or opening.job_title)

    def find(self, mail: MailFacts) -> Opening | None:
        if mail.thread_id and (same_thread := self._by_thread.get(mail.thread_id)):
            return same_thread
        return self._of_employer(mail) or self._of_role(mail)

    def _of_employer(self, mail: MailFacts) -> Opening | None:
        employer = [o for o in self._employer(mail) if _may_continue(o, mail)]
        if not employer:
            return None
        employer.sort(key=_recent_first, reverse=True)
        wanted = title_key(mail.job_title)
        if wanted:
            for opening in employer:
                # A confirmation or an approach months after the application's last
                # email applies again, even for the role it had (a reposted job).
                starts_again = mail.status in _STARTS and not _recent(opening, mail)
                if same_role(opening.job_title, mail.job_title) and not starts_again:
                    return opening
        compatible = [o for o in employer if _compatible(o, mail) and not _another_confirmation(o, mail)]
        if mail.received_at is None:
            # Without a date nothing says which process is running: mail joins the
            # employer's one application, only when that has no date either (mail of
            # one source, not of a dated inbox) and a role is named on one side.
            undated = [o for o in compatible if o.last_activity_at is None]
            if len(compatible) == 1 and undated and (wanted or title_key(undated[0].job_title)):
                return undated[0]
            return None
        for opening in compatible:
            if _recent(opening, mail):
                return opening
        return _the_running_one(employer, mail)

    def _of_role(self, mail: MailFacts) -> Opening | None:
        """Where one side names no employer ("Talent Acquisition", a name that was not
        read) and no sender identity tells them apart, a role of two words or more
        named alike (`role_key`: "Back-End Engineer" and "Backend Engineer") is the
        application's, when one running application has it. Mail without a date has
        no running application to join: it joins the one application ever named
        with that role, when that has no date either (a mailbox of bodies only)."""
        if not _whole_role(mail.job_title):
            return None
        wanted = role_key(mail.job_title)
        named = bool(company_words(mail.company))
        named_alike = {id(o): o for o in self._by_role.get(wanted, ())}
        found = [
            o
            for o in named_alike.values()
            if role_key(o.job_title) == wanted
            and not (named and company_words(o.company))
            and not (mail.sender_key and o.senders and _employers_sender(o, mail.sender_key))
            and _may_continue(o, mail)
            and not _another_confirmation(o, mail)
        ]
        if mail.received_at is None:
            undated = len(named_alike) == 1 and found and found[0].last_activity_at is None
            return found[0] if undated else None
        found = [o for o in found if o.last_activity_at is not None and _recent(o, mail)]
        return found[0] if len(found) == 1 else None

    def place(self, mail: MailFacts, default_company: str = "") -> tuple[Opening, bool]:
        """The application `mail` joins (created when none fits) and whether it is new.
        The caller keeps `status` up to date; grouping learns threads, senders and
        the more specific title here."""
        same_thread = self._by_thread.get(mail.thread_id) if mail.thread_id else None
        opening = same_thread or self._of_employer(mail)
        by_employer = opening is not None and same_thread is None
        opening = opening or self._of_role(mail)
        created = opening is None
        if opening is None:
            opening = Opening(ref=None, company=mail.company or default_company, job_title=mail.job_title)
            self._add(opening)
        elif role_key(mail.job_title) and (
            len(title_key(mail.job_title)) > len(title_key(opening.job_title)) or not role_key(opening.job_title)
        ):
            # The more specific title wins, when it names a role ("Req 48213" does not).
            opening.job_title = mail.job_title
            self._index_title(opening)
        if company_words(mail.company) and not company_words(opening.company):
            # "Talent Acquisition" named no employer: the first real name replaces it.
            opening.company = mail.company
            self._index_company(opening, mail.company)  # it had no words, so no entry to remove
        elif (
            by_employer
            and company_words(mail.company)
            and mail.company not in opening.company_names
            and len(opening.aliases) < MAX_ALIASES
        ):
            # Another spelling of the employer (found by its name or its sender): later
            # emails may spell it only this way ("TVG" after "Tallis-Varga Group").
            opening.aliases.add(mail.company)
            self._index_company(opening, mail.company)
        if mail.thread_id:
            opening.threads.add(mail.thread_id)
            self._by_thread.setdefault(mail.thread_id, opening)
        if mail.sender_key and mail.sender_key not in opening.senders:
            opening.senders.add(mail.sender_key)
            self._index_sender(opening, mail.sender_key)
        if mail.received_at and (opening.last_activity_at is None or mail.received_at > opening.last_activity_at):
            opening.last_activity_at = mail.received_at
        if mail.received_at and (opening.first_activity_at is None or mail.received_at < opening.first_activity_at):
            opening.first_activity_at = mail.received_at
        if mail.status == Status.APPLIED:
            if mail.received_at and (opening.confirmed_at is None or mail.received_at < opening.confirmed_at):
                opening.confirmed_at = mail.received_at
            opening.confirmed = True
        return opening, created


def inherit_thread(status: str, is_job_related: bool, meeting: bool, thread_is_job: bool) -> tuple[str, bool]:
    """A reply in a thread about an application is about that application too: what
    the classifier called not job mail becomes an interview when it is a meeting
    invitation, and otherwise a job email without a status of its own."""
    if is_job_related or not thread_is_job:
        return status, is_job_related
    return (Status.INTERVIEW if meeting else Status.OTHER_JOB), True
