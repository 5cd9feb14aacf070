"""The bad inputs that once answered 500, each as it was found; the fuzz (test_fuzz.py) keeps
looking for more."""

import base64
import os

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def answer(path, **request):
    return Client(raise_request_exception=False).generic(path=path, **request)


def test_a_search_for_a_page_past_any_database_integer_shows_the_last_page():
    response = answer("/en/search/?q=a&page=922337203685477581", method="GET")

    assert response.status_code == 200


@pytest.mark.parametrize("name", ["a" * 300, "images/" + "é" * 200 + ".jpg", "a/" * 3000])
def test_a_media_name_longer_than_the_file_system_allows_is_not_found(settings, name):
    os.makedirs(settings.MEDIA_ROOT / "images", exist_ok=True)

    response = answer(f"/media/{name}", method="GET")

    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert Client().get(response.headers["Location"]).status_code == 404


@pytest.mark.parametrize("provider", ["mailgun", "postal", "mailersend", "amazon_ses"])
def test_only_the_configured_providers_webhook_answers_and_bad_bodies_get_400(settings, provider):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "provider:s3cret"}
    credentials = {"authorization": "Basic " + base64.b64encode(b"provider:s3cret").decode()}

    elsewhere = answer(
        f"/anymail/{provider}/tracking/", method="POST", data=b"{}", headers=credentials
    )
    configured = answer(
        f"/anymail/{settings.ANYMAIL_ESP}/tracking/",
        method="POST",
        data=b"not json",
        content_type="application/json",
        headers=credentials,
    )

    assert elsewhere.status_code in (302, 404)
    assert configured.status_code == 400


@pytest.mark.parametrize("next_page", ["\ufffd\ufffd", "account", "%FE%FF"])
def test_a_return_address_that_is_not_a_path_is_ignored(reporter, next_page):
    client = Client(raise_request_exception=False)
    client.force_login(reporter)

    response = client.post("/fr/accounts/newsletter/", {"language": "fr", "next": next_page})

    assert response.status_code == 302
    assert response.headers["Location"] == "/fr/accounts/profile/"
