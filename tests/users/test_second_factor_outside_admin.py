"""A staff session with its password only does not count as signed in outside the admin either:
not to restricted documents and pages, nor to changing the account's password or address, nor to
deleting it. It is sent to the second-factor page, and back once verified."""

import base64
from urllib.parse import quote

import pyotp
import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.admin_login import sign_in_to_admin
from tests.factories import PASSWORD, StoryFactory, UserFactory, publish
from users.models import User

pytestmark = pytest.mark.django_db

SENSITIVE_PAGES = [
    "/en/accounts/password/change/",
    "/en/accounts/email/",
    "/en/accounts/profile/my-data.json",
]


@pytest.fixture
def staff(db):
    person = UserFactory(email="chief@example.org", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return person


@pytest.fixture
def password_only(client, staff):
    """Signed in with the password at the admin's login; the second factor not yet passed."""
    sign_in_to_admin(client, staff)
    client.logout()
    response = client.post(
        reverse("wagtailadmin_login"), {"username": staff.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def sent_to_second_factor(response, url):
    return response.status_code == 302 and response["Location"] == (
        f"{reverse('two_factor_verify')}?next={quote(url, safe='')}"
    )


@pytest.mark.parametrize("url", SENSITIVE_PAGES)
def test_a_password_only_staff_session_is_sent_to_the_second_factor(password_only, url):
    assert sent_to_second_factor(password_only.get(url), url)


def test_it_cannot_delete_the_account(password_only, staff):
    response = password_only.post("/en/accounts/profile/delete/", {"password": PASSWORD})

    assert sent_to_second_factor(response, "/en/accounts/profile/delete/")
    assert User.objects.filter(pk=staff.pk).exists()


def test_once_verified_the_same_pages_open(client, staff):
    sign_in_to_admin(client, staff)

    for url in SENSITIVE_PAGES:
        assert client.get(url).status_code == 200, url


def test_a_public_account_is_never_asked_for_a_second_factor(client, reporter):
    client.force_login(reporter)

    for url in SENSITIVE_PAGES:
        assert client.get(url).status_code == 200, url


def restricted_document():
    private = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return get_document_model().objects.create(
        title="Board minutes",
        file=ContentFile(b"Minutes.", name="minutes.txt"),
        collection=private,
    )


def test_a_restricted_document_waits_for_the_second_factor(password_only):
    minutes = restricted_document()

    assert sent_to_second_factor(password_only.get(minutes.url), minutes.url)


def test_a_restricted_document_opens_once_verified(client, staff):
    minutes = restricted_document()
    sign_in_to_admin(client, staff)

    response = client.get(minutes.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Minutes."


def test_a_public_document_needs_no_second_factor(password_only):
    notes = get_document_model().objects.create(
        title="Press kit", file=ContentFile(b"Kit.", name="kit.txt")
    )

    assert password_only.get(notes.url).status_code == 200


def test_a_page_for_signed_in_readers_waits_for_the_second_factor(password_only, news_index):
    story = publish(StoryFactory(title="Staff only"))
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)

    assert sent_to_second_factor(password_only.get(story.url), story.url)


def test_the_second_factor_page_sends_the_person_back(password_only, staff):
    code = pyotp.TOTP(base64.b32encode(staff.totpdevice_set.get().bin_key).decode()).now()

    response = password_only.post(
        reverse("two_factor_verify"), {"token": code, "next": "/en/accounts/password/change/"}
    )

    assert response["Location"] == "/en/accounts/password/change/"
    assert password_only.get("/en/accounts/password/change/").status_code == 200
