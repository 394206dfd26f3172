"""The offline rules classifier.

Its data — applicant-tracking domains, exclusions, phrases per status in English,
German, French and Spanish — lives in the readable filter file
jobmail/job_mail.toml; this module turns it into a decision:

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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jobmail.classify.result import Classification
from jobmail.classify.rules.company import _GENERIC_LOCAL, _ROLE_SUFFIX, candidate_words, extract_company
from jobmail.classify.rules.context import (
    _SEEKING_A_TITLE,
    ats_link,
    board_pitch,
    employee_admin,
    hiring_context,
    other_interview,
    sales_pitch,
)
from jobmail.classify.rules.phrases import (
    _DECISIONS,
    _SOFT_STATUSES,
    MAX_BODY_CHARS,
    PRECEDENCE,
    Rules,
    _clause_before,
    _conditional,
    _Evidence,
    _hits,
    _in_domains,
    _normalise,
    load_rules,
)
from jobmail.classify.rules.shape import (
    assessment_cue,
    job_spec_cue,
    offer_cue,
    pay_and_start,
    receipt_cue,
    rejection_cues,
    request_cue,
    withdrawal_cue,
)
from jobmail.classify.rules.title import _TITLE_WORDS_LOWER, extract_title, without_company
from jobmail.classify.rules.when import _MONTH, _WEEKDAY, extract_event_at
from jobmail.taxonomy import Status
from jobmail.text.clean import clean_text
from jobmail.text.names import REPLY_PREFIX

if TYPE_CHECKING:
    from jobmail.message import ParsedMessage

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
    introduced: bool = False
    sender_address: str = ""
    meeting: bool = False
    subject_job_words: set[str] = field(default_factory=set)
    #: What says the email belongs to a hiring process (see context.py), or "".
    hiring: str = ""
    #: A vendor's sales wording (see context.sales_pitch), or "".
    sales: str = ""
    #: A link to an applicant-tracking system in the body (see context.ats_link), or "".
    ats_linked: str = ""

    @property
    def job_context(self) -> bool:
        return bool(self.job_words - _AMBIGUOUS_JOB_WORDS)


# The candidate's own follow-up: "any update on my application?", "where my candidacy stands".
_MY_APPLICATION = re.compile(
    r"my (?:job )?(?:application|candidacy) (?:for|to|with|at|is|has|stands)\b"
    r"|(?:on|of|with|about) my (?:job )?(?:application|candidacy)\b"
)
_APPLICATION_CONTEXT = re.compile(
    r"(?<!\w)(?:your (?:job )?(?:application|candidacy|interview|applying)\b|you applied|you (?:started|began) applying"
    r"|" + _MY_APPLICATION.pattern + r"|(?:ihre|deine|eure) (?:bewerbung|kandidatur)"
    r"|votre candidature|ta candidature|(?:tu|su) (?:candidatura|solicitud|postulación)|(?:for|thank you for) applying"
    r"|application for (?:the|our)|(?:bewerbung|candidature|candidatura) (?:als|pour|para|au|para el)"
    # "Use this code to access your candidate account": the user's own candidacy's account.
    r"|your (?:candidate|applicant) (?:account|portal)"
    # "Thank you for interviewing with us": the user's own interview, said as a verb.
    r"|(?:for|after|since) interviewing with (?:us|our|the|me)\b"
    # "Thank you for your interest in the Analyst position": one role, the user's candidacy.
    # (Also "your interest in Acme and the Analyst role": the company, then the role.)
    r"|your (?:continued |ongoing |recent )?interest in (?:(?:[\w.&'-]+ ){1,4}and )?(?:the|our|this)"
    r" (?:[\w/&,()\"'-]+ ){0,6}(?:position|role|opening|vacancy|job|internship)\b)"
)
_PUT_FORWARD = re.compile(
    r"(?<!\w)(?:(?:passed|forwarded|sent|shared|submitted|put|presented|introduced) (?:on )?(?:you|your (?:cv|resume"
    r"|profile|application|details))(?: forward| on| across)? (?:to|for|with) (?:the|my|our|their) (?:client|hiring"
    r" manager|hiring team)|(?:thank you|thanks) for (?:sending|sharing) (?:over |me )?your (?:updated )?(?:cv|resume)"
    r"|lebenslauf [^.]{0,40}weitergeleitet|(?:transmis|présenté|proposé) (?:votre|ton) (?:cv|profil|candidature)"
    r"|(?:enviado|presentado|pasado) (?:tu|su) (?:cv|perfil|candidatura))"
)
# "You are receiving this email because you applied for a job at Acme": a mailer's
# footer that names the reader as a candidate, not a list (cleaning cuts the footer,
# so the words are read in the raw body).
_CANDIDATE_FOOTER = re.compile(
    r"(?:receiving|received|sent you) this (?:e-?mail |message |notification )?(?:because|as) you(?:'ve| have)?"
    r" (?:recently )?(?:applied|submitted an application|started an application|are a candidate|are an applicant)\b"
)
_BULK_BODY = re.compile(
    r"(?<!\w)(?:newsletter|unsubscribe|view (?:this email )?in (?:your )?browser|forward (?:this )?to a friend"
    r"|(?:sunday|monday|weekly|monthly|daily|morning|weekend) edition|issue #\d+"
    # (Not a calendar's "you are receiving this email because you are an attendee on the event".)
    r"|reader question|you(?:'re| are) receiving this(?! (?:e-?mail|message|invitation|notification) because you"
    r"(?:'re| are| were) (?:an? )?(?:attendee|guest|invitee|invited|organi[sz]er|participant))"
    r"|abmelden|désinscri|darse de baja)"
)


class RulesClassifier:
    """Classifies one parsed email offline, in about a millisecond; keeps no state between emails."""

    def __init__(self, rules: Rules | None = None) -> None:
        self.rules = rules or load_rules()

    def classify_sync(self, message: ParsedMessage) -> Classification:
        subject = " ".join(_normalise(message.subject).split())
        body = _normalise(clean_text(message.body_text))[:MAX_BODY_CHARS]
        # Templates say "[**name**]", "{{company}}", "[Position Name]": the status is read
        # from their words, without the brackets (company and title keep them).
        status_subject, status_body = _without_placeholders(subject), _without_placeholders(body)
        signals = self._signals(message, status_subject, status_body)
        signals.meeting = message.has_calendar or bool(_MEETING_JOIN.search(body))
        status, confidence, certain = self._decide(signals, f"{status_subject}\n{status_body}".lower(), status_subject)
        reasons = tuple(([signals.decision] if signals.decision else []) + signals.reasons[:11])
        job = status != Status.NOT_JOB
        company = title = ""
        event_at = None
        if job or _may_become_job(signals):
            # Mail called not job here may still be job mail for the user: a reply or
            # an invitation in a thread about an application (jobmail.grouping's
            # inherit_thread), or an email the user moves into one. It keeps what it
            # names (only job mail shows it); list mail and notifications, most of an
            # inbox, never become job mail and skip the cost.
            company = extract_company(message, subject, body, self.rules, signals.ats)
            freemail = message.sender_email.partition("@")[2] in self.rules.freemail_domains
            candidate = candidate_words(message.to, body, candidate_writes=freemail)
            title = extract_title(subject, body, company, candidate)
            if company and title:
                title = without_company(title, company)
            # (A meeting invitation becomes an interview in a job thread: its time too.)
            if status in (Status.INTERVIEW, Status.ASSESSMENT) or signals.meeting:
                event_at = extract_event_at(message, subject, body)
        return Classification(
            status=status,
            is_job_related=job,
            company=company,
            job_title=title,
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

        s.sender_address = address
        local = address.partition("@")[0]
        s.personal_sender = bool(
            local
            and not _GENERIC_LOCAL.match(re.sub(r"[-_.+]?(?:no-?reply|autoreply|notifications?)$", "", local) or local)
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
        candidate_footer = bool(_CANDIDATE_FOOTER.search(raw_body[-3000:]))
        s.bulk = (
            not candidate_footer
            and bool(
                "list-unsubscribe" in headers
                or "list-id" in headers
                or headers.get("precedence", "").lower() in {"bulk", "list", "junk"}
                or _BULK_BODY.search(raw_body[-3000:])
                # (A cue that starts in the first 300 characters; what follows it is read too.)
                or ((head := _BULK_BODY.search(raw_body[:450])) is not None and head.start() < 300)
            )
        )
        text = f"{lower_subject}\n{lower_body}"
        in_subject, in_body = rules.present(lower_subject), rules.present(lower_body)
        s.job_words = {m.group(0) for m in rules.job_words.finditer(text, in_subject | in_body)}
        s.subject_job_words = {m.group(0) for m in rules.job_words.finditer(lower_subject, in_subject)}
        if _TITLE_WORDS_LOWER.search(f"{lower_subject}\n{_without_signoff(lower_body)}"):
            s.job_words.add("<job title>")
        if (
            _HIRING_LOCAL.search(address.partition("@")[0])
            or _HIRING_DISPLAY.search(display)
            # (Mailers add survey links, talent-network ads and legal lines under it.)
            or _HIRING_SIGNATURE.search(lower_body[-400:])
        ):
            # careers@, recruiting@, "Acme Talent Acquisition", a letter signed by "The
            # Acme Recruiting Team": the hiring side speaking is a job context, as a job
            # word would be (a status phrase still decides).
            s.job_words.add("<hiring sender>")
        s.application_context = candidate_footer or bool(_APPLICATION_CONTEXT.search(text))
        if s.application_context and other_interview(text):
            # "Show up strong: nail your interview", a talk "you registered for": advice
            # about the user's interviews, not one of their candidacies.
            s.application_context = any(
                m.group(0) != "your interview" and "interviewing" not in m.group(0)
                for m in _APPLICATION_CONTEXT.finditer(text)
            )
        # A person introducing themselves, or one role's description pasted for the
        # user: someone speaking, whatever footer their mailer adds.
        s.introduced = (
            bool(_SELF_INTRODUCTION.search(lower_body[:600]))
            or bool(s.alert_body < 2 and job_spec_cue(text))
            # A letter that a recruiter signs, above the agency's mailer footer.
            or bool(_FIRST_PERSON_I.search(lower_body[:600]) and _RECRUITER_SIGNATURE.search(lower_body[-400:]))
        )
        for status in PRECEDENCE:
            evidence = _Evidence(
                subject=_hits(rules.strong[status], lower_subject, status, in_subject),
                body=_hits(rules.strong[status], lower_body, status, in_body),
            )
            if evidence.strong:
                s.strong[status] = evidence
                for phrase in (evidence.subject + evidence.body)[:2]:
                    s.reasons.append(f"{status}: '{' '.join(phrase.split())}'")
        if (other := s.strong.get(Status.OTHER_JOB)) and not s.ats:
            # "Thanks for interviewing with us on the show": the sentence says what the
            # interview was for, and it was no job.
            kept = [p for p in other.subject + other.body if not other_interview(_rest_of_sentence(text, p))]
            if not kept:
                del s.strong[Status.OTHER_JOB]
                s.reasons.append("no job update: an interview for something else")
        # A rejection in words no phrase knows still has the shape of one.
        if (
            Status.REJECTED not in s.strong
            # An offer letter's terms ("not eligible for", "not a contract") are not a
            # rejection in words no phrase knows.
            and Status.OFFER not in s.strong
            and (s.job_context or s.application_context or s.ats)
            and (cues := rejection_cues(text))
        ):
            s.strong[Status.REJECTED] = _Evidence(body=[f"shape of a rejection ({', '.join(cues)})"])
            s.reasons.append(f"rejected: shape ({', '.join(cues)})")
        if Status.OFFER not in s.strong and Status.REJECTED not in s.strong and (cue := offer_cue(text)):
            s.strong[Status.OFFER] = _Evidence(body=[cue])
            s.reasons.append(f"offer: {cue}")
        if (
            Status.RECRUITER_OUTREACH not in s.strong
            and not s.application_context
            and not s.ats
            and s.alert_body < 2
            and (cue := job_spec_cue(f"{subject}\n{body}".lower()))
        ):
            # A pasted job description with its labelled lines, sent by a person.
            s.strong[Status.RECRUITER_OUTREACH] = _Evidence(body=[cue])
            s.job_words.add("<job description>")
            s.reasons.append(f"recruiter_outreach: {cue}")
        if (
            Status.ASSESSMENT not in s.strong
            and (s.ats or s.application_context or s.job_context)
            and (cue := assessment_cue(text))
        ):
            # "Here is the task for the next stage; send me the link to your repository":
            # a test handed over, whatever it is called, is no request for documents.
            s.strong[Status.ASSESSMENT] = _Evidence(body=[cue])
            s.reasons.append(f"assessment: {cue}")
        if Status.WITHDRAWN not in s.strong and (cue := withdrawal_cue(text)):
            s.strong[Status.WITHDRAWN] = _Evidence(body=[cue])
            s.reasons.append(f"withdrawn: '{cue}'")
        if (
            Status.ACTION_REQUIRED not in s.strong
            # (An offer's paperwork is about the job too.)
            and (s.ats or s.application_context or (s.job_context and not s.bulk) or Status.OFFER in s.strong)
            and (cue := request_cue(text))
        ):
            s.strong[Status.ACTION_REQUIRED] = _Evidence(body=[cue])
            s.reasons.append(f"action_required: '{cue}'")
        if (
            (action := s.strong.get(Status.ACTION_REQUIRED))
            and action.body
            and (Status.APPLIED in s.strong or Status.OTHER_JOB in s.strong)
        ):
            # "Your account was created. You can update your profile at any time": an
            # option a confirmation or an update lists, not a request (a request in the
            # subject still is one; a reminder that "you can return to the form you
            # saved" has nothing else to say and stays one).
            action.body = [p for p in action.body if not _optional(lower_body, p)]
            if not action.strong:
                del s.strong[Status.ACTION_REQUIRED]
        if (
            (offer := s.strong.get(Status.OFFER))
            and Status.RECRUITER_OUTREACH in s.strong
            and not s.application_context
            and not s.ats
            and not pay_and_start(text)
            and "interview" not in text
            and not _PRIOR_CONTACT.search(text)
            and all(_PROPOSED.search(_rest_of_sentence(text, p)) for p in offer.subject + offer.body)
        ):
            # "I'd like to offer you a position of Data Engineer in our team, let me know if
            # you're interested": a stranger proposing a role, not the offer that ends an
            # application (which names its terms, the interview or the application).
            del s.strong[Status.OFFER]
            s.reasons.append("no offer: a role proposed to a stranger")
        offer = s.strong.get(Status.OFFER)
        welcome_only = offer is not None and all(_WELCOME.match(p) for p in offer.subject + offer.body)
        if (
            Status.OFFER in s.strong
            and Status.ACTION_REQUIRED in s.strong
            and (_OFFER_ACCEPTED.search(text) or welcome_only)
        ):
            # "Congratulations on accepting our offer! Please send your ID and the
            # signed contract", "Welcome aboard! Before your first day, please complete
            # your tax forms": the offer is behind, the request is what is new.
            del s.strong[Status.OFFER]
            s.job_words.add("<accepted offer>")
        s.sales = sales_pitch(text)
        s.ats_linked = ats_link(lower_body, rules.ats_domains)
        s.hiring = (
            ("ATS sender" if s.ats else "")
            or ("the user's application" if s.application_context and not _OTHER_APPLICATION.search(text) else "")
            # (An employer's people team also writes to its staff about benefits and pay.)
            or (
                "the hiring side speaking"
                if ("<hiring sender>" in s.job_words or s.introduced) and not employee_admin(text) and not s.sales
                else ""
            )
            or hiring_context(lower_subject, text)
            or s.ats_linked
        )
        if (
            (Status.INTERVIEW in s.strong or Status.RECRUITER_OUTREACH in s.strong)
            and not s.application_context
            and not s.ats
            and (pitch := s.sales)
        ):
            # "Recruiting teams use Pipewell to screen candidates; book a demo": a vendor
            # asking a recruiter (or anyone) for a call is no interview and no outreach.
            s.strong.pop(Status.INTERVIEW, None)
            s.strong.pop(Status.RECRUITER_OUTREACH, None)
            s.reasons.append(f"no interview or outreach: a sales pitch '{pitch}'")
        if Status.INTERVIEW in s.strong and not s.hiring:
            # "Pick a time that works", "are you free on Thursday?", "we'd love to
            # interview you for episode 12": a dentist, a salesperson, a friend and a
            # podcast ask the same. A time asked for, or an interview for a show, a
            # story, a study or a school place, is no job interview without a hiring context.
            interview = s.strong[Status.INTERVIEW]
            # ("Select a time for your first-round interview": the event named after the phrase.)
            named = any(
                _NAMES_AN_INTERVIEW.search(_rest_of_sentence(text, p)) for p in interview.subject + interview.body
            )
            other_application = _OTHER_APPLICATION.search(text)
            purpose = other_interview(text) or (other_application.group(0) if other_application else "")
            # ("Interview with our head chef in this issue": someone else's interview told
            # to a reader, in a sentence that does not speak to the user; a schedule row
            # such as "Screening call with Sam | 4 pm" names the user's own.)
            told = (
                not interview.subject
                and all(p.startswith("interview with") for p in interview.body)
                and not any(_addressed(text, p) for p in interview.body)
            )
            if not named or purpose or told:
                del s.strong[Status.INTERVIEW]
                s.reasons.append(f"no interview: a time asked for outside a hiring context {purpose}".strip())
        if Status.ASSESSMENT in s.strong and not s.hiring and not s.application_context and s.bulk:
            # "Take our free aptitude test and find your career": a test offered to a
            # list, no step of a hiring process (a person's "here is our technical task"
            # needs no hiring words).
            del s.strong[Status.ASSESSMENT]
            s.reasons.append("no assessment: a test outside a hiring context")
        if (
            Status.OFFER in s.strong
            and not s.hiring
            and not s.job_words - _AMBIGUOUS_JOB_WORDS - {"applicant"}
            and not pay_and_start(text)
        ):
            # "We'd like to offer you 0% for 18 months", "delighted to offer you a place
            # on the course": an offer of a job names the job or the hiring.
            del s.strong[Status.OFFER]
            s.reasons.append("no offer: nothing about a job offered")
        if Status.RECRUITER_OUTREACH in s.strong and not s.hiring:
            # "Would you be open to a quick intro call?" from a salesperson: outreach
            # is a recruiter's only when it is about a role.
            del s.strong[Status.RECRUITER_OUTREACH]
            s.reasons.append("no outreach: no role or hiring named")
        if not s.strong and (cue := receipt_cue(text)):
            # "Your email was received and is being reviewed": an acknowledgement
            # (still job mail only with a job word).
            s.strong[Status.APPLIED] = _Evidence(body=[cue])
            s.reasons.append(f"applied: '{cue}'")
        return s

    def _weak(self, text: str) -> dict[str, int]:
        # Only needed when no strong phrase decided; computed lazily to save time.
        present = self.rules.present(text)
        return {
            status: len({m.group(0) for m in self.rules.weak[status].finditer(text, present)}) for status in PRECEDENCE
        }

    def _closing_cues(self, text: str) -> int:
        """Different closing lines of a rejection ("unfortunately", "other candidates",
        "best of luck in your search"), outside conditional sentences."""
        return len(
            {
                m.group(0)
                for m in self.rules.weak[Status.REJECTED].finditer(text)
                if not _conditional(_clause_before(text, m.start()))
            }
        )

    def _decide(self, s: _Signals, text: str, subject_line: str) -> tuple[str, float, bool]:
        strong = s.strong
        # 1. Mail that is never about the user's own applications.
        # A board's no-reply address also sends "your application was sent to Acme"
        # and "Acme viewed your application": the user's own application outranks
        # the sender list (and then the job-board rules below decide).
        own_application = s.application_context and bool(strong)
        if (s.excluded and not own_application) or s.social:
            s.decision = "never job mail: excluded sender or social notification"
            return Status.NOT_JOB, 0.97, not strong or s.excluded
        # "Offer Letter - Full Stack Developer" from offers@: a decision named in the
        # subject outranks a sender that looks like a marketing list.
        decided_in_subject = any(e.subject for st, e in strong.items() if st in _DECISIONS or st == Status.INTERVIEW)
        # Without a subject, a decision about the user's own application decides as well.
        decided_in_subject = decided_in_subject or (
            s.application_context and bool(s.hiring) and any(st in _DECISIONS for st in strong)
        )
        # "Immediate need: Security Analyst - apply now" from a recruiter writing in
        # their own name about one role is outreach, not a digest, whatever its subject.
        writing_in_person = s.personal_sender and Status.RECRUITER_OUTREACH in strong and s.alert_body < 2
        # "A recruiter at Nimbus viewed your application for Dispatcher" from a board's
        # alerts@ address: a record of the user's own application, said first, with no
        # job cards, is no digest.
        own_record = own_application and not s.alert_body and _leads_with_status(strong, text)
        if (s.alert_sender and not decided_in_subject and not own_record) or (
            s.alert_subject and not writing_in_person
        ):
            # Job-alert digests, from boards and from employers' own career sites.
            s.decision = "job-alert digest"
            if (s.alert_sender and not decided_in_subject and not own_record) or (
                s.alert_subject and (s.bulk or s.alert_body or s.job_board)
            ):
                return Status.NOT_JOB, 0.96, not s.application_context
            if not s.application_context:
                return Status.NOT_JOB, 0.8, False
        # A person's message relayed by a board ("Mira Castellanos via LinkedIn")
        # carries the board's footer; it is not bulk mail for that.
        # The board's notification of an employer's message says so at the top ("Acme
        # sent you a message about Warehouse Supervisor"), with or without headers.
        relayed = bool(_RELAYED.search(s.display)) or bool(_RELAY_NOTICE.search(text[:400]))
        # A board's mail about the user's own application carries cards of similar jobs
        # under it ("Easy Apply", "Promoted"): the status said first outranks the footer.
        # A board's record of an application ("Application submitted: Shift Lead", "Applied:
        # Data Analyst at Acme") is about the user's own even when it never says "your".
        about_own = (s.application_context or relayed or Status.APPLIED in strong) and _leads_with_status(strong, text)
        if s.job_board and not (
            strong
            and (s.job_context or about_own)
            and (not s.alert_body or about_own)
            and (not s.bulk or s.application_context or relayed or about_own)
        ):
            # Boards send profile views, tips and marketing; a recruiter's InMail or
            # "your application was sent to Acme" (Easy Apply) is the exception.
            s.decision = "job-board notification"
            return Status.NOT_JOB, 0.9, False
        if s.other_subject and not s.ats and not s.application_context and not any(e.subject for e in strong.values()):
            s.decision = "receipt, account or marketing mail"
            return Status.NOT_JOB, 0.85, False
        if (
            not s.application_context
            and not s.ats
            and not any(st in _SELF_EVIDENT for st in strong)
            and (pitch := board_pitch(text))
        ):
            # "Complete your profile to get better job matches": a board's own account mail.
            s.decision = f"a job board's own service ('{pitch}')"
            return Status.NOT_JOB, 0.8, False
        # 2. Is it about the user's own job search at all?
        self_evident = any(status in _SELF_EVIDENT for status in strong)
        if self_evident and not s.hiring and _OTHER_APPLICATION.search(text):
            # "We're pleased to offer you the Rewards Visa", "your loan application was
            # declined": a decision about something else the user applied for.
            self_evident = False
        # An interview or a decision about a role, named in the subject and again in
        # the body, is the user's own even when a mailer adds an unsubscribe footer
        # ("we'd like to offer you a free month" names no role).
        # (A newsletter's "an interview with our CEO" speaks to nobody: the body's
        # sentence must address the user.)
        named_twice = (
            (s.job_context or s.application_context)
            and not s.other_subject
            and not s.alert_body
            and any(
                e.subject and any(_addressed(text, phrase) for phrase in e.body)
                for st, e in strong.items()
                if st in _SELF_EVIDENT
            )
        )
        # Footers like "you are receiving this because you applied" make an employer's
        # mail look like bulk mail; talking about "your application" says otherwise,
        # and so does a person's message relayed by a platform.
        # A recruiter writing in their own name about a role is outreach even when the
        # agency's mailer adds an unsubscribe footer.
        # Without a sender, a writer who introduces themselves (or pastes the one
        # role they propose) is that person.
        personal = (s.personal_sender or s.introduced) and Status.RECRUITER_OUTREACH in strong
        # An employer's hiring mailbox (careers@, "Acme Talent Acquisition") sends
        # through the same mailers as newsletters; a status phrase from it is about
        # the user's candidacy (outreach wording alone may be its marketing).
        # So does a status phrase above a link into an applicant-tracking system: the
        # ATS's own mail keeps that link when an export drops the From line.
        from_hiring_side = ("<hiring sender>" in s.job_words or bool(s.ats_linked)) and any(
            st != Status.RECRUITER_OUTREACH for st in strong
        )
        # A rejection in a hiring context is not a newsletter's, whatever footer the
        # employer's mailer adds (newsletters do talk about "your offer").
        decision = bool(s.hiring) and not s.alert_body and Status.REJECTED in strong
        # A podcast or a webinar sent to a list talks about "your application" to every
        # listener: without a status phrase, that is not the user's own.
        own_words = s.application_context and (bool(strong) or not other_interview(text))
        bulk = (
            s.bulk
            and not decision
            and not own_words
            and not relayed
            and not personal
            and not from_hiring_side
            and not named_twice
        )
        # "Your application for the Term Life policy", "please upload your pay stubs for
        # the mortgage": another kind of application, and nothing about hiring.
        other_thing = not s.hiring and bool(_OTHER_APPLICATION.search(text) or employee_admin(text))
        job = not other_thing and (
            s.ats
            or (self_evident and not bulk)
            or (bool(strong) and s.job_context and not bulk)
            # A status phrase where an ATS link, a title in the subject or recruiting
            # words say hiring ("return to the form you saved" above an iCIMS link).
            or (bool(strong) and bool(s.hiring) and not bulk)
            or (s.application_context and s.job_context and not bulk)
            # "Thanks for applying! We've received your application": the user's own
            # application named with a status phrase is a job application unless the
            # email says what else was applied for (a card, a loan, a lease, a policy).
            or (s.application_context and bool(strong) and not bulk and not _OTHER_APPLICATION.search(text))
            # The candidate asking after their own application ("any news on my application
            # to Acme?"), in words no phrase knows.
            or (bool(_MY_APPLICATION.search(text)) and not s.bulk and not _OTHER_APPLICATION.search(text))
            # A board's record of the user's application, above its footer and job cards.
            or (s.job_board and about_own)
        )
        weak: dict[str, int] | None = None
        if not job and not strong and s.hiring and not bulk:
            # "Locked in: Monday 14:00 on Google Meet" about a role: a call with a
            # date and time in a job context is an interview without the word.
            weak = self._weak(text)
            if weak[Status.INTERVIEW] and _DATE_WITH_TIME.search(text):
                s.decision = "call with a date and time in a job context"
                return Status.INTERVIEW, 0.55, False
        if (
            s.meeting
            and not strong
            and not bulk
            and (s.hiring or (_NAMES_AN_INTERVIEW.search(subject_line.lower()) and not other_interview(text)))
        ):
            # A calendar invitation or a video-call join block about a role, or titled
            # "Interview": an interview even when the body is nothing but the join details.
            s.decision = "meeting invitation in a job context"
            return Status.INTERVIEW, 0.55, False
        if not job and not s.bulk and REPLY_PREFIX.match(subject_line) and s.subject_job_words and s.personal_sender:
            # A person answering in a thread about a role ("Re: Your application for
            # …"): part of the user's job search, whatever the short reply says.
            s.decision = "a reply in a thread about a role"
            return Status.OTHER_JOB, 0.45, False
        if not job:
            if s.bulk and s.personal_sender and _TITLE_WORDS_LOWER.search(subject_line.lower()):
                # An agency recruiter's own message sent through a mailer, in words no
                # outreach phrase knows: a person, a role named in the subject, and
                # outreach vocabulary.
                weak = weak or self._weak(text)
                if weak[Status.RECRUITER_OUTREACH]:
                    s.decision = "a recruiter's message through a mailer"
                    return Status.RECRUITER_OUTREACH, 0.45, False
            if s.bulk:
                # Mail sent to a list that names no status and not the user's own
                # application is not worth an LLM call.
                s.decision = "newsletter or bulk mail"
                return Status.NOT_JOB, 0.85, False
            if not s.job_words and not any((weak or self._weak(text)).values()):
                s.decision = "no job vocabulary at all"
                # Certain only for an organisation's mailer: a person's short reply
                # ("Thursday works") may belong to a job thread, and without a sender
                # nothing backs the words up.
                return Status.NOT_JOB, 0.92, bool(s.sender_address) and not s.personal_sender
            if (
                "<hiring sender>" in s.job_words
                and s.hiring
                and not s.alert_body
                and not s.job_board
                and not employee_admin(text)
                and not s.sales
            ):
                # The hiring side writing to the user outside a list, in words no
                # phrase knows ("one more step before you get started"): a job update.
                s.decision = "the hiring side writing to the user"
                return Status.OTHER_JOB, 0.4, False
            if (
                (s.personal_sender or s.introduced)
                and not s.application_context
                and not s.alert_body
                and not s.job_board
                and not employee_admin(text)
                and not s.sales
                and _YOU.search(text, text.find("\n") + 1)
                and hiring_context(subject_line.lower(), text)
            ):
                # A person writing to the user about hiring, in words no status phrase knows.
                # A recruiter (by introduction or signature) following up on a meeting or a
                # call: "great meeting you at the fair, here are our internship postings".
                if _PRIOR_CONTACT.search(text) and (s.introduced or _RECRUITER_SIGNATURE.search(text[-400:])):
                    s.decision = "a recruiter continuing a conversation"
                    return Status.OTHER_JOB, 0.4, False
                # A friend or colleague who referred the user: the user's candidacy under way.
                if referral := _REFERRED.search(text):
                    s.decision = f"someone referred the user ('{referral.group(0)}')"
                    return Status.OTHER_JOB, 0.4, False
                # A first approach (not a reply: that is a thread the user is in): a
                # recruiter introducing themselves, or a role to fill offered in outreach
                # words ("a hospital client is seeking a nurse practitioner, reply if you'd
                # like details", "a small team hiring our first SRE, would love to tell you more").
                if not REPLY_PREFIX.match(subject_line) and (
                    s.introduced
                    or (
                        (_ROLE_PROPOSED.search(text) or _SEEKING_A_TITLE.search(text))
                        and (_INVITES_TALK.search(text) or (weak or self._weak(text))[Status.RECRUITER_OUTREACH])
                    )
                ):
                    s.decision = "a person proposing a role to fill"
                    return Status.RECRUITER_OUTREACH, 0.45, False
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
        # "Thanks for your reply! Could you send over your CV and let me know your salary
        # expectations?": every request is what an approach asks for (a resume, a rate,
        # times to talk), whatever its words.
        action = strong.get(Status.ACTION_REQUIRED)
        outreach_asks = (
            decisive == [Status.ACTION_REQUIRED]
            and action is not None
            and all(_OUTREACH_ASK.search(_rest_of_sentence(text, p)) for p in action.subject + action.body)
        )
        # Thanking the user for their interest or application: the user approached
        # the employer, so outreach wording there is not cold outreach.
        if (
            Status.RECRUITER_OUTREACH in strong
            and not s.application_context
            and not s.ats
            and Status.APPLIED not in strong
        ):
            # A recruiter proposing a call or a test is still cold outreach; a call
            # with a date and time ("the client would like to meet you on Tuesday
            # at 10:00") is the interview the outreach led to.
            scheduled = Status.INTERVIEW in strong and _DATE_WITH_TIME.search(text)
            # "As discussed, here is the test task", "thanks for your reply; please send
            # the form": a conversation already under way is past the first approach.
            # But "thanks for your reply! Please send your updated resume and rate" still
            # is the approach.
            follow_up = bool(decisive) and bool(_PRIOR_CONTACT.search(text)) and not outreach_asks
            if (
                not scheduled
                and not follow_up
                and not any(st in (Status.REJECTED, Status.WITHDRAWN, Status.OFFER) for st in decisive)
            ):
                # "We'd love to keep you in mind for future opportunities" closes
                # rejections too: two closing cues of a rejection outvote one phrase.
                if self._closing_cues(text) >= 2:
                    s.decision = "rejection cues around outreach wording"
                    return Status.REJECTED, 0.5, False
                s.decision = "unsolicited outreach"
                return Status.RECRUITER_OUTREACH, 0.7, False
        if (
            outreach_asks
            and (s.personal_sender or s.introduced)
            and not s.application_context
            and not s.ats
            and Status.APPLIED not in strong
            and not _APPLICATION_WORD.search(text)
            and not _PUT_FORWARD.search(text)
        ):
            # The same asks in a recruiter's second message, with no outreach phrase
            # left and no application anywhere: the approach goes on.
            s.decision = "a recruiter's asks before any application"
            return Status.RECRUITER_OUTREACH, 0.5, False
        if decisive:
            status = decisive[0]
            # An interview invitation that mentions the assessment it includes, or a
            # test that mentions the interview after it: the phrases are counted.
            # Scheduling the test itself ("your availability for the coding assessment")
            # makes the scheduling phrases about the test, not an interview.
            # (A reply's subject names an earlier step: "Re: … coding assessment" above
            # an invitation to the onsite; only the body speaks now.)
            reply = bool(REPLY_PREFIX.match(subject_line))
            if (
                status == Status.ASSESSMENT
                and Status.INTERVIEW in strong
                and _weight(strong[Status.INTERVIEW], reply) > _weight(strong[Status.ASSESSMENT], reply)
                and not any(
                    _SCHEDULED_TEST.match(p) for p in strong[Status.ASSESSMENT].body + strong[Status.ASSESSMENT].subject
                )
            ):
                status = Status.INTERVIEW
            # A fresh subject names the event ("Einladung zum zweiten Gespräch"); a
            # body that mentions an earlier step does not outrank it. Replies keep
            # old subjects, so they do not count.
            # ("Action required: next step" above a coding challenge, "Please confirm your
            # availability" above an invitation: a bare request in the subject says only that
            # the event in the body needs an answer.)
            in_subject = [
                st
                for st in decisive
                if strong[st].subject
                and st not in _DECISIONS
                and not (
                    st == Status.ACTION_REQUIRED
                    and status in (Status.ASSESSMENT, Status.INTERVIEW)
                    and all(_BARE_REQUEST.match(p) for p in strong[st].subject)
                )
            ]
            if status not in _DECISIONS and len(in_subject) == 1 and not REPLY_PREFIX.match(subject_line):
                status = in_subject[0]
            # "Please update your profile" in a confirmation's boilerplate: one request
            # in the body does not outvote a confirmation the subject or two phrases make.
            applied = strong.get(Status.APPLIED)
            if (
                status == Status.ACTION_REQUIRED
                and not strong[status].subject
                and len(strong[status].body) == 1
                and applied is not None
                and (applied.subject or applied.strong >= 2)
            ):
                status = Status.APPLIED
        else:
            soft = [status for status in PRECEDENCE if status in strong]
            status = max(soft, key=lambda st: (_weight(strong[st]), -PRECEDENCE.index(st)))
            applied = strong.get(Status.APPLIED)
            if (
                status == Status.APPLIED
                and Status.OTHER_JOB in strong
                and applied is not None
                and all(_INTEREST_THANKS.match(p) for p in applied.subject + applied.body)
                # ("We received your submission" acknowledges the application itself.)
                and not any(
                    _RECEIVED.search(p) for p in strong[Status.OTHER_JOB].subject + strong[Status.OTHER_JOB].body
                )
            ):
                # "Thanks for your interest in the role. We are still reviewing candidates":
                # the thanks opens updates as well as confirmations; the update decides.
                status = Status.OTHER_JOB
        closing = 0
        if status in (Status.APPLIED, Status.OTHER_JOB):
            # A rejection in words no phrase knows still ends like one: "unfortunately",
            # "other candidates", "best of luck in your search", "future openings".
            closing = self._closing_cues(text)
            if closing >= 2:
                s.decision = f"{closing} rejection cues around an acknowledgement"
                return Status.REJECTED, 0.5, False
        evidence = strong[status]
        conflicts = [other for other in decisive if other != status]
        confidence = 0.6 + 0.1 * min(evidence.strong, 3) + (0.1 if s.ats else 0) + (0.05 if evidence.subject else 0)
        confidence = round(max(0.3, min(confidence - 0.1 * len(conflicts), 0.98)), 2)
        # Certain enough to skip the LLM: an ATS said it, in the subject or twice, and
        # nothing in the email points elsewhere (not even one rejection cue).
        # Any other status's phrase (even a soft one) leaves the last word to the LLM.
        others = [st for st in strong if st != status]
        certain = (
            s.ats
            and not conflicts
            and not closing
            and bool(evidence.subject)
            and (evidence.strong >= 2 or not others)
            and (not others or bool(evidence.body))
        )
        s.decision = f"{status} phrase" + (" from an ATS" if s.ats else "")
        return status, confidence, certain


def _may_become_job(s: _Signals) -> bool:
    """Whether mail the rules call not job mail may still be the user's job mail: a
    meeting invitation, or mail that is neither a notification, a digest, a receipt
    nor an organisation's list mail."""
    if s.meeting:
        return True
    return not (
        s.excluded
        or s.social
        or s.alert_sender
        or s.alert_subject
        or s.job_board
        or s.other_subject
        or (s.bulk and not s.personal_sender)
    )


def _addressed(text: str, phrase: str) -> bool:
    """Whether the body sentence that holds the phrase speaks to the user ("you", "your",
    "please"). `text` is the subject line, then the body."""
    at = text.find(phrase, text.find("\n") + 1)
    if at < 0:
        return False
    start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [i for i in (text.find(".", at), text.find("\n", at)) if i >= 0]
    return bool(_YOU.search(text, start, min(ends) if ends else len(text)))


def _leads_with_status(strong: dict[str, _Evidence], text: str) -> bool:
    """Whether a status phrase is in the subject or opens the body (its first 400
    characters); `text` is the subject line, then the body."""
    if any(e.subject for e in strong.values()):
        return True
    body = text[text.find("\n") + 1 :]
    return any(0 <= body.find(phrase) < 400 for e in strong.values() for phrase in e.body)


def _rest_of_sentence(text: str, phrase: str) -> str:
    """The phrase and what follows it up to the end of its sentence (the phrase alone if
    it is not found)."""
    at = text.find(phrase)
    if at < 0:
        return phrase
    after = at + len(phrase)
    end = min((i for i in (text.find(".", after), text.find("\n", after)) if i >= 0), default=len(text))
    return text[at : min(end, after + 80)]


def _without_signoff(body: str) -> str:
    """The body without its last paragraph when that is a short sign-off block
    ("Marco\nAccount Executive, PipeFast"): the signer's own title is no job word."""
    head, sep, last = body.rstrip().rpartition("\n\n")
    return head if sep and len(last) < 120 and "." not in last.rstrip(".") else body


def _without_placeholders(text: str) -> str:
    if "[" not in text and "{" not in text:
        return text
    return _PLACEHOLDER.sub(lambda m: (m.group(1) or m.group(2)).replace("_", " ").strip(), text)


def _weight(evidence: _Evidence, reply: bool = False) -> int:
    return (0 if reply else 3) * len(evidence.subject) + len(evidence.body)


# What a person proposing a role asks for: a talk, or to hear back.
_INVITES_TALK = re.compile(
    r"\b(?:call|chat|talk|speak|coffee|conversation|hear (?:more|back|from you)|tell you more|share more"
    r"|(?:more |the )?details|let me know|reply|(?:you|you'd|you be) (?:be )?(?:available|interested))\b"
)
# "I submitted your referral for the role", "I've referred you to their recruiter".
_REFERRED = re.compile(
    r"\b(?:referred you|(?:submitted|sent|made|put in|entered) (?:your|a|the) referral"
    r"|your referral (?:for|to|has|was))\b"
)
# A role to fill, as a person proposing it names it: "a client is seeking a nurse
# practitioner", "hiring our first SRE", "an opening for a data engineer".
_ROLE_PROPOSED = re.compile(
    r"\b(?:hiring|recruiting|seeking|looking for|searching for)(?: for)? (?:an?|our|their|two|several)\b"
    r"(?! (?:lot|bit|few|little)\b)"
    r"|\b(?:an?|the) (?:[\w-]+ ){0,2}(?:opening|vacancy|requirement|opportunity|role|position) (?:for|as|in|at)\b"
    r"|\b(?:my|our|a|an) (?:[\w-]+ )?clients?\b"
)
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
# A template's blank: "[**name**]", "[Company Name]", "{{ job_title }}". Shortened links
# ("[calendly.com]") hold a dot and stay.
_PLACEHOLDER = re.compile(r"\[\**([A-Za-z][\w' /&-]{0,40}?)\**\]|\{\{\s*([A-Za-z][\w .-]{0,40}?)\s*\}\}")
_PRIOR_CONTACT = re.compile(
    r"\b(?:as (?:we )?discussed|as promised|as agreed"
    r"|following (?:up on )?our (?:call|conversation|chat|discussion|talk)"
    # ("Thank you for your interest": the user answered; what follows is past the first approach.)
    r"|(?:thank you|thanks) (?:again )?for (?:your (?:reply|response|answer|time|interest)"
    r"|the (?:call|chat|conversation)"
    r"|(?:speaking|talking|chatting) with|getting back)"
    r"|per our (?:call|conversation)|after our (?:call|conversation|chat)"
    r"|(?:it was|was) (?:great|nice|a pleasure|good) (?:speaking|talking|chatting|meeting))\b"
)
# Speaking to the user, or asking them ("please complete the assessment").
_YOU = re.compile(r"\b(?:you|your|please)\b")
# An interview phrase that names the event, not only a time to meet.
_NAMES_AN_INTERVIEW = re.compile(
    r"interview|screen|onsite|on-site|hiring|recruit|candida|gespräch|entretien|entrevista|convoca"
    # "Move you to the next round": a later step of a selection.
    r"|(?:next|second|third|final|later) (?:round|stage)|technical (?:conversation|discussion|round|chat)"
)
_INTEREST_THANKS = re.compile(r"(?:thank you|thanks)\b.* for your interest|(?:we )?appreciate your interest")
_RECEIVED = re.compile(r"\b(?:received|got)\b")
_APPLICATION_WORD = re.compile(r"\b(?:appl(?:y|ied|ying|ications?)|candidacy|bewerb\w*|candidature|candidatura)\b")
# What a recruiter's approach asks of the user before any application: a CV, a rate or
# salary, a notice period, times to talk, the right to represent them.
_OUTREACH_ASK = re.compile(
    r"\b(?:resume|cv|résumé|(?:day |hourly |pay |expected )?rate|salary|pay expectations|compensation"
    r"|expectations|notice period|availability|(?:a )?(?:good )?times? to (?:talk|chat|speak|connect)"
    r"|right to represent|rtr)\b"
)
_SCHEDULED_TEST = re.compile(r"(?:availability|a time|a slot|schedul)")
# What people apply for besides jobs.
_OTHER_APPLICATION = re.compile(
    r"\b(?:card|credit|loan|mortgage|lease|rental|apartment|tenan\w+|insurance|policy|premium|admissions?"
    r"|enrol+ment|scholarship|grant|visa|permit|passport|membership|claim|licen[cs]e|refund|financ\w+"
    # ("This is a Zoom web conference", "a conference call": a video call, not an event to apply to.)
    r"|school|course|degree|tuition|volunteer\w*|(?<!web )(?<!video )conference(?! call| line| bridge| room| id)"
    r"|speaker|coverage|underwrit\w*"
    r"|subscription|free trial|trial (?:account|version|plan)|beta|waitlist|kredit|versicherung|wohnung|mietvertrag"
    r"|carte|prêt|assurance|logement"
    r"|tarjeta|préstamo|seguro|alquiler)\b"
)
# The mailboxes and display names of an employer's hiring side.
_HIRING_LOCAL = re.compile(
    r"(?:^|[._+-])(?:careers?|jobs?|recruit\w*|talent\w*|hiring|hr|staffing|candidates?|applicants?|applications?"
    r"|bewerbung\w*|karriere|empleo|emploi|recrutement|rh|rrhh)(?:$|[._+-]|\d)"
)
_HIRING_DISPLAY = re.compile(
    # ("Acme Careers" is a hiring mailbox; "Career Summit", "The Career Digest" are services.)
    r"\b(?:careers|recruit\w*|talent acquisition|hiring|hr|human resources|people team|staffing|karriere"
    r"|recrutement)\b"
)
# A letter signed by the hiring side: "The Acme Recruiting Team", "Talent Acquisition".
_HIRING_SIGNATURE = re.compile(
    r"\b(?:recruit(?:ing|ment)|talent|hiring|hr|people|careers?|assessment|staffing)"
    r" (?:team|department|office|operations)\b|\btalent acquisition\b|\bhuman resources\b"
)
# "My name is Priya and I am a staffing specialist at …", "I'm a talent partner with": a
# person speaking, whatever footer their mailer adds.
_SELF_INTRODUCTION = re.compile(
    r"\b(?:my name is|this is|i(?:'m| am)) (?:[a-z]+(?: [a-z]+)?,? )?(?:and i(?:'m| am) )?(?:a |an |the )?"
    r"(?:[\w-]+ ){0,3}(?:recruiter|recruiting|recruitment|staffing|talent|sourcer|headhunter|specialist|consultant)\b"
)
_RECRUITER_SIGNATURE = re.compile(
    r"\b(?:senior |sr\.? |technical |lead |principal |executive )?(?:recruiter|talent partner|sourcer"
    r"|recruitment consultant|staffing specialist)\b"
)
_FIRST_PERSON_I = re.compile(r"\bi(?:'m| am| have|'ve)?\b")
_OFFER_ACCEPTED = re.compile(
    r"\b(?:accepting|accepted|acceptance of) (?:our|the|your|this) (?:job |employment )?offer\b"
    # "As part of your conditional offer, we need to run a background check": an offer the
    # user already holds, named as the reason for the request.
    # "Please upload your signed offer letter": an offer the user has already signed.
    r"|\b(?:signed|countersigned|accepted) (?:copy of (?:your|the) )?(?:job |employment )?offer\b"
    r"|\b(?:as part of|as a condition of|in connection with|following|pursuant to) (?:your|the|our)"
    r" (?:\w+ )?(?:job |employment )?offer\b"
)
_PROPOSED = re.compile(r"\boffer you (?:a|an) (?:[\w-]+ ){0,3}(?:position|role|job|vacancy|opportunity|project)\b")
_BARE_REQUEST = re.compile(r"(?:action (?:required|needed)|(?:please|kindly) (?:confirm|complete|review))$")
_WELCOME = re.compile(r"welcome (?:aboard|to the team)|willkommen|bienvenu")
# "You can update your profile at any time", "feel free to upload a new resume".
_OPTION_SENTENCE = re.compile(
    r"\b(?:you can|you may|you are able to|feel free to|at any time|anytime|if you (?:wish|want|would like))\b"
)


def _optional(body: str, phrase: str) -> bool:
    """Whether the body sentence that holds the phrase offers it as an option."""
    at = body.find(phrase)
    if at < 0:
        return False
    start = max(body.rfind(".", 0, at), body.rfind("\n", 0, at), body.rfind("!", 0, at)) + 1
    ends = [i for i in (body.find(".", at), body.find("\n", at), body.find("!", at)) if i >= 0]
    return bool(_OPTION_SENTENCE.search(body, start, min(ends) if ends else len(body)))


_RELAY_NOTICE = re.compile(
    r"\b(?:sent you a (?:new )?message|new message from|replied to your (?:message|application)"
    r"|(?:has )?(?:messaged|contacted) you (?:about|regarding))\b"
)
_RELAYED = re.compile(r"\S\s+(?:via|über|par|vía)\s+\S")
_ATS_DISPLAY = re.compile(
    r"\bvia (?:greenhouse|lever|workday|smartrecruiters|ashby|workable|codility|hackerrank|codesignal|teamtailor"
    r"|personio|recruitee|bamboohr|jobvite|icims)\b"
)
