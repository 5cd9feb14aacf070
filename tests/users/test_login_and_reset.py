"""Log in by email, and reset a forgotten password with an emailed code."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from tests.factories import PASSWORD
from tests.mailbox import last_code

NEW_PASSWORD = "Brand-New-Horse-7!"


def test_logging_in_rotates_the_session_key(client, reporter):
    client.get("/en/accounts/login/")
    anonymous_key = client.session.session_key

    response = client.post(
        "/en/accounts/login/?next=/en/news/",
        {"login": "reporter@example.org", "password": PASSWORD},
    )

    assert response.headers["Location"] == "/en/news/"
    assert client.session.session_key != anonymous_key
    assert client.session["_auth_user_id"] == str(reporter.pk)


def test_an_offsite_next_after_login_is_dropped(client, reporter):
    response = client.post(
        "/en/accounts/login/?next=https://evil.example/",
        {"login": "reporter@example.org", "password": PASSWORD},
    )

    assert "evil.example" not in response.headers["Location"]


def test_reset_by_code_then_log_in_with_the_new_password(client, reporter):
    client.post("/en/accounts/password/reset/?return_to=/en/news/", {"email": reporter.email})
    assert "This code will expire in 30 minutes." in mail.outbox[-1].body

    entered = client.post("/en/accounts/password/reset/confirm/", {"code": last_code()})
    form_url = entered.headers["Location"]
    done = client.post(
        form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )

    html = done.content.decode()
    assert "Your password has been updated" in html
    assert "/en/accounts/login/?next=/en/news/" in html
    client.logout()
    assert client.login(email=reporter.email, password=NEW_PASSWORD)


def test_a_reset_ends_every_other_session(client, reporter):
    from django.test import Client

    elsewhere = Client()
    elsewhere.force_login(reporter)
    client.post("/en/accounts/password/reset/", {"email": reporter.email})
    entered = client.post("/en/accounts/password/reset/confirm/", {"code": last_code()})
    client.post(entered.headers["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = elsewhere.get("/en/accounts/welcome/")

    assert response.status_code == 302
    assert "/accounts/login/" in response.headers["Location"]


def test_resetting_an_unknown_email_looks_the_same_as_a_known_one(client, reporter):
    known = client.post("/en/accounts/password/reset/", {"email": reporter.email})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code
    assert known.headers.get("Location") == unknown.headers.get("Location")
    # Each address is sent an email (the same work, so the same time): a code, or word
    # that there is no account.
    assert [message.to for message in mail.outbox] == [
        ["reporter@example.org"],
        ["nobody@example.org"],
    ]
    no_account = mail.outbox[1]
    assert "there is no account with it" in no_account.body
    assert "/en/accounts/signup/" in no_account.body
    assert "there is no account with it" in no_account.alternatives[0][0]


def test_reset_codes_have_eight_digits(client, reporter):
    client.post("/en/accounts/password/reset/", {"email": reporter.email})

    assert len(last_code()) == 8


@pytest.mark.parametrize("email", ["reporter@example.org", "nobody@example.org"])
def test_an_address_is_sent_at_most_five_reset_codes_a_day(client, reporter, email):
    start = timezone.now()

    def ask(after):
        with time_machine.travel(start + after, tick=False):
            return client.post("/en/accounts/password/reset/", {"email": email})

    # Two minutes apart: allauth's own limit of a few a minute is not what is tested.
    answers = [ask(datetime.timedelta(minutes=2 * number)) for number in range(5)]
    sixth = ask(datetime.timedelta(minutes=12))
    next_day = ask(datetime.timedelta(days=1, minutes=1))

    assert [answer.status_code for answer in answers] == [302] * 5
    assert sixth.status_code == 429
    assert "You can ask for 5 codes a day to reset your password" in sixth.content.decode()
    assert len(mail.outbox) == 6
    assert next_day.status_code == 302


def test_the_daily_cap_is_said_in_french(client, reporter):
    for _ in range(5):
        client.post("/fr/accounts/password/reset/", {"email": reporter.email})
    # Past allauth's per-minute limit, which five in a row reach as well.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5), tick=False):
        refused = client.post("/fr/accounts/password/reset/", {"email": reporter.email})

    assert refused.status_code == 429
    assert "Vous pouvez demander 5 codes par jour" in refused.content.decode()


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, reporter):
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": reporter.email, "password": "wrong"})

    response = client.post("/en/accounts/login/", {"login": reporter.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_signing_up_with_a_taken_email_answers_byte_for_byte_like_a_new_one(client, reporter):
    def answer(email):
        client.logout()
        response = client.post(
            "/en/accounts/signup/",
            {"email": email, "password1": "Another-Horse-8!", "accept_terms": "on"},
        )
        return response.status_code, response.headers.get("Location"), response.content

    assert answer(reporter.email) == answer("newcomer@example.org")


def test_resetting_answers_byte_for_byte_alike_for_known_and_unknown_emails(client, reporter):
    def answer(email):
        response = client.post("/en/accounts/password/reset/", {"email": email})
        return response.status_code, response.headers.get("Location"), response.content

    assert answer(reporter.email) == answer("nobody@example.org")


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "Enter this code to reset your password."),
        ("fr", "Saisissez ce code pour réinitialiser votre mot de passe."),
    ],
)
def test_the_reset_email_is_in_the_reader_language(client, reporter, language, expected):
    client.post(f"/{language}/accounts/password/reset/", {"email": reporter.email})

    assert expected in mail.outbox[-1].body
    assert expected in mail.outbox[-1].alternatives[0][0]
