"""The ways into the newsletter: the public form, confirmed by an emailed link that expires
(double opt-in); the one button of a verified account, after registering or on the account
page; and subscribing again after leaving."""

import datetime
import json
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.signing import Signer

from newsletters.models import Subscriber
from newsletters.tokens import CONFIRM_SALT
from newsroom.topics import Topic
from tests.factories import PASSWORD, StoryFactory, SubscriberFactory, publish
from tests.mailbox import last_code

pytestmark = pytest.mark.django_db

SUBSCRIBED_ON = datetime.datetime(2030, 5, 4, 10, 0, tzinfo=datetime.UTC)


def subscribe(client, email="ada@example.org", language="en", **extra):
    return client.post("/en/newsletter/", {"email": email, "language": language, **extra})


def confirmation_link():
    """The link in the last email, as a path the test client can follow."""
    url = re.search(r"https?://\S+/newsletter/confirm/\S+/", mail.outbox[-1].body)[0]
    return url.split("//localhost", 1)[1]


def test_the_form_sends_a_link_and_following_it_confirms_the_subscription(client):
    page = client.get("/en/newsletter/")
    assert page.status_code == 200
    assert 'autocomplete="email"' in page.content.decode()

    response = subscribe(client, name="Ada")

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/newsletter/check-your-inbox/"
    assert "Check your inbox" in client.get(response.headers["Location"]).content.decode()
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status) == ("ada@example.org", "pending")
    (message,) = mail.outbox
    assert message.to == ["ada@example.org"]
    assert message.subject == "Confirm your subscription to the Newsroom newsletter"
    assert "The link is valid for 3 days." in message.body

    confirmed = client.post(confirmation_link())

    assert confirmed.status_code == 200
    assert "Your subscription is confirmed" in confirmed.content.decode()
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.name, subscriber.language) == ("confirmed", "Ada", "en")
    assert subscriber.confirmed_at is not None


def test_the_choices_of_the_form_take_effect_only_when_confirmed(client, news_index):
    publish(StoryFactory(topics=["Defence"]))
    defence = Topic.objects.get(name="Defence")
    SubscriberFactory(email="ada@example.org", language="en", name="Ada")

    subscribe(client, language="fr", name="Someone else", topics=[defence.pk])

    subscriber = Subscriber.objects.get()
    assert (subscriber.language, subscriber.name) == ("en", "Ada")
    assert "Confirmez votre abonnement" in mail.outbox[-1].subject
    assert "/fr/newsletter/confirm/" in mail.outbox[-1].body

    client.post(confirmation_link())

    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.name) == ("fr", "Someone else")
    assert list(subscriber.topics.all()) == [defence]


def test_the_form_offers_the_topics_of_published_stories(client, news_index):
    publish(StoryFactory(topics=["Defence"]))
    StoryFactory(topics=["Secret plans"], live=False)

    page = client.get("/en/newsletter/").content.decode()

    assert "Defence" in page
    assert "Secret plans" not in page


def test_a_topic_id_no_database_could_hold_is_refused_as_a_choice_not_an_error(client, news_index):
    publish(StoryFactory(topics=["Defence"]))

    answer = subscribe(client, topics=["9223372036854775808", "-9223372036854775809"])

    assert answer.status_code == 400
    assert answer.context["form"].has_error("topics", code="invalid_pk_value")
    assert not Subscriber.objects.exists()


def test_the_form_answers_alike_for_a_new_and_a_known_address(client):
    SubscriberFactory(email="known@example.org")

    new = subscribe(client, email="new@example.org")
    known = subscribe(client, email="known@example.org")

    assert (new.status_code, new.headers["Location"]) == (
        known.status_code,
        known.headers["Location"],
    )
    assert Subscriber.objects.get(email="known@example.org").status == "confirmed"


def test_a_second_request_within_minutes_sends_no_second_email(client):
    subscribe(client)
    subscribe(client, email="ADA@example.org")

    assert len(mail.outbox) == 1
    assert Subscriber.objects.count() == 1


def test_one_network_cannot_have_confirmations_sent_in_bulk(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "newsletter_subscribe": "3/h/ip",
    }
    for number in range(3):
        assert subscribe(client, email=f"reader{number}@example.org").status_code == 302

    refused = subscribe(client, email="one-too-many@example.org", name="Ada")

    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Please try again in an hour." in page
    assert 'value="one-too-many@example.org"' in page and 'value="Ada"' in page, "nothing lost"
    assert len(mail.outbox) == 3
    assert not Subscriber.objects.filter(email="one-too-many@example.org").exists()
    elsewhere = client.post(
        "/en/newsletter/",
        {"email": "neighbour@example.org", "language": "en"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert elsewhere.status_code == 302, "another address is counted on its own"


def test_behind_nginx_each_reader_is_counted_by_their_own_address(client, settings):
    """Production trusts one proxy (nginx): the address it forwards is the reader's."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "newsletter_subscribe": "1/h/ip",
    }

    def through_nginx(reader_address, email):
        return client.post(
            "/en/newsletter/",
            {"email": email, "language": "en"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=reader_address,
        )

    assert through_nginx("198.51.100.1", "first@example.org").status_code == 302
    assert through_nginx("198.51.100.2", "second@example.org").status_code == 302
    assert through_nginx("198.51.100.1", "third@example.org").status_code == 429


def test_a_malformed_address_is_refused_with_a_message_in_the_visitor_s_language(client):
    english = subscribe(client, email="not an address")
    french = client.post("/fr/newsletter/", {"email": "pas@une@adresse", "language": "fr"})

    assert english.status_code == 400
    assert "Enter a valid email address." in english.content.decode()
    assert french.status_code == 400
    assert "Saisissez une adresse de courriel valide." in french.content.decode()
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_an_unknown_language_is_refused(client):
    response = subscribe(client, language="xx")

    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_the_link_expires(client):
    with time_machine.travel(SUBSCRIBED_ON, tick=False):
        subscribe(client)
    link = confirmation_link()

    with time_machine.travel(SUBSCRIBED_ON + datetime.timedelta(days=3, minutes=1), tick=False):
        opened, expired = client.get(link), client.post(link)

    assert opened.status_code == expired.status_code == 400
    assert "This link has expired" in opened.content.decode()
    assert "This link has expired" in expired.content.decode()
    assert Subscriber.objects.get().status == "pending"


def test_a_forged_or_tampered_link_is_refused(client):
    subscribe(client)
    link = confirmation_link()
    token = link.rstrip("/").rsplit("/", 1)[1]
    # Signed with another key, as someone guessing at the format would.
    forged = Signer(key="not-the-site-key", salt=CONFIRM_SALT).sign_object(
        {"s": Subscriber.objects.get().pk, "l": "en", "t": [], "n": ""}
    )

    for bad in (token[:-2] + "xx", forged, "nonsense", token[:10]):
        for response in (
            client.get(f"/en/newsletter/confirm/{bad}/"),
            client.post(f"/en/newsletter/confirm/{bad}/"),
        ):
            assert response.status_code == 400
            assert "This link is not valid" in response.content.decode()
    assert Subscriber.objects.get().status == "pending"


def test_opening_the_link_changes_nothing_until_the_button_is_pressed(client):
    """A mail scanner that follows every link in an email subscribes nobody."""
    subscribe(client)
    link = confirmation_link()
    before = Subscriber.objects.values().get()

    opened = client.get(link)

    assert opened.status_code == 200
    assert Subscriber.objects.values().get() == before
    page = opened.content.decode()
    assert f'<form method="post" action="{link}">' in page
    assert "Confirm my subscription</button>" in page
    assert client.head(link).status_code == 200
    assert Subscriber.objects.values().get() == before


def test_confirming_twice_is_fine(client):
    subscribe(client)
    link = confirmation_link()

    first, second = client.post(link), client.post(link)

    assert (first.status_code, second.status_code) == (200, 200)
    assert "Your subscription is confirmed" in second.content.decode()
    assert Subscriber.objects.get().status == "confirmed"


def test_someone_who_unsubscribed_can_subscribe_again_with_the_form(client):
    SubscriberFactory(email="ada@example.org", status="unsubscribed")

    subscribe(client)
    assert Subscriber.objects.get().status == "unsubscribed"
    client.post(confirmation_link())

    assert Subscriber.objects.get().status == "confirmed"


@pytest.fixture
def signed_in(client, reporter):
    client.force_login(reporter)
    return client


def test_a_new_account_subscribes_with_one_button_after_registering(client, terms_of_use):
    client.post(
        "/en/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "accept_terms": "on"},
    )
    client.post("/en/accounts/confirm-email/", {"code": last_code()})
    welcome = client.get("/en/accounts/welcome/").content.decode()
    assert "Subscribe to our newsletter" in welcome
    mail.outbox.clear()

    response = client.post(
        "/en/accounts/newsletter/",
        {"receive": "on", "language": "en", "next": "/en/accounts/welcome/"},
    )

    assert response.headers["Location"] == "/en/accounts/welcome/"
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status) == ("new@example.org", "confirmed")
    assert subscriber.user.email == "new@example.org"
    assert mail.outbox == []  # the address is verified: no confirmation needed
    welcome = client.get("/en/accounts/welcome/").content.decode()
    assert "Thank you: you will receive our newsletter." in welcome
    assert "You receive our newsletter." in welcome


def test_an_account_whose_address_is_not_verified_gets_a_confirmation_link(client, reporter):
    EmailAddress.objects.filter(user=reporter).update(verified=False)
    client.force_login(reporter)

    client.post("/en/accounts/newsletter/", {"receive": "on", "language": "fr"})

    assert Subscriber.objects.get().status == "pending"
    assert "/fr/newsletter/confirm/" in mail.outbox[-1].body


def test_the_account_page_shows_and_changes_the_choice(signed_in, reporter):
    page = signed_in.get("/en/accounts/profile/").content.decode()
    assert "Send me the newsletter" in page

    signed_in.post("/en/accounts/newsletter/", {"receive": "on", "language": "fr"})
    page = signed_in.get("/en/accounts/profile/").content.decode()
    assert "You receive our newsletter at reporter@example.org, in French." in page
    assert Subscriber.objects.get().language == "fr"

    response = signed_in.post("/en/accounts/newsletter/", {"language": "fr"})

    assert response.headers["Location"] == "/en/accounts/profile/"
    assert Subscriber.objects.get().status == "unsubscribed"


def test_the_account_page_s_choice_refuses_bad_input(signed_in):
    response = signed_in.post("/en/accounts/newsletter/", {"receive": "on", "language": "xx"})

    assert response.status_code == 400
    assert "could not be saved" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_an_account_finds_the_subscription_made_with_its_address(signed_in, reporter):
    SubscriberFactory(email="Reporter@Example.org", status="unsubscribed")

    signed_in.post("/en/accounts/newsletter/", {"receive": "on", "language": "en"})

    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.user) == ("confirmed", reporter)


def test_the_subscription_is_in_the_data_export_and_goes_with_the_account(signed_in, reporter):
    signed_in.post("/en/accounts/newsletter/", {"receive": "on", "language": "en"})

    data = json.loads(signed_in.get("/en/accounts/profile/my-data.json").content)
    assert data["newsletter_subscription"]["status"] == "confirmed"
    assert data["newsletter_subscription"]["email"] == "reporter@example.org"

    signed_in.post("/en/accounts/profile/delete/", {"password": PASSWORD})

    assert not Subscriber.objects.exists()


def test_the_subscription_follows_a_changed_address(reporter):
    from allauth.account.signals import email_changed

    SubscriberFactory(email=reporter.email, user=reporter)
    SubscriberFactory(email="new@example.org", status="pending")
    new_address = EmailAddress.objects.create(user=reporter, email="new@example.org", verified=True)

    email_changed.send(
        sender=type(reporter),
        request=None,
        user=reporter,
        from_email_address=EmailAddress.objects.get(email=reporter.email),
        to_email_address=new_address,
    )

    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.user, subscriber.status) == (
        "new@example.org",
        reporter,
        "confirmed",
    )
