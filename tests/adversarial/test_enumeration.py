"""No door tells whether an address is known: for a known and an unknown address, each answer
— and the page it leads to — has the same status, the same headers and the same bytes, once the
values that differ on every request anyway (CSRF token, CSP nonce, request id, date,
cookies) are set aside."""

import re
from urllib.parse import quote

import pytest
from django.test import Client

from tests.factories import PASSWORD, SubscriberFactory, UserFactory

pytestmark = pytest.mark.django_db

KNOWN = "reporter@example.org"
# An unknown address as long as the known one: a form shows the typed address back.
UNKNOWN = "reporter@example.net"
STAFF = "staff-member@example.org"
WRONG_PASSWORD = "Not-the-password-42!"

PER_REQUEST = [
    # A masked CSRF token (64 letters and digits), wherever the page carries it.
    (re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])"), b"<csrf>"),
    (re.compile(rb'(nonce=")[^"]+'), rb"\1<nonce>"),
    (re.compile(rb"('nonce-)[^']+"), rb"\1<nonce>"),
]
HEADERS_PER_REQUEST = {"set-cookie", "date", "expires", "x-request-id"}


def normalised(response, email):
    """What an observer can compare between two answers, less what differs on every one, and
    the address the visitor typed (a form shows it back to them)."""
    body = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    headers = {
        name.lower(): value.encode()
        for name, value in response.headers.items()
        if name.lower() not in HEADERS_PER_REQUEST
    }
    typed = [(re.compile(re.escape(form.encode())), b"<address>") for form in (email, quote(email))]
    for pattern, replacement in [*PER_REQUEST, *typed]:
        body = pattern.sub(replacement, body)
        headers = {name: pattern.sub(replacement, value) for name, value in headers.items()}
    return response.status_code, headers, body


def journey(post, email):
    """What a fresh visitor sees posting `email`: the answer, and the page it sends them to."""
    client = Client()
    response = post(client, email)
    seen = [normalised(response, email)]
    if response.status_code in (301, 302, 303) and response.headers["Location"].startswith("/"):
        seen.append(normalised(client.get(response.headers["Location"]), email))
    return client, seen


def assert_same(known, unknown):
    assert [step[0] for step in known] == [step[0] for step in unknown], "statuses differ"
    for step_known, step_unknown in zip(known, unknown, strict=True):
        assert step_known[1] == step_unknown[1], "headers differ"
        assert step_known[2] == step_unknown[2], "bodies differ"


@pytest.fixture(autouse=True)
def known_people(terms_of_use, reporter):
    UserFactory(email=STAFF, is_staff=True, is_superuser=True)
    SubscriberFactory(email=KNOWN)


def sign_up(client, email):
    return client.post(
        "/en/accounts/signup/", {"email": email, "password1": PASSWORD, "accept_terms": "on"}
    )


def log_in(client, email):
    return client.post("/en/accounts/login/", {"login": email, "password": WRONG_PASSWORD})


def reset(client, email):
    return client.post("/en/accounts/password/reset/", {"email": email})


def subscribe(client, email):
    return client.post("/en/newsletter/", {"email": email, "language": "en"})


def admin_reset(client, email):
    return client.post("/admin/password_reset/", {"email": email})


@pytest.mark.parametrize(
    ("door", "known"),
    [
        (sign_up, KNOWN),
        (log_in, KNOWN),
        (reset, KNOWN),
        (subscribe, KNOWN),
        (admin_reset, STAFF),
    ],
    ids=["sign-up", "log-in", "password reset", "newsletter subscribe", "admin password reset"],
)
def test_a_known_and_an_unknown_address_get_the_same_answer(door, known):
    unknown = known.removesuffix(".org") + ".net"

    assert_same(journey(door, known)[1], journey(door, unknown)[1])


def test_asking_for_a_new_code_answers_alike_for_a_known_and_an_unknown_address():
    answers = []
    for email in (KNOWN, UNKNOWN):
        client, _signed_up = journey(sign_up, email)
        resent = client.post("/en/accounts/confirm-email/", {"action": "resend"})
        seen = [normalised(resent, email)]
        if resent.status_code == 302:
            seen.append(normalised(client.get(resent.headers["Location"]), email))
        answers.append(seen)

    assert_same(*answers)
