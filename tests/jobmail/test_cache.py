"""The content hash: identical templated mail is classified once."""

from __future__ import annotations

from jobmail.classify.cache import content_hash
from tests.jobmail.messages import message


def test_it_hashes_templated_mail_the_same_and_different_content_apart() -> None:
    template = "Hi Dana,\n\nthanks for applying to the {role} role. Your candidate id is {id}. Track it at {url}."
    first = message(template.format(role="Data Engineer", id="4471829", url="https://ats.example/c/x81kd0qpl2n3m4b5"))
    second = message(template.format(role="Data Engineer", id="9012334", url="https://ats.example/c/a9z8y7x6w5v4u3t2"))
    other_role = message(template.format(role="QA Engineer", id="9012334", url="https://ats.example/c/a"))
    assert content_hash(first) == content_hash(second)
    assert content_hash(first) != content_hash(other_role)
    # Short numbers are dates and times: two interview slots must not share a cached answer.
    assert content_hash(message("Interview on 9 September at 10:00")) != content_hash(
        message("Interview on 9 September at 11:00")
    )
    assert content_hash(message("x", subject="Re: Interview")) == content_hash(message("x", subject="Interview"))
    assert content_hash(message("x", sender_email="a@acme.example")) != content_hash(
        message("x", sender_email="a@other.example")
    )
