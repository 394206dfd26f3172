"""The hiring company: from the subject, the body, the signature and the sender."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, pairwise
from typing import TYPE_CHECKING

from jobmail.classify.prompt import CLOSING_LINE
from jobmail.classify.rules.phrases import (
    _SUBJECT_SEPARATOR,
    _UPPER,
    LINK_HOST,
    Rules,
    _Anchored,
    _in_domains,
    _lowered,
    _normalise,
)
from jobmail.classify.rules.title import _NOT_DERIVED, _ROLE_NOUNS, is_team_tail
from jobmail.text.clean import signature, unescape_entities
from jobmail.text.names import (
    JOB_CARD,
    LEGAL_FORM_IN_LINE,
    LEGAL_FORM_WORDS,
    LEGAL_SUFFIX,
    REPLY_PREFIX,
    cached_when_short,
    fold,
)

if TYPE_CHECKING:
    from jobmail.message import ParsedMessage

# --- companies ----------------------------------------------------------------------


def normalise_company(name: str) -> str:
    """A company name without legal suffix or stray punctuation: "Kranich Software AG" -> "Kranich Software"."""
    name = " ".join(unicodedata.normalize("NFC", name).split()).strip(" ,;:-–|\"'")
    stripped = LEGAL_SUFFIX.sub("", name).strip(" ,.;:-–|")
    name = name.rstrip(".")
    # "Talents & Co" keeps its "& Co": the suffix pattern never eats a bare "Co".
    return stripped or name


_ROLE_WORDS = (
    # "Acme Recruiting Operations", "Acme HR Services", "Acme Global Talent Acquisition",
    # "Acme University Relations", "Acme Candidate Care", "Acme TA".
    r"(?:(?:(?:Global|Early|Corporate|Campus|University)\s+)?(?:Talent\s+Acquisition|Recruiting|Recruitment|Careers?"
    r"|Hiring|Human\s+Resources?|HR|People|Talent|Candidate|University)\s+(?:Operations|Ops|Services|Coordinators?"
    r"|Community|Site|Care|Relations|Programs?|Notifications?)"
    r"|People\s+(?:&|and)\s+Culture|Human\s+Capital|Early\s+Careers?|Global\s+Talent(?:\s+Acquisition)?|Candidate\s+Care|(?-i:TA)"
    r"|(?:Hiring|Recruiting|Recruitment|Talent(?:\s+Acquisition)?|People(?:\s+(?:&|and)\s+Culture)?|HR|Careers?|Jobs"
    r"|Karriere|Personal|Candidate|Human\s+Resources?)[- ]?(?:Team|Experience|Department|Abteilung)"
    # "The Acme Campus Team", "Acme Early Talent", "Acme Internship Program Team": the team
    # that hires students and graduates.
    r"|(?:Campus|University|Student|Graduate|New\s+Grad|Intern(?:ship)?s?(?:\s+Programs?)?|Early\s+(?:Careers?"
    r"|Talent))\s+Team|Early\s+Talent"
    r"|Talent\s+Acquisition|Human\s+Resources?|Recruiting|Hiring|Careers|Karriere|Jobs|Team|HR|RH|RRHH|Personalabteilung"
    r"|People\s+Operations|(?:Early\s+(?:Professional|Career)|Campus|University|Corporate|Global|Internal|Executive"
    r"|Technical|Tech|Graduate|Student|Intern(?:ship)?)\s+(?:Recruitment|Recruiting|Hiring|Programs?)"
    # "Acme HR Shared Services", "Acme Hiring Manager".
    r"|(?:HR\s+|People\s+)?Shared\s+Services(?:\s+Center)?|Hiring\s+Managers?"
    r"|Recruitment|\[?Do\s+Not\s+Reply\]?"
    r"|Notifications?|No[- ]?reply|Do[- ]?not[- ]?reply|Auto[- ]?reply|Automated(?:\s+(?:Messages?|E-?mails?))?|Mailer"
    r"|Applicant\s+Tracking(?:\s+System)?|(?:Job\s+)?Alerts?|Workday|Greenhouse|Lever|SmartRecruiters|Personio|Teamtailor|Recruitee|Workable"
    r"|Ashby|iCIMS|BambooHR|Jobvite|Codility|HackerRank|CodeSignal)"
)
# "Acme US Careers", "Acme North America Recruiting": a region's team.
_REGION = r"(?:North\s+America|Americas|(?-i:US|USA|UK|EMEA|APAC))"
# "Acme Summer 2027 Internship Program": the intake before a programme is no part of the name.
_SEASON = r"(?:(?:Summer|Fall|Autumn|Winter|Spring)(?:\s+20\d\d)?|20\d\d)"
_ROLE_SUFFIX = re.compile(rf"(?:\s*[-–|,·]?\s*\b(?:{_REGION}\s+|{_SEASON}\s+)?{_ROLE_WORDS})+$", re.IGNORECASE)
# "Recruitment Van Dijk Mobility B.V.", "RRHH Tecnologías Brisa", "Equipo de RRHH".
_ROLE_PREFIX = re.compile(
    r"^(?:(?:Recruitment|Recruiting|Talent Acquisition|HR|RH|RRHH|Human Resources|Careers|Jobs|Karriere"
    r"|Equipo de RRHH|Personalabteilung|Team|No[- ]?reply|Do[- ]?not[- ]?reply)"
    r"(?:\s*[-–|:·]\s*|\s+(?:at|bei|chez|de|en)\s+|\s+))+",
    re.IGNORECASE,
)
# "eBay", "mPower": a lowercase first letter is part of a name when a capital follows.
_WORD = rf"(?:[{_UPPER}0-9]|[a-z](?=[{_UPPER}]))[\w'&+]*(?:[.-][\w'&+]+)*\.?"
# "Institute for Defense Analyses", "Center for Data Ethics": "for" joins a name only
# after a word for an institution ("applying to Acme for Data Analyst" stays "Acme").
_INSTITUTION_FOR = "|".join(
    f"(?<={word} )"
    for word in (
        "Institute", "Center", "Centre", "Foundation", "Society", "Council", "Association", "Alliance", "Coalition",
        "Fund", "Office", "School", "Academy", "Museum", "Agency", "Bureau", "Commission", "Partnership", "Trust",
        "Laboratory", "Laboratories", "Network", "Organization", "Organisation",
    )
)  # fmt: skip
_CONNECTOR = rf"(?:&|and|und|et|y|of|de|du|des|la|le|del|der|van|von|da|di|(?:{_INSTITUTION_FOR})for)"
_COMPANY = rf"(?P<c>{_WORD}(?:[ ]+(?:{_CONNECTOR}[ ]+)?{_WORD}){{0,4}})"
# The shortest name that fits: "Acme" in "Acme University Recruiting", where the words
# after the name say who in the company writes.
# Words shaped like a name throughout: "Acme", "eBay", "3M", "Procter & Gamble", "Bank of America".
_NAME_SHAPED = re.compile(_COMPANY)
_FEW_COMPANY = _COMPANY.replace("{0,4}", "{0,4}?")
# "at the Acme Institute", "bei der Acme GmbH": an article before a name is no part of it; a
# capitalised French or Spanish one mid-sentence is ("at La Casita Cantina", "Le Petit Four").
_ARTICLE = r"(?:(?i:the|der|die|das|dem|den)\s+|(?:la|le|l'|el|los|las)\s+)?"


def _company_patterns() -> list[_Anchored]:
    anchored = [
        (
            # "the position you applied for with Acme".
            r"(?:applying|application|applied|apply|candidacy|candidature|candidatura|bewerbung|bewerben)"
            r"(?:\s+for)?\s+(?:to|at|with|bei|chez|en|para|a)",
            3,
        ),
        (
            # The anchor must not end in whitespace: _Anchored adds the \s+ before the name.
            r"(?:interest|interested|intérêt|interés|interesse)\s+(?:in|an|à|en|pour|por|for)"
            r"(?:\s+(?:joining|working\s+(?:at|for|with)))?",
            3,
        ),
        (
            r"(?:positions?|roles?|jobs?|openings?|opportunity|opportunities|vacancy|vacancies|employment|offer|interview"
            # "the Fall 2027 Analyst Program at Acme", "our Summer Internship with Acme".
            r"|programs?|programmes?|internships?|posts?"
            r"|onsite|on-site|career|careers|stelle|poste|puesto|vacante)\s+(?:at|with|within|bei|chez|en)",
            3,
        ),
        # "Everyone here at Acme", "all of us at Acme", "your friends at Acme".
        (r"(?:here|everyone|everybody|all of us|of us|friends|folks)\s+at", 2.5),
        # "Thank you for submitting your resume to Acme".
        (
            r"(?:submitting|submitted|sending|sent|sharing|shared)\s+your\s+(?:resume|résumé|cv|application|candidacy)\s+to",
            3,
        ),
        # "This is an automated confirmation from Acme": a system writes, never a person.
        (r"(?:confirmation|notification|automated\s+(?:message|e-?mail|reply|response|note))\s+from", 2),
        # "Thank you for considering Acme", "for thinking of Acme", "for choosing Acme": the
        # candidate considered the employer.
        (r"(?:for|in)\s+(?:considering|thinking\s+of|choosing)", 2),
        # "be part of Acme", "becoming a part of the Acme team".
        (r"(?:be|become|becoming|being)\s+(?:a\s+)?part\s+of", 2),
        # "I recruit for Acme", "we are hiring for Acme" (an agency).
        (r"(?:i|we)(?:'re|\s+are|\s+am|'m)?\s+(?:recruit|recruiting|hiring)\s+for", 2),
        (r"(?:join|joining|welcome to|working at|work at|work for|to work with|rejoindre|unirte a|trabajar en)", 2),
        (r"(?:the|our)\s+(?:team|hiring team|recruiting team)\s+(?:at|of)", 3),
        # "I'm part of the Human Resources team at Acme", "the recruiting department at Acme".
        (r"(?:team|department|office|division)\s+at", 2),
        (r"(?:chez|au sein de|auprès de|bei|equipo de personas de|equipo de|l'équipe de|team von|desde)", 2),
        (r"(?:portez à|on behalf of|im auftrag (?:von|der)|de la part de|en nombre de)", 3),
        # A job board's relay: "Your application was sent to Acme", "received by Acme",
        # "Your application for the Buyer role has been successfully submitted to Acme".
        (
            r"(?:application|resume|résumé|cv|profile)(?:\s+for\s+[^.!?\n]{1,60}?)?\s+(?:was|has\s+been|is\s+being)"
            r"\s+(?:(?:successfully|now)\s+)?(?:sent|delivered|forwarded|submitted|shared)\s+(?:to|with)",
            3,
        ),
        (r"(?:received|reviewed|viewed)\s+by", 2),
        # "you are considering Acme as your next employer".
        (r"(?:you(?:'re|\s+are)?|for|in)\s+considering", 2),
        (r"(?:interview(?:ing)?|meet(?:ing)?|speak(?:ing)?|talk(?:ing)?)\s+with\s+us\s+at", 3),
        # "a recruiter from Acme", "Talent Acquisition Partner with Acme".
        (
            r"(?:recruiter|sourcer|recruiting\s+(?:partner|coordinator|lead|manager)|talent\s+acquisition"
            r"(?:\s+(?:partner|specialist|manager|lead))?)\s+(?:from|at|with)",
            3,
        ),
        (r"(?:offer|offer\s+of\s+employment|employment\s+offer)\s+from", 3),
        # "This is Jordan Reyes from Acme", "My name is Jordan with Acme": a writer introduces
        # themselves and their employer (the first words of a recruiter's mail, rarely a
        # candidate's).
        (r"(?:this\s+is|my\s+name\s+is)\s+[a-z][\w.'-]*(?:\s+[a-z][\w.'-]*){0,2}\s+(?:from|with|at)", 3),
        # "I'm reaching out from Acme", "writing to you from Acme".
        (r"(?:reaching\s+out|writing(?:\s+to\s+you)?|contacting\s+you|emailing\s+you)\s+from", 3),
        # "I work at Acme", "I'm a recruiter with Acme", "we at Acme".
        (r"(?:i|we)(?:\s+(?:work|run|lead|head|am|are)|'m|'re)(?:\s+[\w ]{0,30}?)?\s+(?:at|for|with)", 2),
        (r"(?:we|us)\s+at", 2),
    ]
    return [_Anchored(anchor, rf"{_ARTICLE}{_COMPANY}", weight) for anchor, weight in anchored]


_COMPANY_PATTERNS = _company_patterns()
# The end of an anchor that meets someone: "interview with", "speak with".
_INTERVIEW_WITH = re.compile(r"(?i)\b(?:interview|meet|meeting|speak|chat|call)\s+with\s+$")
# The rest of a noun phrase that names a job: "[the Cloud Security] position".
_ROLE_FOLLOWS = re.compile(
    r"(?:(?!\b(?:at|with|for|in)\b)[^.!?\n]){0,40}?\b(?i:position|role|opening|vacancy|job|internship)\b"
)
# "At Acme, we read every application": a sentence that opens on the employer.
_AT_COMPANY = re.compile(rf"(?:^|[.!?]\s+)At\s+{_ARTICLE}{_COMPANY}\s*,", re.M)
# "Unfortunately, Acme has decided to…", "We regret that Acme will not be moving forward",
# "Acme is pleased to offer you…": the employer as the subject of its own decision.
_DECIDES = re.compile(
    rf"(?:^|[.!?]\s+|,\s+|(?<=\bthat )){_ARTICLE}{_COMPANY}"
    # "The Acme team would like to invite you", "the Acme hiring team has decided".
    rf"(?:\s+(?i:(?:hiring|recruiting|recruitment|talent|people|hr)\s+)?team)?"
    rf"\s+(?i:(?:has|have)\s+(?:decided|chosen|elected|moved"
    rf"|filled)|(?:will|would)\s+not\s+be\s+(?:moving|proceeding|pursuing|able)"
    rf"|is\s+(?:pleased|happy|delighted|excited|thrilled)\s+to"
    # "Acme would like to thank you", "Acme has selected you for an interview".
    rf"|would\s+like\s+to\s+(?:invite|offer|move|thank|schedule|inform|let\s+you\s+know)"
    rf"|(?:has\s+)?(?:selected|shortlisted|chosen)\s+you|(?:has|have)\s+reviewed\s+your\s+(?:application|resume|cv|profile)"
    rf"|(?:has\s+)?received\s+your\s+application|is\s+(?:currently\s+)?reviewing\s+your\s+application"
    rf"|has\s+updated\s+(?:the\s+status\s+of\s+)?your\s+application"
    # "Acme received a large number of applications": a rejection's opening.
    rf"|(?:has\s+)?received\s+(?:a\s+(?:very\s+)?(?:large|high|great|significant|record)\s+(?:number|volume)\s+of"
    rf"|many|numerous|an?\s+overwhelming\s+(?:number|response|amount)\s+of|over\s+\d[\d,]*)"
    rf"\s+(?:applications|applicants|candidates|resumes)"
    # "Acme appreciates your interest", "Acme thanks you for applying".
    rf"|(?:sincerely\s+|truly\s+)?(?:(?:appreciates|values)\s+(?:your|you)|thanks\s+you))\b",
    re.M,
)
# "The Acme Campus Team", "the Acme Early Careers recruiting team": who hires students.
_STUDENT_TEAM = (
    r"(?:(?:campus|university|student|graduate|new\s+grad|intern(?:ship)?s?|early\s+(?:careers?|talent))\s+)"
)
# "the Acme careers page", "the Acme Talent Acquisition team": a team or a site of the
# employer ("the Platform team" alone may be a department: that one needs the sender).
_THE_EMPLOYERS = re.compile(
    rf"\b(?i:the)\s+{_FEW_COMPANY}\s+(?i:(?P<own>careers?\s+(?:page|site|website|portal)|{_STUDENT_TEAM}?(?:talent\s+acquisition"
    rf"|recruiting|recruitment|hiring|people|hr)\s+team|{_STUDENT_TEAM}team)|team|family)\b"
)
# "Acme's hiring team", "Acme's careers page": the employer's own team or site.
_POSSESSIVE_OWN = re.compile(
    rf"{_FEW_COMPANY}'s\s+(?i:(?:hiring|recruiting|recruitment|talent(?:\s+acquisition)?|people|hr)\s+team"
    rf"|careers?\s+(?:page|site|website|portal)|job\s+(?:board|site|openings)|(?P<team>team))\b"
)
# "Rosie's Diner", "McGinty's Pub": words for a business after a possessive that is part of the name.
_BUSINESS_AFTER_POSSESSIVE = (
    r"Diner|Pub|Bar|Grill|Kitchen|Cafe|Café|Bakery|Deli|Pizza|Pizzeria|Restaurant|Tavern|Bistro|Market"
    r"|Hardware|Pharmacy|Salon|Garage|Auto|Shop|Store|Landscaping|Plumbing|Dental|Bagels|Coffee|Farms?|Nursery|Books"
    r"|Flowers|Furniture|Cleaners|Catering|Burgers|Tacos|BBQ|Steakhouse|Seafood|Brewery|Inn|Hotel|Daycare|Bagel"
    r"|Donuts|Creamery|Smokehouse|Cantina|Trattoria|Barbershop|Boutique|Bookstore"
    # "St Aldric's Primary School", "St Maren's Hospital": a saint's name before an institution.
    r"|School|Primary|Academy|College|Hospital|Hospice|Church|Parish|Clinic|Surgery"
)
# "your application for Acme's Data Analyst opening": the employer owns the role (a role
# noun must follow, see _ROLE_FOLLOWS).
_POSSESSIVE_ROLE = re.compile(rf"(?<![\w']){_FEW_COMPANY}'s\s+(?!(?:{_BUSINESS_AFTER_POSSESSIVE})\b)")
# "your application to the Acme 2027 Summer Internship Program": the employer before an
# intake (a year or a season separates the name from the programme's words).
_BEFORE_INTAKE = re.compile(
    rf"\b(?i:the)\s+{_FEW_COMPANY}\s+(?i:(?:20\d\d\s+)?(?:summer|fall|autumn|winter|spring)\b|20\d\d\s+(?:summer|fall"
    rf"|autumn|winter|spring|intern|internship|co-?op|graduate|analyst|associate|new\s+grad)\b)"
)
_FIELD_WORDS = frozenset(
    {
        "software", "accounting", "audit", "tax", "consulting", "legal", "technology", "it", "banking", "trading",
        "investment", "business", "economics", "communications", "policy", "strategy", "supply", "risk",
        "compliance", "cybersecurity", "security", "quant", "quantitative", "actuarial", "hr", "technical", "tech",
        "engineering", "marketing", "sales", "finance", "operations", "research", "data", "product", "design",
        "analytics", "summer", "undergraduate", "graduate", "mba", "phd", "global", "corporate",
    }
)  # fmt: skip
# "Jordan Reyes from Acme sent you a message": a job board relays a recruiter's message.
_PERSON_FROM = re.compile(
    rf"(?:^|\n)[{_UPPER}][\w.'-]*(?:[ ]+[{_UPPER}][\w.'-]*){{0,2}}[ ]+(?:from|at)[ ]+{_ARTICLE}{_COMPANY}[ ]+"
    r"(?i:(?:has\s+)?sent\s+you|messaged\s+you|(?:has\s+)?invited\s+you|is\s+inviting\s+you|wants\s+to|would\s+like\s+to"
    # "Priya Nand from the Acme Institute has referred you": a referral names the employer.
    r"|(?:has\s+)?referred\s+you)\b"
)
# "This is Jordan Reyes from Acme", "My name is Jordan and I'm with Acme": a recruiter
# introduces themself and the employer they write for.
_INTRODUCES = re.compile(
    rf"(?i:\b(?:this\s+is|my\s+name\s+is|i\s+am|i'm))[ ]+[{_UPPER}][\w.'-]*(?:[ ]+[{_UPPER}][\w.'-]*){{0,2}}"
    rf"(?:[ ]+(?i:and\s+(?:i\s+am|i'm)))?[ ]+(?i:from|with|at)[ ]+{_ARTICLE}{_COMPANY}"
)
# "your application ..., with the Department of Widgets, has been reviewed": a public
# employer is named with its article, after whatever the sentence says about the job.
_PUBLIC_EMPLOYER = re.compile(
    rf"(?i:\b(?:with|at|by|for|from))\s+the\s+(?P<c>(?:U\.S\.\s+)?(?:Department|Office|Bureau|Agency|Administration"
    rf"|Commission|Service|Institutes?)\s+(?:of|for)\s+(?:the\s+)?{_WORD}(?:\s+(?:(?:and|&|of|for)\s+)?{_WORD}){{0,3}})"
)
# "the position of Data Analyst at Acme": a role noun, then the employer.
# The preposition is found first (a literal scan); the role noun is then checked just
# before it, since searching the long list of role nouns everywhere costs milliseconds.
_AT_WORD = re.compile(r"\s(?:at|with|bei|chez)\s+")
# (Any role noun: "the Line Cook and Dishwasher opening at Acme Bistro".)
# (Any word made from a role noun: "Engineering at Acme", "Internships at Acme".)
_ROLE_BEFORE = re.compile(
    rf"(?i:{_ROLE_NOUNS.pattern.removeprefix('(?i)').removesuffix(_NOT_DERIVED)}\w*(?:\s+(?:I{{1,3}}|\d))?)$"
)
_AFTER_AT = re.compile(rf"{_ARTICLE}{_COMPANY}")


# "Data Analyst (R-2041) at Acme", "Data Intern (Summer 2027) at Acme": the role's id,
# intake or place between the role and the employer.
_ASIDE_BEFORE_AT = re.compile(r"\s*\([^()\n]{1,30}\)$")
# "a Data Engineer with Python and Spark experience": skills, not the employer.
_SKILL_AFTER = re.compile(r"\s+(?i:experience|skills?|knowledge|background|expertise|proficiency|exposure)\b")


# "at the Riverside branch of Acme": a branch's place, then the employer.
_BRANCH_OF = re.compile(
    rf"\s+(?i:branch|store|shop|location|office|site|outlet|clinic|restaurant|campus)\s+(?i:of)\s+{_ARTICLE}{_COMPANY}"
)


def _role_at(text: str) -> Iterator[str]:
    for at in _AT_WORD.finditer(text):
        end = at.start()
        if aside := _ASIDE_BEFORE_AT.search(text, max(0, end - 32), end):
            end = aside.start()
        if (
            _ROLE_BEFORE.search(text, max(0, end - 40), end)
            and (found := _AFTER_AT.match(text, at.end()))
            and not _SKILL_AFTER.match(text, found.end())
        ):
            branch = _BRANCH_OF.match(text, found.end())
            yield (branch or found).group("c")


# "Your Acme application" in a subject.
_YOUR_APPLICATION = re.compile(rf"^(?i:your)\s+{_COMPANY}\s+(?i:(?:job\s+)?application|candidacy)\b")
# What kind of interview or assessment: "your Acme online assessment", "Acme Video Interview".
_STEP_KIND = r"(?:(?:online|video|phone|technical|coding|virtual|final|onsite|on-site|hiring)\s+)"
# Which intake a subject is about: "Acme Summer 2027 Internship", "Acme 2027 Intern Application".
_INTAKE = r"(?:(?:(?:summer|fall|autumn|winter|spring)\s+)?(?:20\d\d\s+)?(?:interns?(?:hip)?\s+|co-?op\s+)?)"
# "Update on your Acme application", "Following up on your Acme application", "Complete
# your Acme coding challenge", "Your Acme Summer Internship Application".
_YOUR_APPLICATION_INSIDE = re.compile(
    rf"(?<!\w)(?i:your)\s+{_FEW_COMPANY}\s+(?i:{_INTAKE}{_STEP_KIND}?(?:(?:job\s+)?application|candidacy|assessment"
    rf"|interview|(?:coding\s+)?challenge|(?:job\s+)?offer|internship))\b"
)
# "Acme Interview Request", "Acme Careers: update", "Acme Internship Application": a
# subject that opens on the employer and goes on with a step of the process.
_SUBJECT_LEAD = re.compile(
    rf"^{_FEW_COMPANY}\s+(?i:(?:university|campus|early\s+careers?)\s+)?(?i:{_INTAKE})(?i:{_STEP_KIND})?"
    rf"(?i:(?:job\s+|internship\s+)?applications?|candidacy|candidate|interviews?|internships?|careers?|recruiting"
    rf"|recruitment|hiring|talent|updates?|follow-?up|status|assessments?|(?:job\s+)?offers?|(?<=\s)intern(?:ship)?s?)\b"
)
# A field of work that heads a role ("Data Science Intern", "Acme Machine Learning Internship"):
# the intake's field, never the employer's name or its end.
_FIELD_OF_WORK = re.compile(
    r"(?i)\s*\b(?:(?:data|computer|information|applied|decision)\s+science|machine\s+learning|(?:software|data|hardware"
    r"|systems?|security|network|cloud|site\s+reliability|mechanical|electrical|civil|chemical)\s+engineering"
    r"|software\s+development|data\s+(?:analytics|analysis)|business\s+(?:analytics|analysis|development)"
    r"|product\s+(?:management|design)|(?:ux|ui|ui/ux|graphic|visual)\s+design|cyber\s*security"
    r"|information\s+security|quantitative\s+(?:research|analysis|finance|trading)|investment\s+banking"
    r"|artificial\s+intelligence)$"
)
# "[Acme] Application received": an employer's tag at the start of a subject.
_SUBJECT_TAG = re.compile(r"^\[([^\]\n]{2,60})\]\s*")
# What mail systems put in front of a subject: "[External]", "[SPAM]", "[Caution]".
_MAIL_SYSTEM_TAG = re.compile(
    r"^\s*\[(?i:external|ext|spam|suspected\s+spam|caution|warning|bulk|secure|encrypt\w*|confidential|sensitive)\]\s*"
)
# "Data Analyst, Acme Labs": a role, a comma and a name.
_AFTER_ROLE = re.compile(rf"(?P<r>[^,]{{3,80}}),\s+{_COMPANY}")
# "Update from Acme", "A message from Acme Recruiting".
_SUBJECT_FROM = re.compile(rf"(?i:(?<!\w)from)\s+{_ARTICLE}{_COMPANY}\s*[!?.]*$")
# The words of a subject segment that names a step of the process, not the employer.
_SUBJECT_STEP = re.compile(
    r"(?i)\b(?:applications?|applying|applied|apply|received|receipt|confirm\w*|acknowledg\w*|interviews?|invit\w*"
    r"|updates?|thank|thanks|your|you|next|steps?|status|reminder|action|required|important|offers?|assessments?"
    r"|regarding|message|candida\w*|opportunit\w*|jobs?|positions?|roles?|careers?|submitted|submission|decision"
    r"|schedul\w*|availability|invitation|request|follow|new|notification|alert|your|our|re|fwd?|urgent)\b"
)
# "Acme invites you to…", "Good news: Acme viewed your application".
_INVITES = re.compile(
    rf"^(?:[\w ,:!]{{0,30}}:\s+)?{_COMPANY}\s+(?i:invites you|has invited you|is inviting you|would like to invite"
    rf"|(?:has )?viewed your application|(?:has )?reviewed your application)",
    re.M,
)
# "... has invited you to this event", "... to join this Webex meeting", "... to a scheduled
# Zoom meeting": a calendar's organiser or a video call's host.
_TO_A_MEETING = re.compile(
    r"\s+(?i:to\s+(?:join\s+)?(?:this|the\s+following|a|an|the)\s+(?:scheduled\s+)?(?:(?:webex|zoom|teams|video)\s+)?"
    r"(?:meeting|event))\b"
)
# "The Acme Team", "Acme Recruiting", "Ihr Recruiting-Team der Acme GmbH", "L'équipe Acme".
_SIGN_OFF = [
    re.compile(
        rf"^(?i:the\s+){_FEW_COMPANY}\s+(?i:{_STUDENT_TEAM}?(?:hiring |recruiting |talent |people |hr )?team)\s*$", re.M
    ),
    # "Team Acme".
    re.compile(rf"^(?i:team)\s+{_COMPANY}\s*$", re.M),
    # "Acme Recruiting", "Acme | Talent", "Acme US Recruiting Team." (a region before the team).
    re.compile(
        rf"^{_FEW_COMPANY}(?:[ \t]+(?:US|USA|U\.S\.|UK|EMEA|APAC|Global|North\s+America|Corporate))?"
        rf"(?:(?:[ \t]+|[ \t]*[-–|,·][ \t]*){_ROLE_WORDS}|[ \t]*[-–|·][ \t]*(?:Talent|People))"
        rf"(?:[ \t]+Team)?[ \t]*\.?[ \t]*$",
        re.M | re.IGNORECASE,
    ),
    re.compile(rf"(?i:(?:ihr|dein|euer|das)\s+(?:[\w-]+-)?team\s+(?:der|von|bei)\s+){_COMPANY}", re.M),
    # ("L'équipe Talent de Acme": the team's kind, then the employer.)
    re.compile(
        rf"^(?i:(?:l'équipe(?:\s+(?:recrutement|talents?|rh))?(?:\s+(?:de|chez))?|el\s+equipo(?:\s+de)?)\s+){_COMPANY}\s*$",
        re.M,
    ),
    re.compile(rf"^(?i:(?:ihr|dein|das)\s+){_COMPANY}[- ](?i:team)\s*$", re.M),
]
# "Technical Recruiter, Acme", "Responsable RH – Acme", "Consultant Senior – Acme, Lyon".
_SIGNATURE_ROLE = re.compile(
    rf"^(?:[^\n,–|@]{{2,40}}\|\s*)?[^\n,–|]{{0,50}}?(?i:recruit\w*|talent\w*|careers\b|\bhr\b|\brh\b|people\b|personal\w*|coordinator|partner|manager|lead\b"
    rf"|head of [\w ]+|consultant\w*|consultor\w*|director|cto|ceo|coo|founder|engineer\w*"
    # A small employer's owner or office signs for it: "Owner, Acme Welding", "Practice
    # Administrator | Acme Dental".
    rf"|owner|proprietor|president|supervisor|administrator|officer|generalist|specialist|advis[eo]r|chargée? de [\w ]+"
    rf"|responsable[\w ]*"
    rf"|reclut\w*|recrut\w*|team|équipe|equipo)[^\n,–|]{{0,30}}?\s*(?:,|–|—|\s-|\||@|\bat\b|\bbei\b|\bchez\b)\s*"
    rf"{_COMPANY}\s*(?:[,|·]\s*[^\n]{{0,40}})?$",
    re.M,
)
# A mailing service's or a platform's line at the foot of a message.
_MAILER_LINE = re.compile(
    r"(?im)^[ \t]*(?:(?:this\s+(?:e-?mail|message)\s+(?:was|is)\s+)?(?:sent|powered|delivered|distributed|hosted)"
    r"\s+(?:by|via|through|using|with)|via)\b[^\n]*$"
)
# A line that starts with a company name: kept only when it ends in a legal suffix.
_COMPANY_LINE = re.compile(rf"^{_COMPANY}(?=\s*(?:,|\||–|-|·|$))", re.M)
_SUBJECT_AT = re.compile(rf"(?i:(?<!\w)(?:at|with|bei|chez|@|for|to|en))\s+{_ARTICLE}{_COMPANY}\s*[!?.]*$")
_VIA = re.compile(r"\s+(?:via|from|through|@|at|\||-|–)\s+|\s*\((?:via\s+)?[^)]*\)\s*$", re.IGNORECASE)
#: Captures that are phrases, not companies.
_NOT_COMPANIES = frozenset(
    (
        # German capitalises every noun: "Bei Fragen", "für Rückfragen", "mit Interesse".
        "fragen",
        "rückfragen",
        "interesse",
        "bewerbung",
        "unterlagen",
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
        "they",
        "he",
        "she",
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
        # Months: "September application update".
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "sept",
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
        "i",
        # Kinds of interview: "your Phone interview", "Video Interview".
        "phone",
        "video",
        "online",
        "technical",
        "coding",
        "virtual",
        "onsite",
        # How a job is offered, in agency subjects: "Contract to Hire", "Immediate Interview".
        "hire",
        "immediate",
        "urgent",
        "contract",
        "w2",
        "c2c",
        "c2h",
        "full",
        "part",
        "time",
        "fulltime",
        "temp",
        "permanent",
        "direct",
        "client",
        "office",
        "department",
        "division",
        "sincerely",
        "respectfully",
        "cordially",
        "cheers",
        "warmly",
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
        "recent",
        "online",
        "job",
        "pending",
        "submitted",
        "sr",
        "jr",
        "mr",
        "ms",
        "mrs",
        "dr",
    )
)
#: Words that make no employer's name on their own, though a candidate may bear them ("Summer"):
#: a field of work or an intake ("your interest in Engineering at Acme", "Product Design
#: opportunities", "applying to Internships at Acme") and a team without its employer
#: ("University Recruiting", "Campus Team").
_NOT_EMPLOYERS = _NOT_COMPANIES | frozenset(
    {
        "engineering", "product", "design", "marketing", "sales", "finance", "operations", "research", "data",
        "science", "analytics", "internships", "internship", "summer", "fall", "autumn", "winter", "spring",
        "university", "campus", "graduate", "student", "early",
    }
) | frozenset(
    # The words of a meeting's or a step's name, of a calendar's reply and of a subject's
    # small talk: "Accepted", "Updated", "Phone Screen", "Final Round", "Upcoming",
    # "Reminder", "Next Steps", "Follow Up", "Quick Question", "Webex meeting", "Wed",
    # "Einladung". A subject that opens on them names the event, never the employer.
    {
        "accepted", "declined", "tentative", "tentatively", "updated", "canceled", "cancelled", "cancellation",
        "rescheduled", "reschedule", "scheduled", "schedule", "scheduling", "confirmed", "confirmation", "booking",
        "booked", "invitation", "invite", "invited", "new", "event", "meeting", "meetings", "call", "chat", "sync",
        "intro", "introductory", "introduction", "screen", "screening", "round", "panel", "superday", "itinerary",
        "agenda", "details", "reminder", "upcoming", "steps", "step", "follow", "up", "quick", "question",
        "questions", "remote", "hybrid", "availability", "webex", "meet", "mon", "tue", "tues", "wed", "thu",
        "thur", "thurs", "fri", "sat", "sun", "einladung", "aktualisierte", "termin", "vorstellungsgespräch",
        "gespräch", "invitación", "entrevista", "entretien", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "oct", "nov", "dec",
    }
)  # fmt: skip


def _generic_word(word: str) -> bool:
    """Whether a word of a name is one no employer's name is made of alone: "Tomorrow's",
    "Oct", "14," ("Wed Oct 14", "Round 2": a date's or a round's number with them)."""
    word = word.lower().strip(".,;:!?()").removesuffix("'s")
    return word in _NOT_EMPLOYERS or word.isdigit()


@lru_cache(maxsize=4096)
def _company_key(name: str) -> str:
    key = unicodedata.normalize("NFKD", normalise_company(name).lower())
    return "".join(ch for ch in key if ch.isalnum())


_NOT_A_NAME = re.compile(
    r"^\d+\s+(?:[NSEW]\.?\s+)?[\w.]+(?:\s+[\w.]+){0,3}?\s+(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Way|Dr|Drive"
    r"|Lane|Ln|Pkwy|Parkway|Court|Ct|Place|Pl|Suite|Straße|Strasse|Str)\b\.?"
    r"|^\["
    r"|\b(?:engineer|developer|programmer|analyst|scientist|researcher|designer|architect|intern|internship"
    r"|specialist|consultant|administrator|technician)s?\b"
    r"|^(?:hybrid|remote|on-?site)\b"
    # "Interesse an der Position Data Engineer": the job, named before its title.
    r"|^(?:position|stelle|poste|puesto)\s"
    # A time or a date: "10:30 AM", "September 8", "Noon".
    r"|^\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?:\s|$)|^(?:noon|midnight)$"
    r"|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)


#: Words that end an employer's name when they follow it: a step of the process
#: ("Acme Application Status", "Acme Hiring Assessment") or a greeting run into the
#: name ("Acme Hi Dana"). The first word of a name is never cut.
_NAME_STOP = re.compile(
    r"(?i)\s+(?:(?:(?:hiring|online|video|phone|technical|coding|virtual|final|onsite|on-site)\s+)?(?:applications?|assessments?|status|updates?|interviews?|offers?|decision|submission"
    r"|confirmation|reminder|invitation|received|follow-?up|faq|portal|take-?home|case\s+study)|hi|hello|hey|dear|thanks|thank)\b.*$"
)
_ROLE_NAME = re.compile(r"(?i)\b(?:head|vp|vice president|director|manager) of\b")


# "Dallas TX", "Fort Belvoir VA": a place in an agency's subject, not a name.
_US_STATE = (
    r"(?:AL|AK|AZ|AR|CA|CT|DE|FL|GA|HI|ID|IL|IA|KS|KY|MD|MA|MI|MN|MS|MO|MT|NE|NH|NJ|NM|NY"
    r"|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)"
)
_US_PLACE = re.compile(rf"(?:[A-Z][a-z]+\.?\s+){{1,3}}{_US_STATE}")
# "We've", "I'm", "You're": a pronoun and its verb, never a name.
_CONTRACTION = re.compile(r"(?i)(?:we|i|you|they|it|let|that|there|here|what|who)'(?:ve|re|ll|d|m|s)")
# ("St. Aurelia Medical Center", "Mt. Hope Clinic": a saint's or a mountain's dot is part of the name.)
_SENTENCE_END = re.compile(
    r"[!?](?:\s|$)|(?<![\s.][A-Z])(?<!^[A-Z])(?<!\b(?:St|Mt|Ft))\.(?:\s|$)|,\s|;\s|:\s|\s[-–—|]\s|\s\("
)


_NAME_ARTICLES = frozenset({"La", "Le", "Les", "El", "Los", "Las", "L'"})
# "Healthway Pharmacy Store #3381", "Harbor Coffee - Store 214", "Acme Market Location #12":
# the branch, not the employer.
_BRANCH_NUMBER = re.compile(
    r"(?i)[ \t]*(?:[-–,][ \t]*)?(?:(?:store|location|branch|shop|unit|restaurant|clinic|site)[ \t]*"
    r"(?:#|no\.?|number)?[ \t]*\d{1,6}|#[ \t]*\d{1,6})$"
)


_POSSESSIVE_END = re.compile(
    # "Baxter's LP", "Quayle's, Inc.": a legal form after the possessive makes it part of the name.
    # ("on behalf of Baxwell's Hi Dana": a greeting run into the name is no possessed thing.)
    rf"'s(?!{LEGAL_SUFFIX.pattern}|{LEGAL_FORM_IN_LINE.pattern})\s(?!(?:{_BUSINESS_AFTER_POSSESSIVE}|(?i:hi|hello|hey|dear))\b).*$"
    # "Acme Labs's": a possessive written on a plural.
    r"|(?<=s)'s$"
)


_REGION_ALONE = re.compile(rf"(?i:{_REGION}|LATAM|APJ|DACH|Nordics|Benelux)")


_JOINS = frozenset({"and", "und", "et", "y", "&"})
# ("Ihr Vertragsangebot", "Votre Candidature": a Title Case subject's possessive in German, French, Spanish.)
_CAPITALISED_POSSESSIVES = frozenset(
    {
        "Our",
        "My",
        "Their",
        "Your",
        "Ihr",
        "Ihre",
        "Unser",
        "Unsere",
        "Dein",
        "Deine",
        "Votre",
        "Notre",
        "Vos",
        "Nos",
        "Tu",
        "Su",
        "Sus",
        "Nuestra",
        "Nuestro",
    }
)
_POSSESSIVE_PRONOUNS = frozenset(
    {
        "your",
        "our",
        "my",
        "their",
        "ihre",
        "ihr",
        "ihren",
        "unsere",
        "unser",
        "votre",
        "notre",
        "vos",
        "nos",
        "su",
        "sus",
    }
)


def tidy_company(raw: str) -> str:
    """A company name as the rules would keep it ("" when it is no employer's name)."""
    return _tidy_company(raw)


@cached_when_short(4096)
def _tidy_company(raw: str) -> str:
    name = _BRANCH_NUMBER.sub("", raw.strip())
    # "Acme's Data Analyst position": the possessive ends the employer's name, unless a
    # word for a business follows ("Rosie's Diner", "McGinty's Pub & Grill").
    name = _POSSESSIVE_END.sub("", name)
    # Sentence punctuation ends a name; "Acme Corp. We" is "Acme Corp", "P&G. We" is "P&G",
    # but an initial's dot is part of the name ("J.P. Morgan", "D. E. Shaw").
    name = _SENTENCE_END.split(name + " ", maxsplit=1)[0]
    name = _NAME_STOP.sub("", name.strip())
    name = _ROLE_PREFIX.sub("", _ROLE_SUFFIX.sub("", name.strip()))
    name = name.strip(" ,;:-–|'\"")
    words = name.split()
    # "Acme GmbH und Ihre Bewerbung", "Acme and your application": a possessive after a
    # connector starts the next noun phrase.
    for index in range(1, len(words) - 1):
        if words[index].lower() in _JOINS and words[index + 1].lower() in _POSSESSIVE_PRONOUNS:
            words = words[:index]
            break
    while words and words[-1].lower() in {"and", "und", "et", "y", "of", "de", "&", "the", "for", "für"}:
        words.pop()
    if len(words) > 1 and any(w in _CAPITALISED_POSSESSIVES for w in words[words[0] == "Your" :]):
        # "Grow With Our Talent Team", "Steps for Resuming Your Saved Form Soon": a
        # capitalised possessive is a slogan's or a Title Case subject's, not a name's
        # ("Your Acme Careers Team" signs with the employer after it).
        return ""
    while (
        words
        and (
            words[0].lower() in {"the", "der", "die", "das", "your", "our", "ihre"}
            or words[0] in {"la", "le", "el", "l'"}
            # "La Casita Cantina" keeps its article; "La" alone, or before no name, names nothing.
            or (words[0] in _NAME_ARTICLES and (len(words) == 1 or not words[1][:1].isupper()))
        )
    ):
        words.pop(0)
    name = " ".join(words)
    if not name or len(name) > 60 or not any(ch.isalpha() for ch in name) or sum(ch.isalnum() for ch in name) < 2:
        # ("Â" on a line of its own: a space garbled by a wrong charset, not a one-letter name.)
        return ""
    if _NOT_A_NAME.search(name) or _US_PLACE.fullmatch(name) or (name == name.lower() and re.search(r"[.\d_-]", name)):
        # A street address, a job title, a shortened link, or an address-like handle
        # ("cmu-workday andrew.cmu") never names the employer.
        return ""
    if all(_generic_word(w) for w in words) or _CONTRACTION.fullmatch(name) or _REGION_ALONE.fullmatch(name):
        # ("Recruiting Coordinator, EMEA": a region after a role is no employer.)
        return ""
    last = next((w for w in reversed(words) if not re.fullmatch(r"(?i)[IVX]{1,4}|\d", w)), words[-1])
    if _ROLE_NAME.search(name) or _ROLE_NOUNS.fullmatch(last.lower().strip(".,")):
        # "Senior Corporate Recruiter", "Field CTO", "Head of Threat Intelligence": a
        # person's role or the job, never the employer.
        return ""
    return name


_GENERIC_LOCAL = re.compile(
    r"^(?:no-?reply|donotreply|do-not-reply|notifications?|jobs?|careers?|karriere|recruiting|recruitment|talent|hr"
    r"|rh|rrhh|info|mail|hello|team|support|candidates?|apply|applications?|hiring|scheduling|system|automated"
    r"|messages?|inmail\w*|people|personal|bewerbung(?:en)?|empleo|emploi|recrutement)$"
)
# Hosts of an ATS that serve every tenant ("tracking.icims.com" in a link).
_TENANTLESS = frozenset(
    {"jobs", "us", "eu", "mail", "candidates", "hire", "app", "www", "talent", "careers", "apply", "tracking", "login"}
)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "gob", "edu"})


def _registrable_label(domain: str) -> str:
    labels = [label for label in domain.lower().split(".") if label]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else (labels[0] if labels else "")


def _address_of(value: str) -> str:
    match = re.search(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", value)
    return match.group(0).lower() if match else ""


@dataclass(frozen=True)
class _Sender:
    """What the sender's addresses say about the employer."""

    hints: tuple[str, ...]  # squashed names: "acme" from jobs@acme-corp.com or acme@myworkday.com
    domain_name: str  # "Acme Corp" from acme-corp.com, for when nothing else names the company
    personal_locals: tuple[str, ...]  # "jana.koehler": the local parts of people's addresses


#: A meeting tool's own mailbox, which sends an invitation for its organiser
#: (calendar-notification@google.com, messenger@webex.com): neither the tool's domain nor
#: the display name ("Google Calendar", the organiser's own name) is the employer. (Not a
#: platform's no-reply address: Google and Microsoft send their own hiring mail from it.)
_TOOL_MAILBOX = re.compile(r"^(?:calendar[\w-]*|messenger|invit\w*|meetings?|events?|scheduler|scheduling)$")
# The organiser's address in an invitation: "Organizer\npriya@acme.com",
# "Organizer: Priya Raman <priya@acme.com>", "priya@acme.com - organizer".
_ORGANIZER = re.compile(
    r"(?im)^[ \t]*(?:organi[sz]er|organisator|organisateur|organizador)[ \t]*:?[ \t]*\n?[ \t]*"
    r"(?:[^\n@<]{0,60}<)?(?P<a>[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|^[ \t]*(?P<b>[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)[ \t]+-[ \t]+(?:organi[sz]er|organisator|organisateur)\b"
)


# A video call hosted on an organisation's own account: "acme.zoom.us", "acme.my.webex.com".
_MEETING_HOST = re.compile(r"(?i)\b([a-z0-9][a-z0-9-]{1,40})\.(?:my\.)?(?:zoom\.us|webex\.com)\b")
_GENERIC_MEETING_HOST = re.compile(r"^(?:us\d+web|www|app|web|support|success|events?|meet|signin|my|go|api)$")


def _tool_mailbox(address: str) -> bool:
    local, _, domain = address.lower().partition("@")
    label = re.sub(r"[^a-z0-9]", "", _registrable_label(domain)) if domain else ""
    return label in _WEB_SERVICES and bool(_TOOL_MAILBOX.match(local))


def _organizer(message: ParsedMessage) -> str:
    """The address of the organiser an invitation names, unless it is the user's own."""
    match = _ORGANIZER.search(message.body_text[:8_000])
    address = (match.group("a") or match.group("b")).lower() if match else ""
    return "" if not address or address in message.to.lower() else address


def _sender(message: ParsedMessage, rules: Rules) -> _Sender:
    hints: list[str] = []
    domain_name = ""
    personal: list[str] = []
    sender_email = message.sender_email
    if _tool_mailbox(sender_email):
        # A calendar's notification speaks for the organiser the invitation names, or a
        # video call's for the organisation whose account hosts it ("acme.webex.com").
        sender_email = _organizer(message)
        if not sender_email and (host := _MEETING_HOST.search(message.body_text[:8_000])):
            tenant = host.group(1).lower()
            if not _GENERIC_MEETING_HOST.match(tenant):
                hints.append(re.sub(r"[^a-z0-9]", "", tenant))
                domain_name = _tenant_name(tenant)
    addresses = [sender_email, _address_of(message.headers.get("reply-to", ""))]
    if not message.sender_email:
        # A body kept without its headers: the addresses it writes (a signature's
        # "Email: jordan@acme.com", a quoted reply's "From:" line) say whose mail it is.
        addresses += _body_addresses(message.body_text, message.to)
    for address in addresses:
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
        if (
            domain in rules.freemail_domains
            or _in_domains(domain, rules.relay_domains)
            or _in_domains(domain, rules.job_board_domains)
        ):
            continue  # a job board's or a relay's domain names no employer
        label = _registrable_label(domain)
        if len(label) >= 3:
            hints.append(re.sub(r"[^a-z0-9]", "", label))
            domain_name = domain_name or _tenant_name(label)
        if not _GENERIC_LOCAL.match(local) and squashed_local not in hints:
            personal.append(local)
    return _Sender(tuple(dict.fromkeys(hints)), domain_name, tuple(personal))


# An address written in a body; bounded so that a long run of word characters costs
# little. "This message was sent to dana@uni.example" is the recipient's (a quoted reply's
# "To:" line is not: the candidate wrote to the recruiter).
# ("cid:image001.png@01DB4C52.784B9590" names an inline image, not a mailbox: a domain ends in letters.)
_BODY_ADDRESS = re.compile(r"[\w.+'-]{1,64}@(?:[\w-]{1,63}\.){1,4}[A-Za-z]{2,24}\b")
_TO_RECIPIENT = re.compile(r"(?i)\b(?:sent|addressed|delivered|forwarded)[ \t]+to\b[^\n]*$")


def _body_addresses(body: str, to: str) -> list[str]:
    """The first few addresses a body writes that are not the recipient's."""
    found: list[str] = []
    for match in _BODY_ADDRESS.finditer(body, 0, 20_000):
        address = match.group(0).lower().strip(".'")
        line_start = max(body.rfind("\n", 0, match.start()) + 1, match.start() - 200)
        if address in to.lower() or _TO_RECIPIENT.search(body, line_start, match.start()):
            continue
        if address not in found:
            found.append(address)
        if len(found) == 3:
            break
    return found


#: Sites that emails link to whatever the employer: never the employer's own.
_WEB_SERVICES = frozenset(
    {
        "twitter", "facebook", "instagram", "youtube", "youtu", "linkedin", "google", "goo", "bit", "tinyurl",
        "microsoft", "office", "office365", "outlook", "live", "zoom", "webex", "apple", "surveymonkey", "qualtrics",
        "glassdoor", "indeed", "medium", "tiktok", "pinterest", "vimeo", "calendly", "docusign", "adobe", "mailchimp",
        "list-manage", "sendgrid", "mandrillapp", "mimecast", "proofpoint", "urldefense", "safelinks", "gstatic",
        "wikipedia", "github", "gmail", "yahoo", "w3", "schema", "eeoc", "dol", "usajobs", "opm",
    }
)  # fmt: skip


def _link_site(body: str, rules: Rules) -> str:
    """The first linked site that may be the employer's own ("[acme.com]", or an ATS
    tenant "[acme.icims.com]"), as a name: the last resort of mail whose sender and
    text name no employer."""
    return next((_tenant_name(label) for label in _link_labels(body, rules)), "")


def _link_labels(body: str, rules: Rules) -> Iterator[str]:
    """The registrable labels of linked sites that may be the employer's own, in order."""
    for host in dict.fromkeys(LINK_HOST.findall(body.lower()[:20_000])):
        if _in_domains(host, rules.ats_domains):
            labels = host.split(".")
            label = labels[0] if len(labels) > 2 and labels[0] not in _TENANTLESS else ""
        elif (
            host in rules.freemail_domains
            or _in_domains(host, rules.relay_domains)
            or _in_domains(host, rules.job_board_domains)
        ):
            continue
        else:
            label = _registrable_label(host)
        if len(label) >= 3 and re.sub(r"[^a-z0-9]", "", label) not in _WEB_SERVICES and not _GENERIC_LOCAL.match(label):
            yield label


#: An ATS's mailboxes that serve every employer on it: "scheduler@", "autoreply@",
#: "user-5f2c9e…@" (never an employer's tenant).
_SHARED_MAILBOX = re.compile(
    r"^(?:scheduler|scheduling|auto-?reply|reply|replies|mailer|bounces?|postmaster|calendar|invites?|interviews?"
    r"|offers?|onboarding|assessments?|surveys?|feedback|alerts?|updates?|donotreply|do_not_reply|noreply[\w-]*"
    r"|no-reply[\w-]*|(?:user|candidate|msg)?[-_]?[0-9a-f]{8,})$"
)


def sender_identity(address: str, rules: Rules) -> str:
    """Who sent an email, as far as it identifies the employer: the registrable
    domain of the employer's own mail ("acme.com"), or an ATS tenant
    ("myworkday.com/acme" from acme@myworkday.com, "comeet-notifications.com/acme"
    from a subdomain); "" for free-mail, relays and an ATS's shared addresses."""
    local, _, domain = address.lower().partition("@")
    if not domain:
        return ""
    if _in_domains(domain, rules.job_board_domains) or _tool_mailbox(address):
        # "glassdoor-apply@indeed.com" sends for every employer on the board, and a
        # calendar's notification address for every organiser.
        return ""
    if _in_domains(domain, rules.ats_domains):
        labels = domain.split(".")
        base = ".".join(labels[-2:])
        tenant = labels[0] if len(labels) > 2 and labels[0] not in _TENANTLESS else ""
        if not tenant:
            local = local.split("+", 1)[0]
            shared = _GENERIC_LOCAL.match(local) or _SHARED_MAILBOX.match(local)
            tenant = local if len(local) >= 3 and not shared else ""
        return f"{base}/{tenant}" if tenant else ""
    if domain in rules.freemail_domains or _in_domains(domain, rules.relay_domains):
        return ""
    labels = [label for label in domain.split(".") if label]
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


_MINOR_WORDS = frozenset({"of", "and", "&", "the", "for", "at", "de", "du", "der", "und", "et", "y"})
_DOTTED_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")


def _initials(name: str) -> str:
    """ "U.S. Patent and Trademark Office" -> "uspto", "Booz Allen Hamilton" -> "bah":
    how an employer's domain often spells it. "" for a name of fewer than two words."""
    letters = []
    words = [w for w in normalise_company(name).split() if w.lower() not in _MINOR_WORDS]
    if len(words) < 2:
        return ""
    for word in words:
        if _DOTTED_INITIALS.fullmatch(word):
            letters.append(word.replace(".", ""))
        elif word[0].isalnum():
            letters.append(word[0])
    return "".join(letters).lower()


@lru_cache(maxsize=4096)
def _matches_hint(name: str, hints: tuple[str, ...]) -> bool:
    # Domains spell "&" as nothing, "and" or "et": alderandrowe, talentsetco.
    keys = {_company_key(name.replace("&", joiner)) for joiner in (" ", "and", "et", "und", "y", "n")}
    # ... and drop the small words: "Lyonnaise de Données" at lyonnaise-donnees.
    keys.add(_company_key(" ".join(w for w in name.split() if w.lower() not in _MINOR_WORDS)))
    return any(
        len(key) >= 3 and (key == h or (len(h) >= 4 and (key.startswith(h) or h.startswith(key))))
        for key in keys
        for h in hints
    )


# What only an organisation's name has: "Brightwater & Finch", "Route 9", "Mossgrove.io",
# "KVX", "Tessellate AI" (people's names have no "&", digit, domain or acronym).
_ORGANISATION_SHAPE = re.compile(rf"&|\d|\w\.(?:io|ai|com|co|net|org|app|dev|tech)\b|\b[{_UPPER}]{{2,}}\b")


def _names_its_team(name: str, text: str, body: str) -> bool:
    """Whether "<name>'s team" is an organisation's team, not a person's: a name shaped
    like an organisation's, or one word the text also writes without the possessive and
    that signs no line (a first name signs the letter, "Jordan")."""
    if not name or _looks_like_person(name):
        return False
    if len(name.split()) > 1 or _ORGANISATION_SHAPE.search(name):
        return True
    signs = any(line.strip() == name for line in body[-600:].splitlines())
    bare = sum(1 for at in _whole_word_at(name, text) if not text.startswith("'s", at + len(name)))
    return bare > 0 and not signs


def _looks_like_person(name: str) -> bool:
    """Two or three capitalised words and nothing that only an organisation's name has."""
    words = name.split()
    return (
        len(words) in (2, 3)
        and not _ORGANISATION_SHAPE.search(name)
        and all(re.fullmatch(rf"[{_UPPER}][\w'.-]*", w) for w in words)
        and words[-1].lower() not in _ORGANISATION_WORDS
        and not LEGAL_SUFFIX.search(name)
        and not _ROLE_SUFFIX.search(name)
    )


def _is_person(name: str, sender: _Sender, body: str) -> bool:
    """A display name is a person when it matches a personal address or signs the email."""
    tokens = [fold(t, spell_out_umlauts=True) for t in name.split() if len(t) >= 3]
    folded_locals = [fold(local, spell_out_umlauts=True) for local in sender.personal_locals]
    if tokens and any(t in local for t in tokens for local in folded_locals):
        return True
    # "Patricia Holloway" on a line of its own near the end: a signature.
    # ("Riverbend Family Clinic" on that line signs for the organisation.)
    return _looks_like_person(name) and any(line.strip() == name for line in body[-600:].splitlines())


# Career-site links name the employer's ATS tenant: acme.wd5.myworkdayjobs.com,
# careers-acme.icims.com, jobs.lever.co/acme, boards.greenhouse.io/acme, ...
_ATS_TENANT_URL = re.compile(
    r"(?i)(?:https?://)?(?:"
    # ("apply.workable.com/acme" is a path's tenant, not the host "apply".)
    r"apply\.workable\.com/(?P<wpath>[a-z0-9][a-z0-9-]{1,40})|"
    r"(?:careers?-|jobs-)?(?P<host>[a-z0-9][a-z0-9-]{1,40})\.(?:wd\d+\.myworkdayjobs|icims|taleo|avature|applytojob"
    r"|breezy|recruitee|teamtailor|workable|bamboohr|jobs\.personio|pinpointhq|hire\.trakstar|csod|eightfold"
    r"|applicantpro|isolvedhire|hrmdirect|clearcompany|freshteam|zohorecruit)\.(?:com|net|hr|io|de|ai)"
    r"|(?:(?:jobs|boards|job-boards)\.(?:lever\.co|greenhouse\.io|eu\.greenhouse\.io|ashbyhq\.com|smartrecruiters\.com"
    r"|jobvite\.com)|ats\.rippling\.com|(?:www\.)?governmentjobs\.com/careers"
    r"|wd\d+\.myworkdaysite\.com/(?:[a-z]{2}-[a-z]{2}/)?recruiting)"
    r"/(?P<path>[a-z0-9][a-z0-9-]{1,40}))"
)
_NOT_TENANTS = frozenset(
    {"www", "careers", "jobs", "job", "apply", "embed", "portal", "search", "login", "us", "eu", "en", "tracking"}
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
    """ "tarn-valley" -> "Tarn Valley", "kestrelsystems" -> "Kestrel Systems": a domain or
    tenant run together ends in a word for an organisation more often than not."""
    parts = [part for part in re.split(r"[-_]+", slug) if part]
    if len(parts) == 1 and (found := _TRAILING_ORGANISATION_WORD.fullmatch(parts[0].lower())):
        parts = [found.group(1), found.group(2)]
    # "fern-and-field" -> "Fern and Field".
    return " ".join(part if index and part in _MINOR_WORDS else part.capitalize() for index, part in enumerate(parts))


# Runs of capitalised words, to find the one a sender's domain spells ("Venture
# Global LNG" for venturegloballng.com).
# ("eBay", "mPower": a lowercase first letter before a capital starts a word too.)
_CAPITALISED_RUN = re.compile(
    r"(?:[A-Z0-9]|\b[a-z](?=[A-Z]))[\w&'.]*(?:[ ]+(?:&[ ]+|and[ ]+|of[ ]+)?(?:[A-Z0-9]|[a-z](?=[A-Z]))[\w&'.]*){0,5}"
)


def _spelled_by(text: str, hints: tuple[str, ...], *, initials: bool = False) -> Iterator[str]:
    """Runs of capitalised words that a sender's domain spells in full ("Venture Global
    LNG" for venturegloballng.com), or by initials ("Booz Allen Hamilton" for bah.com)."""
    wanted = set() if initials else {h for h in hints if len(h) >= 5}
    acronyms = {h for h in hints if 3 <= len(h) <= 6} if initials else set()
    if not wanted and not acronyms:
        return
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group(0).split()
        for i in range(len(words)):
            if words[i].lower() in _MINOR_WORDS:
                continue
            joined = ""
            # "mPower Software Services" for mpowerss.com: the brand, then the initials of
            # what it does.
            brand = re.sub(r"[^a-z0-9]", "", words[i].lower())
            for j in range(i, len(words)):
                joined += re.sub(r"[^a-z0-9]", "", words[j].lower())
                if j > i:
                    brand += words[j][0].lower() if words[j].lower() not in _MINOR_WORDS else ""
                if j > i and (joined in wanted or brand in wanted or _initials(" ".join(words[i : j + 1])) in acronyms):
                    yield " ".join(words[i : j + 1])
                if len(joined) > 40:
                    break


# What a footer says about who sent the mail: "© 2025 Acme, Inc.", "Acme is an equal
# opportunity employer", "If you no longer wish to receive e-mail from Acme".
_COPYRIGHT = re.compile(
    rf"(?:©|\([cC]\)|(?i:copyright))\s*(?:©\s*)?(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*,?\s*)?{_COMPANY}"
)
_EQUAL_OPPORTUNITY = re.compile(
    rf"(?:^|[.!?]\s+){_ARTICLE}{_COMPANY}\s+(?i:is\s+(?:an?\s+|proud\s+to\s+be\s+an?\s+)?equal\s+"
    rf"(?:opportunity|employment\s+opportunity)\b)",
    re.M,
)
_MAIL_FROM = re.compile(rf"(?i:receive\s+(?:e-?mails?|messages|communications?)\s+from)\s+{_ARTICLE}{_COMPANY}")
#: The last word of a name that is an organisation's, not a person's: what signs a letter
#: after its closing line ("Sincerely,\nRowanfield Foundation").
_ORGANISATION_WORDS = frozenset(
    {
        "foundation", "institute", "university", "college", "school", "academy", "labs", "lab", "laboratory",
        "technologies", "technology", "systems", "solutions", "group", "partners", "consulting", "corporation",
        "company", "agency", "bank", "health", "healthcare", "hospital", "networks", "software", "studios", "studio",
        "media", "capital", "ventures", "industries", "international", "services", "associates", "analytics",
        "digital", "energy", "insurance", "logistics", "robotics", "security", "sciences", "therapeutics",
        "pharmaceuticals", "games", "entertainment", "financial", "holdings", "enterprises", "council", "society",
        "association", "center", "centre", "department", "office", "bureau", "commission", "authority", "museum",
        "defense", "defence", "aerospace", "dynamics", "federal", "staffing", "talent", "recruiting",
        # Employers outside tech: clinics, pharmacies, hotels, schools, restaurants, carriers.
        "clinic", "clinics", "pharmacy", "hospitals", "childcare", "hotel", "hotels", "resort", "district", "schools",
        "restaurant", "restaurants", "kitchen", "freight", "trucking", "dental", "cpas", "church", "library",
        # Trades, shops and works: "Hartwell Surveying", "Altamira Components", "Larchmont Wholesale".
        "surveying", "engineering", "construction", "manufacturing", "components", "wholesale", "packaging",
        "realty", "bakery", "mining", "shipping", "builders", "properties", "accounting", "electric", "mechanical",
        "foods", "leisure", "fabrication", "plastics", "timber", "motors", "transport", "printing", "landscaping",
        "plumbing", "roofing", "catering", "cleaning", "legal", "salon", "cafe", "café", "coffee", "cosmetics",
        "management", "nursery", "distribution",
    }
)  # fmt: skip
_TRAILING_ORGANISATION_WORD = re.compile(
    r"([a-z]{3,}?)("
    + "|".join(
        sorted(_ORGANISATION_WORDS | {"dynamics", "federal", "global", "networks", "staffing"}, key=len, reverse=True)
    )
    + ")"
)
_SIGNED_BY = re.compile(rf"^{_ARTICLE}{_COMPANY}\s*$")


# A recruiter's role on a line of its own: the next line of the signature names the employer.
_RECRUITER_LINE = re.compile(
    # ("Jordan Reyes | Senior Recruiter", "Jordan Reyes, Senior Recruiter": the name before the role.)
    r"(?i)^(?:[^\W\d_][\w.'-]*(?:[ ]+[^\W\d_][\w.'-]*){1,2}[ \t]*(?:\||,|–|—|[ \t]-)[ \t]*)?"
    r"(?:(?:senior|sr\.?|lead|principal|technical|corporate|campus|university|executive|it|global)\s+)*"
    r"(?:recruiter|sourcer|talent\s+acquisition(?:\s+(?:partner|specialist|manager|lead|coordinator|advisor))?"
    r"|recruiting\s+(?:coordinator|manager|lead|partner|specialist)|recruitment\s+(?:consultant|specialist|manager)"
    r"|(?:hr|human\s+resources|people|talent)\s+(?:manager|generalist|coordinator|(?:business\s+)?partner|specialist)"
    # "The Talent Acquisition Team / Acme Labs": a team's line, the employer under it.
    # ("Nurse Recruitment Team", "Campus Recruiting": a team for one kind of hire.)
    r"|(?:the\s+)?(?:[a-z]+\s+)?(?:talent\s+acquisition|recruiting|recruitment|hiring|hr|human\s+resources?|people"
    r"|people\s+operations)"
    # ("HR Services", "People Department": a team's line by another name.)
    r"(?:\s+(?:team|services|department|office))?"
    # ("Operations Team", "Admissions Team": any team's line signs above its employer's.)
    r"|(?:the\s+)?[a-z]+\s+team)$"
)


# "Acme Labs | 200 Harbor Way, Denver": the employer's line of a signature, then its address or site.
_SIGNED_BY_AT = re.compile(rf"^{_ARTICLE}{_COMPANY}\s*(?:[|·]\s*[^\n]*)?$")


# "Jordan Reyes | Acme Labs": a person's name and the employer on one line, whose
# next line is the person's role in hiring.
_PERSON_AND_EMPLOYER = re.compile(
    rf"^[{_UPPER}][\w.'-]*(?:[ ]+[{_UPPER}][\w.'-]*){{1,2}}[ \t]*(?:\||·|–|—|[ \t]-)[ \t]*{_ARTICLE}{_COMPANY}\s*$"
)
# A role in hiring, however the title is worded or spelled ("Lead Talent Aquisition Partner").
_HIRING_ROLE_LINE = re.compile(
    r"(?i)^(?:(?:senior|sr\.?|lead|principal|corporate|technical|global)\s+)*(?:recruit\w*|sourc\w*|talent\s+\w+"
    r"|(?:hr|human\s+resources|people)\s+\w+)[\w ,&/().-]{0,40}$"
)


def _signed_under_recruiter(tail: str) -> Iterator[str]:
    """ "Jordan Reyes / Senior Recruiter / Acme Labs": the line after a recruiter's role;
    "Jordan Reyes | Acme Labs / Senior Recruiter": the line before it."""
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    for first, second in pairwise(lines):
        under = _SIGNED_BY_AT.match(second) if _RECRUITER_LINE.match(first) else None
        beside = _PERSON_AND_EMPLOYER.match(first) if _HIRING_ROLE_LINE.match(second) else None
        if found := under or beside:
            yield found.group("c")


# (A first name alone signs as well: "Best,\nNadia\nMaplecrest Accounting".)
_PERSON_LINE = re.compile(rf"^[{_UPPER}][\w.'-]+(?:[ ]+[{_UPPER}][\w.'-]*){{0,2}}$")


# A signer's role on its own line: short, no sentence, ending on a role noun ("Finance Director").
_SIGNER_ROLE = re.compile(rf"[{_UPPER}][\w&/' -]{{0,40}}(?<=[a-z])")


def _signed_by_person_of(tail: str, candidate: frozenset[str]) -> Iterator[str]:
    """ "Regards,\nJordan Reyes\nAcme", "Best,\nJordan\nAcme": the line under the signer's name (never under the
    candidate's own, whose line names their current employer)."""
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    for index, (closing, signer) in enumerate(pairwise(lines)):
        if not (
            CLOSING_LINE.match(closing)
            and _PERSON_LINE.match(signer)
            # (Not an organisation's name over its department: "Acme Property Management\nLettings Office".)
            and (" " not in signer or _looks_like_person(signer))
            and not all(word.casefold() in candidate for word in signer.split())
        ):
            continue
        below = lines[index + 2 : index + 5]
        if below and below[0] != signer and below[0].split()[0] == signer.split()[0]:
            below = below[1:]  # "Jordan\nJordan Reyes\nAcme": the signer's whole name under the first
        # ("Jordan Reyes\nEngineering Manager, Platform\nAcme": the role's team after a comma.)
        role = below[0].partition(",")[0] if below else ""
        if role and _SIGNER_ROLE.fullmatch(role) and _ROLE_NOUNS.fullmatch(role.split()[-1]):
            below = below[1:]  # "Jordan Reyes\nFinance Director\nAcme": the signer's role between
        if (
            below
            and (found := _SIGNED_BY.match(below[0]))
            # ("Regards,\nIm Auftrag\nJordan Reyes\nHR\nAcme": a formula above the signer,
            # whose name is no employer's; lines under it say more.)
            and not (len(below) > 1 and _looks_like_person(found.group("c")))
        ):
            yield found.group("c")


# "Head Gardener, Acme Hall", "Practice Nurse | Acme Surgery": the signer's role, then the employer.
_ROLE_THEN_EMPLOYER = re.compile(
    rf"^(?P<r>[{_UPPER}][\w&/' -]{{0,40}}?)[ \t]*(?:,|\||–|—)[ \t]*{_ARTICLE}{_COMPANY}[ \t]*$"
)


def _signed_as_role(tail: str) -> Iterator[str]:
    """A line after the closing that names the signer's role and then the employer."""
    closing = CLOSING_LINE.search(tail)
    if not closing:
        return
    lines = tail[closing.end() :].splitlines()
    for index, line in enumerate(lines):
        found = _ROLE_THEN_EMPLOYER.match(line.strip())
        if (
            found
            and _ROLE_NOUNS.fullmatch(found.group("r").split()[-1])
            and not _a_department(found.group("c"), "\n".join(lines[index + 1 : index + 3]))
        ):
            yield found.group("c")


def _a_department(name: str, below: str) -> bool:
    """Whether the name after a signer's role is their team ("Engineering Manager,
    Platform"), not the employer: a team's word, or a legal entity's line just below
    ("Acme Ltd, London") that names the employer itself."""
    return is_team_tail(name) or LEGAL_FORM_IN_LINE.search(below.lstrip("\n").partition("\n")[0]) is not None


def _signed_by_organisation(tail: str, *, last: bool = False) -> Iterator[str]:
    """A name of an organisation on the line after the closing ("Regards,\nAcme Labs"); with
    `last`, on the letter's last line under a sentence or a word ("...filled the role.\nAcme
    Kitchen", "Jenny\nKettleby & Sons"; not under a name: "Acme Property Group\nLeasing Office")."""
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    for above, signer in pairwise(lines):
        if last:
            signs = signer is lines[-1] and (above.endswith((".", "!", "?")) or " " not in above)
        else:
            signs = CLOSING_LINE.match(above) is not None
        if signs and (found := _SIGNED_BY.match(signer)):
            name = found.group("c")
            word = name.split()[-1].lower().strip(".")
            # ("Acme Pizza Co.": a legal form the suffix pattern leaves to keys; "Acme & Sons".)
            if (
                LEGAL_SUFFIX.search(name)
                or word in _ORGANISATION_WORDS
                or word in LEGAL_FORM_WORDS
                or _ORGANISATION_SHAPE.search(name)
            ):
                yield name


# A person's display name followed by the employer they write for.
# ... or in brackets after the name: "Jordan Reyes (Acme)", but not "(she/her)" or "(via Lever)".
# ... or after a comma: "Jordan Reyes, Acme" (a first and a last name before it: "Reyes,
# Jordan" is a name written last name first).
# ... or in square brackets, also after "Reyes, Jordan" (not a region's or a mail system's
# tag: "[US-US]", "[External]", "[C]").
_ON_BEHALF = re.compile(
    r"^[^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*){0,3}(?:\s+(?:from|at|bei|chez|de)\s+(?P<c>\S.*)"
    r"|\s*\((?!(?i:via|she|he|they)\b)(?P<b>[^)/]+)\))$"
    r"|^[^\W\d_][\w.'-]*,?(?:\s+[^\W\d_][\w.'-]*){0,3}\s*\[(?!(?i:ext(?:ernal)?|contractor|[a-z]{1,2}|[a-z]{2,3}(?:[-/][a-z]{2,3})+)\])"
    r"(?P<s>[^\]/]+)\]$"
    r"|^[^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*){1,2},\s+(?!(?i:(?:ph\.?d|mba|md|cpa|shrm\S*|s?phr|jd|esq|ms|msc"
    r"|pmp|cissp|jr|sr|ii|iii|iv)\b))(?P<k>\S.*)$"
)
_LAST_FIRST = re.compile(r"^[^\W\d_][\w'-]*,\s+([^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*)?)(?:\s*\[[^\]]*\])?$")
_AS_A_TOOL = re.compile(
    r"(?i)\b(?:(?:apply|sign\s+in|log\s+in|sign\s+up|connect)\s+with|via|on|through|using|join)\s+$"
)
# A job portal's mailbox: "FedJobs Portal", "Statewide Careers Portal".
_PORTAL = re.compile(r"(?i)\bportal$")
_TALENT_TEAM = re.compile(r"(.+?)\s+Talent$")
_PLATFORM = re.compile(r"(?i)^(?:google|microsoft|linkedin|indeed|glassdoor|zoom|xing|stepstone|workday)$")
# Platforms that hire too: the employer where the text applies to them.
_EMPLOYER_PLATFORM = re.compile(
    r"^(?:Google|Microsoft|LinkedIn|Linkedin|Indeed|Glassdoor|ZipRecruiter|Zoom|XING|Xing|StepStone|Monster|Dice)$"
)


@lru_cache(maxsize=8)
def _vendor_keys(boards: frozenset[str], ats: frozenset[str]) -> frozenset[str]:
    return frozenset(_registrable_label(d) for d in boards | ats)


def _vendors(rules: Rules) -> frozenset[str]:
    """The names of job boards and applicant-tracking systems, as company keys ("icims")."""
    return _vendor_keys(rules.job_board_domains, rules.ats_domains)


# "... Software Engineer with Macrosoft through Dice": the employer before the board.
_THROUGH = re.compile(rf"(?i:\bwith)\s+{_ARTICLE}{_COMPANY}\s+(?i:through|via)\s")


# "Hi Dana,", "Dear Dana Demo,": the salutation names the candidate.
_SALUTATION = re.compile(
    rf"^\s*(?:(?i:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))[ \t]+"
    rf"(?P<n>{_WORD}(?:[ \t]+{_WORD})?)[ \t]*[,!:]"
    rf"|(?P<m>{_WORD}(?:[ \t]+{_WORD})?)[ \t]*,[ \t]*$)",
    re.M,
)


def candidate_words(to: str, body: str, *, candidate_writes: bool) -> frozenset[str]:
    """The words of the candidate's own name (from the To header and the salutation):
    never the employer's. When the candidate writes, both name the employer's people
    ("Dear Acme Hiring Team"), so only a person's name counts."""
    display = to.partition("<")[0].replace('"', "").strip() if "<" in to else ""
    words = display.split() if display and not candidate_writes and _looks_like_person(display) else []
    if salutation := _SALUTATION.match(body):
        greeted = salutation.group("n") or salutation.group("m")
        if not _ROLE_SUFFIX.search(greeted) and not _ADDRESSES_A_TEAM.search(greeted):
            words += greeted.split()
    return frozenset(w.casefold() for w in words if w.casefold() not in _NOT_COMPANIES)


_ADDRESSES_A_TEAM = re.compile(r"(?i)\b(?:team|hiring|manager|committee|recruit\w*|talent|hr|sir|madam|all|everyone)\b")


# "<b>Acme Dynamics</b>": a tag an HTML letter leaves in its text part.
_MARKUP_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,9}>")


def _heading(body: str) -> Iterator[str]:
    """A short line above the salutation, where HTML mail puts its sender's name or logo
    ("Acme Dynamics", "Acme logo"), but not a step or a role ("Application Update")."""
    lines = [line.strip() for line in body[:400].splitlines() if line.strip()][:4]
    for index, line in enumerate(lines[:-1]):
        if _SALUTATION.match(line) or CLOSING_LINE.match(line):
            return
        # ("**Acme Dynamics**", "# Acme Dynamics": a heading's Markdown marks are no part of it.)
        name = re.sub(r"(?i)\s+logo$", "", _MARKUP_TAG.sub("", line).strip("*#_ \t"))
        below = lines[index + 1]
        greeted = re.match(r"(?i)(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\b", below)
        if (
            greeted
            and len(name.split()) <= 5
            and _NAME_SHAPED.fullmatch(name)
            and not _SUBJECT_STEP.search(name)
            and not _ROLE_NOUNS.search(name)
        ):
            yield name


# A job card's or a notice's field: "Company: Acme", "Hiring Agency: Bureau of Widgets",
# "Client: Acme" (an agency's client; never "Department: Engineering").
_FIELD = re.compile(
    rf"^[ \t]*(?i:(?P<client>client)|company|employer|organi[sz]ation|(?:hiring\s+)?agency|hiring\s+company)"
    rf"(?i:\s+name)?[ \t]*:[ \t]*{_ARTICLE}{_COMPANY}[ \t]*$",
    re.M,
)
# "my client Acme is hiring", "a role with our direct client, Acme": an agency's client.
_CLIENT = re.compile(
    rf"(?i:\b(?:our|my)\s+(?:direct\s+|end\s+)?client,?\s+(?:is\s+)?|\bthe\s+(?:end\s+)?client\s+is\s+"
    # "I am reaching out on behalf of Acme", "on behalf of my client, Acme".
    rf"|\bon\s+behalf\s+of\s+(?:(?:my|our)\s+(?:direct\s+)?client,?\s+)?){_ARTICLE}{_COMPANY}"
)


def _names_a_client(match: re.Match[str]) -> bool:
    """Whether a `_CLIENT` match says "client" before the name on its line ("my client
    Acme", not a subject's "... my client" and the greeting below it)."""
    before = match.string[match.start() : match.start("c")]
    return "client" in before.lower() and "\n" not in before


# "Acme is hiring a Data Analyst", "Acme Labs are looking for": at the start of a sentence,
# someone else's company recruiting through the writer.
_HIRING_NOW = re.compile(
    # ("Good news: Acme is hiring": a colon's clause starts a sentence too.)
    # ("I'm writing because Acme is hiring", "I saw that Acme is hiring": a clause too.)
    rf"(?:^|[.!?:]\s+|(?<=\bthat )|(?<=\bbecause )){_COMPANY}\s+(?i:(?:is|are)\s+(?:currently\s+|now\s+|actively\s+)?"
    r"(?:hiring|looking\s+for|seeking|searching\s+for|recruiting)\b)",
    re.M,
)


# An agency speaking of the employer it recruits for: "my client", "one of our clients",
# "on behalf of a client".
_FOR_A_CLIENT = re.compile(
    r"(?i)\b(?:(?:my|our|a|the|an?)\s+(?:direct\s+|end\s+|valued\s+)?client|(?:one\s+of\s+)?(?:my|our)\s+clients)\b"
)


def _subject_names(clean_subject: str, parts: list[str]) -> Iterator[str]:
    """The names a subject gives besides the role: "Analyst at Acme", or a segment of
    capitalised words next to the role ("Analyst - Acme Insurance")."""
    for segment in parts:
        if (match := _SUBJECT_AT.search(segment)) and (name := _tidy_company(match.group("c"))):
            yield name
    if len(parts) > 1 and any(_ROLE_NOUNS.search(p) for p in parts):
        for part in parts:
            if (
                0 < len(part.split()) <= 4
                and not _ROLE_NOUNS.search(part)
                and not _SUBJECT_STEP.search(part)
                and not _TERMS.search(part)
                and not _KIND_OF_EMPLOYER.fullmatch(part)
                and not is_team_tail(part)
                and _NAME_SHAPED.fullmatch(part)
                and (name := _tidy_company(part))
            ):
                yield name


# A calendar's time after an event's name: "@ Wed Oct 14, 2026 2pm - 2:30pm (EDT) (dana@example.com)".
_CALENDAR_WHEN = re.compile(
    r"(?i)\s+@\s+(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|\d)[^\n]*$"
)
# The pieces of an event's name: "Dana Demo <> Acme | Intro Call", "Acme / Dana - Final Round".
_EVENT_PIECE = re.compile(r"\s+(?:<>|<->|/|x|×|\||&|w/|with|[-–—:])\s+|:\s+")
_PAIRING = re.compile(r"\s+(?:<>|<->|/|x|×|\||&|w/|with)\s+")


def _paired_with_candidate(subject: str, candidate: frozenset[str]) -> Iterator[str]:
    """The other party of an event's name that pairs it with the candidate: "Dana Demo <>
    Acme Labs", "Acme Labs / Dana - Technical Interview", "Acme x Dana Demo"."""
    event = _CALENDAR_WHEN.sub("", subject)
    if not candidate or not _PAIRING.search(event):
        return
    pieces = [piece.strip() for piece in _EVENT_PIECE.split(event)[:6]]

    def is_candidate(piece: str) -> bool:
        words = piece.split()
        return bool(words) and (
            all(w.casefold() in candidate for w in words)
            or (words[0].casefold() in candidate and _looks_like_person(piece))
        )

    if not any(is_candidate(piece) for piece in pieces):
        return
    for piece in pieces:
        if (
            not is_candidate(piece)
            and 0 < len(piece.split()) <= 4
            and not _SUBJECT_STEP.search(piece)
            and not _ROLE_NOUNS.search(piece)
            and _NAME_SHAPED.fullmatch(piece)
            and (name := _tidy_company(piece))
        ):
            yield name


# "State Agency", "Federal Client", "Leading Defense Contractor": what kind of employer an
# agency's subject says the unnamed client is, not its name.
_KIND_OF_EMPLOYER = re.compile(
    r"(?i)(?:(?:a|an|the|our|my|large|leading|major|global|national|local|public|state|federal|government"
    r"|county|city|municipal|defen[cs]e|dod|aerospace|healthcare|financial|tech(?:nology)?|fortune\s+\d+|prime)\s+)+"
    r"(?:agency|client|contractor|company|firm|organi[sz]ation|employer|integrator|prime|department|entity)"
)


# Terms of employment a recruiter's subject lists beside the role.
_TERMS = re.compile(
    r"(?i)\b(?:contract|permanent|perm|temp|temporary|full|part|time|remote|hybrid|on-?site|long|short|term|w2|c2c"
    r"|1099|hire|immediate|urgent|direct|only|local|months?|weeks?|years?|clearance|cleared|ts|sci|poly)\b"
)


# A branch's number after a name in running text: "Healthway Pharmacy Store #3381", "Harbor Coffee #214".
_BRANCH_IN_TEXT = re.compile(
    r"(?<=[\w.])[ \t]+(?:(?:Store|Location|Branch|Shop|Unit)[ \t]*(?:#|No\.)[ \t]*|#[ \t]?)\d{1,6}\b"
)


# A quoted message's subject in a reply's body: in a block of header lines ("From:",
# "Sent:", "To:"), not a job description's "Subject: Mathematics".
_QUOTED_SUBJECT = re.compile(
    r"(?im)^[ \t>]*(?:from|sent|date|to|cc|von|gesendet|an|de|envoyé|à|enviado|para)[ \t]*:[^\n]*\n"
    r"(?:[ \t>]*[\w-]{1,12}[ \t]*:[^\n]*\n){0,4}[ \t>]*(?:subject|betreff|objet|asunto)[ \t]*:[ \t]*(\S[^\n]{0,200})$"
)


def extract_company(message: ParsedMessage, subject: str, body: str, rules: Rules, ats: bool) -> str:
    """The employer an email is about, without its legal form ("Acme Global LLC" is
    "Acme Global"); "" when the email names none."""
    # "at Healthway Pharmacy Store #3381": the branch's number ends the employer's name.
    body = _BRANCH_IN_TEXT.sub("", unescape_entities(body))
    subject = _BRANCH_IN_TEXT.sub("", subject)
    if not subject and not message.sender_email and (quoted := _QUOTED_SUBJECT.search(message.body_text, 0, 20_000)):
        # A reply kept without its headers quotes the thread's subject ("Subject: Re: ...").
        subject = quoted.group(1)
    sender = _sender(message, rules)
    # With no sender to say whose mail this is (a body kept without its headers), the
    # career-site links say it as well as an ATS's address would.
    unsent = not message.sender_email
    tenants = ats_tenants(message.body_text) if ats or unsent else []
    # ... and so do the sites it links to ("[acme-labs.com]"), the employer's own first.
    sites = list(islice(_link_labels(body, rules), 2)) if unsent else []
    if tenants or sites:
        sender = _Sender(
            tuple(dict.fromkeys([*sender.hints, *(re.sub(r"[^a-z0-9]", "", t) for t in [*tenants, *sites])])),
            sender.domain_name,
            sender.personal_locals,
        )
    scores: dict[str, float] = {}
    names: dict[str, str] = {}
    sender_domain = message.sender_email.partition("@")[2]
    candidate = candidate_words(message.to, body, candidate_writes=sender_domain in rules.freemail_domains)

    # A job board's own mail names the board for itself, never as the employer.
    board_sent = bool(sender_domain) and _in_domains(sender_domain, rules.job_board_domains)

    def add(
        raw: str,
        weight: float,
        *,
        only_if_hinted: bool = False,
        bonus: bool = True,
        vendor_ok: bool = True,
        platform_ok: bool | None = None,
    ) -> None:
        name = _tidy_company(raw)
        platform = re.sub(r"^(?i:the)\s+", "", _SENTENCE_END.split(raw.strip() + " ", maxsplit=1)[0].strip())
        employer_platform = own_platform = False
        if not name and _PLATFORM.match(platform) and _matches_hint(platform, sender.hints):
            # Google and Microsoft are never named for their meeting tools, but are the
            # employer when their own domain sends the mail.
            name, own_platform = platform, True
        if (
            (not name or name == platform)
            and (weight >= 2.5 if platform_ok is None else platform_ok)
            and not board_sent
            and _EMPLOYER_PLATFORM.match(platform)
        ):
            # ... and when the text applies to them ("Thanks for applying to Google",
            # "Your LinkedIn Application") or they sign it ("Google Recruiting"), with
            # no sender to confirm it.
            name, employer_platform = platform, True
        if not name:
            return
        if not (employer_platform or own_platform) and all(
            word.casefold() in candidate or _generic_word(word) for word in name.split()
        ):
            # "Dana Demo Application Update", "Phone Screen Dana Demo": the candidate's own
            # name, alone or in an event's.
            return
        key = _company_key(name)
        if not key or (
            key in _vendors(rules) and not employer_platform and not (vendor_ok and _matches_hint(name, sender.hints))
        ):
            # A footer's "© 2025 Workday, Inc." names the ATS, never the employer.
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
    if sender_domain and (
        _in_domains(sender_domain, rules.job_board_domains) or _in_domains(sender_domain, rules.exclude_domains)
    ):
        display = ""  # "Dice", "Glassdoor Jobs": a job board's name is never the employer
    elif _PORTAL.search(display):
        # "Statewide Jobs Portal" relays applications to many public employers; the text
        # names the one this email is about ("with the Department of Widgets").
        display = ""
    if _tool_mailbox(message.sender_email):
        display = ""  # "Google Calendar", or the organiser's own name for a calendar's notification
    if (platform := re.fullmatch(r"(?i)(?:my)?(\w+)@(\S.*)", display)) and platform.group(1).lower() in _vendors(rules):
        display = platform.group(2)  # "MyWorkday@Acme": the ATS's mailbox for the employer
    if display:
        whole = _tidy_company(_VIA.split(display, maxsplit=1)[0])
        # "Acme, Inc." is one name, "Jordan Reyes, Acme Inc." a person and the employer.
        on_behalf = _ON_BEHALF.match(LEGAL_SUFFIX.sub("", display))
        if (
            on_behalf
            and on_behalf.group("k")
            and (
                not _looks_like_person(display.partition(",")[0])
                or LEGAL_SUFFIX.fullmatch(" " + on_behalf.group("k").split()[0])
            )
        ):
            # "ACME Federal, LLC Talent Acquisition", "Halcyon Freight, LLC Recruiting": the
            # legal form of the name before the comma, no person.
            on_behalf = None
        if on_behalf and on_behalf.group("c") and whole and _matches_hint(whole, sender.hints):
            on_behalf = None  # "Lyonnaise de Données – RH": the domain spells the whole name
        employer = on_behalf and next(g for g in on_behalf.group("c", "b", "k", "s") if g).strip()
        if on_behalf and employer and not _PLATFORM.match(employer) and _tidy_company(employer):
            # "Jordan Reyes from Acme", "Jordan Reyes at Acme": a person writing for the employer.
            add(employer, 5 if ats else 3)
        else:
            parts = _VIA.split(display, maxsplit=1)
            first = _tidy_company(parts[0])
            second = _tidy_company(parts[1]) if len(parts) > 1 else ""
            if second and (not first or _looks_like_person(parts[0])) and not _PLATFORM.match(second):
                # "Talent Acquisition | Acme", "Workday @ Acme", "Jordan Reyes - Acme": a team,
                # a tool or a person, then the employer.
                add(second, 5 if ats else 3)
                first = ""
            if (team := _TALENT_TEAM.match(first)) and _company_key(first) not in sender.hints:
                # "Acme Talent" sends for Acme's talent team; a domain that spells the whole
                # name is an agency's ("Brightline Talent" at brightlinetalent.com).
                first = team.group(1)
            # "Dana Demo <dana.demo@gmail.com>": a free-mail sender with a person's name is
            # the candidate or a recruiter, never the employer.
            free_person = sender_domain in rules.freemail_domains and _looks_like_person(parts[0])
            # "Reyes, Jordan [US-US]": a person's name, last name first.
            if (last_first := _LAST_FIRST.match(display)) and not LEGAL_SUFFIX.fullmatch(", " + last_first.group(1)):
                first = first if _tidy_company(last_first.group(1)) == "" else ""
            if first and not free_person and not _is_person(first, sender, body):
                # An ATS sends as the employer ("Acme Careers"), and its mail names the
                # employer again; a display name the text never repeats may be the
                # recruiter's own ("Jordan Reyes" from an ATS's shared mailbox).
                repeated = first.lower() in f"{subject}\n{body}".lower()
                add(first, 5 if ats and len(parts) == 1 and repeated else 2)
    clean_subject = REPLY_PREFIX.sub("", subject).strip()
    # "[Acme] Application received" is "Acme: Application received"; a mail system's
    # "[External]" says nothing.
    # ("Re: [External] Re: Acme - Data Analyst": a reply prefix may follow the tag too.)
    clean_subject = _SUBJECT_TAG.sub(r"\1: ", REPLY_PREFIX.sub("", _MAIL_SYSTEM_TAG.sub("", clean_subject))).strip()
    # "Analyst at Acme", also as one segment: "Analyst at Acme: application received".
    for segment in dict.fromkeys([clean_subject, *_SUBJECT_SEPARATOR.split(clean_subject)[:4]]):
        if match := _SUBJECT_AT.search(segment):
            add(match.group("c"), 3)
    parts = _SUBJECT_SEPARATOR.split(clean_subject)[:4]
    for name in _paired_with_candidate(clean_subject, candidate):
        add(name, 3)
    # "Acme - Data Analyst - Application received": in a subject that names a role or
    # a step, a short segment of capitalised words that names neither is the employer.
    structured = len(parts) > 1 and any(_ROLE_NOUNS.search(p) or _SUBJECT_STEP.search(p) for p in parts)
    for part in parts:
        if 0 < len(part.split()) <= 4 and not _ROLE_NOUNS.search(part):
            # A subject that is a name and nothing else ("Acme Labs") names the employer
            # when the body says the name again.
            alone = len(parts) == 1 and any(_whole_word_at(part, body))
            segment_named = (
                (structured or alone)
                and not _SUBJECT_STEP.search(part)
                and not _TERMS.search(part)
                # ("Registered Nurse - ICU": the role's unit, not its employer.)
                and not (is_team_tail(part) and any(_ROLE_NOUNS.search(p) for p in parts))
                and _NAME_SHAPED.fullmatch(part) is not None
            )
            # Beside a step of the process ("Application received - Acme") a segment is
            # the employer's as surely as a footer's copyright line.
            beside_step = any(_SUBJECT_STEP.search(other) for other in parts if other is not part)
            add(part, 2 if beside_step and segment_named and not alone else 1, only_if_hinted=not segment_named)
        elif (
            (after_role := _AFTER_ROLE.fullmatch(part))
            and _ROLE_NOUNS.search(after_role.group("r"))
            and not _ROLE_NOUNS.search(after_role.group("c"))
            and not _SUBJECT_STEP.search(after_role.group("c"))
            and not _TERMS.search(after_role.group("c"))
            and not re.fullmatch(_US_STATE, after_role.group("c"))
            and not is_team_tail(after_role.group("c"))
        ):
            # "Interview invitation: Data Analyst, Acme Labs": the employer after the role,
            # when the body says it again (the words after a comma may be the role's team).
            repeated = any(_whole_word_at(after_role.group("c"), body))
            add(after_role.group("c"), 1, only_if_hinted=not repeated)
    head = body[:3000]
    for text in (clean_subject, head):
        lowered = _lowered(text)
        for anchored in _COMPANY_PATTERNS:
            for match in anchored.finditer(text, lowered):
                if match.group(0)[:4].lower() == "the " and _ROLE_FOLLOWS.match(text, match.end()):
                    continue  # "applying to the AI Compliance position": a role, not the employer
                # "Apply with LinkedIn", "join via Zoom": the platform as a tool.
                tool = _AS_A_TOOL.search(text, max(0, match.start() - 12), match.start()) is not None
                if _INTERVIEW_WITH.search(text, max(0, match.start() - 24), match.start()) and _looks_like_person(
                    _tidy_company(match.group("c"))
                ):
                    continue  # "your interview with Jordan Reyes": the interviewer, a person
                branch = _BRANCH_OF.match(text, match.end())
                add((branch or match).group("c"), anchored.weight, platform_ok=False if tool else None)
        for match in _INVITES.finditer(text):
            if _looks_like_person(match.group("c")) and _TO_A_MEETING.match(text, match.end()):
                # "Jordan Reyes has invited you to this event", "Anil Rao invites you to join
                # this Webex meeting": the organiser or host, a person.
                continue
            add(match.group("c"), 4)
        for match in _THROUGH.finditer(text):
            add(match.group("c"), 3)
        for match in _AT_COMPANY.finditer(text):
            add(match.group("c"), 2, platform_ok=True)
        for match in _DECIDES.finditer(text):
            add(match.group("c"), 2, platform_ok=True)
        for match in _THE_EMPLOYERS.finditer(text):
            own = bool(match.group("own"))
            add(match.group("c"), 2, only_if_hinted=not own, platform_ok=own)
        for match in _PERSON_FROM.finditer(text):
            add(match.group("c"), 3)
        for match in _INTRODUCES.finditer(text):
            add(match.group("c"), 3)
        # (Both possessive patterns need an "'s": most mail has none, and they are slow to rule out.)
        possessive = "'s" in text
        for match in _POSSESSIVE_OWN.finditer(text) if possessive else ():
            if not match.group("team"):
                add(match.group("c"), 2.5)
            elif _names_its_team(_tidy_company(match.group("c")), text, body):
                # "everyone on Acme's team"; "Jordan's team" is a manager's.
                add(match.group("c"), 2)
        for match in _BEFORE_INTAKE.finditer(text):
            # "the Software Summer Internship", "the Investment Banking 2027 Analyst Program":
            # a field of work before the intake names no employer.
            words = match.group("c").lower().split()
            if not _FIELD_OF_WORK.search(match.group("c")) and not _FIELD_WORDS.intersection(words):
                add(match.group("c"), 2)
        for match in _POSSESSIVE_ROLE.finditer(text) if possessive else ():
            if _ROLE_FOLLOWS.match(text, match.end()) and not (
                # ("interview with Jordan Reyes's team about the Analyst role": a manager's team.)
                text.startswith("team", match.end())
                and not _names_its_team(_tidy_company(match.group("c")), text, body)
            ):
                add(match.group("c"), 2.5)
        for match in _PUBLIC_EMPLOYER.finditer(text):
            add(match.group("c"), 2.5)
        for name in _role_at(text):
            add(name, 2.5)
    # The longest name first ("Your Acme Labs application"); the shortest when the longest
    # runs into the intake ("Your Acme Summer Internship Application").
    for pattern in (_YOUR_APPLICATION, _YOUR_APPLICATION_INSIDE):
        if (match := pattern.search(clean_subject)) and (
            _tidy_company(match.group("c")) or _EMPLOYER_PLATFORM.match(match.group("c"))
        ):
            # "Your Acme Data Science Intern application": the role's field is no part of the name.
            add(_FIELD_OF_WORK.sub("", _tidy_company(match.group("c"))).strip() or match.group("c"), 3)
            break
    for segment in parts[:2]:
        lead = _SUBJECT_LEAD.match(segment)
        if (
            lead
            and not _SUBJECT_STEP.search(lead.group("c"))
            and not _ROLE_NOUNS.search(lead.group("c"))
            and (employer := _FIELD_OF_WORK.sub("", lead.group("c")).strip())
        ):
            # ("Zoom Interview Details", "Teams Interview": the meeting's tool, not a platform that hires.)
            add(employer, 2.5, platform_ok=not re.search(r"(?i)interviews?$", lead.group(0)))
    if match := _SUBJECT_FROM.search(clean_subject):
        # "Update from Acme Recruiting", but "Message from Jordan Reyes" is a person's.
        raw = match.group("c")
        organisation = bool(
            _ROLE_SUFFIX.search(raw) or LEGAL_SUFFIX.search(raw) or _ORGANISATION_SHAPE.search(raw)
        ) or (raw.split()[-1].lower() in _ORGANISATION_WORDS)
        # A name the body repeats, and that signs no line of its own, is the employer's too.
        repeated = re.search(rf"\b{re.escape(_tidy_company(raw) or raw)}\b", body) is not None
        add(raw, 2, only_if_hinted=not (organisation or (repeated and not _is_person(raw, sender, body))))
    for match in JOB_CARD.finditer(head):
        if _ROLE_NOUNS.search(match.group("t")):
            add(match.group("c"), 3)
    # The end of the letter, and the "-- " signature cleaning cut from it (Gmail puts one
    # above every signature): "Jordan Reyes\nTalent Partner | Acme".
    ending = body[-1500:].rstrip()
    if below := [line for line in signature(message.body_text)[:800].splitlines() if line.strip()][:6]:
        last, _, first = ending.rpartition("\n")
        if first.strip() and below[0].split()[0] == first.strip():
            ending = last  # "Tom" above the signature's "Tom Baker": one signer
        ending = f"{ending}\n{_normalise(unescape_entities(chr(10).join(below)))}"
    # "—Acme Talent Acquisition Team": a dash in front of a signature line.
    tail = re.sub(r"(?m)^[ \t]*[—–-]+[ \t]*", "", "\n".join(ending.splitlines()[-12:]))
    # "Sent by Mailstream, Inc., 500 Harbor Drive": the mailing service's line, not a signature.
    tail = _MAILER_LINE.sub("", tail)
    for pattern in _SIGN_OFF:
        for match in pattern.finditer(tail):
            add(match.group("c"), 3)
    for match in _SIGNATURE_ROLE.finditer(tail):
        if (
            not _a_department(match.group("c"), tail[match.end() :])
            # ("Acme Personal GmbH, Cologne": a legal entity's line, then its town.)
            and not LEGAL_FORM_IN_LINE.search(tail, match.start(), match.start("c"))
            # ("Lead Developer – Cologne, hybrid": a job's place and terms, no signer's employer.)
            and not _TERMS.search(tail, match.end("c"), match.end())
        ):
            add(match.group("c"), 3)
    for match in _COMPANY_LINE.finditer(tail):
        if LEGAL_SUFFIX.search(match.group("c")):
            # A legal entity's line confirms a name the text applies to rather than
            # outranking it (a mailing service or a parent company signs some footers).
            add(match.group("c"), 3)
    for name in _signed_by_organisation(tail):
        add(name, 3)
    # (Weaker: a department's line may end the letter, "Acme Property Group\nLeasing Office".)
    for name in _signed_by_organisation(tail, last=True):
        add(name, 2)
    for name in _signed_under_recruiter(tail):
        add(name, 3)
    for name in _signed_as_role(tail):
        add(name, 3)
    # The candidate's own follow-up signs with their name from free mail.
    writer = _normalise(message.sender_name) if sender_domain in rules.freemail_domains else ""
    for name in _signed_by_person_of(tail, candidate | {w.casefold() for w in writer.split()}):
        add(name, 2)
    # Cleaning drops legal footers ("All rights reserved"); the raw text keeps them.
    footer = unescape_entities(message.body_text[-3000:])
    for pattern in (_COPYRIGHT, _EQUAL_OPPORTUNITY, _MAIL_FROM):
        for match in pattern.finditer(footer):
            legal = _tidy_company(match.group("c"))
            # A footer spells the legal entity ("Acme Services Corporation"): it confirms
            # the shorter name the text already uses ("Acme") rather than replacing it.
            brand = next((n for n in names.values() if legal.lower().startswith(n.lower() + " ")), "")
            add(brand or legal, 1 if brand else 2, vendor_ok=False)
    # "Aoife Brennan / Fernhill Studios": a short signature line the domain confirms.
    for line in tail.splitlines():
        if 0 < len(line.split()) <= 5:
            add(line, 3, only_if_hinted=True)
    for text in (clean_subject, head):
        for name in _spelled_by(text, sender.hints):
            add(name, 4)
        # Initials are weaker evidence: a parent organisation's name in a footer
        # ("Carnegie Mellon University" for cmu.edu) is not the employer the text names.
        for name in _spelled_by(text, sender.hints, initials=True):
            add(name, 1, bonus=False)
    if sender.domain_name:
        add(sender.domain_name, 0.5, bonus=False)
    if ats or (unsent and tenants):
        # An ATS tenant names the employer when nothing in the text does.
        named = [*tenants, *(h for h in sender.hints if h not in tenants)]
        # "careers968" is a mailbox, not a tenant.
        for slug in [h for h in named if not _GENERIC_LOCAL.match(re.sub(r"\d+$", "", h))][:1]:
            add(_tenant_name(slug), 0.75, bonus=False)
    if not scores and (site := _link_site(body, rules)):
        add(site, 0.25, bonus=False)
    # An agency's mail names its client as the employer; the agency only when it names none.
    clients = [
        name
        for match in _CLIENT.finditer(f"{clean_subject}\n{head}")
        # "On behalf of Jordan Reyes" is a person; "my client Dunmore Cycles" never is.
        if (name := _tidy_company(match.group("c"))) and (_names_a_client(match) or not _looks_like_person(name))
    ]
    # A company the opening says is hiring, that neither sends nor is the candidate: the
    # writer recruits for it (the sender's own company is the employer anyway). Deeper in,
    # it is a pasted job description's department or agency ("The Office is seeking").
    clients += [
        name
        for match in _HIRING_NOW.finditer(head[:600])
        if (name := _tidy_company(match.group("c")))
        and not _matches_hint(name, sender.hints)
        and not _looks_like_person(name)
        and not all(word.casefold() in candidate for word in name.split())
        and _company_key(name) not in _vendors(rules)
    ]
    for name in _heading(body):
        add(name, 1.5)
    for match in _FIELD.finditer(head):
        if match.group("client") and (name := _tidy_company(match.group("c"))):
            clients.append(name)
        elif not match.group("client"):
            add(match.group("c"), 3)
    if not clients and _FOR_A_CLIENT.search(f"{clean_subject}\n{head}"):
        # "Senior Analyst - Coldwater Insurance" from an agency writing about "my client":
        # a name in the subject that is neither the sender's own nor the signature's is
        # the client's.
        closing = CLOSING_LINE.search(tail)
        signed = (tail[closing.end() :] if closing else "\n".join(tail.splitlines()[-4:])).lower()
        clients = [
            name
            for name in _subject_names(clean_subject, parts)
            if not _matches_hint(name, sender.hints)
            and name.lower() not in signed
            # "Senior Analyst - Boston" where the body says "hybrid in Boston": a place.
            and not re.search(rf"\b(?:in|near|around|based in|located in)\s+{re.escape(name)}\b", head)
        ]
    # The name as normalise_key and grouping read it: "Acme Global LLC" is "Acme Global".
    if clients:
        return normalise_company(clients[0])
    if not scores:
        return ""
    _join_possessives(scores, names, f"{clean_subject}\n{body}")
    best = max(scores, key=lambda key: scores[key])
    best = _whole_name(best, scores, names, f"{clean_subject}\n{head}")
    # "Acme Talent" in a signature and "Acme" in the text: the team's name is the employer's.
    if (team := _TALENT_TEAM.match(names[best])) and (shorter := _company_key(team.group(1))) in scores:
        best = shorter
    opening = f"{clean_subject}\n{head}"
    for match in _BRAND_OF.finditer(opening) if _BRAND_CUE.search(opening) else ():
        if _company_key(_tidy_company(match.group("p"))) == best and (brand := _tidy_company(match.group("c"))):
            # "the Data Analyst role at Sprigly, a Marlow Foods company": the parent may
            # send the mail, the brand it names is the employer.
            return normalise_company(brand)
    name = normalise_company(_fuller_name(names[best], list(names.values()), (clean_subject, head)))
    return _with_its_article(name, f"{clean_subject}\n{body}")


# "Sprigly, a Marlow Foods company", "Sprigly, a subsidiary of Marlow Foods": a brand and its parent.
_PARENT = _COMPANY.replace("(?P<c>", "(?P<p>")
# What every `_BRAND_OF` match holds, found much faster than the pattern fails.
_BRAND_CUE = re.compile(r",[ \t]+(?i:an?)[ \t]")
_BRAND_OF = re.compile(
    rf"{_COMPANY},[ \t]+(?i:an?)[ \t]+(?P<of>(?i:subsidiary|division|brand)[ \t]+of[ \t]+{_ARTICLE})?"
    rf"{_PARENT}(?(of)|[ \t]+(?i:company|brand|business))\b"
)


def _join_possessives(scores: dict[str, float], names: dict[str, str], text: str) -> None:
    """ "Baxwell's Careers" read as "Baxwell" beside "Baxwell's" read whole: one employer
    twice. Its name ends in "'s" when the text writes it so with no word after it
    ("with Baxwell's.", a signature's own line); otherwise the "'s" was a possessive."""
    for key in list(scores):
        if key not in scores:
            continue  # joined already
        possessive = f"{names[key]}'s"
        other = _company_key(possessive)
        if other == key or other not in scores:
            continue
        whole = any(_POSSESSIVE_NAME_END.match(text, at + len(possessive)) for at in _whole_word_at(possessive, text))
        keep, drop = (other, key) if whole else (key, other)
        scores[keep] += scores.pop(drop)
        names.pop(drop)


# What follows a name that ends in "'s" (not a possessive): the end of a phrase or a legal form.
_POSSESSIVE_NAME_END = re.compile(rf"[ \t]*(?:$|[.,;:!?)\]\n|·–—\"]|-[ \t]|{LEGAL_FORM_IN_LINE.pattern})", re.M | re.I)


def _with_its_article(name: str, text: str) -> str:
    """ "The Crate Shop", "La Casita Cantina" when the email writes the same capitalised
    article before the name every time, once at least mid-sentence ("applying at The Crate
    Shop"): the article is part of the name. A sentence's or a sign-off's "The" ("The Acme
    Team") proves nothing."""
    articles = set()
    mid_sentence = False
    for start in _whole_word_at(name, text, before="_&'", after="_&"):
        article = _ARTICLE_BEFORE.search(text, max(0, start - 12), start)
        if article is None:
            return name
        articles.add(article.group("a"))
        mid_sentence = mid_sentence or article.group("w") is not None
    return f"{articles.pop()}{name}" if mid_sentence and len(articles) == 1 else name


def _whole_word_at(name: str, text: str, before: str = "_", after: str = "_") -> Iterator[int]:
    """Where `name` stands in `text` as whole words: no letter or digit next to it, nor
    one of the characters in `before` / `after` (a text search, not a pattern compiled
    per email)."""
    start = text.find(name) if name else -1
    while start != -1:
        end = start + len(name)
        left, right = text[start - 1 : start], text[end : end + 1]
        if not (left and (left.isalnum() or left in before)) and not (right and (right.isalnum() or right in after)):
            yield start
        start = text.find(name, start + 1)


# A capitalised article just before a name, and whether a word or a comma comes before it.
_ARTICLE_BEFORE = re.compile(r"(?P<w>[a-z,][ \t])?(?<![\w'])(?P<a>(?:The|La|Le|Les|El|Los|Las)[ \t]|L')$")


_ACRONYM = re.compile(rf"[{_UPPER}&]{{2,6}}")


def _whole_name(best: str, scores: dict[str, float], names: dict[str, str], text: str) -> str:
    """The name the email itself uses when the domain spells only its start: "Mercy
    Valley" for mercyvalley.example, where the sender and the text say "Mercy Valley
    Health" every time (a name the text also uses alone stays as it is)."""
    short = names[best]
    for key, name in sorted(names.items(), key=lambda item: -len(item[1])):
        if (
            key != best
            and name.startswith(short + " ")
            and scores[key] >= 5
            # Every sighting of the short name is the start of the whole one.
            and 0 < text.count(name) == text.count(short)
        ):
            return key
    return best


def _fuller_name(name: str, candidates: list[str], texts: tuple[str, ...]) -> str:
    """The employer's full name when the email also spells it: "Software Engineering
    Institute" for the acronym "SEI", "Acme Global LLC" (a legal name) for "Acme"."""
    for other in candidates:
        if other != name and other.startswith(name + " ") and LEGAL_SUFFIX.search(other):
            return other
    if _ACRONYM.fullmatch(name):
        wanted = name.lower().replace("&", "")
        for text in (*candidates, *texts):
            for run in _CAPITALISED_RUN.finditer(text):
                if (spelled := _spelled_as(run.group(0), wanted)) and _tidy_company(spelled) == spelled:
                    return spelled
    return name


def _spelled_as(run: str, initials: str) -> str:
    """The words of a run of capitalised words whose initials are `initials`."""
    words = run.split()
    for i in range(len(words)):
        for j in range(i + 2, len(words) + 1):
            if _initials(" ".join(words[i:j])) == initials and words[j - 1].lower() not in _MINOR_WORDS:
                return " ".join(words[i:j])
    return ""
