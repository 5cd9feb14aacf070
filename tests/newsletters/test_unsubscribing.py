"""A subscriber leaves: by the signed link of their own newsletter, or by their mail client's
one-click button (RFC 8058), without signing in; and may subscribe again."""

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from newsletters import sending
from newsletters.models import Subscriber
from newsletters.tasks import send_issue
from newsletters.tokens import unsubscribe_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber(db):
    from tests.factories import SubscriberFactory

    return SubscriberFactory(email="ada@example.org", name="Ada")


@pytest.fixture
def unsubscribe_path(issue, subscriber):
    """The unsubscribe link of a newsletter the subscriber received, as a path."""
    scheduled = sending.schedule(issue, send_at=timezone.now(), requested_by=None)
    send_issue.delay(scheduled.pk)
    url = mail.outbox[-1].merge_data[subscriber.email]["unsubscribe_url"]
    return url.removeprefix("http://localhost")


def test_the_link_in_the_newsletter_asks_before_unsubscribing(client, subscriber, unsubscribe_path):
    page = client.get(unsubscribe_path)

    assert page.status_code == 200
    html = page.content.decode()
    assert "ada@example.org will no longer receive our newsletter." in html
    assert f'<form method="post" action="{unsubscribe_path}">' in html
    assert Subscriber.objects.get().status == "confirmed"


def test_one_click_unsubscribes_without_login_or_csrf_token(subscriber, unsubscribe_path):
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        unsubscribe_path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert "You have been unsubscribed" in response.content.decode()
    assert Subscriber.objects.get().status == "unsubscribed"


def test_the_unsubscribed_page_offers_to_subscribe_again(client, subscriber, unsubscribe_path):
    page = client.post(unsubscribe_path).content.decode()
    assert "Subscribe again" in page
    token = unsubscribe_path.rstrip("/").rsplit("/", 1)[1]

    again = client.post(f"/en/newsletter/subscribe-again/{token}/")

    assert again.status_code == 200
    assert "Your subscription is confirmed" in again.content.decode()
    assert Subscriber.objects.get().status == "confirmed"


def test_subscribing_again_is_protected_against_cross_site_requests(subscriber):
    forging_client = Client(enforce_csrf_checks=True)
    subscriber.unsubscribe()

    response = forging_client.post(
        f"/en/newsletter/subscribe-again/{unsubscribe_token(subscriber.pk)}/"
    )

    assert response.status_code == 403
    assert Subscriber.objects.get().status == "unsubscribed"


def test_each_link_is_signed_and_cannot_be_guessed_or_altered(client, subscriber):
    other = Subscriber.objects.create(email="other@example.org", language="en", status="confirmed")
    token = unsubscribe_token(subscriber.pk)
    number, signature = token.split(":")

    assert unsubscribe_token(other.pk).split(":")[1] != signature
    for bad in (f"{other.pk}:{signature}", f"{number}:{signature[:-1]}", str(subscriber.pk), "x"):
        response = client.post(f"/en/newsletter/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"confirmed"}


def test_the_link_of_a_deleted_subscriber_unsubscribes_nobody_and_says_so(client, subscriber):
    token = unsubscribe_token(subscriber.pk)
    subscriber.delete()

    response = client.post(f"/en/newsletter/unsubscribe/{token}/")

    assert response.status_code == 200
    assert "This address does not receive our newsletter." in response.content.decode()


def test_unsubscribing_twice_is_fine(client, subscriber):
    path = f"/en/newsletter/unsubscribe/{unsubscribe_token(subscriber.pk)}/"

    assert client.post(path).status_code == 200
    assert client.post(path).status_code == 200
    assert Subscriber.objects.get().status == "unsubscribed"


def test_the_pages_speak_the_language_of_the_link(client, subscriber):
    page = client.get(f"/fr/newsletter/unsubscribe/{unsubscribe_token(subscriber.pk)}/")

    assert "Se désabonner de notre lettre d’information" in page.content.decode()
