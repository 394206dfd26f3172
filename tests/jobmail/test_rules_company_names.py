"""Employers' names that are hard to read: an article that is part of the name, a
branch's number after it, a recruiter's signature that puts the name under "Name | Role",
and a tenant only in an apply.workable.com link, with its slug pretty-cased.

All companies, people and roles are invented."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.classify.rules.company import normalise_company
from jobmail.message import ParsedMessage
from tests.jobmail.messages import body_only, mail, parsed


def _company(rules: RulesClassifier, email: ParsedMessage) -> str:
    result = rules.classify_sync(email)
    assert result.is_job_related
    return result.company


def _applied(employer: str, role: str = "Data Analyst") -> str:
    return (
        f"Hi Dana,\n\nThank you for applying for the {role} position at {employer}. We have received your "
        "application and our team will review it.\n\nBest regards\n"
    )


@pytest.mark.parametrize(
    ("sender", "body", "company"),
    [
        # A capitalised French or Spanish article mid-sentence belongs to the name.
        ("Careers <careers@casitacantina.example>", _applied("La Casita Cantina", "Server"), "La Casita Cantina"),
        ("Jobs <jobs@lepetitfour.example>", _applied("Le Petit Four", "Pastry Cook"), "Le Petit Four"),
        # ... also when the domain spells the name with its article.
        (
            "HR <hr@lacasita.example>",
            "Hi Dana,\n\nThank you for applying to La Casita Cantina! We received your application for Server."
            "\n\nLa Casita Cantina\n",
            "La Casita Cantina",
        ),
        # "The" written before the name every time, once mid-sentence.
        ("Jobs <jobs@crateshop.example>", _applied("The Crate Shop", "Sales Associate"), "The Crate Shop"),
        (
            "HR <hr@thecrate.example>",
            "Hi Dana,\n\nThanks for your interest in The Crate Shop. We received your application for Sales "
            "Associate.\n\nThe Crate Shop Hiring Team\n",
            "The Crate Shop",
        ),
    ],
)
def test_it_keeps_an_article_that_is_part_of_the_name(
    rules: RulesClassifier, sender: str, body: str, company: str
) -> None:
    assert _company(rules, parsed("Application received", body, sender=sender)) == company


@pytest.mark.parametrize(
    "body",
    [
        # A sentence's "The" and a sign-off's "The ... Team" are no part of the name.
        "Hi Dana,\n\nThe Crate Shop has received your application for Sales Associate.\n\nThank you!\n",
        "Hi Dana,\n\nThanks for applying to Crate Shop. We received your application for Sales Associate."
        "\n\nThe Crate Shop Team\n",
    ],
)
def test_it_leaves_out_an_article_the_name_goes_without(rules: RulesClassifier, body: str) -> None:
    assert _company(rules, parsed("Application received", body, sender="Jobs <jobs@crateshop.example>")) == (
        "Crate Shop"
    )


@pytest.mark.parametrize(
    ("sender", "body", "company"),
    [
        (
            "Healthway Pharmacy Store #3381 <noreply@healthway.example>",
            _applied("Healthway Pharmacy Store #3381", "Pharmacy Technician"),
            "Healthway Pharmacy",
        ),
        (
            "Hiring <noreply@healthway.example>",
            _applied("Healthway Pharmacy Store #3381", "Pharmacy Technician"),
            "Healthway Pharmacy",
        ),
        (
            "Harbor Coffee Location No. 214 <hiring@harborcoffee.example>",
            "Hi Dana,\n\nThanks for applying to be a Barista. We will be in touch soon.\n\nBest\n",
            "Harbor Coffee",
        ),
    ],
)
def test_it_drops_the_branch_number_after_a_name(rules: RulesClassifier, sender: str, body: str, company: str) -> None:
    assert _company(rules, parsed("Application received", body, sender=sender)) == company


@pytest.mark.parametrize(
    ("signature", "company"),
    [
        ("Priya Nair | Talent Acquisition Partner\nThreefold Health", "Threefold Health"),
        ("Priya Nair, Senior Recruiter\nMarrowind Biotech", "Marrowind Biotech"),
        ("Priya Nair – HR Generalist\nHollins & Pratt CPAs", "Hollins & Pratt CPAs"),
    ],
)
def test_it_reads_the_employer_under_a_recruiters_name_and_role(
    rules: RulesClassifier, signature: str, company: str
) -> None:
    # The recruiter's own address at an abbreviated domain: only the signature names the employer.
    body = (
        "Hi Dana,\n\nWe would like to invite you to interview for the Data Analyst position. Please share your "
        f"availability for a call this week.\n\nThanks,\n{signature}\n"
    )
    email = parsed("Interview for Data Analyst", body, sender="Priya Nair <pnair@tfh.example>")
    assert _company(rules, email) == company


@pytest.mark.parametrize(
    ("link", "company"),
    [
        ("https://apply.workable.com/fern-and-field/j/4C1D2E9A/", "Fern and Field"),
        ("https://apply.workable.com/north-star-labs/j/77AB31C0/", "North Star Labs"),
    ],
)
def test_it_reads_the_tenant_of_an_apply_workable_link(rules: RulesClassifier, link: str, company: str) -> None:
    body = f"Hi Dana,\n\nThank you for applying. You can follow your application here: {link}\n\nBest\n"
    assert _company(rules, body_only(body)) == company
    relayed = parsed("Thanks for applying", body, sender="Workable <noreply@candidates.workablemail.com>")
    assert _company(rules, relayed) == company


_OUTREACH = (
    "Hi Dana,\n\nI came across your profile and think you'd be a great fit for a Data Analyst role on our team. "
    "Would you be open to a short call?\n\nBest,\nJordan Reyes\n"
)


@pytest.mark.parametrize(
    ("signature", "company"),
    [
        # The employer's line goes on with its address or site.
        ("Talent Acquisition\nNorthvale Robotics | 200 Harbor Way, Denver", "Northvale Robotics"),
        # A people or talent partner recruits as well.
        ("People Partner\nNorthvale Robotics", "Northvale Robotics"),
        ("Talent Partner\nNorthvale Robotics", "Northvale Robotics"),
    ],
)
def test_it_reads_the_employer_in_a_signature_at_an_abbreviated_domain(
    rules: RulesClassifier, signature: str, company: str
) -> None:
    email = parsed("Data Analyst role", _OUTREACH + signature + "\n", sender="Jordan Reyes <jreyes@nvrobotics.example>")
    assert _company(rules, email) == company


@pytest.mark.parametrize(
    "brand_and_parent",
    [
        "Sprigly, a Marlow Foods company",
        "Sprigly, a Marlow Foods brand",
        "Sprigly, a subsidiary of Marlow Foods",
        "Sprigly, a division of the Marlow Foods",
    ],
)
def test_it_names_the_brand_when_its_parent_sends(rules: RulesClassifier, brand_and_parent: str) -> None:
    body = (
        f"Hi Dana,\n\nThanks for applying for the Data Analyst position at {brand_and_parent}. We received your "
        "application and will be in touch.\n\nBest\n"
    )
    email = parsed("Application received", body, sender="Marlow Foods Careers <careers@marlowfoods.example>")
    assert _company(rules, email) == "Sprigly"


_REJECTION_END = " After careful consideration, we have decided to move forward with other candidates.\n\nSincerely,\n"


@pytest.mark.parametrize(
    ("opening", "company"),
    [
        # A word for a business after the possessive keeps it in the name.
        ("Thank you for applying to the Server role at Rosie's Diner.", "Rosie's Diner"),
        ("Thank you for applying for the Cook position at McGinty's Pub & Grill.", "McGinty's Pub & Grill"),
        ("Thank you for applying to Halloran's Hardware.", "Halloran's Hardware"),
        # A possessive on a plural is no part of the name.
        ("Thank you for your interest in Pellwood Labs's internship program.", "Pellwood Labs"),
    ],
)
def test_it_keeps_a_possessive_that_names_a_business(rules: RulesClassifier, opening: str, company: str) -> None:
    assert _company(rules, body_only(f"Dear Dana,\n\n{opening}{_REJECTION_END}")) == company


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        # A professional or partnership form is a legal form; the profession before it stays.
        ("Dunmore Law Group, PLLC", "Dunmore Law Group"),
        ("Kessler Dental Associates, P.C.", "Kessler Dental Associates"),
        ("Harlow & Finch, P.A.", "Harlow & Finch"),
        ("Brightline Capital Partners, L.P.", "Brightline Capital Partners"),
        ("Brightline Capital Partners LP", "Brightline Capital Partners"),
        ("Meranti Analytics Pte. Ltd.", "Meranti Analytics"),
        ("Meranti Analytics Pte", "Meranti Analytics"),
        ("Sarvam Data Pvt. Ltd.", "Sarvam Data"),
        ("Sarvam Data Private Limited", "Sarvam Data"),
        ("Grupo Solano S.A. de C.V.", "Grupo Solano"),
        ("Grupo Solano S. de R.L. de C.V.", "Grupo Solano"),
        ("Tolvane Systems LLC.", "Tolvane Systems"),
    ],
)
def test_it_drops_more_legal_forms(name: str, bare: str) -> None:
    assert normalise_company(name) == bare


def test_it_reads_a_private_limiteds_name_from_a_sentence(rules: RulesClassifier) -> None:
    body = (
        "Dear Dana,\n\nThank you for applying for the Data Analyst position at Meranti Analytics Pte. Ltd. We have "
        "received your application.\n\nBest regards\n"
    )
    email = parsed("Application received", body, sender="Hiring <jobs@meranti.example>")
    assert _company(rules, email) == "Meranti Analytics"


@pytest.mark.parametrize(
    ("opening", "company"),
    [
        # The employer owns the role it names.
        ("We have reviewed your application for Greyfield Capital's Data Analyst opening.", "Greyfield Capital"),
        ("We carefully reviewed your candidacy for Pinecrest Mutual's Claims Adjuster position.", "Pinecrest Mutual"),
        # The employer received many applications.
        ("Greyfield Capital received a large number of applications for the Data Analyst role.", "Greyfield Capital"),
        ("Tarnwell Bio has received an overwhelming number of applications this season.", "Tarnwell Bio"),
        # A business's possessive name before the role is no employer's possessive.
        ("Thank you for your interest in Hollowell's Hardware Data Analyst role.", ""),
    ],
)
def test_it_reads_the_employer_of_a_body_only_rejection(rules: RulesClassifier, opening: str, company: str) -> None:
    assert _company(rules, body_only(f"Dear Dana,\n\n{opening}{_REJECTION_END}")) == company


@pytest.mark.parametrize(
    ("opening", "company"),
    [
        ("Thank you for applying to the Greyfield Capital 2027 Summer Internship Program.", "Greyfield Capital"),
        ("Thanks for applying to the Greyfield Capital Summer Analyst Program.", "Greyfield Capital"),
        ("Thank you for your interest in the Fall 2027 Analyst Program at Greyfield Capital.", "Greyfield Capital"),
        # A field of work before the intake is no employer.
        ("Thank you for applying to the Software Summer Internship.", ""),
        ("Thank you for applying to the Investment Banking 2027 Analyst Program.", ""),
    ],
)
def test_it_reads_the_employer_of_an_internship_programme(rules: RulesClassifier, opening: str, company: str) -> None:
    assert _company(rules, body_only(f"Dear Dana,\n\n{opening}{_REJECTION_END}")) == company


@pytest.mark.parametrize(
    ("subject", "company", "title"),
    [
        # A word made from a role noun names the business, not a role.
        ("Nursery Assistant application - Brightlane Nursery", "Brightlane Nursery", "Nursery Assistant"),
        ("Graduate Engineer - Halden Engineering", "Halden Engineering", "Graduate Engineer"),
        ("Application received - Stonefield Architecture", "Stonefield Architecture", ""),
    ],
)
def test_it_reads_a_business_named_after_its_trade(subject: str, company: str, title: str) -> None:
    result = RulesClassifier().classify_sync(
        mail(
            subject,
            "Dear Sam,\n\nThank you for your application. We will be in touch within two weeks.\n\nKind regards",
        )
    )
    assert (result.company, result.job_title) == (company, title)


@pytest.mark.parametrize(
    "ending",
    [
        "Best regards,\nTom\n-- \nTom Baker\nOperations Director\nPeregrine Dental Group",
        "All the best,\nTom\n--\nTom Baker\nOperations Director\nPeregrine Dental Group",
        "Thanks,\nTom\n-- \nTom Baker | Recruiter | Peregrine Dental Group\n+1 555 0100",
    ],
)
def test_it_reads_the_employer_in_the_signature_cleaning_cuts(ending: str) -> None:
    # Gmail puts "-- " above every signature; the employer is often named only there.
    body = (
        "Hi Sam,\n\nUnfortunately we have decided not to move forward with your application for the Office "
        f"Manager position.\n\n{ending}"
    )
    assert RulesClassifier().classify_sync(body_only(body)).company == "Peregrine Dental Group"
