from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD, link_in


@pytest.mark.django_db
def test_it_signs_up_with_email_and_password() -> None:
    client = Client()
    response = client.post(
        reverse("account_signup"),
        {"email": "carol@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email="carol@example.com")
    assert user.check_password(PASSWORD)
    # Not signed in until the address is confirmed through the link mailed to it.
    assert client.get(reverse("dashboard")).status_code == 302
    (message,) = mail.outbox
    assert message.to == ["carol@example.com"]
    link = link_in(message.body)
    assert client.post(link).status_code == 302
    response = client.post(reverse("account_login"), {"login": "carol@example.com", "password": PASSWORD})
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_it_shows_signup_errors() -> None:
    response = Client().post(reverse("account_signup"), {"email": "not-an-email", "password1": "x", "password2": "y"})
    assert response.status_code == 200
    assert b"Enter a valid email address" in response.content


def test_it_logs_in_by_email(alice: User) -> None:
    client = Client()
    response = client.post(reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    page = client.get(reverse("dashboard"))
    assert b"alice@example.com" in page.content


def test_it_refuses_a_wrong_password(alice: User) -> None:
    response = Client().post(reverse("account_login"), {"login": "alice@example.com", "password": "wrong"})
    assert response.status_code == 200
    assert b"not correct" in response.content


def test_it_logs_out(alice_client: Client) -> None:
    response = alice_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert alice_client.get(reverse("dashboard")).status_code == 302


def test_it_redirects_anonymous_users_to_login(db: None) -> None:
    response = Client().get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_renders_the_styled_login_page(db: None) -> None:
    response = Client().get(reverse("account_login"))
    assert response.status_code == 200
    assert b"Log in to Jobtrail" in response.content
    assert b"css/jobtrail.css" in response.content
    assert b"Continue with Google" not in response.content  # no GOOGLE_CLIENT_ID configured


def test_it_links_the_login_page_to_the_password_reset(db: None) -> None:
    page = Client().get(reverse("account_login")).content.decode()
    assert f'<a href="{reverse("account_reset_password")}">Forgot your password?</a>' in page


@pytest.mark.parametrize(
    ("name", "signed_in"),
    [
        ("account_change_password", True),
        ("account_email", True),
        ("socialaccount_connections", True),
        ("account_reset_password", False),
        ("account_reset_password_done", False),
    ],
)
def test_it_shows_allauths_pages_in_the_products_layout(
    alice_client: Client, name: str, signed_in: bool, db: None
) -> None:
    page = (alice_client if signed_in else Client()).get(reverse(name)).content.decode()
    assert 'class="account-page"' in page
    assert '<header class="topbar">' in page
    assert " · Jobtrail</title>" in page
    assert "css/jobtrail.css" in page


#: allauth's own Title Case words, none of which the product's pages may show.
ALLAUTH_TITLE_CASE = [
    "Change Password", "Current Password", "New Password", "Set Password", "Email Address", "Change Email",
    "Account Connections", "Add a Third-Party Account", "Password Reset", "Reset My Password", "Bad Token",
    "Confirm Access", "Sign In", "Sign Out", "Sign Up", "Make Primary", "Re-send Verification", "Remember Me",
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "kwargs", "signed_in", "title", "words"),
    [
        ("account_change_password", {}, True, "Change password", ["Current password", "New password (again)"]),
        ("account_email", {}, True, "Email address", ["Change to", "Change email"]),
        ("socialaccount_connections", {}, True, "Connected accounts", ["Connect another account"]),
        ("account_reset_password", {}, False, "Reset your password", ["Forgot your password?", "Send the reset link"]),
        ("account_reset_password_done", {}, False, "Reset your password", ["We have sent you an email"]),
        (
            "account_reset_password_from_key",
            {"uidb36": "1", "key": "set-password"},
            False,
            "Change password",
            ["This link no longer works"],
        ),
        ("account_reauthenticate", {}, True, "Confirm it's you", ["Password"]),
    ],
)
def test_it_words_allauths_pages_like_the_product(
    alice_client: Client, name: str, kwargs: dict[str, str], signed_in: bool, title: str, words: list[str], db: None
) -> None:
    page = (alice_client if signed_in else Client()).get(reverse(name, kwargs=kwargs)).content.decode()
    assert re.search(r"<title>\s*(.*?)\s*· Jobtrail</title>", page, re.S)[1] == title  # type: ignore[index]
    main = page[page.index("<main") : page.index("</main>")]
    for word in words:
        assert word in main, word
    for word in ALLAUTH_TITLE_CASE:
        assert word not in page, word
    labels = [" ".join(label.split()) for label in re.findall(r"<label[^>]*>(.*?)</label>", main, re.S)]
    assert not [label for label in labels if label.endswith(":")], labels


def test_it_ships_the_compiled_catalogue_of_its_words() -> None:
    """locale/en/LC_MESSAGES/django.mo is django.po compiled (`msgfmt -o django.mo django.po`)."""
    folder = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
    source = (folder / "django.po").read_text()
    entries = re.findall(r'(?m)^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', source)
    pairs = {"".join(re.findall(r'"(.*)"', i)): "".join(re.findall(r'"(.*)"', s)) for i, s in entries}
    pairs.pop("")
    assert len(pairs) >= 40
    with (folder / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for msgid, msgstr in pairs.items():
        assert catalogue.gettext(msgid.replace('\\"', '"')) == msgstr.replace('\\"', '"'), msgid


def test_it_shows_an_empty_dashboard(alice_client: Client) -> None:
    response = alice_client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert b"No applications yet" in response.content


def test_it_creates_users_without_username(db: None) -> None:
    user = User.objects.create_user("Dave@Example.COM", PASSWORD)
    assert user.email == "dave@example.com"
    admin = User.objects.create_superuser("root@example.com", PASSWORD)
    assert admin.is_staff
    assert admin.is_superuser


def test_it_only_lets_staff_into_the_admin(alice_client: Client, alice: User) -> None:
    response = alice_client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    alice.is_staff = True
    alice.is_superuser = True
    alice.save()
    for url in (
        "/admin/",
        "/admin/processing/processingrun/",
        "/admin/dashboard/application/",
        "/admin/dashboard/email/",
        "/admin/accounts/user/",
        "/admin/accounts/gmailcredential/",
    ):
        assert alice_client.get(url).status_code == 200, url


def test_it_refuses_anonymous_admin(db: None) -> None:
    response = Client().get("/admin/processing/processingrun/")
    assert response.status_code == 302
