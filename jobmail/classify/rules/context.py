"""Whether an email belongs to a hiring process at all: a role, an application, the
hiring side speaking.

Asking for a time, sending a video-call link, confirming an "interview", "approving an
application" or "offering" something are what dentists, salespeople, podcasts,
landlords, schools and banks do too. What makes such mail job mail is a hiring context
around it: a role named as something to fill or to apply to, the user's application,
the words of recruiting, or a job title in the subject. A job title in the body is not
one by itself: signatures and introductions carry titles ("Kara, your Customer Success
Manager", "I'm Marco, an Account Executive"), and so do friends telling about their
own new role.
"""

from __future__ import annotations

import re

from jobmail.classify.rules.phrases import LINK_HOST, _in_domains
from jobmail.classify.rules.title import _TITLE_WORDS_LOWER

# The vocabulary of recruiting itself (lowercased text).
_HIRING_WORDS = re.compile(
    r"\b(?:candida(?:te|tes|cy|cies|ture|tures)|kandidat\w*|vacanc(?:y|ies)|hiring|recruit(?:er|ers|ing|ment)"
    r"|talent acquisition|head-?hunt\w*|(?:looking|want|wants|need|needs|planning|hoping|ready) to hire"
    r"|(?:first|next|new|key|senior|engineering|technical|founding) hires?|umbrella company|day rate|ir35"
    r"|statement of work|employment (?:contract|agreement)|contract of employment"
    r"|your first day (?:at|with|of work|on the job)"
    r"|(?:accepting|accepted|acceptance of) (?:our|the|this) (?:job |employment )?offer"
    r"|résumé|cv|cover letter|offer letter|hiring manager"
    r"|(?:your|my|a|the|updated) resume|talent (?:pool|community|network)"
    # "A call to discuss your background": the user's career is the subject.
    r"|(?:discuss|talk (?:about|through)|learn (?:more )?about|go over|hear (?:more )?about) your (?:\w+ )?"
    r"(?:background|experience|qualifications|work history)"
    r"|(?:job|employment) (?:opening|offer|application|opportunit(?:y|ies)|posting|description)s?"
    r"|bewerb\w*|lebenslauf|stellenanzeige|vorstellungsgespräch|postul\w*|recrutement|embauche|vacante"
    r"|proceso de selección|processus de recrutement)\b"
)
# One role, named as a thing to fill or to apply to: "the Data Analyst position", "this
# role", "an internship", "open roles", "the role of"; not someone's own ("my new role",
# "your position and salary") nor an idiom ("plays a role in", "in a position to").
_ROLE_REFERENCE = re.compile(
    r"(?<!\bi got )(?<!\bi landed )(?<!\bi've got )\b(?:the|this|that|these|our|an?|open|following|for|to)\s+"
    r"(?:(?!(?:my|your|his|her|their)\b)[\w/&,()'+#.-]+\s+){0,6}?"
    r"(?:positions?|roles?|vacancy|vacancies|job openings?|internships?|requisitions?|jobs?)\b"
    # (Not "role model", "job seekers", "job boards", "the job market": no role to fill.)
    r"(?!\s+(?:model|models|to|plays?|played|seekers?|hunters?|hunting|search(?:es|ing)?|boards?|fairs?|market|alerts?"
    r"|tips)\b)"
    r"|\b(?:the|a|this|that) (?:\w+ )?(?:position|role) (?:of|as)\b"
    r"|\b(?:die|diese|eine|ihre|unsere) (?:\w+ )?(?:stelle|position)\b|\b(?:le|ce|du|au|un) poste\b"
    r"|\b(?:el|este|del|al|un) puesto\b"
)
# "Plays a key role in", "an important role in": an idiom, not a role to fill ("a Data
# Engineer role in Leeds" is one).
_ROLE_IDIOM = re.compile(
    r"\b(?:play|plays|played|playing) (?:an? |the |its |their )?(?:\w+ )?roles? in\b"
    r"|\b(?:key|important|vital|crucial|major|central|significant|active|critical|pivotal|integral|instrumental"
    r"|essential|starring|supporting|decisive) roles? in\b"
)
# "Your interview for Senior Software Engineer", "applying to Data Analyst II".
_FOR_A_TITLE = re.compile(
    r"\b(?:interview|application|applying|applied|apply|candidacy) (?:for|to) (?:the |a |an )?(?:[\w/&,+#.-]+ ){0,4}?"
    + _TITLE_WORDS_LOWER.pattern
)
# "We're looking for a founding Android engineer", "seeking an experienced analyst": a role to fill.
_SEEKING_A_TITLE = re.compile(
    r"\b(?:looking for|seeking|searching for|(?:we're|we are|is|are) hiring|need|needs|recruiting(?: for)?)"
    r" (?:an?|our|two|three|several|some) (?:[\w/&,+#.-]+ ){0,4}?" + _TITLE_WORDS_LOWER.pattern
)
# A recruiter's approach in words of its own, with no title spelled out: the client they
# recruit for ("a client of mine", "my client is a fintech", "building out its data team"), the pay
# of the role ("the salary range is", "compensation is"), or "a <title> opportunity".
_RECRUITER_APPROACH = re.compile(
    r"\b(?:(?:my|our) clients?,? (?:is |are )?(?:an?|one of)\b|clients? of (?:mine|ours)"
    # "The client would like a call with you", "the client decided to make you an offer":
    # an agency reporting its client's step about the user.
    r"|\b(?:the|my|our) client (?:would like|'d like|wants|has decided|decided|is keen|liked|was impressed"
    r"|has asked|asked|is interested)\b"
    r"|(?:salary|pay|compensation|comp) (?:range|band|package|is|of|up to)\b|base salary"
    r"|(?:building|builds|build|growing|grows|expanding|expands|scaling|scales) (?:out )?(?:its|their)"
    r" (?:[\w-]+ ){0,2}team"
    r"|(?:opportunity|opening) (?:for|as) (?:an?|the|our) (?:[\w/&,+#.-]+ ){0,4}?"
    + _TITLE_WORDS_LOWER.pattern
    + r"|"
    + _TITLE_WORDS_LOWER.pattern.removeprefix(r"\b")
    + r" (?:opportunity|opening)\b)"
)
_EMPLOYEE_ADMIN = re.compile(
    r"\b(?:open enrol+ment|benefits? (?:enrol+ment|elections?|plan|portal)|payroll|pay ?stubs?|paychecks?|pay date"
    r"|payslips?|timesheets?|time[- ]off request|pto|401\(?k\)?|w-?2 form|expense reports?|performance reviews?"
    r"|health (?:care )?coverage|annual leave)\b"
)
# What else people are interviewed for: a podcast, a story, a study, a school place.
_OTHER_INTERVIEW = re.compile(
    r"\b(?:podcasts?|episodes?|guest (?:on|appearance|speaker|spot)|(?:be|as) (?:a|our) guest|on (?:the|our) show"
    r"|reporters?|journalists?|newspaper|magazine|articles?"
    r"|press|media|stor(?:y|ies)|user (?:research|interviews?|stud(?:y|ies)|testing)|research (?:study|session)"
    r"|participants?|participation|gift cards?|incentives?|admissions?|enrol+ment|webinars?|workshops?|masterclass"
    r"|registered|registering|registration|tips|mock interviews?|practice interviews?"
    # What a publication asks of the person it interviews.
    r"|columns?|headshots?|(?:short|brief) bios?)\b"
)


def hiring_context(subject: str, text: str) -> str:
    """A cue of a hiring process in the lowercased subject and text (subject, then body), or ""."""
    if match := _HIRING_WORDS.search(text):
        return match.group(0)
    for match in _ROLE_REFERENCE.finditer(text):
        if not _ROLE_IDIOM.search(text[max(0, match.start() - 30) : match.end() + 4]):
            return match.group(0)
    for match in _TITLE_WORDS_LOWER.finditer(subject):
        before = subject[: match.start()]
        # "Parent-teacher evening", "homeowner", "with your financial advisor": no role to
        # fill ("Softwareentwickler" is one).
        if (
            (before[-1:].isalnum() and match.group(0) in {"owner", "lead", "agent"})
            or before.endswith("-")
            or re.search(r"\b(?:your|my)\s+(?:[\w-]+\s+)?$", before)
        ):
            continue
        return f"{match.group(0)} in the subject"
    if match := _FOR_A_TITLE.search(text) or _SEEKING_A_TITLE.search(text) or _RECRUITER_APPROACH.search(text):
        return match.group(0)
    return ""


def ats_link(body: str, ats_domains: frozenset[str]) -> str:
    """A link to an applicant-tracking system ("[acme.avature.net]", "[boards.greenhouse.io]")
    in the cleaned body, which shortens links to their host in brackets, or ""."""
    for host in LINK_HOST.findall(body):
        if _in_domains(host, ats_domains):
            return host
    return ""


# "Hi all", "Dear colleagues": a letter to a group of staff, not to one candidate.
_GROUP_GREETING = re.compile(
    r"(?m)^[ \t]*(?:hi|hello|hey|dear|good (?:morning|afternoon))[ \t,]+(?:all|everyone|everybody|team|colleagues"
    r"|folks|all staff|staff|teammates)\b"
)


# The rest of a job title after an admin word: "payroll specialist", "benefits
# administrator", "payroll and benefits coordinator".
_TITLE_AFTER = re.compile(r"\s+(?:(?:and|&)\s+)?(?:[\w-]+\s+){0,2}?" + _TITLE_WORDS_LOWER.pattern)


def employee_admin(text: str) -> str:
    """What an employer's HR tells its own staff (benefits, payroll, time off, a letter
    to all staff), or "": the people team speaking to employees, not to a candidate.
    The word inside a job title ("a Payroll Specialist role") is the role, not admin."""
    for match in _EMPLOYEE_ADMIN.finditer(text):
        if not _TITLE_AFTER.match(text, match.end()):
            return match.group(0).strip()
    greeting = _GROUP_GREETING.search(text[:400])
    return greeting.group(0).strip() if greeting else ""


def other_interview(text: str) -> str:
    """What an "interview" is for when it is not a job: a podcast, a press story, a study, a school."""
    match = _OTHER_INTERVIEW.search(text)
    return match.group(0) if match else ""


# A vendor selling to recruiters ("recruiting teams use Pipewell to screen candidates
# faster; book a demo"): hiring words, a call asked for, and nothing about the user's job.
_SALES_PITCH = re.compile(
    r"\b(?:(?:book|schedule|see|get|request|watch|set up) (?:a |an |your )?(?:quick |free |short |live |personali[sz]ed"
    r" |\d+[- ]minute )?(?:product )?demo\b|demo (?:call|of (?:our|the) (?:platform|product|software|tool))"
    r"|free trial|start (?:your|a) (?:free )?trial|show you how|see how [\w.-]+ (?:can|could) help"
    r"|(?:can|could|will|would) help (?:your|you and your) (?:\w+ )?"
    r"(?:team|company|business|recruiters|recruiting|hiring|talent)"
    r"|(?:our|the) (?:platform|software|tool|product|solution|app) (?:helps|lets|makes|enables|gives|saves)"
    r"|(?:teams|companies|customers|recruiters|hr teams|recruiting teams|hiring teams)(?: like yours)?"
    r" (?:use|rely on|trust|love) [\w.-]+ to)"
)
# A job board's own account mail: "complete your profile to get better job matches",
# "let employers find you". The board's service, not one of the user's applications.
_BOARD_PITCH = re.compile(
    r"\b(?:(?:better|more|personali[sz]ed|relevant|tailored|smarter) (?:job )?(?:matches|recommendations)"
    r"|(?:employers|recruiters|companies|hiring managers) (?:can )?(?:find|discover|notice|see|reach) you"
    r"|stand out to (?:employers|recruiters)|get (?:discovered|noticed) by (?:employers|recruiters|companies))\b"
)


def sales_pitch(text: str) -> str:
    """A vendor's sales wording (a demo, a trial, what its product does for teams), or ""."""
    match = _SALES_PITCH.search(text)
    return match.group(0) if match else ""


def board_pitch(text: str) -> str:
    """A job board selling its own service to the user (matches, being found), or ""."""
    match = _BOARD_PITCH.search(text)
    return match.group(0) if match else ""
