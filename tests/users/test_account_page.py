"""A person's account page: their details, their data, and leaving. (The newsletter's
section is tested with the newsletters, which own it.)"""

import json

import pytest
from allauth.account.models import EmailAddress

from tests.factories import PASSWORD
from tests.mailbox import last_code
from users.models import User


@pytest.fixture
def signed_in(client, reporter):
    client.force_login(reporter)
    return client


def test_the_account_page_needs_a_login(client, db):
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/en/accounts/login/")


def test_details_are_saved(signed_in, reporter):
    response = signed_in.post(
        "/en/accounts/profile/",
        {"first_name": "Ada", "last_name": "Lovelace", "organisation": "Gazette"},
    )

    assert response.status_code == 302
    reporter.refresh_from_db()
    assert (reporter.first_name, reporter.last_name, reporter.organisation) == (
        "Ada",
        "Lovelace",
        "Gazette",
    )


def test_my_data_downloads_as_json(signed_in, reporter):
    response = signed_in.get("/en/accounts/profile/my-data.json")

    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["email"] == "reporter@example.org"
    assert data["email_addresses"] == [
        {"email": "reporter@example.org", "verified": True, "primary": True}
    ]


def test_a_wrong_password_does_not_delete_the_account(signed_in, reporter):
    response = signed_in.post("/en/accounts/profile/delete/", {"password": "wrong"})

    assert response.status_code == 400
    assert "This is not your password." in response.content.decode()
    assert User.objects.filter(pk=reporter.pk).exists()


def test_deleting_the_account_removes_the_person_and_signs_them_out(signed_in, reporter):
    response = signed_in.post("/en/accounts/profile/delete/", {"password": PASSWORD})

    assert response.status_code == 302
    assert not User.objects.filter(pk=reporter.pk).exists()
    assert not EmailAddress.objects.filter(email="reporter@example.org").exists()
    assert signed_in.get("/en/accounts/profile/").status_code == 302


def test_deleting_is_only_by_post(signed_in, reporter):
    assert signed_in.get("/en/accounts/profile/delete/").status_code == 405
    assert User.objects.filter(pk=reporter.pk).exists()


def test_a_public_account_never_reaches_the_admin(signed_in):
    response = signed_in.get("/admin/")

    assert response.status_code == 302
    assert "/admin/login/" in response.headers["Location"]


def test_changing_the_email_address_is_verified_by_code(signed_in, reporter):
    from django.core import mail

    signed_in.post("/en/accounts/email/", {"email": "new@example.org", "action_add": ""})
    code = last_code()
    assert mail.outbox[-1].to == ["new@example.org"]
    reporter.refresh_from_db()
    assert reporter.email == "reporter@example.org", "not changed before the code is entered"

    verified = signed_in.post("/en/accounts/confirm-email/", {"code": code})

    assert verified.headers["Location"] == "/en/accounts/profile/"
    reporter.refresh_from_db()
    assert reporter.email == "new@example.org"
    assert EmailAddress.objects.get(user=reporter).verified
