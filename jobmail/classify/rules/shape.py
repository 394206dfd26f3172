"""The shape of a decision: kinds of cue counted per sentence, not exact phrases.

The phrase lists of the filter file know how employers have worded decisions so far;
real inboxes keep finding new words for the same moves. A rejection, whatever its
words, says that the outcome is negative for the user (or that the role is gone, or
that someone else was chosen), and it is usually wrapped in a turn ("unfortunately"),
a consolation ("future openings", "apply again") and good wishes. Each kind counts
once, so a long letter does not outvote a short one, and a decisive kind is needed:
consolation and good wishes alone also close confirmations.

Sentences that are conditions ("if you are not selected"), questions ("did you decide
to go with someone else?") or steps that wait for the user ("we cannot proceed until
you complete the form") do not count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jobmail.classify.rules.phrases import _conditional

# Sentences end at punctuation or a blank line; plain-text mail wraps lines at ~72
# characters, so a single line break is inside the sentence.
_SENTENCE = re.compile(r"(?:[^.!?\n]|\n(?![ \t]*\n))+[.!?]?")
# "We cannot proceed with your application until you send the form": a step that
# waits for the user, not a decision.
_PENDING = re.compile(r"\b(?:until|unless|without|before|once|in order to|as soon as)\b")

# --- decisive kinds ------------------------------------------------------------------

_NEGATION = re.compile(
    r"\b(?:not|no longer|unable|cannot|can't|won't|wouldn't|didn't|haven't|hasn't|weren't|wasn't|isn't|aren't)\b"
)
_ABOUT_USER = re.compile(r"\b(?:you|your|yours)\b")
_ADVANCE = re.compile(
    r"\b(?:select(?:ed)?|shortlist(?:ed)?|progress(?:ing)?|proceed(?:ing)?|pursu(?:e|ing)|advanc(?:e|ing)"
    r"|mov(?:e|ing) (?:forward|ahead|on)|tak(?:e|ing) (?:you|your \w+|it|this|things) (?:any )?(?:forward|further)"
    r"|(?:be )?considered|successful|chosen|invit(?:e|ing) you|offer(?:ing)? you|continu(?:e|ing) with (?:you|your)"
    # "You have not been offered a place in the cohort".
    r"|offered (?:a|the|an) (?:\w+ )?(?:place|position|role|spot|job|interview|internship)"
    # "We will not be scheduling interviews with you": the step the user would have had.
    r"|(?:schedul|invit|offer|extend)\w* (?:\w+ )?(?:an? )?(?:invitation to )?interviews?|interview(?:ing)? you"
    # "We won't be moving to the next round with your candidacy".
    r"|mov(?:e|ing) (?:you )?(?:on )?to the next (?:round|stage|step))\b"
)
# "Taking it forward", "progress it further", "it was not successful": the application by pronoun.
_ADVANCE_IT = re.compile(
    r"\b(?:tak(?:e|ing)|progress(?:ing)?|advanc(?:e|ing)|mov(?:e|ing)|proceed(?:ing)? with|pursu(?:e|ing))"
    r" it (?:any )?(?:forward|further|ahead|on)\b|\bit (?:was|has been|is) not (?:successful|selected|shortlisted)\b"
)
_USERS_CANDIDACY = re.compile(r"\byour (?:\w+ )?(?:application|candidacy|cv|resume|profile)\b")
_OTHER_PEOPLE = re.compile(
    r"\b(?:another|other|alternative|different|internal|more qualified|stronger|successful)"
    r" (?:\w+ )?(?:candidates?|applicants?|individuals?|profiles?|persons?|people|folks|finalists?)\b"
)
# "We have gone with a candidate from another team": the choice is made, for someone.
_WENT_WITH = re.compile(
    r"\b(?:gone|went|go|going|proceeded|moved forward|chose|chosen|selected|hired|appointed|identified"
    r"|offered (?:the|this) (?:role|position|job) to)\b (?:with |to )?"
    r"(?:a|an|another|the successful|someone|somebody) (?:\w+ )?"
    r"(?:candidate|applicant|finalist|person|individual|else)\b"
    # "We have decided to pursue candidates with more experience": others, by description.
    r"|\b(?:decided|chosen|opted|elected|going|(?:made|make|making) (?:the|a) (?:\w+ )?(?:decision|choice)) to"
    r" (?:pursue|proceed with|move (?:forward|ahead)(?: in (?:the|our) (?:\w+ )?process)? with|go with|focus on"
    r"|continue with|interview|invite) (?:\w+ ){0,2}"
    r"(?:candidates|applicants|individuals|profiles|people|others|someone) (?:with|whose|who|that)\b"
    # "We have decided to keep looking": nobody chosen yet, and not the user.
    r"|\b(?:decided|chosen|opted|elected) to (?:keep|continue) (?:looking|searching|(?:our|the) search)\b"
)
_CHOSEN = re.compile(
    r"\b(?:select|chose|chosen|decid|moved?|moving|proceed|pursu|hired?|offered|extended|better|closely|closer"
    r"|fit|match|align|gone|went|go with|going with|accepted|focus)\w*"
)
_ROLE = (
    r"(?:position|role|opening|requisition|vacancy|job|posting|announcement|search|internship|program|programme|spot"
    r"|cohort|intake|intern class|class)s?"
)
_ROLE_GONE = re.compile(
    rf"\b{_ROLE}\b[^.;]{{0,80}}?\b(?:no longer (?:available|open|active|accepting|being filled)"
    r"|(?:has|have|had) (?:now |already |since )?been (?:filled|closed|cancell?ed|withdrawn|put on hold|paused|frozen)"
    # ("The role is full-time" is no role gone.)
    r"|(?:is|are|was|were) (?:now |currently |already )?"
    r"(?:filled|full|closed|cancell?ed|on hold|paused|frozen)(?![\w-]))"
    rf"|\b(?:filled|closed|cancell?ed|paused|froze|put on hold|putting on hold)"
    rf" (?:the|this|that|these|our|all|all of our|the remainder of our|the remaining) (?:[\w-]+ ){{0,3}}{_ROLE}\b"
    rf"|\b(?:putting|put|placing|placed) (?:the|this|that) {_ROLE} on hold\b"
    # "We do not have a suitable position for you at this time" (with a negation, below).
    r"|\b(?:no|not have an?|not have any|don't have an?|don't have any)"
    r" (?:suitable |open |available |matching |other )?"
    rf"{_ROLE}\b (?:for you|that (?:matches|fits|suits) your|available for you|at this time|right now)"
)

# --- the wrapping ----------------------------------------------------------------------

_TURN = re.compile(r"\b(?:unfortunately|regrettably|sadly|regret|we are sorry|we're sorry|disappointing)\b")
_CONSOLATION = re.compile(
    r"\b(?:future (?:opportunit|opening|role|position|vacanc|posting|career)|apply again|re-?apply|applying again"
    r"|(?:other|additional|another) (?:opportunit|opening|role|position)\w* (?:that|which|at|with|on)"
    r"|keep (?:your (?:resume|cv|details|information|profile) on file|you in mind)"
    r"|encourage you to (?:apply|visit|explore|check|monitor|keep|continue|stay)|keep an eye on"
    r"|explore (?:other|our|more|additional) (?:opportunit|opening|role|position|job))"
)
_WISHES = re.compile(
    r"\b(?:best of luck|all the best|wish(?:ing)? you (?:the best|all the best|every success|success|well|luck)"
    r"|best wishes (?:in|for|with|as)|success in your (?:job |career )?search|future endeavou?rs"
    r"|(?:luck|success) (?:in|with) your (?:job |career )?(?:search|career)|as you continue)"
)


def rejection_cues(text: str) -> list[str]:
    """The kinds of rejection cue in text (lowercased), each once, when they make
    the shape of a rejection: a decisive kind, or all three kinds of wrapping.
    Empty otherwise."""
    decisive: set[str] = set()
    wrapping: set[str] = set()
    previous = ""
    for sentence in _plain_sentences(text):
        about_user = _ABOUT_USER.search(sentence) or (
            # "We have reviewed your application. We won't be taking it forward": the
            # application named in the sentence before, then referred to as "it".
            _ADVANCE_IT.search(sentence) and _USERS_CANDIDACY.search(previous)
        )
        previous = sentence
        for name, regex in _CUES:
            if name in decisive or name in wrapping:
                continue
            found = regex.search(sentence)
            if found is None or _conditional(sentence[: found.start()]):
                continue
            if name == "negative outcome" and not (about_user and _ADVANCE.search(sentence, found.end())):
                continue
            if name == "someone else chosen" and not _CHOSEN.search(sentence):
                continue
            (decisive if name in _DECISIVE else wrapping).add(name)
    if not decisive and len(wrapping) < 3:
        return []
    return sorted(decisive) + sorted(wrapping)


_DECISIVE = frozenset({"negative outcome", "someone else chosen", "someone chosen", "role gone"})
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("negative outcome", _NEGATION),
    ("someone else chosen", _OTHER_PEOPLE),
    ("someone chosen", _WENT_WITH),
    ("role gone", _ROLE_GONE),
    ("turn", _TURN),
    ("consolation", _CONSOLATION),
    ("good wishes", _WISHES),
)


# --- withdrawals and receipts ------------------------------------------------------------

_WITHDRAWAL = re.compile(
    r"\bwithdr(?:aw|awn|awing|ew|awal)\b[^.]{0,60}?\b(?:application|candidacy|candidature|profile|yourself|myself"
    r"|from (?:(?:the|our|your|further) (?:\w+ )?)?(?:process|consideration|search))"
    r"|\b(?:application|candidacy|candidature)\b[^.]{0,40}?\b(?:has been|was|is|been) withdrawn\b"
    r"|\byou(?:'ve| have)? been withdrawn\b"
    # The user's own words: "please remove me from consideration", "I have accepted another offer".
    r"|\b(?:remov|tak|took|withdr)\w* (?:myself|yourself|me|my name|your name) (?:out )?(?:from|of) (?:further )?"
    r"(?:consideration|the (?:\w+ )?process|the running|your (?:\w+ )?process)"
    r"|\bi(?:'ve| have)? (?:recently |now |since )?(?:(?:decided|chosen|opted) to )?accept(?:ed)?"
    r" (?:an?(?:other)?|a different|an outside) (?:\w+ )?(?:offer|position|role|job)\b"
    # "I have decided to decline", "I must respectfully decline your offer", "I will not be
    # able to continue in the process" (not "… with your application": the employer).
    r"|\bi(?:'ve| have)?(?: \w+)? (?:decided|chosen|opted|elected|must|have to|need to)(?: respectfully| regretfully)?"
    r" (?:to )?decline\b(?! (?:your|the) (?:application|candidacy))"
    r"|\bi(?:'ll| will| must)? (?:respectfully |regretfully )?decline (?:the|your|this) (?:\w+ )?"
    r"(?:offer|invitation|interview|position|opportunity)\b"
    r"|\bi (?:will not|won't|am not|'m not|cannot|can't|am no longer|'m no longer) (?:be )?(?:able to )?"
    r"(?:continue|proceed|move forward|pursue|participate)\b(?! (?:with )?(?:your|you)\b)"
    # "I have decided not to move forward with my application": the user's decision.
    r"|\bnot (?:to )?(?:be )?(?:move|moving|proceed|proceeding|continue|continuing|go|going|pursue|pursuing)"
    r"(?: forward| ahead| further)?(?: with)? my (?:application|candidacy|candidature)\b"
)
# One of these is in every sentence _WITHDRAWAL matches (a cheap test first).
_WITHDRAWAL_WORDS = (
    "withdr",
    "request",
    "accept",
    "myself",
    "yourself",
    "my name",
    "your name",
    "my application",
    "my candida",
    "decline",
    "continue",
    "proceed",
    "move forward",
    "pursue",
    "participate",
    "consideration",
    "process",
    "running",
)
# "As you requested, we have removed your application": the employer acting on the user's request.
_ON_REQUEST = re.compile(
    r"\b(?:removed|cancell?ed|closed|archived|deactivated|withdr\w+|deleted) (?:you|your|the) (?:\w+ ){0,2}"
    r"(?:application|candidacy|candidature|profile)"
)
_REQUESTED = re.compile(
    r"\b(?:(?:at|per|as per|following|upon) your request|as (?:you )?requested|you (?:asked|requested))\b"
)
_CLAUSE_END = re.compile(r"[,;:]|\s[-–—]\s|\b(?:as|because|since|and i|but)\b")
# "You can withdraw your application at any time": an option, not a withdrawal.
_OPTION = re.compile(r"\b(?:can|may|could|able to|click|link|portal|at any time|how to)\b")
_RECEIPT = re.compile(
    r"\b(?:received|receipt of|got|have)\b (?:\w+ )?your (?:\w+ )?(?:application|resume|résumé|cv|e-?mail|submission"
    r"|information|materials|candidacy|documents|details|interest)\b"
    r"|\byour (?:\w+ )?(?:application|resume|résumé|cv|e-?mail|submission|materials|candidacy) (?:\w+ ){0,2}"
    r"(?:was|has been|is|have been) (?:successfully )?received\b"
)


def _plain_sentences(text: str) -> list[str]:
    return [s for s in _sentences(text) if not s.endswith("?") and not _PENDING.search(s)]


@lru_cache(maxsize=2)
def _sentences(text: str) -> tuple[str, ...]:
    # Every cue of one email reads the same sentences: split them once.
    return tuple(s for s in (" ".join(m.group(0).split()) for m in _SENTENCE.finditer(text)) if s)


def withdrawal_cue(text: str) -> str:
    """The sentence that withdraws an application (the user's or the employer's
    confirmation), if one does: not an option offered, a condition or a question."""
    if not any(word in text for word in _WITHDRAWAL_WORDS):
        return ""
    for sentence in _plain_sentences(text):
        found = _WITHDRAWAL.search(sentence)
        # The option is looked for outside the withdrawal ("I will not be able to
        # continue" holds "able to" itself), in its own clause ("… from consideration, as
        # I won't be able to relocate" gives a reason, not an option).
        rest = sentence[: found.start()] + _CLAUSE_END.split(sentence[found.end() :], maxsplit=1)[0] if found else ""
        if found and not _OPTION.search(rest) and not _conditional(sentence[: found.start()]):
            return found.group(0)
        found = _ON_REQUEST.search(sentence)
        if found and _REQUESTED.search(sentence) and not _conditional(sentence[: found.start()]):
            return found.group(0)
    return ""


def receipt_cue(text: str) -> str:
    """A sentence that acknowledges receiving what the user sent ("your email was
    received and is being reviewed")."""
    for sentence in _plain_sentences(text):
        found = _RECEIPT.search(sentence)
        if found and not _NEGATION.search(sentence) and not _conditional(sentence[: found.start()]):
            return found.group(0)
    return ""


# --- requests to the user ------------------------------------------------------------------

_DIRECTIVE = re.compile(
    r"\b(?:you(?:'ll| will)? need to|you must|please|kindly|be sure to|make sure to|remember to|don't forget to"
    r"|do not forget to|we (?:still )?need you to|we ask (?:that )?you|you(?:'re| are) (?:required|requested|asked) to"
    r"|to (?:move forward|proceed|continue)(?: with your application)?,|(?:your|the) next step is to)\b"
)
_TASK = re.compile(
    r"\b(?:complete|finish|finali[sz]e|continue|return to|come back to|submit|provide|upload|sign|fill (?:out|in)"
    r"|answer|respond to|reply to|prepare)"
    r" (?:(?:the|your|this|these|our|a|an|all|any|remaining|outstanding|following|two|three|a few|\d+)"
    r" (?:[\w'-]+ ){0,3}(?:application|form|forms|steps?|profile|questionnaires?|questions|documents?|paperwork"
    r"|information|details|references|transcripts?|certificates?|licen[cs]e|identification|id|screening|checks?"
    r"|verification|tasks?)"
    # "Submit certified copies of your certificates": no article before copies.
    r"|(?:certified |scanned |signed )?cop(?:y|ies) of)\b"
)


def request_cue(text: str) -> str:
    """A sentence that asks the user to do something for the application to go on
    ("you'll need to complete two short steps", "please return to the form you
    saved"): not a condition, a question or an option."""
    for sentence in _plain_sentences_keeping_pending(text):
        directive = _DIRECTIVE.search(sentence)
        if directive is None or _conditional(sentence[: directive.start()]):
            continue
        task = _TASK.search(sentence, directive.end())
        if task and not _OPTION.search(sentence[: task.start()]):
            return task.group(0)
    return ""


# --- a test handed to the user ----------------------------------------------------------

# What a test is called: "the task", "a small assignment", "the attached questionnaire".
_TEST_NOUN = re.compile(
    r"\b(?:tests?|tasks?|assignments?|exercises?|case|challenges?|questionnaires?|quiz(?:zes)?|homework)\b"
)
# An application's paperwork, not a test: "the eligibility questionnaire", "the onboarding task".
_PAPERWORK = re.compile(
    r"\b(?:eligibility|screening|pre-?screening|application|supplemental|self-identification|voluntary|eeo"
    r"|onboarding|pre-employment|tax|medical|health|new hire|hr) (?:questionnaires?|tasks?|forms?)\b"
)
# Handing it over: "here is the task", "please find the assignment attached", "attached
# is a small exercise".
_HANDED = re.compile(
    r"\b(?:here is|here's|here are|attached (?:is|are|you(?:'ll| will) find)|(?:please )?find (?:attached|enclosed)?"
    r"|you(?:'ll| will) find|enclosed (?:is|are)|(?:we(?:'re| are)|i(?:'m| am)) (?:sending|attaching))"
    r" (?:(?:the|a|an|our|your|this|my)\b)"
)
# Handing back the result: "send us your solution", "return the completed test", "send it back",
# "share the link to your repository".
_RETURNED = re.compile(
    r"\b(?:your (?:\w+ )?solutions?\b|(?:send|return|submit|share|email|mail)(?: (?:it|them|this|these|us|me))*"
    r" back\b|(?:send|return|submit|share|email) (?:(?:to )?(?:us|me) )?(?:your|the)"
    r" (?:completed|finished|filled(?:-in)? ?(?:in|out)?) (?:\w+ )?"
    r"(?:tests?|tasks?|assignments?|exercises?|questionnaires?|quiz)\b"
    r"|(?:send|share|email) (?:(?:to )?(?:us|me) )?(?:your|the) (?:results|answers)\b"
    r"|link to (?:your|the) (?:\w+ )?(?:repo|repository|code|project|solution)\b)"
)

# "Once you are done, send us your solution": the time of the handing back, not a condition.
_DONE = re.compile(r"\b(?:once|when|as soon as) you(?:'re| are|'ve| have)? (?:done|finished|completed?|ready)\b[^,]*,?")


def assessment_cue(text: str) -> str:
    """A test handed to the user with its result asked back ("here is the task for the
    next stage; send me the link to your repository", "please find the assignment
    attached and send us your solution by Friday"), in words no phrase knows: the
    test named in the sentence that asks for the result, in the one before it, or in
    a sentence that hands it over. Not a condition or an option."""
    if not _RETURNED.search(text):
        return ""
    sentences = [_PAPERWORK.sub(" ", sentence) for sentence in _plain_sentences_keeping_pending(text)]
    handed = any((m := _HANDED.search(s)) and _TEST_NOUN.search(s, m.end()) for s in sentences)
    for index, sentence in enumerate(sentences):
        returned = _RETURNED.search(sentence)
        if returned is None:
            continue
        before = _DONE.sub(" ", sentence[: returned.start()])
        if _conditional(before) or _OPTION.search(before):
            continue
        previous = sentences[index - 1] if index else ""
        if handed or _TEST_NOUN.search(sentence) or _TEST_NOUN.search(previous):
            return f"a test handed over, its result asked back ('{returned.group(0)}')"
    return ""


def _plain_sentences_keeping_pending(text: str) -> list[str]:
    # "In order for your application to be considered, please complete …" is the
    # request itself: here a pending step is what is looked for.
    return [s for s in _sentences(text) if not s.endswith("?")]


# --- a role proposed, an offer made ----------------------------------------------------------

# "Job Title: …", "Location - …", "Duration: 12 months": the labelled lines of a job
# description that an agency recruiter pastes into a message.
_SPEC_LINE = re.compile(
    r"^[ \t*•·-]*(job title|title|position|role|job id|job ref(?:erence)?(?: id)?|req(?:uisition)?(?: id| no\.?| #)?"
    r"|location|duration|rate|pay rate|pay|salary|compensation|job type|type|employment type|contract(?: type)?"
    r"|term|client|visa|work authori[sz]ation|start date|experience)[ \t]*(?::|[ \t]-[ \t]|\t)",
    re.MULTILINE,
)
# The same labels inside one long line: a body whose line breaks were lost (rebuilt from
# a database field, or a mailer's text part) keeps "Job Title: … Location: … Duration: …".
_SPEC_INLINE = re.compile(
    _SPEC_LINE.pattern.replace(r"^[ \t*•·-]*(", r"(?:^|(?<=[\s.!|]))(", 1).replace(
        r")[ \t]*(?::|[ \t]-[ \t]|\t)", r")[ \t]*:[ \t]", 1
    )
)
_SPEC_ROLE = frozenset({"job title", "title", "position", "role", "job id"})
# Someone speaking to the user: "I have a role for you", "we request you to review".
_FIRST_PERSON = re.compile(r"\b(?:i(?:'m|'d|'ve)?|my|me|we|us)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your)\b")


def job_spec_cue(text: str) -> str:
    """A job description's labelled lines (a title and two more: location, duration,
    rate…) in a message that speaks to the user: how recruiters propose a role.
    Empty when the lines are missing or nobody addresses the user."""
    found = [m.group(1) for m in _SPEC_LINE.finditer(text)]
    if len(found) < 3 and max(map(len, text.split("\n"))) > 300:
        found = [m.group(1) for m in _SPEC_INLINE.finditer(text)]
    labels = {re.sub(r"\s.*", "", label) if label.startswith(("req", "job ref")) else label for label in found}
    # A digest lists many jobs, each with its title line; a recruiter proposes one.
    if sum(label in _SPEC_ROLE for label in found) > 2:
        return ""
    if len(labels) < 3 or not labels & _SPEC_ROLE or not _FIRST_PERSON.search(text) or not _SECOND_PERSON.search(text):
        return ""
    return "job description block (" + ", ".join(sorted(labels)[:4]) + ")"


_OFFER_NOUN = re.compile(
    r"\b(?:your|this|the|our|an|job|formal|written|official|employment|contract) offer\b"
    r"(?! to (?:another|a different|an?other))"
)
# "The team has agreed to move forward with you for the role": the offer in other words.
_CHOSEN_FOR_ROLE = re.compile(
    r"\b(?:move|moving|go|going) (?:forward|ahead) with you (?:for|as)\b"
    r"|\bwelcome you (?:aboard|on board|to (?:the|our) team|to (?:[\w&.-]+ ){1,3}as (?:our|a|an|the)\b)"
    # "We would like you to join Acme as our analyst" (the pay and the start still decide).
    r"|\b(?:would|'d) (?:like|love) (?:you to join|to have you join|to have you on board)\b"
)
_PAY = re.compile(
    r"\b(?:salary|compensation|base pay|pay rate|hourly rate|annual(?:ly)?|per (?:year|annum|hour|month)|bonus|equity"
    r"|stock options|benefits)\b"
)
_START = re.compile(r"\b(?:start date|start(?:ing)? on|first day|joining date|commence\w*|your start)\b")


def pay_and_start(text: str) -> bool:
    """Whether the text names pay and a start, the terms of a job ("$40 per hour starting on 3 March")."""
    return bool(_PAY.search(text) and _START.search(text))


def offer_cue(text: str) -> str:
    """An offer read from its parts: the offer named, the pay, and a start date (an
    offer letter's details block or its sentences); not a rejection that names the
    offer someone else got."""
    if "offer" not in text and not _CHOSEN_FOR_ROLE.search(text):
        return ""
    sentences = _plain_sentences_keeping_pending(text)
    offer = next(
        (
            m
            for s in sentences
            if (m := _OFFER_NOUN.search(s) or _CHOSEN_FOR_ROLE.search(s)) and not _conditional(s[: m.start()])
        ),
        None,
    )
    if offer is None or not _PAY.search(text) or not _START.search(text):
        return ""
    return "an offer with pay and a start date"
