"""Every door that takes a password limits guessing as allauth's login does: per account within
a time window, and per client address; past the limit a translated 429 says when to try again."""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import PASSWORD, StoryFactory, UserFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(email="chief@example.org", is_staff=True, is_superuser=True)


def admin_login(client, email, password):
    return client.post(reverse("wagtailadmin_login"), {"username": email, "password": password})


def test_twenty_wrong_passwords_at_the_admin_login_lock_the_account_for_a_while(client, staff):
    for _ in range(20):
        admin_login(client, staff.email, "wrong")

    response = admin_login(client, staff.email, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Too many attempts. Try again in 15 minutes." in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 15 * 60


def test_the_lock_is_time_windowed_and_never_locks_the_person_out_for_good(client, staff):
    for _ in range(5):
        admin_login(client, staff.email, "wrong")
    assert admin_login(client, staff.email, PASSWORD).status_code == 429

    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(minutes=16)):
        response = admin_login(client, staff.email, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_a_right_password_does_not_use_up_the_allowance(client, staff):
    for _ in range(7):
        assert admin_login(client, staff.email, PASSWORD).status_code == 302
        client.logout()


def test_guesses_at_the_public_login_and_the_admin_login_add_up(client, staff):
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    for _ in range(3):
        client.post("/en/accounts/login/", {"login": staff.email, "password": "wrong"})
    for _ in range(2):
        admin_login(client, staff.email, "wrong")

    assert admin_login(client, staff.email, PASSWORD).status_code == 429


def test_one_address_guessing_many_accounts_is_stopped(client):
    for number in range(10):
        admin_login(client, f"person{number}@example.org", "wrong")

    assert admin_login(client, "someone-else@example.org", "wrong").status_code == 429


def test_the_locked_admin_login_says_so_in_french(client, staff):
    for _ in range(5):
        admin_login(client, staff.email, "wrong")

    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": staff.email, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 429
    assert "Trop de tentatives. Réessayez dans 15 minutes." in response.content.decode()


def test_wagtails_frontend_login_goes_through_allauth(client):
    response = client.get("/en/_util/login/?next=/en/news/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/news/"


def test_an_unverified_account_cannot_sign_in_by_wagtails_frontend_login(client):
    unverified = UserFactory(email="unverified@example.org")
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False)

    client.post("/en/_util/login/", {"username": unverified.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session


@pytest.fixture
def locked_story(news_index):
    story = publish(StoryFactory(title="Members only"))
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame"
    )
    return story, restriction


def enter_page_password(client, story, restriction, password, language="en"):
    url = f"/{language}/_util/authenticate_with_password/{restriction.pk}/{story.pk}/"
    return client.post(url, {"password": password, "return_url": story.url})


def test_a_pages_password_form_takes_five_guesses_then_says_when_to_try_again(client, locked_story):
    story, restriction = locked_story
    for _ in range(20):
        enter_page_password(client, story, restriction, "wrong")

    response = enter_page_password(client, story, restriction, "open-sesame")

    assert response.status_code == 429
    assert "Too many attempts. Try again in 15 minutes." in response.content.decode()
    assert 'name="password"' in client.get(story.url).content.decode(), "still asks for it"


def test_the_right_page_password_still_opens_the_page(client, locked_story):
    story, restriction = locked_story

    response = enter_page_password(client, story, restriction, "open-sesame")

    assert response.status_code == 302
    assert response["Location"] == story.url


def test_the_page_password_429_is_translated(client, locked_story):
    story, restriction = locked_story
    for _ in range(5):
        enter_page_password(client, story, restriction, "wrong", language="fr")

    response = enter_page_password(client, story, restriction, "wrong", language="fr")

    assert response.status_code == 429
    assert "Trop de tentatives. Réessayez dans 15 minutes." in response.content.decode()


def reset_admin_password(client, email):
    """The answer, less the request's own id."""
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": email})
    headers = tuple(sorted((k, v) for k, v in response.headers.items() if k != "X-Request-ID"))
    return response.status_code, headers, response.content


def test_the_admin_password_reset_mails_staff_only(client, staff, reporter):
    reset_admin_password(client, staff.email)
    reset_admin_password(client, reporter.email)
    reset_admin_password(client, "nobody@example.org")

    assert [message.to for message in mail.outbox] == [[staff.email]]
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


def test_the_admin_password_reset_answers_alike_whatever_the_address(client, staff, reporter):
    answers = {
        email: reset_admin_password(client, email)
        for email in (staff.email, reporter.email, "nobody@example.org")
    }

    assert len(set(answers.values())) == 1, answers
    assert answers[staff.email][0] == 302


def test_the_admin_password_reset_is_rate_limited(client, staff):
    answers = [reset_admin_password(client, staff.email)[0] for _ in range(6)]

    assert answers == [302] * 5 + [429]
    assert len(mail.outbox) == 5


def test_the_account_deletion_password_takes_five_guesses_then_says_when_to_try_again(client):
    reader = UserFactory(email="reader@example.org")
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
    client.force_login(reader)
    for _ in range(5):
        assert client.post(reverse("account_delete"), {"password": "wrong"}).status_code == 400

    response = client.post(reverse("account_delete"), {"password": PASSWORD})

    assert response.status_code == 429
    assert "Too many attempts. Try again in 15 minutes." in response.content.decode()
    assert type(reader).objects.filter(pk=reader.pk).exists()
