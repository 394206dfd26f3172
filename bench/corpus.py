"""Generated mailboxes for the benchmarks: varied, realistic and distinct.

The mix resembles a job seeker's inbox: ATS confirmations, rejections, interview
invitations, assessments, offers, recruiter outreach, job-board digests in HTML,
newsletters, receipts and personal mail, some with quoted replies, signatures and
legal footers. Every message's cleaned text is different (different company, role,
people, dates and wording), so the classification cache never hits and every
email costs one LLM call, which is what the throughput benchmark must measure.

Deterministic for a given seed, and free of Django: only the standard library.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

FIRST = [
    "Anna",
    "Ben",
    "Chloe",
    "David",
    "Elif",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kenji",
    "Lena",
    "Mateo",
    "Nora",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tara",
    "Umar",
    "Vera",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Aiko",
    "Bruno",
    "Carla",
    "Dmitri",
    "Esther",
    "Felix",
    "Giulia",
    "Hamid",
    "Ingrid",
    "Jakub",
    "Kofi",
]
LAST = [
    "Albers",
    "Brennan",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Urbina",
    "Vogel",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zimmermann",
    "Achterberg",
    "Bianchi",
    "Costa",
]
PREFIX = [
    "North",
    "Blue",
    "Iron",
    "Silver",
    "Bright",
    "Quiet",
    "Red",
    "Oak",
    "Pine",
    "Cedar",
    "Harbor",
    "River",
    "Stone",
    "Cloud",
    "Lumen",
    "Nova",
    "Vector",
    "Delta",
    "Summit",
    "Granite",
    "Copper",
    "Falcon",
    "Maple",
    "Willow",
    "Orbit",
    "Prism",
    "Arc",
    "Beacon",
    "Crest",
    "Ember",
    "Fjord",
    "Glacier",
    "Helix",
    "Juniper",
]
SUFFIX = [
    "wind",
    "line",
    "works",
    "labs",
    "forge",
    "field",
    "gate",
    "point",
    "bridge",
    "stack",
    "loop",
    "path",
    "shift",
    "leaf",
    "scale",
    "spark",
    "wave",
    "yard",
    "ridge",
    "mill",
    "hub",
    "craft",
    "bay",
    "port",
]
KIND = ("Software", "Analytics", "Robotics", "Health", "Logistics", "Energy", "Finance", "Systems", "Games", "Bio")
SENIORITY = ("", "Junior ", "Senior ", "Staff ", "Lead ", "Principal ")
ROLE = (
    "Backend Engineer",
    "Frontend Developer",
    "Data Scientist",
    "Data Engineer",
    "Product Manager",
    "DevOps Engineer",
    "Site Reliability Engineer",
    "Machine Learning Engineer",
    "Mobile Developer",
    "QA Engineer",
    "Solutions Architect",
    "Product Designer",
    "Security Engineer",
    "Full-Stack Developer",
    "Platform Engineer",
)
CITY = ("Berlin", "Munich", "Hamburg", "Amsterdam", "Lisbon", "Madrid", "Paris", "Vienna", "Zurich", "Remote (EU)")
ATS = (
    ("Greenhouse", "no-reply@us.greenhouse-mail.io"),
    ("Lever", "no-reply@hire.lever.co"),
    ("Workday", "workday@myworkday.com"),
    ("SmartRecruiters", "noreply@smartrecruiters.com"),
    ("Personio", "noreply@personio.de"),
    ("Ashby", "no-reply@ashbyhq.com"),
)
BOARDS = (
    ("LinkedIn Job Alerts", "jobalerts-noreply@linkedin.com"),
    ("Indeed", "alert@indeed.com"),
    ("StepStone", "jobagent@stepstone.de"),
    ("Glassdoor", "noreply@glassdoor.com"),
)
TOPICS = ("algorithms and data structures", "SQL and data modelling", "API design", "debugging")
PRODUCTS = ("a real-time pricing engine", "a clinical data platform", "developer tooling", "a logistics planner")
STACKS = ("Python and Go", "TypeScript and React", "Rust", "Kotlin", "Scala and Spark")
GOODS = ("USB-C cable", "notebook", "coffee beans", "desk lamp", "headphones", "book")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")

#: (kind, weight): roughly the share of each kind in a busy job seeker's inbox.
KINDS = (
    ("applied", 24),
    ("rejected", 15),
    ("interview", 12),
    ("assessment", 7),
    ("offer", 3),
    ("outreach", 9),
    ("alert", 11),
    ("newsletter", 6),
    ("receipt", 6),
    ("personal", 4),
    ("reply", 3),
)

FOOTER = (
    "This message and any attachments are confidential and intended solely for the addressee. If you have "
    "received it in error, please notify the sender and delete it. {company} GmbH, registered at the local "
    "court under HRB {hrb}. Managing directors: {a} and {b}. We process your personal data in accordance with "
    "our candidate privacy notice at https://{domain}/privacy?utm_source=ats&utm_medium=email&utm_campaign={hrb}."
)


def company_name(index: int) -> str:
    """A company name; distinct for the first 8,160 indexes (34 × 24 × 10), then they repeat."""
    prefix = PREFIX[index % len(PREFIX)]
    suffix = SUFFIX[(index // len(PREFIX)) % len(SUFFIX)]
    kind = KIND[(index // (len(PREFIX) * len(SUFFIX))) % len(KIND)]
    return f"{prefix}{suffix} {kind}"


class Mailbox:
    """Produces RFC 822 messages one at a time (so a 10,000-message mbox is never held in memory)."""

    def __init__(self, seed: int = 7, recipient: str = "Alex Applicant <alex@example.com>") -> None:
        self.rng = random.Random(seed)
        self.recipient = recipient
        self.start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
        self._kinds = [kind for kind, weight in KINDS for _ in range(weight)]

    # --- the pieces ----------------------------------------------------------------------

    def _person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def _company(self, index: int) -> str:
        return company_name(index)

    def _title(self) -> str:
        return f"{self.rng.choice(SENIORITY)}{self.rng.choice(ROLE)}"

    def _when(self) -> str:
        day = self.rng.randint(1, 28)
        minute = self.rng.choice(("00", "15", "30", "45"))
        return f"{self.rng.choice(WEEKDAYS)}, {self.rng.choice(MONTHS)} {day} at {self.rng.randint(9, 17)}:{minute}"

    def _signature(self, name: str, company: str) -> str:
        phone = f"+49 {self.rng.randint(30, 89)} {self.rng.randint(1000, 9999)} {self.rng.randint(100, 999)}"
        return f"--\n{name}\nTalent Acquisition | {company}\n{phone}\nhttps://www.{_domain(company)}/careers"

    # --- the kinds -------------------------------------------------------------------------

    def _applied(self, company: str, title: str) -> tuple[str, str]:
        portal = self.rng.choice(("candidate portal", "application dashboard", "careers account"))
        opening = self.rng.choice(
            (
                f"Thank you for applying for the {title} position at {company}.",
                f"Thanks for applying to {company}! We have received your application for {title}.",
                f"We confirm that we received your application for the role of {title} in {self.rng.choice(CITY)}.",
            )
        )
        middle = self.rng.choice(
            (
                "Our recruiting team reviews every application carefully and will get back to you within "
                f"{self.rng.randint(2, 4)} weeks if your profile matches what we are looking for.",
                "We know how much effort goes into an application, and we appreciate your interest in joining "
                f"our {self.rng.choice(('platform', 'data', 'product', 'infrastructure'))} team.",
                "Due to the high number of applications we may not be able to reply individually before "
                f"{self.rng.choice(MONTHS)} {self.rng.randint(1, 28)}.",
            )
        )
        return (
            self.rng.choice(
                (f"Your application to {company}", f"Application received: {title}", f"{company} | {title}")
            ),
            f"Hi Alex,\n\n{opening}\n\n{middle}\n\nYou can follow the status of your application in our {portal} "
            f"at any time.\n\nBest regards,\nThe {company} Recruiting Team",
        )

    def _rejected(self, company: str, title: str) -> tuple[str, str]:
        reason = self.rng.choice(
            (
                "After careful consideration, we have decided to move forward with other candidates whose "
                "experience more closely matches the current needs of the team.",
                f"Unfortunately, we will not be moving forward with your application for {title} at this time.",
                "We regret to inform you that the position has been filled by a candidate whose profile "
                f"aligned more closely with our {self.rng.choice(('roadmap', 'requirements', 'team setup'))}.",
            )
        )
        person = self._person()
        return (
            self.rng.choice((f"Your application for {title}", f"Update from {company}", f"{company}: {title}")),
            f"Dear Alex,\n\nThank you for your interest in {company} and for the time you invested in the "
            f"{title} process.\n\n{reason}\n\nWe would be happy to keep your details on file for future roles "
            f"in {self.rng.choice(CITY)}.\n\nKind regards,\n{person}\n\n{self._signature(person, company)}",
        )

    def _interview(self, company: str, title: str) -> tuple[str, str]:
        person = self._person()
        tool = self.rng.choice(("Google Meet", "Zoom", "Microsoft Teams", "our office"))
        return (
            self.rng.choice((f"Interview invitation: {title}", f"Next steps with {company}", "Let's talk!")),
            f"Hi Alex,\n\nThanks again for applying to {company}. We enjoyed reading your application and would "
            f"like to invite you to a {self.rng.choice(('45-minute', '30-minute', 'one-hour'))} interview with "
            f"{person}, our {self.rng.choice(('Engineering Manager', 'Head of Data', 'CTO', 'Team Lead'))}.\n\n"
            f"Proposed slot: {self._when()} via {tool}. If that does not work for you, please pick another time "
            f"in the scheduling link below.\n\nhttps://calendly.com/{_domain(company).split('.')[0]}/"
            f"interview-{self.rng.randint(100, 999)}\n\nLooking forward to speaking with you,\n{self._person()}\n\n"
            f"{self._signature(person, company)}",
        )

    def _assessment(self, company: str, title: str) -> tuple[str, str]:
        platform = self.rng.choice(("HackerRank", "CodeSignal", "Codility", "TestGorilla"))
        hours = self.rng.choice((48, 72, 96, 120))
        return (
            f"{company} – {platform} assessment for {title}",
            f"Hello Alex,\n\nAs the next step for the {title} role, we invite you to complete a coding challenge "
            f"on {platform}. It takes about {self.rng.randint(60, 120)} minutes and covers "
            f"{self.rng.choice(TOPICS)}.\n\n"
            f"Please complete the assessment within {hours} hours of receiving this email. The deadline is "
            f"{self._when()} CET.\n\nStart here: "
            f"https://www.{platform.lower()}.com/test/{self.rng.randint(10**6, 10**7)}"
            f"?invite=abc{self.rng.randint(10**9, 10**10)}\n\nGood luck!\n{company} Talent Team",
        )

    def _offer(self, company: str, title: str) -> tuple[str, str]:
        salary = self.rng.randrange(55, 140, 5)
        person = self._person()
        return (
            f"Offer of employment – {title}",
            f"Dear Alex,\n\nOn behalf of {company}, I am delighted to offer you the position of {title}, starting "
            f"on {self.rng.choice(MONTHS)} {self.rng.randint(1, 28)}. "
            f"Your annual base salary will be EUR {salary},000, "
            f"plus {self.rng.randint(25, 32)} days of paid holiday and a learning budget.\n\nThe contract is attached. "
            f"Please let us know your decision by {self._when()}.\n\nWarm regards,\n{person}\n\n"
            f"{self._signature(person, company)}",
        )

    def _outreach(self, company: str, title: str) -> tuple[str, str]:
        person = self._person()
        return (
            self.rng.choice((f"{title} opportunity at {company}", "Quick question", "Your profile caught my eye")),
            f"Hi Alex,\n\nI'm {person}, a recruiter working with {company}. I came across your profile and think "
            f"you could be a great fit for our {title} opening in {self.rng.choice(CITY)}. The team is building "
            f"{self.rng.choice(PRODUCTS)} "
            f"and uses {self.rng.choice(STACKS)}.\n\n"
            f"Would you be open to a {self.rng.choice(('15', '20', '30'))}-minute chat this week?\n\nBest,\n{person}",
        )

    def _alert_html(self, company: str, title: str) -> tuple[str, str, str]:
        board, _ = self.rng.choice(BOARDS)
        jobs = []
        for number in range(self.rng.randint(6, 14)):
            other = self._company(self.rng.randint(0, 50_000))
            role = self._title()
            place = self.rng.choice(CITY)
            link = (
                f"https://www.example-jobs.com/jobs/view/{self.rng.randint(10**9, 10**10)}/?refId="
                f"{self.rng.getrandbits(64):x}&trackingId={self.rng.getrandbits(96):x}&trk=eml-jymbii-{number}"
            )
            jobs.append((role, other, place, link))
        first = f"{title} at {company}"
        html_rows = "".join(
            f'<tr><td style="padding:12px 0;border-bottom:1px solid #e0e0e0;font-family:Helvetica,Arial,sans-serif">'
            f'<a href="{link}" style="color:#0a66c2;font-size:16px;font-weight:600;text-decoration:none">{role}</a>'
            f'<div style="color:#333;font-size:14px">{other} · {place}</div>'
            f'<div style="color:#666;font-size:12px">Actively recruiting · {self.rng.randint(2, 90)} applicants</div>'
            f'<img src="{link}&amp;pixel=1" width="1" height="1" alt=""></td></tr>'
            for role, other, place, link in jobs
        )
        html = (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><style>@media only screen and (max-width:600px)'
            '{.inner{width:100%!important}}</style></head><body style="margin:0;background:#f3f2ef">'
            '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">'
            '<table class="inner" width="600" style="background:#fff">'
            f'<tr><td style="padding:24px;font-size:20px">Your job alert for <b>{first}</b></td></tr>'
            f"{html_rows}"
            '<tr><td style="padding:24px;color:#888;font-size:11px">You are receiving job alert emails. '
            '<a href="https://www.example-jobs.com/unsubscribe?token=a8f3">Unsubscribe</a> · '
            '<a href="https://www.example-jobs.com/help">Help</a></td></tr></table></td></tr></table></body></html>'
        )
        text = f"Your job alert for {first}\n\n" + "\n".join(
            f"{role}\n{other} · {place}\nView job: {link}\n" for role, other, place, link in jobs
        )
        return f"{board}: {len(jobs)} new jobs for {title}", text, html

    def _newsletter_html(self, company: str, title: str) -> tuple[str, str, str]:
        topics = self.rng.sample(
            [
                "Why your CI pipeline is slower than it should be",
                "A gentle introduction to vector databases",
                "What we learned migrating 300 services to Kubernetes",
                "Postgres indexing patterns you should know",
                "The state of remote hiring in Europe",
                "How to give feedback that lands",
                "Rust for Python developers, part 3",
                "Observability without the bill shock",
            ],
            4,
        )
        issue = self.rng.randint(40, 400)
        paragraphs = "".join(
            f'<h2 style="font-family:Georgia,serif">{topic}</h2><p style="line-height:1.6">'
            f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)} from {self._company(self.rng.randint(0, 50_000))} "
            f"writes about {topic.lower()} and what it means for teams of {self.rng.randint(3, 40)} engineers. "
            f"{' '.join(self.rng.choice(LOREM) for _ in range(40))}</p>"
            f'<p><a href="https://news.example.com/{issue}/{self.rng.getrandbits(40):x}?utm_source=newsletter">'
            "Read more →</a></p>"
            for topic in topics
        )
        html = (
            f'<html><body style="background:#fafafa"><div style="max-width:640px;margin:auto">'
            f"<h1>{company} Weekly #{issue}</h1>{paragraphs}"
            '<p style="font-size:11px;color:#999">You subscribed at example.com. '
            '<a href="https://news.example.com/unsubscribe">Unsubscribe</a></p></div></body></html>'
        )
        text = f"{company} Weekly #{issue}\n\n" + "\n\n".join(topics)
        return f"{company} Weekly #{issue}: {topics[0]}", text, html

    def _receipt(self, company: str, title: str) -> tuple[str, str]:
        items = "\n".join(
            f"  {self.rng.randint(1, 3)} × {self.rng.choice(GOODS)}"
            f"  EUR {self.rng.randint(3, 120)}.{self.rng.randint(0, 99):02d}"
            for _ in range(self.rng.randint(1, 5))
        )
        return (
            f"Your order from {company} has shipped",
            f"Hello Alex,\n\nGood news: your order is on its way.\n\n{items}\n\nTracking number: "
            f"{self.rng.randint(10**11, 10**12)}. Estimated delivery: {self._when()}.\n\nThanks for shopping with "
            f"{company}!",
        )

    def _personal(self, company: str, title: str) -> tuple[str, str]:
        friend = self.rng.choice(FIRST)
        return (
            self.rng.choice(("Dinner on Saturday?", "Photos from the trip", "Re: moving boxes", "Happy birthday!")),
            f"Hey Alex,\n\n{friend} here. Are you free on {self.rng.choice(WEEKDAYS)}? We were thinking of trying "
            f"the new {self.rng.choice(('ramen', 'tapas', 'Georgian', 'pizza'))} place near "
            f"{self.rng.choice(CITY)} station around {self.rng.randint(6, 9)} pm. "
            f"{' '.join(self.rng.choice(LOREM) for _ in range(25))}\n\nCheers,\n{friend}",
        )

    def _reply(self, company: str, title: str) -> tuple[str, str]:
        person = self._person()
        quoted = "\n".join(
            "> " + line
            for line in (
                f"On {self._when()}, {person} <{person.split()[0].lower()}@{_domain(company)}> wrote:\n"
                f"Hi Alex, could you send us your availability for a second interview for the {title} role? "
                f"We would also like to meet the {self.rng.choice(('platform', 'payments', 'search'))} team. "
                f"{' '.join(self.rng.choice(LOREM) for _ in range(30))}"
            ).splitlines()
        )
        return (
            f"Re: Second interview – {title}",
            f"Hi {person.split()[0]},\n\nThanks for the update. I am available on {self._when()} and on "
            f"{self._when()}. Either works for me.\n\nBest,\nAlex\n\n{quoted}\n\n"
            + FOOTER.format(
                company=company,
                hrb=self.rng.randint(10**4, 10**6),
                a=self._person(),
                b=self._person(),
                domain=_domain(company),
            ),
        )

    # --- messages -------------------------------------------------------------------------------

    def message(self, index: int) -> bytes:
        """The `index`-th message of this mailbox (call in order: the generator is sequential)."""
        kind = self.rng.choice(self._kinds)
        company = self._company(index)
        title = self._title()
        html: str | None = None
        if kind == "alert":
            subject, text, html = self._alert_html(company, title)
            sender = "{} <{}>".format(*self.rng.choice(BOARDS))
        elif kind == "newsletter":
            subject, text, html = self._newsletter_html(company, title)
            sender = f"{company} Weekly <newsletter@{_domain(company)}>"
        else:
            subject, text = getattr(self, f"_{kind}")(company, title)
            if kind in ("applied", "rejected", "assessment") and self.rng.random() < 0.6:
                ats, address = self.rng.choice(ATS)
                sender = f"{company} via {ats} <{address}>"
            elif kind == "personal":
                sender = f"{self._person()} <friend{index}@mail.example.org>"
            else:
                sender = f"{company} Careers <careers@{_domain(company)}>"
            if kind in ("applied", "rejected", "interview", "offer") and self.rng.random() < 0.35:
                html = _html_version(text, company)
        message = EmailMessage()
        message["From"] = sender
        message["To"] = self.recipient
        message["Subject"] = subject
        message["Date"] = format_datetime(self.start + timedelta(minutes=37 * index + self.rng.randint(0, 30)))
        message["Message-ID"] = f"<bench-{index}-{self.rng.getrandbits(48):x}@{_domain(company)}>"
        if kind == "reply":
            message["In-Reply-To"] = f"<thread-{index}@{_domain(company)}>"
        message.set_content(text)
        if html is not None:
            message.add_alternative(html, subtype="html")
        return bytes(message)

    def messages(self, count: int) -> Iterator[bytes]:
        for index in range(count):
            yield self.message(index)


LOREM = [
    "we",
    "also",
    "the",
    "team",
    "product",
    "customers",
    "data",
    "which",
    "more",
    "about",
    "this",
    "next",
    "quarter",
    "plans",
    "time",
    "would",
    "like",
    "great",
    "support",
    "work",
    "project",
    "people",
    "really",
    "think",
    "new",
    "good",
    "help",
    "share",
    "update",
    "week",
    "looking",
    "forward",
    "thanks",
    "again",
]


def _domain(company: str) -> str:
    return company.split()[0].lower() + ".example"


def _html_version(text: str, company: str) -> str:
    paragraphs = "".join(
        f'<p style="margin:0 0 12px">{part.replace(chr(10), "<br>")}</p>' for part in text.split("\n\n")
    )
    return (
        '<html><head><meta name="viewport" content="width=device-width"></head><body style="font-family:Arial">'
        f'<table width="100%"><tr><td><img src="https://{_domain(company)}/logo.png" alt="{company}"></td></tr>'
        f"<tr><td>{paragraphs}</td></tr></table></body></html>"
    )


def write_mbox(path: Path, count: int, seed: int = 7) -> int:
    """Write `count` generated messages as an mboxrd file; returns its size in bytes."""
    mailbox = Mailbox(seed)
    with path.open("wb") as handle:
        for index, raw in enumerate(mailbox.messages(count)):
            handle.write(f"From bench-{index}@example Mon Mar  2 08:00:00 2026\n".encode())
            for line in raw.replace(b"\r\n", b"\n").split(b"\n"):
                # mboxrd: quote every (already quoted) "From " line.
                stripped = line.lstrip(b">")
                handle.write((b">" + line if stripped.startswith(b"From ") else line) + b"\n")
            handle.write(b"\n")
    return path.stat().st_size
