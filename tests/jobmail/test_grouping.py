"""Grouping on plain data: which application an email joins (the corpus here is our own)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jobmail.grouping import Grouper, MailFacts, Opening, compatible_titles, same_company
from jobmail.taxonomy import Status

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _mail(day: int, company: str = "", title: str = "", thread: str = "", sender: str = "") -> MailFacts:
    return MailFacts(thread, sender, company, title, T0 + timedelta(days=day))


def test_it_lets_a_reply_in_a_thread_inherit_its_application() -> None:
    grouper = Grouper()
    first, _ = grouper.place(_mail(0, "Saltmarsh Analytics", "Data Engineer", thread="t-1"))
    # The reply names neither the company nor the role, and comes from a person.
    reply, created = grouper.place(_mail(2, thread="t-1", sender="saltmarsh-analytics.com"))
    assert reply is first
    assert not created


def test_it_joins_company_spellings_of_one_employer() -> None:
    grouper = Grouper()
    first, _ = grouper.place(_mail(0, "Brackenridge Games Ltd", "Senior Tools Engineer"))
    assert grouper.place(_mail(3, "Brackenridgegames"))[0] is first
    assert grouper.place(_mail(5, "Brackenridge Games Hiring Team", "Tools Engineer"))[0] is first
    assert first.job_title == "Senior Tools Engineer"


def test_it_keeps_two_roles_at_one_company_apart() -> None:
    grouper = Grouper()
    backend, _ = grouper.place(_mail(0, "Quayside Labs", "Backend Engineer"))
    designer, created = grouper.place(_mail(1, "Quayside Labs", "Product Designer"))
    assert created
    assert designer is not backend


def test_it_lets_a_more_specific_title_join_the_open_application() -> None:
    grouper = Grouper()
    opening, _ = grouper.place(_mail(0, "Fenwick Health", "Security Engineer"))
    later, created = grouper.place(_mail(4, "Fenwick Health", "Security Engineer, Incident Tooling"))
    assert later is opening
    assert not created
    assert opening.job_title == "Security Engineer, Incident Tooling"


def test_it_follows_the_sender_identity_when_the_company_is_spelled_differently() -> None:
    grouper = Grouper()
    first, _ = grouper.place(_mail(0, "Tarn Valley University", "Research Engineer", sender="myworkday.com/tvu"))
    # The ATS tenant's later mail names a department instead of the employer.
    assert grouper.place(_mail(9, "TVU Careers Office", sender="myworkday.com/tvu"))[0] is first


def test_it_prefers_the_open_application_of_a_company_for_mail_without_a_role() -> None:
    grouper = Grouper()
    old, _ = grouper.place(_mail(0, "Ostrander Bank", "Analyst"))
    old.status = Status.REJECTED
    current, _ = grouper.place(_mail(40, "Ostrander Bank", "Data Platform Engineer"))
    assert current is not old
    assert grouper.place(_mail(45, "Ostrander Bank"))[0] is current


def test_it_compares_names_and_titles_loosely_but_not_blindly() -> None:
    assert same_company("Northwind", "Northwind Robotics GmbH")
    assert not same_company("Northwind", "Southwind Robotics")
    assert not same_company("", "Anything")
    assert compatible_titles("Data Engineer", "Senior Data Engineer")
    assert not compatible_titles("Data Engineer", "Product Designer")


def test_it_joins_mail_without_a_date_to_the_employers_only_application_that_names_a_role() -> None:
    # A mailbox of bodies only: no dates, no senders, no threads.
    grouper = Grouper()
    first, _ = grouper.place(MailFacts(company="Tidewater Instruments", job_title="Test Engineer"))
    # A role-less rejection from the same employer: nothing else it could be about.
    closing, created = grouper.place(MailFacts(company="Tidewater Instruments", status=Status.REJECTED))
    assert closing is first
    assert not created
    same, created = grouper.place(MailFacts(company="Tidewater Instruments", job_title="Test Engineer"))
    assert same is first
    assert not created


def test_it_keeps_mail_without_a_date_apart_when_the_employer_has_several_applications() -> None:
    grouper = Grouper()
    grouper.place(MailFacts(company="Tidewater Instruments", job_title="Test Engineer"))
    grouper.place(MailFacts(company="Tidewater Instruments", job_title="Firmware Developer"))
    _, created = grouper.place(MailFacts(company="Tidewater Instruments"))
    assert created
    # Two role-less emails: nothing ties them to one process.
    grouper = Grouper()
    first, _ = grouper.place(MailFacts(company="Kestrel Dynamics", status=Status.INTERVIEW))
    second, created = grouper.place(MailFacts(company="Kestrel Dynamics", status=Status.REJECTED))
    assert created
    assert second is not first


def test_it_keeps_mail_without_a_date_away_from_a_dated_application() -> None:
    # The dated application is from a running process of a real inbox; a dateless
    # body (a pasted or exported message) names nothing that places it there.
    grouper = Grouper()
    dated, _ = grouper.place(_mail(0, "Tidewater Instruments", "Test Engineer"))
    undated, created = grouper.place(MailFacts(company="Tidewater Instruments", status=Status.REJECTED))
    assert created
    assert undated is not dated
    # The same role still joins, with or without a date.
    assert grouper.place(MailFacts(company="Tidewater Instruments", job_title="Test Engineer"))[0] is dated


def test_it_starts_a_new_application_for_a_confirmation_after_a_rejection() -> None:
    grouper = Grouper()
    first, _ = grouper.place(_mail(0, "Larchmont Freight", "Data Analyst"))
    first.status = Status.REJECTED
    again, created = grouper.place(
        MailFacts(company="Larchmont Freight", job_title="", received_at=T0 + timedelta(days=9), status=Status.APPLIED)
    )
    assert created
    assert again is not first
    # Role-less mail that starts nothing joins the open application of the employer.
    follow_up, created = grouper.place(
        MailFacts(company="Larchmont Freight", received_at=T0 + timedelta(days=12), status=Status.OTHER_JOB)
    )
    assert follow_up is again
    assert not created


def test_it_lets_a_confirmation_read_after_its_rejection_join_it() -> None:
    # Mail read out of received order: the rejection first, then the older confirmation.
    grouper = Grouper()
    rejection, _ = grouper.place(
        MailFacts(company="Larchmont Freight", job_title="Data Analyst", received_at=T0 + timedelta(days=20))
    )
    rejection.status = Status.REJECTED
    confirmation = MailFacts(company="Larchmont Freight", received_at=T0, status=Status.APPLIED)
    assert grouper.place(confirmation)[0] is rejection
    # Without dates the order is unknown: the same role joins the closed application.
    grouper = Grouper()
    rejection, _ = grouper.place(MailFacts(company="Larchmont Freight", job_title="Data Analyst"))
    rejection.status = Status.REJECTED
    again = MailFacts(company="Larchmont Freight", job_title="Data Analyst", status=Status.APPLIED)
    assert grouper.place(again)[0] is rejection


def test_it_keeps_role_less_mail_months_before_an_application_apart_from_it() -> None:
    grouper = Grouper()
    later, _ = grouper.place(_mail(200, "Ostrander Bank", "Data Platform Engineer"))
    # Read after it, but sent half a year earlier: another process.
    earlier, created = grouper.place(_mail(10, "Ostrander Bank"))
    assert created
    assert earlier is not later
    assert later.first_activity_at == T0 + timedelta(days=200)


def test_it_sets_aside_work_mode_words_and_requisition_numbers_when_comparing_titles() -> None:
    # One side names the seniority, the other the place of work and the requisition.
    assert compatible_titles("Senior Data Engineer", "Data Engineer - Remote, R48213")
    assert compatible_titles("Sr. Data Engineer (Hybrid)", "Data Engineer, Full Time")
    # Two requisition numbers are two roles, and the role words still decide.
    assert not compatible_titles("Data Engineer R48213", "Senior Data Engineer R51170")
    assert not compatible_titles("Senior Data Engineer", "Data Analyst - Remote")
    assert not compatible_titles("Office Manager", "Senior Manager")
    grouper = Grouper()
    first, _ = grouper.place(_mail(0, "Fenwick Health", "Senior Data Engineer"))
    assert grouper.place(_mail(6, "Fenwick Health", "Data Engineer (Remote)"))[0] is first


def test_it_finds_the_employers_name_inside_a_sign_off() -> None:
    assert same_company("Careers at Brackenridge Games", "Brackenridge Games Ltd")
    assert same_company("Ihr Recruiting-Team der Northwind Robotics GmbH", "Northwind Robotics")
    assert same_company("Talent de Cobalt & Pine", "Cobalt and Pine SAS")
    # One word inside another name is not enough: "Robotics" is not "Northwind Robotics".
    assert not same_company("Robotics", "Northwind Robotics")
    grouper = Grouper([Opening(index, f"Filler {index} Company", "Analyst") for index in range(50)])
    first, _ = grouper.place(_mail(0, "Ihr Recruiting-Team der Northwind Robotics GmbH", "Embedded Engineer"))
    assert grouper.place(_mail(4, "Northwind Robotics"))[0] is first
    second, _ = grouper.place(_mail(0, "Cobalt & Pine", "Data Engineer"))
    assert grouper.place(_mail(4, "Talent de Cobalt & Pine"))[0] is second


def test_it_takes_initials_and_abbreviated_titles_for_the_same_application() -> None:
    assert same_company("NRS", "Northwind Robotics Systems")
    assert same_company("Saltmarsh Institute of Technology", "SIT")
    assert not same_company("NRS", "Northwind Robotics")
    assert compatible_titles("Sr. Security Analyst", "Senior Security Analyst, Cloud")
    assert not compatible_titles("Sr. Security Analyst", "Junior Security Analyst")
    grouper = Grouper()
    first, _ = grouper.place(_mail(0, "Northwind Robotics Systems", "Senior Data Engineer"))
    assert grouper.place(_mail(4, "NRS", "Sr. Data Engineer"))[0] is first


def test_it_finds_the_employer_among_many_applications_by_every_kind_of_spelling() -> None:
    # find() looks employers up in indexes: each way two names can agree must be found.
    grouper = Grouper([Opening(index, f"Filler {index} Company", "Analyst") for index in range(300)])
    games, _ = grouper.place(_mail(0, "Brackenridge Games Ltd", "Tools Engineer"))
    north, _ = grouper.place(_mail(0, "Northwind", "Robot Engineer"))
    tenant, _ = grouper.place(_mail(0, "Tarn Valley University", "Research Engineer", sender="myworkday.com/tvu"))
    assert grouper.place(_mail(1, "Brackenridgegames"))[0] is games  # the same letters, joined
    assert grouper.place(_mail(1, "Northwind Robotics GmbH"))[0] is north  # the application's name starts it
    assert grouper.place(_mail(1, "Brackenridge"))[0] is games  # it starts the application's name
    assert grouper.place(_mail(1, "TVU Careers Office", sender="myworkday.com/tvu"))[0] is tenant
    assert len(grouper.openings) == 303


def test_it_finds_an_application_by_the_company_it_learned_later() -> None:
    grouper = Grouper()
    nameless, _ = grouper.place(_mail(0, "", "Data Engineer", thread="t-1"))
    assert grouper.place(_mail(1, "Saltmarsh Analytics", thread="t-1"))[0] is nameless
    assert nameless.company == "Saltmarsh Analytics"
    assert grouper.place(_mail(2, "Saltmarsh Analytics GmbH", "Data Engineer"))[0] is nameless


def test_it_joins_mail_from_the_employers_domain_to_the_application_of_that_name() -> None:
    grouper = Grouper()
    # The confirmation came through a job board (no sender identity) ...
    board, _ = grouper.place(_mail(0, "Saltmarsh Analytics", "Data Engineer"))
    # ... the rejection from the employer's own domain, its company not read.
    rejection, created = grouper.place(_mail(20, "", sender="saltmarsh-analytics.com"))
    assert rejection is board
    assert not created
    # The other way round: the domain first, then mail naming the company.
    grouper = Grouper()
    first, _ = grouper.place(_mail(0, "Talent Acquisition", "Data Engineer", sender="myworkday.com/fenwickhealth"))
    assert grouper.place(_mail(3, "Fenwick Health"))[0] is first


def test_it_reads_an_employers_name_in_a_domain_that_joins_or_extends_it() -> None:
    grouper = Grouper()
    # "brackenridgegames" joins the first words of the name; "quaysidetech" adds a word.
    games, _ = grouper.place(_mail(0, "Brackenridge Games Studio", "Tools Engineer"))
    assert grouper.place(_mail(5, "", sender="brackenridgegames.com"))[0] is games
    labs, _ = grouper.place(_mail(0, "Quayside", "Backend Engineer"))
    assert grouper.place(_mail(5, "", sender="quaysidetech.com"))[0] is labs
    # A domain that only starts like the name is another employer.
    other, created = grouper.place(_mail(6, "", sender="quaysideshipping.com"))
    assert created
    assert other is not labs


def test_it_keeps_apart_two_employers_writing_through_one_service_domain() -> None:
    # A mailing service that is not on the ATS list sends for many employers.
    grouper = Grouper()
    quayside, _ = grouper.place(_mail(0, "Quayside Labs", "Backend Engineer", sender="hiremailer.net"))
    fenwick, created = grouper.place(_mail(5, "Fenwick Health", sender="hiremailer.net"))
    assert created
    assert fenwick is not quayside
    # Mail of that service naming no company still follows its sender, and so does
    # mail about the same named role whose company was misread.
    assert grouper.place(_mail(6, "", sender="hiremailer.net"))[0] is fenwick
    assert grouper.place(_mail(7, "Thank You", "Backend Engineer", sender="hiremailer.net"))[0] is quayside


def test_it_starts_a_new_application_for_a_second_confirmation_days_later() -> None:
    grouper = Grouper()
    first, _ = grouper.place(
        MailFacts(company="Quayside Labs", job_title="Backend Engineer", received_at=T0, status=Status.APPLIED)
    )
    # The job board's notice and the employer's own confirmation, a day apart: one application.
    notice = MailFacts(company="Quayside Labs", received_at=T0 + timedelta(days=1), status=Status.APPLIED)
    assert grouper.place(notice)[0] is first
    # A confirmation naming no role three weeks later confirms another application.
    later = MailFacts(company="Quayside Labs", received_at=T0 + timedelta(days=21), status=Status.APPLIED)
    second, created = grouper.place(later)
    assert created
    assert second is not first
    # The same role confirmed again still joins (a double submit, or a reminder).
    again = MailFacts(
        company="Quayside Labs",
        job_title="Backend Engineer",
        received_at=T0 + timedelta(days=22),
        status=Status.APPLIED,
    )
    assert grouper.place(again)[0] is first


def test_it_starts_a_new_application_for_a_confirmation_weeks_after_role_less_mail() -> None:
    # A referral note names the employer but no role; the confirmation of the
    # application it led to comes weeks later, naming the role.
    grouper = Grouper()
    referral, _ = grouper.place(MailFacts(company="Larkspur Analytics", received_at=T0, status=Status.OTHER_JOB))
    confirmation = MailFacts(
        company="Larkspur Analytics",
        job_title="Research Engineer",
        received_at=T0 + timedelta(days=30),
        status=Status.APPLIED,
    )
    application, created = grouper.place(confirmation)
    assert created
    assert application is not referral
    # A role-less rejection still joins the running application.
    rejection = MailFacts(company="Larkspur Analytics", received_at=T0 + timedelta(days=50), status=Status.REJECTED)
    assert grouper.place(rejection)[0] is application


def test_it_joins_a_confirmation_to_role_less_mail_of_the_same_days() -> None:
    # "Complete your candidate profile" minutes before "we received your application".
    grouper = Grouper()
    profile, _ = grouper.place(MailFacts(company="Quillfeather Labs", received_at=T0, status=Status.ACTION_REQUIRED))
    confirmation = MailFacts(
        company="Quillfeather Labs",
        job_title="Platform Engineer",
        received_at=T0 + timedelta(hours=2),
        status=Status.APPLIED,
    )
    assert grouper.place(confirmation)[0] is profile
    assert profile.job_title == "Platform Engineer"


def test_it_spells_out_acronyms_abbreviations_and_plurals_in_titles() -> None:
    assert compatible_titles("GIS Analyst", "Senior Geographic Information Systems Analyst")
    assert compatible_titles("NOC Tech II", "Network Operations Center Technician II")
    assert compatible_titles("Sr. Mgr., Competitive Intel", "Senior Manager of Competitive Intelligence")
    assert compatible_titles("Systems Engineer", "System Engineer")
    assert compatible_titles("Head of Data Platform", "Data Platform Head")
    # An acronym of two letters spells too many roles ("PM": product, project, program).
    assert not compatible_titles("Logistics PM", "Project Manager")
    assert not compatible_titles("GIS Analyst", "Fraud Analyst")


def test_it_takes_one_level_named_two_ways_but_keeps_two_levels_apart() -> None:
    assert compatible_titles("Senior Data Engineer", "Data Engineer III")
    assert compatible_titles("Junior Test Engineer", "Test Engineer I")
    assert not compatible_titles("Senior Data Engineer", "Lead Data Engineer")
    assert not compatible_titles("Data Engineer II", "Data Engineer III")
    assert not compatible_titles("Junior Data Engineer", "Data Engineer III")
    assert not compatible_titles("Senior Data Engineer", "Data Analyst III")


def test_it_sets_the_employers_name_aside_in_a_title() -> None:
    grouper = Grouper()
    first, _ = grouper.place(_mail(0, "Quayside Labs", "Senior Data Engineer"))
    assert grouper.place(_mail(9, "Quayside Labs", "Data Engineer at Quayside Labs"))[0] is first
    other, created = grouper.place(_mail(10, "Quayside Labs", "Product Designer at Quayside Labs"))
    assert created
    assert other is not first


def test_it_joins_company_spellings_that_differ_by_spacing_ats_name_or_ampersand() -> None:
    assert same_company("Pine Crest", "Pinecrest Foods")
    assert same_company("PineCrest Foods Inc.", "Pine Crest")
    assert same_company("Harrow & Quaid", "Harrowquaid")
    assert same_company("Larkspur Analytics via Greenhouse", "Larkspur Analytics LLC")
    assert same_company("Larkspur Analytics @ iCIMS", "LARKSPUR ANALYTICS")
    assert same_company("Quillfeather Labs No-Reply", "Quillfeather Labs Talent Acquisition")
    assert not same_company("Pine Crest", "Pinewood Crest")
    assert not same_company("Greenhouse", "Larkspur Analytics")
    # Found among many applications, whichever way the spacing goes.
    grouper = Grouper([Opening(index, f"Filler {index} Company", "Analyst") for index in range(300)])
    pine, _ = grouper.place(_mail(0, "Pine Crest", "Food Scientist"))
    assert grouper.place(_mail(3, "Pinecrest Foods"))[0] is pine
    harrow, _ = grouper.place(_mail(0, "Harrowquaid Holdings", "Actuary"))
    assert grouper.place(_mail(3, "Harrow Quaid"))[0] is harrow


def test_it_joins_a_role_less_rejection_from_another_sender_to_the_confirmed_application() -> None:
    # Confirmed through a job board (no sender identity), answered weeks later by the
    # employer's ATS, which spells the company its own way and names no role.
    grouper = Grouper()
    applied, _ = grouper.place(
        MailFacts(company="Quillfeather Labs", job_title="Sr. Backend Engineer", received_at=T0, status=Status.APPLIED)
    )
    rejection = MailFacts(
        sender_key="myworkday.com/quillfeather",
        company="Quillfeather Labs, Inc. Recruiting",
        received_at=T0 + timedelta(days=41),
        status=Status.REJECTED,
    )
    assert grouper.place(rejection)[0] is applied


def test_it_joins_mail_naming_no_employer_to_the_one_running_application_with_its_role() -> None:
    grouper = Grouper()
    applied, _ = grouper.place(_mail(0, "Larkspur Analytics", "Senior Geospatial Analyst"))
    grouper.place(_mail(1, "Quillfeather Labs", "Platform Engineer"))
    # The employer's name was not read: only the ATS's words remain.
    assert grouper.place(_mail(20, "Talent Acquisition", "Senior Geospatial Analyst"))[0] is applied
    assert grouper.place(_mail(25, "", "Senior Geospatial Analyst"))[0] is applied
    # The other way round: the application began without a name, the mail names it.
    nameless, _ = grouper.place(_mail(2, "Hiring Team", "Tidal Energy Modeller"))
    assert grouper.place(_mail(12, "Saltmarsh Power", "Tidal Energy Modeller"))[0] is nameless
    assert nameless.company == "Saltmarsh Power"


def test_it_keeps_mail_naming_no_employer_apart_when_its_role_does_not_single_one_out() -> None:
    grouper = Grouper()
    grouper.place(_mail(0, "Larkspur Analytics", "Data Engineer"))
    grouper.place(_mail(1, "Quillfeather Labs", "Data Engineer"))
    _, created = grouper.place(_mail(5, "", "Data Engineer"))
    assert created  # two running applications have that role
    grouper = Grouper()
    grouper.place(_mail(0, "Larkspur Analytics", "Geologist"))
    _, created = grouper.place(_mail(5, "", "Geologist"))
    assert created  # one word names too little
    grouper = Grouper()
    grouper.place(_mail(0, "Larkspur Analytics", "Data Engineer"))
    _, created = grouper.place(_mail(100, "", "Data Engineer"))
    assert created  # not running any more
    grouper = Grouper()
    grouper.place(_mail(0, "Larkspur Analytics", "Data Engineer", sender="larkspur.example"))
    _, created = grouper.place(_mail(5, "", "Data Engineer", sender="quillfeather.example"))
    assert created  # another sender identity: another employer
    grouper = Grouper()
    grouper.place(MailFacts(company="Larkspur Analytics", job_title="Data Engineer"))
    grouper.place(MailFacts(company="Quillfeather Labs", job_title="Data Engineer"))
    _, created = grouper.place(MailFacts(job_title="Data Engineer"))
    assert created  # without dates nothing runs, and two applications have that role
    grouper = Grouper()
    grouper.place(_mail(0, "Larkspur Analytics", "Data Engineer"))
    _, created = grouper.place(MailFacts(job_title="Data Engineer"))
    assert created  # mail without a date never joins a dated application


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Software Engineering Intern", "Software Engineering Internship, Summer 2027"),
        ("SWE Intern", "Software Engineer Intern"),
        ("Software Engineer Intern", "Software Engineering Intern"),
        ("Data Analytics Intern", "Data Analyst Intern"),
        ("Data Science Intern", "Data Scientist Internship"),
        ("ML Engineer", "Machine Learning Engineer"),
        ("Sr. Backend Eng", "Senior Back-End Engineer"),
        ("Front End Developer", "Frontend Developer - Remote"),
        ("Full-Stack Developer", "Fullstack Developer (Req 40112)"),
        ("QA Analyst", "Quality Assurance Analyst"),
        ("UX Designer", "User Experience Designer, Checkout"),
        ("Software Engineer, New Grad", "SWE - New Graduate"),
        ("Data Engineer (R-48213)", "Data Engineer - JR48213"),
        ("Data Engineer, Job ID 48213", "Data Engineer R48213, Remote"),
    ],
)
def test_it_takes_one_role_written_two_ways_for_one_role(first: str, second: str) -> None:
    assert compatible_titles(first, second)
    assert compatible_titles(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Software Engineering Intern", "Software Engineering Manager"),
        ("Data Analyst Intern", "Marketing Intern"),
        ("Backend Engineer", "Frontend Engineer"),
        ("ML Engineer", "QA Engineer"),
        ("Software Engineer", "Software Engineering Manager"),
        ("UX Designer", "UX Researcher"),
        ("Data Engineer (R-48213)", "Data Engineer (R-51170)"),
        ("Summer Analyst Intern 2026", "Summer Analyst Internship 2027"),
    ],
)
def test_it_keeps_two_roles_apart_however_they_are_written(first: str, second: str) -> None:
    assert not compatible_titles(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Harbor Labs", "Harbor Laboratories"),
        ("Kestrel Tech", "Kestrel Technologies Inc."),
        ("Kestrel Intl", "Kestrel International"),
        ("Univ. of Tarnmouth", "University of Tarnmouth"),
    ],
)
def test_it_takes_an_abbreviated_employer_name_for_the_same_employer(first: str, second: str) -> None:
    assert same_company(first, second)
    grouper = Grouper()
    applied, _ = grouper.place(_mail(0, first, "Field Service Engineer"))
    assert grouper.place(_mail(12, second, "Field Service Engineer"))[0] is applied


def test_it_keeps_a_shortened_name_of_another_employer_apart() -> None:
    assert not same_company("Harbor Labs", "Harbor Logistics")
    assert not same_company("Kestrel Tech", "Kestrel Textiles")


def test_it_follows_one_application_across_three_senders_and_spellings() -> None:
    grouper = Grouper()
    applied, _ = grouper.place(
        MailFacts("", "myworkday.com/kestrel", "Kestrel Systems", "Senior Backend Engineer", T0, Status.APPLIED)
    )
    # The recruiter writes from the employer's domain and names neither employer nor role.
    call = MailFacts("", "kestrelsystems.com", "", "", T0 + timedelta(days=9), Status.INTERVIEW)
    assert grouper.place(call)[0] is applied
    # A third system sends the rejection, with the role abbreviated.
    rejection = MailFacts("", "", "Kestrel Systems Inc.", "Sr. Back-End Eng", T0 + timedelta(days=30), Status.REJECTED)
    assert grouper.place(rejection)[0] is applied


def test_it_joins_mail_naming_no_employer_to_the_one_running_application_with_its_role_written_otherwise() -> None:
    grouper = Grouper()
    applied, _ = grouper.place(_mail(0, "Orchard Health", "Staff ML Engineer"))
    grouper.place(_mail(1, "Quillfeather Labs", "Platform Engineer"))
    assert grouper.place(_mail(8, "", "Staff Machine Learning Engineer"))[0] is applied
    assert grouper.place(_mail(15, "", "Machine Learning Engineer, Staff - Remote"))[0] is applied


def test_it_joins_a_body_only_rejection_naming_no_employer_to_the_one_application_with_its_role() -> None:
    # A mailbox of bodies only: no dates, no senders, no threads, and the rejection's
    # employer was not read.
    grouper = Grouper()
    applied, _ = grouper.place(MailFacts(company="Tidewater Instruments", job_title="Test Engineering Intern"))
    grouper.place(MailFacts(company="Saltmarsh Power", job_title="Grid Analyst"))
    rejection = MailFacts(job_title="Test Engineering Internship", status=Status.REJECTED)
    assert grouper.place(rejection)[0] is applied


@pytest.mark.parametrize(
    ("domain", "company"),
    [
        ("harborlabs.example", "Harbor Laboratories"),
        ("harborlabs.example", "Harbor Labs"),
        ("kestrelsys.example", "Kestrel Systems"),
        ("kestrelintl.example", "Kestrel International Inc."),
    ],
)
def test_it_reads_an_employers_abbreviated_name_in_a_domain(domain: str, company: str) -> None:
    grouper = Grouper()
    applied, _ = grouper.place(_mail(0, company, "Process Chemist", sender="smartrecruiters.com/x"))
    # The recruiter writes from the employer's own domain and the name was not read.
    assert grouper.place(_mail(6, "", "", sender=domain))[0] is applied


def test_it_joins_the_same_senders_mail_about_one_role_written_otherwise_when_a_company_is_misread() -> None:
    grouper = Grouper()
    # A recruiting agency's domain spells neither company.
    applied, _ = grouper.place(_mail(0, "Marlowe Freight", "Sr. Backend Engineer", sender="hireloop.example"))
    # The later mail's company is a signature's misread department name.
    later = _mail(9, "Yard Operations Group", "Senior Back-End Engineer", sender="hireloop.example")
    assert grouper.place(later)[0] is applied
    # The agency's mail about another role at another employer stays apart.
    other = _mail(12, "Pellworth Dairy", "Backend Engineer, Payments", sender="hireloop.example")
    assert grouper.place(other)[0] is not applied


def test_it_lets_two_services_that_write_for_any_employer_share_an_application_naming_its_role() -> None:
    grouper = Grouper()
    # A scheduling tool's mail names the employer; a relay's later mail names only the role.
    applied, _ = grouper.place(_mail(0, "Larkspur Analytics", "Senior Geospatial Analyst", sender="slotbook.example"))
    grouper.place(_mail(1, "Quillfeather Labs", "Platform Engineer"))
    assert grouper.place(_mail(6, "", "Sr. Geospatial Analyst", sender="mailrelay.example"))[0] is applied


@pytest.mark.parametrize(
    ("first_sender", "later_sender"),
    [
        ("larkspur.example", "mailrelay.example"),  # the application's mail came from the employer's domain
        ("myworkday.com/larkspur", "mailrelay.example"),  # or from its ATS tenant
        ("slotbook.example", "myworkday.com/quillfeather"),  # the later mail comes from another employer's tenant
    ],
)
def test_it_keeps_mail_naming_no_employer_apart_when_a_sender_belongs_to_an_employer(
    first_sender: str, later_sender: str
) -> None:
    grouper = Grouper()
    applied, _ = grouper.place(_mail(0, "Larkspur Analytics", "Senior Geospatial Analyst", sender=first_sender))
    assert grouper.place(_mail(6, "", "Senior Geospatial Analyst", sender=later_sender))[0] is not applied


def test_it_takes_a_title_naming_no_role_for_mail_about_the_application_and_keeps_the_role() -> None:
    grouper = Grouper()
    first, _ = grouper.place(_mail(0, "Fenwick Health", "Req 48213 - Remote"))
    # The first email named only the requisition; the next one names the role.
    assert grouper.place(_mail(3, "Fenwick Health", "Clinical Data Analyst"))[0] is first
    assert first.job_title == "Clinical Data Analyst"
    assert grouper.place(_mail(9, "Fenwick Health", "Full Time, Hybrid"))[0] is first
    assert first.job_title == "Clinical Data Analyst"


def test_it_joins_one_role_written_otherwise_months_later_but_not_another_requisition() -> None:
    grouper = Grouper()
    applied, _ = grouper.place(_mail(0, "Pellworth Dairy", "Sr. Quality Assurance Analyst (R-7731)"))
    # The rejection comes four months later, long after a process usually runs.
    assert grouper.place(_mail(120, "Pellworth Dairy", "Senior QA Analyst, R7731"))[0] is applied
    other = _mail(125, "Pellworth Dairy", "Senior QA Analyst, R8802")
    assert grouper.place(other)[0] is not applied


def test_it_keeps_a_misread_company_apart_when_the_title_names_no_role() -> None:
    grouper = Grouper()
    applied, _ = grouper.place(_mail(0, "Marlowe Freight", "", sender="hireloop.example"))
    later = _mail(9, "Pellworth Dairy", "Remote - Full Time", sender="hireloop.example")
    assert grouper.place(later)[0] is not applied


def _step(day: int, status: str, title: str, company: str = "Larchmont Dental Group") -> MailFacts:
    return MailFacts("", "larchmontdental.com", company, title, T0 + timedelta(days=day), status)


@pytest.mark.parametrize("status", [Status.INTERVIEW, Status.REJECTED, Status.ASSESSMENT, Status.OFFER])
@pytest.mark.parametrize("title", ["Coordinator", "Hygienist", "Team"])
def test_it_joins_a_step_naming_no_whole_role_to_the_employers_one_running_application(status: str, title: str) -> None:
    grouper = Grouper()
    applied, _ = grouper.place(_step(0, Status.APPLIED, "Dental Office Manager"))
    step, created = grouper.place(_step(9, status, title))
    assert step is applied
    assert not created
    assert applied.job_title == "Dental Office Manager"


def test_it_joins_a_step_naming_a_whole_role_to_the_one_running_application_that_named_none() -> None:
    grouper = Grouper()
    applied, _ = grouper.place(_step(0, Status.APPLIED, "Coordinator"))
    interview, created = grouper.place(_step(6, Status.INTERVIEW, "Dental Office Manager"))
    assert interview is applied
    assert not created
    assert applied.job_title == "Dental Office Manager"  # the more specific title wins


def test_it_keeps_a_step_naming_no_whole_role_apart_when_two_applications_run() -> None:
    grouper = Grouper()
    grouper.place(_step(0, Status.APPLIED, "Dental Office Manager"))
    grouper.place(_step(1, Status.APPLIED, "Patient Billing Specialist"))
    _step_opening, created = grouper.place(_step(9, Status.INTERVIEW, "Coordinator"))
    assert created


@pytest.mark.parametrize(
    ("first", "later"),
    [
        # A step naming a whole role of its own: a second application whose confirmation never came.
        ((Status.APPLIED, "Dental Office Manager"), (Status.REJECTED, "Patient Billing Specialist")),
        # A confirmation starts an application, whatever it names.
        ((Status.APPLIED, "Dental Office Manager"), (Status.APPLIED, "Coordinator")),
        # An application that ended, or one months old, is not running.
        ((Status.REJECTED, "Dental Office Manager"), (Status.INTERVIEW, "Coordinator")),
    ],
)
def test_it_keeps_a_step_apart_from_an_application_it_cannot_continue(
    first: tuple[str, str], later: tuple[str, str]
) -> None:
    grouper = Grouper()
    opening, _ = grouper.place(_step(0, *first))
    if first[0] == Status.REJECTED:
        opening.status = Status.REJECTED  # the caller keeps the status (see `place`)
    assert grouper.place(_step(9, *later))[0] is not opening


def test_it_keeps_a_step_months_after_the_running_application_apart() -> None:
    grouper = Grouper()
    opening, _ = grouper.place(_step(0, Status.APPLIED, "Dental Office Manager"))
    assert grouper.place(_step(120, Status.INTERVIEW, "Coordinator"))[0] is not opening
