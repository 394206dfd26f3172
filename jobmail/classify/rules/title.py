"""The job title: from the subject and the body."""

from __future__ import annotations

import re
from collections.abc import Callable

from jobmail.classify.prompt import CLOSING_LINE
from jobmail.classify.rules.phrases import _SUBJECT_SEPARATOR, _UPPER, _Anchored, _lowered
from jobmail.text.clean import unescape_entities
from jobmail.text.names import (
    GENDER_TAG,
    JOB_CARD,
    LEADING_REQUISITION_ID,
    REPLY_PREFIX,
    REQUISITION_ID,
    TRAILING_REQUISITION_ID,
    cached_when_short,
    normalise_key,
    title_key,
)

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
    r"|comptable|technicien|alternant|consultor|gerente|coordinador|especialista|becari[oa]|asistente"
    r"|expert\b|examiner|\bpm\b|faculty|\bciso\b|\bcio\b|\bisso\b)"
)
_TITLE_WORDS_LOWER = re.compile(_TITLE_WORDS.pattern.removeprefix("(?i)"))
# "Brightlane Nursery", "Halden Engineering", "Stone Architecture": a word made from a
# role noun names a field or a business, not a role.
_NOT_DERIVED = r"(?!ing\b|ry\b|y\b|ure\b|ial\b|ic\b)"
#: More nouns that end a job title. Reading a title only: whether mail is about a job at
#: all still rests on _TITLE_WORDS ("driver" or "partner" alone says little there).
_ROLE_NOUNS = re.compile(
    _TITLE_WORDS.pattern.removesuffix(")")
    + r"|\b(?:hunter|responder|handler|investigator|inspector|attorney|paralegal|underwriter|actuary|banker|teller"
    r"|trader|broker|cashier|barista|driver|pilot|chef|cook|surveyor|estimator|machinist|welder|dispatcher"
    r"|courier|librarian|curator|translator|interpreter|journalist|reporter|photographer|marketer|copywriter"
    r"|bookkeeper|generalist|partner|ambassador|evangelist|apprentice|hygienist|dentist|surgeon|psychologist"
    r"|counsel+or|paramedic|caregiver|aide|steward|merchandiser|sourcer|modell?er|illustrator|scholar|sme|sdet|swe"
    r"|adjuster|processor|supervisor|superintendent|foreman|installer|bartender|custodian|janitor|biologist"
    r"|chemist|physicist|mathematician|geologist|epidemiologist|veterinarian|dietitian|nutritionist|tutor|educator"
    # Shop floors, kitchens, hotels, warehouses, classrooms and sites.
    r"|server|housekeeper|attendant|dishwasher|porter|valet|busser|concierge|stocker|picker|packer|loader"
    r"|lifeguard|paraprofessional|carpenter|plumber|laborer|labourer|groundskeeper|nanny|baker|butcher|greeter"
    r"|phlebotomist|sonographer|midwife|mgr|operative|(?:team|crew|staff) member|gardener|hairdresser|stylist"
    r"|roofer|bricklayer|glazier"
    # (Feminine forms that also mean a thing: "técnica" is a technique too.)
    r"|técnica"
    r"|member of (?:the )?technical staff|new grad(?:uate)?)\b)" + _NOT_DERIVED
)
# (".NET" may start a word; "Sr." and the like end one with their dot.)
_T_WORD = (
    r"(?:\.(?=[A-Z]))?[\w/&+#'-]+(?:\.[\w/&+#'-]+)*"
    r"(?:(?:(?<=\bSr)|(?<=\bJr)|(?<=\bMgr)|(?<=\bSnr)|(?<=\bAsst)|(?<=\bAssoc))\.)?"
)
_T_TOKEN = rf"(?:{_T_WORD}|\([^()\n]{{1,40}}\))"
# A run of words starting with a capital; commas and spaced hyphens only before another
# capital ("Senior Software Engineer, Patient Apps", "Software Engineer III - Flight Systems").
# A year after a comma or colon belongs too ("Back End Developer: 2026", "Analyst, 2027 Start").
_TITLE = (
    rf"(?P<t>[{_UPPER}0-9.]{_T_WORD}"
    rf"(?:(?:[ ]|[,:][ ](?=[{_UPPER}]|(?:19|20)\d\d\b|(?:remote|hybrid|on-?site)\b)|[ ][-–][ ](?=[{_UPPER}]))"
    rf"{_T_TOKEN})*)"
)
_TITLE_ANCHORS = [
    # A labelled field: "Job Title: X", "Position Title: X".
    # (Grouped: _Anchored appends the space after the anchor, to both alternatives.)
    (r"(?:(?:job|position|role) title\s*:?|title\s*:)", 6),
    # "Ref: 110127BR - Data Scientist Intern", "Req 4411 – Analyst".
    (r"(?:ref|reference|req|requisition|job id)\s*(?:#|no\.?|id|number)?\s*:?\s*[\w-]*\d[\w-]*\s*[-–:|]", 4),
    # "the position 12345 - Analyst".
    (r"(?:position|job|role|vacancy|opening)\s*#?\s*[\w-]*\d[\w-]*\s*[-–:|]", 4),
    (r"(?:submitted|submitting|submission|received|considered|consideration|considering you) for(?: the)?", 4),
    (r"(?:resume|cv|candidacy|profile|process) for(?: the)?", 3),
    # A Workday-style requisition id right before the title: "JR-20931 Data Analyst (C1234)".
    (r"(?:jr|r|req)[-_]?\d{5,}\s*[-–:|]?", 3),
    # "Your application to Acme for Data Analyst": the employer between the two.
    (r"(?:application|applying|applied) (?:to|with|at) [^\n.;:!?]{2,60}? for(?: the| our| an?)?", 4),
    (r"(?:interview|call|chat|meeting|conversation|screen) (?:with|at) [^\n.;:!?]{2,60}? for(?: the| our| an?)?", 2.5),
    # "Thank you for taking the time to apply for X".
    (r"apply (?:for|to)(?: the| our)?", 3),
    # "a phone screen for X", "the hiring manager for X", "Opening for X", "a hiring event for X".
    (
        r"(?:screen|screening|requisition|opening|openings|vacancy|vacancies|hiring manager|hiring team"
        r"|hiring event|hiring day|open interviews|walk-in interviews)"
        r" for(?: the| our| an?)?",
        2.5,
    ),
    (r"regarding", 2),
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
    # "for the job Data Analyst", "for the role Data Analyst || Denver": the noun, then the title.
    (
        r"(?:for|to) (?:the )?(?:job|position|role|opening)"
        r"(?:\s*(?:id|#|no\.?|number)?\s*:?\s*[\w-]*\d[\w-]*)?\s*[,:–-]?",
        4,
    ),
    # "We received your application for:" with the title on the next line.
    (r"(?:application|applying|applied|candidacy) (?:for|to)(?: the)?(?: position of| role of)?\s*:?", 4),
    (r"(?:role|position|opening|vacancy|job)[^.\n:]{0,30}:", 3),
    (r"(?:for|to|about|regarding|on|in|and) (?:the|our|your|this|a|an)", 2),
    (
        r"(?:call|chat|interview|conversation|update|next steps?|decision|offer|assessment|challenge|task|exercise|test"
        r"|questionnaire|onsite|feedback|invitation|follow-up|follow up|reminder|confirmation|acknowledgement"
        r"|acknowledgment|status|result|results|outcome) (?:for|about|regarding|on)(?: the| our| your)?",
        2.5,
    ),
    (
        # (Not "the Hiring Manager", "our hiring team": the people who hire.)
        r"(?:hiring(?!\s+(?:managers?|team|committee|process|lead|partner|decision)\b)|looking for|searching for"
        r"|recruiting for|suchen|sucht|recherchons|recherche|buscamos|busca)"
        r"(?: an?| einen| eine| un| une| una)?",
        2,
    ),
    # "Thank you for your interest in Threat Hunter II": some ATS templates put the
    # role itself after "interest in" (a title needs a role noun, so "interest in
    # Acme" gives none).
    (r"interest in", 2),
    # "The position you applied for, Data Analyst, has been filled".
    (r"(?:position|role|job|vacancy|opening) (?:that )?you (?:applied|interviewed) for,", 4),
    (r"(?:your|my)", 1.5),
    (r"as (?:a|an|our)", 1),
]
_TITLE_PATTERNS = [_Anchored(anchor, _TITLE, weight) for anchor, weight in _TITLE_ANCHORS]
# Lowercase titles ("for the senior software engineer position"): kept only when a
# title noun ends the run, and scored a little lower.
_TITLE_LOWER = (
    r"(?!(?:the|our|your|this|that|a|an|le|la|les|l'|el|los|las|un|une|una|die|der|das|den|dem|unsere[nrm]?|notre"
    r"|nuestr[oa]|position|role|poste|puesto|stelle|job"
    # A connector starts no title: "for the position of barista" reads "barista" from "of".
    r"|of|for|to|in|at|with|and|or|on|by|from|as"
    # Words that point at a posting without naming it: "this particular internship", "the open role".
    r"|particular|specific|open|available|following|above|aforementioned|same|other|current|exciting|great|right"
    r"|perfect|ideal|mentioned|posted|advertised|relevant|said|any|each|every|some|all|such|future|previous|various"
    r"|several|many|multiple|numerous|additional|similar|different|new|potential|possible|suitable)\b)"
    # "the part-time cashier position": the hours are no part of a lowercase title.
    r"(?:(?:part[- ]time|full[- ]time|seasonal|temporary)[ ])?"
    rf"(?P<t>[a-zà-ÿ][\w/&+#'-]*(?:[ ]{_T_TOKEN}){{0,8}})"
)
_TITLE_PATTERNS += [_Anchored(anchor, _TITLE_LOWER, weight - 0.5) for anchor, weight in _TITLE_ANCHORS if weight >= 2]
# The anchors that name the application or the job ("applying for", "interest in"), after
# which a bounded run is a title even without a role noun; "for the" alone is not one ("to
# Monitor and Protect Every Service with Acme").
_BOUNDING = frozenset(p for p in _TITLE_PATTERNS if p.weight >= 3 or p.anchor.pattern.startswith("interest in"))
_TITLE_LINE = re.compile(
    rf"^[ \t]*(?i:position|role|job|title|vacancy|opening|requisition|stelle|poste|puesto|vacante|rolle)"
    rf"(?![\w /]*\b(?i:id|number|no|nr|code|ref|reference|location|type|link)\b)[\w /]{{0,20}}:[ \t]*{_TITLE}",
    re.M,
)
# "Job Title - Data Analyst", "Job title Data Analyst": a recruiter's field without a colon.
# A table's cells joined by "|" or a tab: "Position | Data Analyst".
_TITLE_FIELD = re.compile(
    rf"^[ \t]*(?:(?i:(?:job|position|role) title)(?:[ \t]*[–-])?[ \t]+"
    rf"|(?i:(?:job|position|role) title|position|role|job)[ \t]*(?:\||\t)[ \t]*){_TITLE}",
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
        # A sentence that starts right after the title on a table's line.
        "please",
        "click",
        "kindly",
    )
)
# A sentence that starts right after the title in a body flattened to one line ("Data
# Analyst If you have questions"); not in capitals ("IT Specialist").
_SENTENCE_STARTS = frozenset(
    {
        "if",
        "must",
        "dear",
        "hi",
        "hello",
        "thank",
        "thanks",
        "unfortunately",
        "congratulations",
        "regards",
        "sincerely",
        "should",
        "would",
        "can",
        "may",
        "as",
        "after",
        "while",
        "when",
        "since",
        "because",
        "this",
        "it",
        "they",
        "apply",
        "view",
        "learn",
    }
)
# Work arrangements and durations are not part of the title: "(12 months)", "- Remote".
_WORK_MODE = (
    r"remote|hybrid|on-?site|in[- ]office|contract|full[- ]time|part[- ]time|freelance|permanent|temporary|seasonal"
    r"|per diem|cdi|cdd|befristet|unbefristet|teilzeit|vollzeit|remoto|híbrido|hybride|presencial"
    r"|télétravail|(?:day|night|evening|weekend|overnight|rotating|1st|2nd|3rd|first|second|third) shift"
    # "(Days)", "(Nights)", "(Weekends)": the hours a shift role works.
    r"|days|nights|evenings|weekends|overnights|term[- ]time(?: only)?|flexible(?: hours)?"
    r"|w-?2|c2c|1099|corp[- ]to[- ]corp"
)
_ARRANGEMENT = re.compile(
    rf"\s*(?:\([^()]*(?:\d\s*(?:months?|monate?|mois|meses|years?|weeks?)|(?<![\w-])(?:{_WORK_MODE})\b|[$£€]\s?\d)[^()]*\)"
    # A rate of pay: "- $19/hour", ", £11.50 per hour".
    r"|\s?[,–|-]\s*[$£€]\s?\d[^,()]*"
    # A list of skills in parentheses: "(Python/FastAPI, PostGIS, AWS)".
    r"|\([^()]*,[^()]*\)"
    # "- Remote", ", Remote - US", "| 100% Remote (US only)", "- Contract to Hire", "- W2 only".
    r"|\s?[,–|-]\s*(?:100\s*%\s*)?(?:remote(?! sensing)|hybrid|on-?site|contract|full[- ]time|part[- ]time|remoto"
    r"|télétravail|temporary|permanent|seasonal|w-?2|c2c|1099|corp[- ]to[- ]corp"
    # "- 2nd Shift", ", Night Shift": the hours, not the role.
    r"|(?:day|night|evening|weekend|overnight|rotating|1st|2nd|3rd|first|second|third|graveyard) shift"
    r"|days|nights|evenings|weekends|overnights)"
    r"\b[^,()]*(?:\([^()]*\))?"
    r"|\s?[,–|-]\s*(?:w-?2|c2c|1099)(?:\s*/\s*(?:w-?2|c2c|1099))*)\s*$",
    re.IGNORECASE,
)
# The same in parentheses inside a title, before a dash or a place: "Data Engineer (Remote) - Payments".
_ARRANGEMENT_INSIDE = re.compile(
    rf"(?i)[ \t]*(?:\((?:[^()]*[\s,/-])?(?:{_WORK_MODE})\b[^()]*\)|\[(?:[^\[\]]*[\s,/-])?(?:{_WORK_MODE})\b[^\[\]]*\])"
)
_TRAILING_TITLE_WORDS = re.compile(
    r"\s+(?:position|role|opening|vacancy|job|opportunity|interview|application|take-home(?: task)?|assessment"
    r"|coding challenge|offer|onsite|process|team|stelle|poste|puesto)$"
    # The step a subject names after the title: "Data Analyst Application Status", "Data
    # Analyst Interview Invitation", "Data Analyst Offer Letter".
    r"|\s+(?:application|interview|offer|candidacy|assessment|phone screen|screening|opportunity)(?:\s+(?:status"
    r"|update|invitation|invite|confirmation|request|letter|received|submitted|acknowledge?ment|follow[- ]?up"
    r"|next steps|feedback|decision|result|details|reminder|scheduling|schedule|scheduled|availability))+$"
    # A step after a separator: "Data Analyst - Submitted", "Data Analyst | Application Received".
    r"|\s+[-–|:]\s+(?:(?:your |job )?application\s*)?(?:submitted|received|confirmed|confirmation|acknowledg\w*"
    r"|update[sd]?"
    r"|status(?: update)?|under review|in review|reviewed|withdrawn|closed|cancell?ed|filled|declined|complete[d]?"
    r"|incomplete|next steps|follow[- ]?up|thank you|thanks)!?$",
    re.IGNORECASE,
)


# "Frontend Engineer, Growth Team": the team a posting names after a comma is part of it.
_TEAM_IN_TITLE = re.compile(rf",[ ](?:[{_UPPER}][\w&/+-]*[ ]){{1,3}}Team$")
_INNER_ID = re.compile(
    # A year in parentheses is no id: "Software Engineer, New Grad (2027)".
    rf"(?![ \t]*\((?:19|20)\d\d\)){REQUISITION_ID.pattern}"
    r"|[ \t]*\((?:kennziffer|referenz|réf(?:érence)?|ref(?:erencia)?)\b[^)\n]*\)",
    re.IGNORECASE,
)
# Bookkeeping after a title: "IT Specialist (INFOSEC), Announcement Number ABC-25-1",
# "Program Analyst, GS-0343-12" (a federal pay grade).
_BOOKKEEPING = re.compile(
    r"(?i)(?:,|\s[-–|]|\s(?=under\b))\s*(?:(?:(?:job |under )?(?:announcement|vacancy|control|posting))"
    r"\s*(?:number|no\b\.?|#|id\b|:|[A-Z]*\d)"
    r"|(?:GS|GG|GL|WG)-\d{3,4}\b).*$"
)
# The next field of a form, or a place, after a title on a line that runs on.
_NEXT_FIELD = re.compile(
    r"\s+(?:(?i:(?:work |job )?location|job (?:id|type|number|code)|req(?:uisition)?(?: id| number| no\.?| #)?"
    r"|duration)\b:?|(?i:client|status|salary|rate|pay|compensation|department|employment type|start date|clearance"
    r"|visa|posted|closing date):|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2},[ ]?[A-Z]{2}\b).*$"
)
# A place or a work arrangement after a dash ends the title, with whatever follows it:
# "Data Analyst - Denver, CO", "Data Analyst - Austin, Texas", "Cloud Engineer - Remote - Long
# term contract", "Barista - Store #4471".
_REGION = (
    r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho"
    r"|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota"
    r"|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York"
    r"|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina"
    r"|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"
    r"|District of Columbia|D\.C\.|DC"
    # and the countries job mail most often names after a city.
    r"|USA?|United States|Canada|Mexico|Brazil|Argentina|Chile|Colombia|UK|United Kingdom|England|Scotland|Ireland"
    r"|France|Germany|Deutschland|Spain|Portugal|Italy|Netherlands|Belgium|Switzerland|Austria|Poland|Sweden"
    r"|Norway|Denmark|Finland|Czechia|Czech Republic|Romania|Greece|Turkey|Israel|India|China|Japan|Singapore"
    r"|Australia|New Zealand|South Africa|Nigeria|Kenya|Egypt|Philippines|Vietnam|Indonesia|Malaysia|Korea"
    r"|South Korea|UAE|United Arab Emirates|Saudi Arabia"
)
_PLACE_AFTER_DASH = re.compile(
    rf"\s+[-–|]\s+(?:[{_UPPER}][\w.'-]*(?:[ ][{_UPPER}][\w.'-]*){{0,3}},[ ]?(?:[A-Z]{{2}}\b|(?:{_REGION})\b)"
    r"|(?i:remote|hybrid|on-?site)\b|(?i:store|location|site|branch|clinic|restaurant|unit|shop)\s*#?\s*\d+\b).*$"
)
# A place then a work arrangement after a dash: "Lead Developer – Köln, hybrid" (not "Nurse
# - ICU (Remote)", where the word after the dash is the specialty).
_PLACE_THEN_MODE = re.compile(
    rf"\s+[-–|]\s+[{_UPPER}][\w.'-]*(?:[ ][{_UPPER}][\w.'-]*){{0,2}},[ ]*(?i:{_WORK_MODE})\b.*$"
)
# The team, specialty or unit a posting names after its role: "Registered Nurse - ICU",
# "Data Engineer – Platform", "Senior Analyst - Fraud & Risk". A segment made only of these
# words is part of the title, never the employer (a name that adds its own word, "Northwind
# Payments", is not made only of them).
_FIELD_WORD = (
    r"operations|ops|platforms?|payments?|billing|risk|fraud|compliance|security|identity|access|privacy|trust"
    r"|safety|infrastructure|cloud|data|analytics|insights|reporting|search|growth|enterprise|mid-?market|smb"
    r"|commercial|public|sector|federal|government|consumer|retail|wholesale|channel|partnerships?|strategy"
    r"|finance|financial|treasury|tax|audit|accounting|payroll|benefits|legal|regulatory|marketing|brand|content"
    r"|product|design|systems?|experience|developer|engineering|research|quality|test|testing|automation"
    r"|backend|back-end|frontend|front-end|full-?stack|mobile|web|ios|android|api|apis|core|tools|tooling"
    r"|machine|learning|ml|ai|computer|vision|nlp|networking|network|storage|database|devops|reliability"
    r"|sales|support|customer|success|care|services?|solutions|implementation|onboarding|training|hr|people"
    r"|talent|it|helpdesk|facilities|maintenance|fulfil?lment|logistics|supply|chain|procurement|inventory"
    r"|warehouse|shipping|receiving|forklift|manufacturing|production|assembly|construction|field|clinical"
    r"|icu|nicu|picu|er|ed|or|emergency|urgent|critical|intensive|acute|primary|outpatient|inpatient"
    r"|oncology|cardiology|pediatrics|paediatrics|radiology|orthopedics|orthopaedics|neurology|surgery|surgical"
    r"|med-?surg|labor|delivery|maternity|behavioral|mental|health|home|hospice|rehab|rehabilitation|pharmacy"
    r"|special|education|math|mathematics|science|english|stem|early|childhood|elementary|secondary"
    r"|trading|markets|capital|investments?|lending|credit|underwriting|claims|actuarial|wealth|banking"
    r"|internal|external|communications|admissions|student|academic|affairs|technology|technical"
    r"|information|digital|media|social|creative|games?|gameplay|graphics|audio|video|hardware|firmware"
    r"|embedded|electrical|mechanical|civil|chemical|process|energy|environmental|sustainability"
)
# "… at Acme" ends a subject's segment: what follows names the employer.
_AT_EMPLOYER = re.compile(r"(?i)\s+(?:at|bei|chez|with|@)\s+.*$")
_TEAM_RUN = rf"(?i:(?:{_FIELD_WORD})(?:(?:[ ]|[ ]?[&/][ ]?|,[ ]|[ ](?:and|of)[ ])(?:{_FIELD_WORD})){{0,4}}(?:[ ]team)?)"
_TEAM_TAIL = re.compile(_TEAM_RUN)


# A role, then its field after "in", "for" or "on": "Software Engineer in Test".
_ROLE_IN_FIELD = re.compile(rf"(?P<r>[{_UPPER}][^\n]{{0,60}}?)[ ](?:in|for|on)[ ](?P<f>{_TEAM_RUN})")


def is_team_tail(segment: str) -> bool:
    """Whether a segment after a role names only its team, specialty or unit (see _FIELD_WORD)."""
    return _TEAM_TAIL.fullmatch(segment.strip()) is not None


# A place in parentheses that ends a title: "Data Analyst (Denver, CO)".
_PLACE_IN_PARENTHESES = re.compile(rf"[ \t]*\([{_UPPER}][\w.' -]*,[ ]?(?:[A-Z]{{2}}|{_REGION})\)$")


@cached_when_short(4096)
def _title_words(raw: str) -> str:
    """Keep the title's words: capitalised ones, connectors, and a word after a connector."""
    # Spaces inside parentheses ("(Payments Team)") do not end the title.
    protected = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(" ", "\x00"), raw.strip())
    kept: list[str] = []
    pending: list[str] = []  # lowercase words kept only if a title noun follows ("senior software engineer")
    tokens = protected.split()
    for index, token in enumerate(tokens):
        bare = token.strip(",").lower()
        previous = kept[-1].lower() if kept else ""
        if token in ("or", "and/or") and kept and index + 1 < len(tokens) and tokens[index + 1][0].isupper():
            return ""  # "the Line Cook or Dishwasher position": two roles, and which one is not said
        if token == "and/or":
            return ""  # "a Python development and/or lead role": kinds of work, no posting
        if (bare in _TITLE_STOPS or (bare in _SENTENCE_STARTS and not token.isupper())) and (kept or pending):
            # "interest in Manager, …": a lowercase run that reaches a preposition
            # before any title word was a sentence, not the start of a title.
            break
        if bare == "i" and previous in ("and", "&"):
            break  # "a Data Analyst and I think you would fit": the writer, not a level
        if bare in ("the", "your", "this", "my") and kept and previous not in _TITLE_CONNECTORS:
            break  # "Regarding the Manager, …": a sentence, not a title ("Head of the Americas" is one)
        if kept and token.endswith(".") and _ROLE_NOUNS.fullmatch(bare.rstrip(".")):
            kept.append(token)
            break  # "a Pastry Assistant. Sadly we…": the sentence ended on the role
        if token in ("-", "–"):  # "Software Engineer III - Flight Systems", "Research Lead – Model Security"
            kept.append(token)
            continue
        capitalised = token[0].isupper() or token[0].isdigit() or token[0] in "(.#" or any(c.isupper() for c in token)
        # "data analyst co-op": a work term ends a lowercase title as a role noun does.
        # ("line cook", "barista": the nouns of trades end a lowercase title as well.)
        title_noun = _ROLE_NOUNS.fullmatch(bare) is not None or (bare in ("co-op", "coop") and bool(kept or pending))
        joins = not pending and (bare in _TITLE_CONNECTORS or previous in _LOWERCASE_AFTER)
        if pending and not title_noun and not token[0].islower():
            break  # "und das damit verbundene Interesse": the lowercase run led nowhere
        elif capitalised or title_noun or joins:
            kept.extend(pending)
            pending = []
            kept.append(token)
        elif len(pending) < 3 and not token.endswith(",") and bare not in ("the", "a", "an"):
            # ("the status of the barista": an article inside a lowercase run starts a
            # noun phrase of its own.)
            pending.append(token)
        else:
            break
    while kept and (kept[-1].lower() in _TITLE_CONNECTORS or kept[-1] in ("-", "–")):
        kept.pop()
    return " ".join(kept).replace("\x00", " ")


# A subject's part that is only an intake: "Summer 2027", "2027", "Fall 2027 Co-op".
_INTAKE_PART = re.compile(
    r"(?i)(?:(?:summer|fall|autumn|winter|spring)\s+(?:19|20)\d\d|(?:19|20)\d\d(?:\s+(?:summer|fall|autumn|winter|spring))?)"
    r"(?:\s+(?:interns?(?:hip)?|co-?op))?"
)
# "Internship", "Summer Internship", "2027 New Grad": a kind of intake, naming no role.
_BARE_INTAKE = re.compile(
    r"(?i)(?:(?:summer|fall|autumn|winter|spring|(?:19|20)\d\d)\s+){0,2}internships?"
    # (A season's intern is one: "Summer Intern", "Summer Analyst".)
    r"|(?:(?:19|20)\d\d\s+)?(?:interns?|co-?ops?|new grad)"
)


# The ward or department a posting places the role in: "Patient Care Technician in the
# Emergency Department", "Registered Nurse in our Cardiac Unit".
_WARD_AFTER = re.compile(
    rf"(?<=\w)\s+in\s+(?:the|our)\s+(?:[{_UPPER}][\w/&'-]*\s+){{1,4}}(?i:department|unit|division|ward|clinic)$"
)


_LEADING_DOT_WORD = re.compile(r"\s*\.[A-Z]")


@cached_when_short(4096)
def _tidy_title(raw: str, spanned: bool = False) -> str:
    # A field's label is not part of the title: "Job Title - Data Analyst" on a recruiter's line.
    # So is a bare field's label with its colon: "Position: barista" on a card-like line.
    raw = re.sub(
        r"^(?:(?:(?:job|position|role) title|job role)\b\s*[:–-]?|(?:position|role|job|vacancy|opening)\s*:)\s*",
        "",
        raw.strip(),
        flags=re.IGNORECASE,
    )
    raw = re.sub(r"^(?:d'|l'|de\s|du\s|(?:your|my|our|the|this)\s+(?=[A-Z0-9]))", "", raw, flags=re.IGNORECASE)
    raw = _LEADING_JOB_WORDS.sub("", raw)
    raw = _ARRANGEMENT_INSIDE.sub("", _PLACE_THEN_MODE.sub("", raw))
    if re.fullmatch(r"\([^()]+\)", raw):
        raw = raw[1:-1]  # "Your application to Acme (Data Analyst)": the role in parentheses
    title = raw if spanned else _title_words(raw)
    title = LEADING_REQUISITION_ID.sub("", title)
    # "4471 - Senior Buyer": a short number before a separator (not a year: "2021 - …").
    title = re.sub(r"^(?!(?:19|20)\d\d\b)#?\d{3,}\s*[-–:|]\s+", "", title)
    # An id in parentheses ends the posting's title: "Cloud Engineer (Job ID 88213), Dublin".
    if (inner_id := _INNER_ID.search(title)) and inner_id.start() > 0:
        title = title[: inner_id.start()]
    title = _WARD_AFTER.sub("", _PLACE_AFTER_DASH.sub("", _BOOKKEEPING.sub("", title)))
    # A body flattened to one line runs on into the next field: "Analyst Location: Reston, VA".
    for space in re.finditer(r"\s+", title):
        if _NEXT_FIELD.match(title, space.start()) and _ROLE_NOUNS.search(title[: space.start()]):
            title = title[: space.start()]
            break
    for _ in range(3):
        previous = title
        title = TRAILING_REQUISITION_ID.sub("", title)
        title = _ARRANGEMENT.sub("", title)
        title = _PLACE_IN_PARENTHESES.sub("", title)
        if not _TEAM_IN_TITLE.search(title):
            title = _TRAILING_TITLE_WORDS.sub("", title)
        # (Not the dot that starts ".NET Developer".)
        dot = "." if _LEADING_DOT_WORD.match(title) else ""
        title = dot + GENDER_TAG.sub("", title).strip(" ,.;:-–|\"'?!")
        if title == previous:
            break
    words = [word for word in title.split() if word not in ("-", "–", "|", "&")]
    if not words or len(words) > (14 if spanned else 10) or len(title) > 90 or sum(ch.isalpha() for ch in title) < 2:
        return ""
    if title.lower() in {"position", "role", "job", "team", "application", "interview"}:
        return ""
    if _BARE_INTAKE.fullmatch(title):
        return ""  # "Acme Internship Application": which programme, not which role
    return title


# "We have filled the Clinical Data Analyst position": a capitalised run between an
# article and a noun for a job names it, wherever the sentence puts it.
_POSITION_RUN = (
    rf"(?P<t>[{_UPPER}0-9][\w/&+#'.-]*(?:,?[ ][\w/&+#'.()–-]+){{0,8}}?)"
    # "our 2027 New Grad program": an intake's programme is what the candidate applied to
    # (not "the Acme Internship Program Team", a team's name).
    r"\s+(?:(?i:position|role|opening|vacancy|job|opportunity|posting|requisition|req)|program(?:me)?|post)\b"
)
_BEFORE_POSITION = re.compile(
    r"(?i:\b(?:the|our|this|your|an?)\s+(?:(?:exciting|new|great|open|amazing|excellent|fantastic|interesting|unique"
    r"|immediate|urgent|remote|hybrid|contract|permanent|full[- ]time|part[- ]time|long[- ]term|short[- ]term)\s+)*)"
    + _POSITION_RUN
)
_EXPERIENCE_BEFORE = re.compile(r"(?i)\bexperience (?:in|as|with|from) an?\s+$")
# A line of its own that a letter heads with "Re:": "Re: Medical Receptionist vacancy".
_HEADED_POSITION = re.compile(r"(?im:^[ \t]*(?:re|subject|regarding)[ \t]*:[ \t]*)" + _POSITION_RUN)
# ... also without a job noun: "Re: Summer Camp Counselor 2027" (at a line's start only, where a
# run of "Re: Re: Re:" is read once per line).
_HEADED_TITLE = re.compile(r"(?im:^[ \t]*re[ \t]*:[ \t]*)" + _TITLE)
# "thanks for applying to the cashier job", "interest in the line cook position": casual mail
# writes a role in lowercase; between "for/to/in the" and a job noun, and ending on a role
# noun, it is one (not "The backup server job failed", "she got the delivery driver job").
# (Found from the job noun back: a forward scan tries every "to" and "in" of the mail.)
_LOWER_WORD = (
    r"(?!(?:the|our|this|your|an?|of|for|to|in|at|on|with|and|or|is|was|be|as|that|new|open)\b)"
    r"(?:[a-z][a-z'-]*|(?:19|20)\d\d\b)"  # (an intake's year: "the summer 2027 marketing intern role")
)
_LOWER_JOB_NOUN = re.compile(r"[ ](?:position|role|opening|opportunity|vacancy|job|posting)\b")
_LOWER_BEFORE_POSITION = re.compile(
    r"\b(?i:for|to|in|about|regarding|into)\s+(?i:the|our|this|your|an?)\s+"
    r"(?:(?:part[- ]time|full[- ]time|seasonal|temporary|open|new)\s+)*"
    rf"(?P<t>{_LOWER_WORD}(?:[ ]{_LOWER_WORD}){{0,3}})$"
)
# "your barista application has been received": the role before "application".
_YOUR_LOWER_APPLICATION = re.compile(rf"\b(?i:your)[ ](?P<t>{_LOWER_WORD}(?:[ ]{_LOWER_WORD}){{0,3}})[ ]application\b")
# "thanks for applying to be a server at Acme!", "your interest in becoming a Line Cook.": the
# role the candidate offers to be, up to the employer or the end of the clause.
_APPLY_TO_BE = re.compile(
    r"(?i:\b(?:appl(?:y|ying|ied)|interest(?:ed)? in)\s+(?:to\s+)?(?:be|become|becoming|work(?:ing)? as)"
    r"\s+(?:an?|our|one of our)\s+(?:next\s+)?)"
    rf"(?P<t>(?i:{_LOWER_WORD})(?:[ ](?i:{_LOWER_WORD})){{0,3}}?)(?=\s+(?i:at|with|here|on|for)\b|[.!,;]|\s*$)"
)
# "the Software Engineer in Test position", "the position of Director of Sales for the Americas
# (Job No. 4471)": a title a template puts between an article and a job noun or a requisition
# id is the posting's own, so its inner "in", "for", "of the" belong to it.
_SPAN_CONNECTORS = frozenset({"in", "for", "of", "to", "on"})
_SPAN_RUN = (
    rf"(?P<t>[{_UPPER}0-9][\w/&+#'.-]*"
    rf"(?:,?[ ](?:[{_UPPER}0-9(][\w/&+#'.()-]*|(?:in|for|of|to|on)(?:[ ]the)?|and|&)){{1,12}})"
)
# What may follow a title for the text to bound it: a job noun or a requisition id (and,
# per email, "at Acme" / "with Acme" naming the employer).
_BOUND_AFTER = (
    # (A requisition id, a place or a work arrangement may come between: "Analyst - 60740 position".)
    r"(?:\s+[-–|]\s+(?:[a-z]{0,4}-?\d{4,}|remote|hybrid|on-?site|[a-z][\w.'-]*(?: [a-z][\w.'-]*){0,3},\s?[a-z]{2})"
    r"|\s*\((?:remote|hybrid|on-?site)[^()]*\))?"
    r"\s+(?:position|role|opening|opportunity|vacancy|job|posting|requisition|(?-i:post))\b|\s*\((?:job|req|[a-z]{0,4}-?\d{4,})"
    r"|,\s*(?:announcement|vacancy|req(?:uisition)?|job)\b"
)
_SPAN_RUN_LINE = re.compile(_SPAN_RUN)
_SPANNED_TITLE = re.compile(rf"(?i:\b(?:the|our|this|your|position of|role of)\s+){_SPAN_RUN}(?=(?i:{_BOUND_AFTER}))")
# 'the "Software Developer I" position'.
_QUOTED_TITLE = re.compile(
    # ... and after a job noun: 'the role "Data Analyst"', "the position 'Data Analyst'".
    r"(?:(?i:\b(?:the|for|as|to|in|of|position|role|post|vacancy|opening|job))|:)\s+(?:[\"“](?P<q>[^\"”\n]{3,80})[\"”]|['‘](?P<s>[^'‘’\n]{3,80})['’](?!\w))"
)
# A lowercase word other than a connector: a card's employer line is a name, not a sentence.
_SENTENCE_WORD = re.compile(r"(?<![\w'&.-])(?!(?:of|and|for|the|de|du|des|la|le|und|y|et|at|on|in)\b)[a-z][a-z']+\b")
_JOB_NOUN_NEXT = re.compile(r"\s+(?i:position|role|opening|opportunity|vacancy|job|posting)\b")
# A wrapped line continues on the next, unless that one is a field of its own ("Requisition: 4471").
# "announcement 26-ABC-123, IT Specialist (INFOSEC), GS-2210-12, with the ...", "announcement
# 26-ABC-123 for Program Analyst with the ...": a public employer's notice names the role
# between the announcement number and the pay grade or the employer.
_AFTER_ANNOUNCEMENT = re.compile(
    r"(?i:\b(?:job\s+)?(?:announcement|vacancy)(?:\s+(?:number|no\.?|#))?:?)\s*#?[A-Z0-9][\w-]*\d[\w-]*(?:\s*[,:–-]|\s+for)\s+"
    rf"(?P<t>[{_UPPER}][^,\n()]{{2,70}}?(?:\s\([^()\n]{{1,25}}\))?)(?=,?\s*(?:(?:GS|GG|GL|WG)-\d|(?i:with|at)\s))"
)
_SOFT_BREAK = re.compile(r"(?m)^([^\n]{55,}[^\n.!?:;])\n(?![\w][\w /#-]{0,25}:)(?=[\w(])")


# Links, as cleaning leaves them ("role[careers.acme.com]", "[Data Analyst]([jobs.acme.com]")
# or as sent ("<https://…>", "(https://…)"), and Markdown's emphasis are no part of a title.
_MARKDOWN_LINK_TEXT = re.compile(r"\[([^\[\]\n]{2,90})\]\(")
_LINK_NOISE = re.compile(
    r"[ \t]?\(?\[(?:[a-z0-9-]+\.)+[a-z]{2,}\]\)?|[ \t]?<https?://[^>\s]*>|[ \t]?\(https?://[^)\s]*\)|https?://\S+"
    r"|\*\*|(?<!\w)__|__(?!\w)"
)
# A job board's confirmation goes on to suggest other postings ("Jobs similar to yours",
# "Jobs you might like"): their cards name other roles, never the one applied to.
_SUGGESTIONS = re.compile(
    r"(?im)^[ \t]*(?:(?:more |other |similar |related |recommended |suggested |new |top )jobs\b"
    r"|jobs (?:similar to|like|you (?:may|might|could)|for you|based on|recommended|picked)"
    r"|(?:recommended|suggested|picked) (?:for you|jobs|roles|positions)"
    r"|(?:people|candidates|job ?seekers) (?:also|who) (?:viewed|applied|searched)"
    r"|(?:discover|explore|browse|see) (?:more|other|similar) (?:jobs|roles|positions|openings|opportunities)"
    r"|(?:you (?:may|might) (?:also )?(?:like|be interested in))|keep (?:it going|the momentum))[^\n]*$"
)


def extract_title(subject: str, body: str, company: str = "", candidate: frozenset[str] = frozenset()) -> str:
    """The job title the email names; never `company` ("Harbour Engineering
    Institute" reads like a role but is the employer): the next best one then.
    `candidate`: the casefolded words of the candidate's own name, which subjects
    add to a title ("Data Analyst - Dana Demo")."""
    body = _LINK_NOISE.sub("", _MARKDOWN_LINK_TEXT.sub(r"\1 ", unescape_entities(body)))
    if (suggestions := _SUGGESTIONS.search(body)) and suggestions.start() > 0:
        body = body[: suggestions.start()]
    scores: dict[str, float] = {}
    seen: dict[str, int] = {}
    spelled: dict[str, str] = {}

    spanned_keys: set[str] = set()
    possessive = f"{company}'s " if company else ""
    bounds = _Bounds(company)

    def consider(raw: str, weight: float, spanned: bool = False, delimited: bool = False, named: bool = False) -> None:
        """delimited: the text bounds the title on both sides ("the X position", "for X at
        Acme"), so it needs no role noun ("Vice President", "Chief of Staff")."""
        if possessive and raw.startswith(possessive):
            raw = raw[len(possessive) :]  # "Acme's Data Analyst opening"
        elif company:
            raw = without_company(raw, company)  # "Acme Data Analyst Opportunity"
        if _INTERVIEWER_ROUND.fullmatch(raw.strip()):
            return  # "Hiring Manager Interview", "Recruiter Screen": who interviews, not the role
        title = _tidy_title(raw, spanned)
        if not title:
            return
        last = title.split()[-1].lower()
        # ("Home Health Aides", "Line Cooks": a plural of a role noun is one too.)
        plural = last.endswith("s") and _ROLE_NOUNS.fullmatch(last[:-1]) is not None
        if (
            not (_ROLE_NOUNS.search(title) or plural)
            and weight < 5
            and not (delimited and _NOUNLESS_TITLE.fullmatch(title) and not _PLACE_LINE.fullmatch(title))
        ):
            return
        if ((weight < 4 and not delimited) or " " not in title.strip()) and plural:
            # "openings for Data Engineers", "applying to Internships at Acme": a kind of
            # role, not the one applied to.
            return
        if weight < 3 and not delimited and _HIRING_SIDE.search(title):
            return  # "Your Talent Acquisition Partner will reach out": who writes, not the role
        if title.islower() and " " not in title and not named and not (delimited and _is_lone_role(title)):
            return  # "the hiring manager": a bare lowercase noun names no role
        if title.startswith("hiring "):
            return  # "applying to the hiring manager role": who hires, in lowercase
        if _ARTICLE_THEN_LOWER.match(title):
            return  # 'A reader asks: "A recruiter asked for my salary…"': a sentence's subject
        key = title.lower()
        # The strongest place that names it, and a little more for every other place.
        scores[key] = max(scores[key] + 0.5, weight + 0.5 * seen[key]) if key in scores else weight
        seen[key] = seen.get(key, 0) + 1
        spelled.setdefault(key, title)

    def consider_span(raw: str, weight: float) -> None:
        # "applying to Acme for the Analyst role": the employer is no part of a span.
        if _is_span(raw) and not (company and normalise_key(raw).startswith(normalise_key(company) + " ")):
            consider(raw, weight, spanned=True, delimited=True)
            spanned_keys.add(_tidy_title(raw, spanned=True).lower())

    clean_subject = _without_name(REPLY_PREFIX.sub("", _EXTERNAL_TAG.sub("", subject)).strip(), candidate)
    for match in (*_TITLE_LINE.finditer(body), *_TITLE_FIELD.finditer(body)):
        consider(match.group("t"), 6)
        # A field's value runs to the end of its line: "Role: Software Engineer in Test".
        value = re.split(r"[ \t]*(?:\||\t)", body[match.start("t") :].partition("\n")[0])[0].strip()
        if _SPAN_RUN_LINE.fullmatch(value):
            consider_span(value, 6)
    for text in (clean_subject, body[:4000]):
        for match in _QUOTED_TITLE.finditer(text):
            # 'the "Chief of Staff" position': the quotes and the job noun bound it.
            consider(match.group("q") or match.group("s"), 4, delimited=bool(_JOB_NOUN_NEXT.match(text, match.end())))
    cards = 0
    for match in JOB_CARD.finditer(body[:4000]):
        if _ROLE_NOUNS.search(match.group("c")) and not _ROLE_NOUNS.search(match.group("t")):
            # "Sam Lee\nPrincipal Consultant | Acme Talent": a signature, the signer's
            # name over their own role, not a card's title over its employer.
            continue
        if match.group("t").rstrip().endswith(",") or _SENTENCE_WORD.search(match.group("c")):
            continue  # "Hi Dana,\nWe saw you applied for X - Remote": a greeting over a sentence
        if _WHEN_LINE.match(match.group("c")):
            continue  # "Interview - Dana Demo - Data Analyst\nMonday, October 26": an event's name over its time
        # The first card is the role the mail is about; later ones (unless the employer's)
        # are a board's suggestions of other jobs.
        own = bool(company) and normalise_key(match.group("c")) == normalise_key(company)
        weight = 4 if cards == 0 or own else 2
        cards += 1
        consider(match.group("t"), weight, delimited=True)
        if _SPAN_RUN_LINE.fullmatch(match.group("t").strip()):
            consider_span(match.group("t").strip(), weight)

    for text, factor in ((clean_subject, 1.2), (body[:4000], 1.0)):
        for match in (*_BEFORE_POSITION.finditer(text), *_HEADED_POSITION.finditer(text)):
            # Bounded only when the whole run up to the job noun is the title ("the NDA. Your
            # onsite interview for the X position" is not).
            raw = match.group("t")
            if _EXPERIENCE_BEFORE.search(text, max(match.start() - 40, 0), match.start("t")):
                continue  # "3+ years of experience in a Data Analyst role": a requirement, not the posting
            consider(raw, 3 * factor, delimited=_tidy_title(raw) == _tidy_title(raw, spanned=True))
        for match in _SPANNED_TITLE.finditer(text):
            consider_span(match.group("t"), 3 * factor)
        lower = [
            found
            for noun in _LOWER_JOB_NOUN.finditer(text)
            if (found := _LOWER_BEFORE_POSITION.search(text, max(noun.start() - 90, 0), noun.start()))
        ]
        for match in (*lower, *_APPLY_TO_BE.finditer(text), *_YOUR_LOWER_APPLICATION.finditer(text)):
            raw = match.group("t")
            # (Not "the hiring manager role": who hires; nor "the engineer role" alone, a kind
            # of work where the posting has a fuller title: a trade's noun alone is one, "cashier".)
            last = raw.rpartition(" ")[2]
            generic = " " not in raw and _TITLE_WORDS.search(raw)
            if _ROLE_NOUNS.fullmatch(last) and not generic and not _HIRING_SIDE.search(raw):
                consider(raw, 3 * factor, spanned=True, delimited=True, named=True)
    for text in (clean_subject, body[:4000]):
        for match in _AFTER_ANNOUNCEMENT.finditer(text):
            consider(match.group("t"), 3.5)
    for match in _HEADED_TITLE.finditer(body[:4000]):
        consider(match.group("t"), 2.5)
    _title_beside_employer(body[:4000], company, consider)
    # Plain text wrapped at ~72 columns splits titles ("the Sr. Manager, Threat\nResearch
    # position"): a long line that does not end a sentence continues on the next.
    unwrapped = _SOFT_BREAK.sub(r"\1 ", body[:4000])
    for text, factor in ((clean_subject, 1.2), (unwrapped, 1.0)):
        lowered = _lowered(text)
        for anchored in _TITLE_PATTERNS:
            for match in anchored.finditer(text, lowered):
                title = _tidy_title(match.group("t"))
                ends = match.start("t") + len(title) if text.startswith(title, match.start("t")) else -1
                start = match.start("t")
                # "received your application for:\n\nTitle\n": a title on a line of its own.
                line_start = text.rfind("\n", 0, start) + 1
                own_line = line_start > 0 and not text[line_start:start].strip()
                line = text[start:].partition("\n")[0].strip()
                bounded = anchored in _BOUNDING and (
                    (ends > 0 and bounds.after(text, ends)) or (own_line and title == line)
                )
                # "your application for barista.": one lowercase trade noun that an anchor
                # names and the clause ends on is the role, as a capitalised one is.
                closed = ends > 0 and (
                    ends == len(text) or bool(_CLAUSE_END.match(text, ends)) or bounds.after(text, ends)
                )
                named = anchored.weight >= 1.5 and closed and _is_lone_role(title)
                consider(match.group("t"), anchored.weight * factor, delimited=bounded, named=named)
                if span := bounds.span(text, start):
                    consider_span(span, anchored.weight * factor)
                elif own_line and _SPAN_RUN_LINE.fullmatch(line):
                    consider_span(line, anchored.weight * factor)
    # Subjects like "Interview invitation – Backend Engineer at Acme".
    # Agencies write "Phone screen || Data Analyst || Denver, CO", schedulers "Sam Lee / Data Analyst".
    parts = _SUBJECT_SEPARATOR.split(clean_subject.replace("||", "|").replace(" / ", " | "))
    for part, after in zip(parts, [*parts[1:], ""], strict=True):
        part = _AT_EMPLOYER.sub("", part.strip())
        after = _AT_EMPLOYER.sub("", after.strip())  # "Product Manager - Payments at Acme"
        # "Data Engineer (Job ID: 88213)": a separator inside parentheses cut the part; the
        # title is what comes before the bracket it leaves open.
        part = _OPEN_BRACKET.sub("", part)
        lower_role = len(parts) > 1 and _is_lower_role(part)
        # (".NET Developer" starts on its dot.)
        capital = part[:1].isupper() or part[:1].isdigit() or part[:2] == "." + part[1:2].upper() != ".."
        if part and _ROLE_NOUNS.search(part) and (capital or lower_role):
            # "Data Science Intern - Summer 2027": the intake that follows is the posting's,
            # spelled as the subject spells it.
            start = clean_subject.find(part)
            end = clean_subject.find(after.strip(), start + len(part)) if start >= 0 else -1
            # So is the team or specialty after it: "Registered Nurse - ICU" (unless that is
            # the employer's name).
            team = is_team_tail(after) and not (company and normalise_key(after) == normalise_key(company))
            joined = (_INTAKE_PART.fullmatch(after.strip()) or team) and end >= 0
            # (A lowercase role is a part of its own: "Application received - line cook".)
            consider(
                clean_subject[start : end + len(after.strip())] if joined else part,
                3,
                named=lower_role,
            )
            if (field := _ROLE_IN_FIELD.fullmatch(part)) and _ROLE_NOUNS.search(field.group("r")):
                # "Software Engineer in Test": the field after "in" or "for" is the role's.
                consider(part, 3, spanned=True, delimited=True)
    if company:
        employer = normalise_key(company)
        # Unless the "employer" ends on a role noun itself: then the company was misread
        # from the title ("Threat Intelligence Analyst"), and the title stands.
        scores = {
            key: score
            for key, score in scores.items()
            if title_key(key) != employer or _ROLE_NOUNS.fullmatch(key.split()[-1])
        }
    if not scores:
        return ""
    best = max(scores, key=lambda key: (scores[key], len(key)))
    # "Security Engineer" in the subject, "Security Engineer (AppSec)" in the body:
    # the fuller spelling of the same title wins.
    # So does "Senior Tools Engineer" in the body over "Tools Engineer" in the subject. A
    # spanned title ("Engineer in Test") is what other patterns cut short at its "in".
    longer = [
        k
        for k in scores
        if k != best
        and (
            k.startswith(best)
            or (k.endswith(f" {best}") and _SENIORITY.fullmatch(k[: -len(best) - 1]))
            # "Engineer II" in the body, "Software Engineer II" in the subject: a word or two
            # of the same title's field in front, as a title spells them.
            or (k.endswith(f" {best}") and _is_title_prefix(spelled[k][: -len(best) - 1]))
        )
        and (scores[k] >= scores[best] - 2 or k in spanned_keys)
        # What follows a dash may be a place ("Lead Developer – Lisbon"): that one needs
        # as much support as the shorter spelling.
        and (not re.match(r" [-–|] ", k[len(best) :]) or scores[k] >= scores[best])
    ]
    if longer:
        best = max(longer, key=len)
    return spelled[best]


# A round of interviews named after who holds it: "Hiring Manager Interview", "Recruiter
# Screen", "CEO Chat" ("Engineering Manager Interview" names the role).
_INTERVIEWER_ROUND = re.compile(
    r"(?i)(?:(?:with|w/)\s+)?(?:the\s+)?(?:hiring\s+manager|hiring\s+team|recruiter|recruiting|hr|talent|founders?"
    r"|co-?founders?|ceo|cto|coo|cfo|peers?|panel)(?:\s+(?:interview|screen|screening|chat|call|conversation|round"
    r"|meeting|sync|intro))*"
)
# A line that gives a time: "Monday, October 26, 2026 10:00 AM", "Oct 26 10am", "26/10 14:00".
_WHEN_LINE = re.compile(
    r"(?i)(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\d{1,2}[:/.]\d)"
)
# "Dana Demo (Data Analyst)": the candidate's name, the role in brackets.
_NAME_THEN_ROLE = re.compile(r"(?P<n>[^()]+?)\s*\((?P<r>[^()]+)\)")


# A mail gateway's mark on a subject: "[EXT]", "[EXTERNAL]", "EXTERNAL:", "*External*".
_EXTERNAL_TAG = re.compile(r"(?i)[\[(*]\s*ext(?:ernal)?(?: (?:email|sender|message))?\s*[\])*]\s*:?|\bexternal\s*:")


def _without_name(subject: str, candidate: frozenset[str]) -> str:
    """The subject without a part that is only the candidate's name: an ATS adds it to
    the title ("Thank you for applying to Acme - Data Analyst - Dana Demo", "Dana Demo -
    R0012345 Data Analyst (C1234)")."""
    if not candidate:
        return subject
    parts = _SUBJECT_SEPARATOR.split(subject)
    seps = _SUBJECT_SEPARATOR.findall(subject)
    kept: list[str] = []
    for index, part in enumerate(parts):
        words = [word.casefold() for word in part.strip(" ,").split()]
        # The whole name, or the greeted first name before a surname ("Dana Reyes").
        if words and (
            all(word in candidate for word in words)
            or (
                words[0] in candidate
                and len(words) <= 3
                and _PERSON_LINE.fullmatch(part.strip(" ,"))
                and not _ROLE_NOUNS.search(part)
            )
        ):
            continue
        if (bracketed := _NAME_THEN_ROLE.fullmatch(part.strip())) and all(
            word.casefold() in candidate for word in bracketed.group("n").split()
        ):
            part = bracketed.group("r")
        if kept:
            kept.append(seps[index - 1])
        kept.append(part)
    return "".join(kept).strip()


def without_company(title: str, company: str) -> str:
    """ "Acme, LLC - 1136 - Security Analyst" names the role after the employer (and a
    requisition number): the role is what follows."""
    key = normalise_key(company)
    # "Data Analyst - Acme", "Data Analyst, Acme": the employer after the role.
    for separator in (" - ", " – ", " | ", ", ", " @ "):
        head, found, tail = title.rpartition(separator)
        if found and normalise_key(tail) == key and _TITLE_WORDS_LOWER.search(head.lower()):
            return head.strip()
    words = title.split()
    cut = 0
    for end in range(1, len(words)):
        if normalise_key(" ".join(words[:end])) == key:
            cut = end
    if not cut:
        return title
    # "your interest in Acme and the data analyst position": the role is a phrase of its own.
    rest = re.sub(
        r"^[\s,:;|–—-]*(?:(?:and|&)\s+(?:the|our|your|this)\s+)?(?:\d[\w]*[\s,:;|–—-]+)?", "", " ".join(words[cut:])
    )
    return rest if _TITLE_WORDS_LOWER.search(rest.lower()) else title


# A title without a role noun is taken only where the text bounds it, and only when it
# reads like one: two or more capitalised words, not a work arrangement ("Full Time").
_NOUNLESS_TITLE = re.compile(
    rf"(?!(?i:full|part|remote|hybrid|on-?site|contract|temporary|permanent|new|open|other|same|current|equal)\b)"
    r"(?![^\n]*\.\s)"
    # "Career Opportunities", "Open Positions": a kind of job, not one.
    r"(?![^\n]*\b(?i:opportunit(?:y|ies)|careers?|positions|openings|roles|jobs|vacancies|team|community|network)$)"
    rf"[{_UPPER}0-9][\w/&+#'.-]*(?:,?[ ](?:[{_UPPER}0-9(][\w/&+#'.()-]*|of|and|&|for|in|to|the)){{1,8}}"
)


_AFTER_TITLE = re.compile(rf"(?i:{_BOUND_AFTER})")
# Where a clause ends after a title: a stop, or a word that starts the next clause
# ("applying for barista but did not finish", "for job: barista Please follow the link").
_CLAUSE_END = re.compile(
    r"[ \t]*(?:[.,;:!?)\n]|$)|[ \t]+(?i:but|and|or|so|at|with|in|for|on|please|if|we|you|was|is|has)\b"
)
_BOUNDED_SPAN = re.compile(rf"{_SPAN_RUN}(?=(?i:{_BOUND_AFTER}))")
_AT_OR_WITH = re.compile(r"\s+(?i:at|with)\s+")


class _Bounds:
    """What bounds a title after it in this email: a job noun or a requisition id
    (_BOUND_AFTER), or "at Acme" / "with Acme" naming the employer. The employer is
    compared as text, not compiled into a pattern per email: that compiling was a
    third of the rules' time on a mailbox of many employers."""

    def __init__(self, company: str) -> None:
        self.company = company.lower()

    def _employer_at(self, text: str, at: int) -> bool:
        """Whether `text` names the employer at `at` (ignoring case), as a whole word."""
        end = at + len(self.company)
        if not self.company or text[at:end].lower() != self.company:
            return False
        return _is_word(text[end - 1]) != (end < len(text) and _is_word(text[end]))

    def after(self, text: str, at: int) -> bool:
        """Whether a bound follows position `at`."""
        if _AFTER_TITLE.match(text, at):
            return True
        joined = _AT_OR_WITH.match(text, at)
        return joined is not None and self._employer_at(text, joined.end())

    def span(self, text: str, start: int) -> str:
        """The longest title-like run of words from `start` that a bound follows ("" if none)."""
        generic = _BOUNDED_SPAN.match(text, start)
        end = generic.end("t") if generic else -1
        if self.company:
            line_end = text.find("\n", start)
            for joined in _AT_OR_WITH.finditer(text, start, len(text) if line_end < 0 else line_end):
                if (
                    joined.start() > end
                    and self._employer_at(text, joined.end())
                    and _SPAN_RUN_LINE.fullmatch(text, start, joined.start())
                ):
                    end = joined.start()
        return text[start:end] if end > start else ""


def _is_lone_role(title: str) -> bool:
    """One lowercase word that is a trade's role noun ("barista"); not a kind of work whose
    posting has a fuller title ("engineer"), nor a person who hires ("recruiter")."""
    return (
        title.islower()
        and bool(_ROLE_NOUNS.fullmatch(title))
        and not _TITLE_WORDS.search(title)
        and not _HIRING_SIDE.search(title)
    )


_LOWER_ROLE = re.compile(r"[a-z][a-z'-]*(?: [a-z][a-z'-]*){0,3}")
_OPEN_BRACKET = re.compile(r"\s*\([^()]*$")


def _is_lower_role(text: str) -> bool:
    """A lowercase title of a few words that ends on a role noun ("line cook", "barista",
    "software engineer"), where one noun alone is a trade's (see _is_lone_role)."""
    words = text.split()
    if " " not in text:
        return _is_lone_role(text)
    return (
        bool(_LOWER_ROLE.fullmatch(text))
        and bool(_ROLE_NOUNS.fullmatch(words[-1]))
        and not _HIRING_SIDE.search(text)
        and _title_words(text) == text
    )


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _is_span(title: str) -> bool:
    """A run with an inner connector that does not end on one: "Engineer in Test"; not a
    phrase about a role ("Job Submission for Data Analyst"), where only the words after
    the connector name one."""
    words = title.lower().split()
    inner = [i for i, word in enumerate(words[1:-1], 1) if word in _SPAN_CONNECTORS]
    if not inner or words[-1] in _SPAN_CONNECTORS | {"the", "and", "&"}:
        return False
    head, tail = " ".join(words[: inner[0]]), " ".join(words[inner[0] + 1 :])
    return bool(_ROLE_NOUNS.search(head)) or not _ROLE_NOUNS.search(tail)


_ARTICLE_THEN_LOWER = re.compile(r"(?:A|An|The)\s+[a-z]")
_TITLE_PREFIX = re.compile(rf"[{_UPPER}][\w/&+#'.-]*(?: [{_UPPER}][\w/&+#'.-]*)?")
# Words a subject puts before a title that are no part of it: "Oportunidad Data Engineer",
# "New Opportunity: Data Engineer", "Urgent Data Engineer" (in the languages of job mail).
_JOB_WORDS = (
    r"opportunit(?:y|ies)|oportunidad(?:es)?|opportunit[ée]s?|opportunit[àa]|oportunidade|vacanc(?:y|ies)|vacante"
    r"|vacature|stellenangebot|urgent|urgente"
)
_LEADING_JOB_WORDS = re.compile(
    rf"^(?i:(?:new|exciting|great|urgent)\s+)?(?i:{_JOB_WORDS})\s*[:–-]?\s+(?=[{_UPPER}0-9])"
)
_NOT_TITLE_WORDS = re.compile(rf"(?i)(?:{_JOB_WORDS}|new|exciting|great|re|fw|fwd|aw|wg)")


def _is_title_prefix(words: str) -> bool:
    """Whether `words` before a shorter title are more of that title ("Software" before
    "Engineer II"), not a subject's job word ("Oportunidad" before "Data Engineer")."""
    return bool(_TITLE_PREFIX.fullmatch(words)) and not any(_NOT_TITLE_WORDS.fullmatch(w) for w in words.split())


_SENIORITY = re.compile(r"(?:senior|sr\.?|junior|jr\.?|lead|principal|staff|associate|assistant|chief|entry[- ]level)")

_PLACE_LINE = re.compile(
    rf"[{_UPPER}][\w.' -]{{1,40}},[ ]?[A-Z]{{2}}\b[^\n]{{0,40}}|(?i:remote|hybrid|on-?site)\b[^\n]{{0,30}}"
)

_PERSON_LINE = re.compile(rf"(?:Dr\.? |Mr\.? |Ms\.? |Mrs\.? )?[{_UPPER}][\w'.-]+(?: [{_UPPER}][\w'.-]+){{1,2}}")

# The titles of the people who write to candidates: on a card-like line they sign a letter.
_HIRING_SIDE = re.compile(r"(?i)recruit|talent|sourc(?:er|ing)|human resources|\bhr\b|\bpeople\b|hiring")
_SHORT_NAME_LINE = re.compile(rf"[{_UPPER}0-9][^\n.!?:]{{1,50}}")


def _title_beside_employer(body: str, company: str, consider: Callable[[str, float], None]) -> None:
    """A job board's card spread over lines: the title on its own line next to a line that
    is only the employer's name, or above a line that is only a place ("Denver, CO"). Not
    after the closing line, where the signer's own title stands above the employer's name."""
    employer = normalise_key(company) if company else ""
    if closing := CLOSING_LINE.search(body):
        body = body[: closing.start()]
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if len(line) > 90 or _title_words(line) != line or not _ROLE_NOUNS.search(line) or _HIRING_SIDE.search(line):
            continue
        if i and _PERSON_LINE.fullmatch(lines[i - 1]) and not _ROLE_NOUNS.search(lines[i - 1]):
            continue  # "Dana Lee / Talent Partner / Acme": a signature without a closing line
        if i == len(lines) - 2 and i and lines[i - 1].endswith((".", "!", "?")):
            continue  # "...we'll be in touch.\nPractice Manager\nAcme Dental": the signer's role
        neighbours = lines[max(i - 1, 0) : i] + lines[i + 1 : i + 2]
        after = lines[i + 1 : i + 3]
        if (
            (employer and any(normalise_key(n) == employer for n in neighbours))
            or (after and _PLACE_LINE.fullmatch(after[0]))
            # "Title / Employer / City, ST": the employer's line is short and no sentence.
            or (len(after) == 2 and _SHORT_NAME_LINE.fullmatch(after[0]) and _PLACE_LINE.fullmatch(after[1]))
        ):
            consider(line, 2)
