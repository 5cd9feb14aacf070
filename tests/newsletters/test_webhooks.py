"""The provider reports bounces, complaints and unsubscriptions through Anymail's tracking
webhook: only with the shared secret, once per event, and each stops mail to the address."""

import base64
import datetime
import json
from types import ModuleType

import pytest
from django.test import Client
from django.urls import Resolver404, include, path, resolve
from django.utils import timezone

from cms import urls as site_urls
from newsletters import sending
from newsletters.checks import check_webhook_keys
from newsletters.models import Delivery, Subscriber, TrackingEvent
from newsletters.tasks import send_issue
from newsletters.webhooks import tracking_urlpatterns
from tests.factories import NewsletterIssueFactory, SubscriberFactory
from tests.mailbox import accepted_messages

pytestmark = pytest.mark.django_db

WEBHOOK = "/anymail/postmark/tracking/"
SECRET = "postmark:webhook-s3cret"


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}


def authorization(credentials=SECRET):
    return {"authorization": "Basic " + base64.b64encode(credentials.encode()).decode()}


def post(client, body, *, headers=None):
    if not isinstance(body, str | bytes):
        body = json.dumps(body)
    return client.post(
        WEBHOOK,
        body,
        content_type="application/json",
        headers=authorization() if headers is None else headers,
    )


def postmark_report(email, *, record_type="Bounce", kind="HardBounce", event_id=1, **fields):
    """A report as Postmark posts it."""
    return {
        "RecordType": record_type,
        "Type": kind,
        "ID": event_id,
        "Email": email,
        "BouncedAt": timezone.now().isoformat(),
        "Description": "The server was unable to deliver your message.",
        **fields,
    }


@pytest.fixture
def sent_issue(issue):
    """The issue, sent to two subscribers."""
    SubscriberFactory(email="gone@example.org")
    SubscriberFactory(email="kept@example.org")
    scheduled = sending.schedule(issue, send_at=timezone.now(), requested_by=None)
    send_issue.delay(scheduled.pk)
    return issue


def test_a_post_without_credentials_gets_401_and_changes_nothing(client):
    SubscriberFactory(email="gone@example.org")

    anonymous = post(client, postmark_report("gone@example.org"), headers={})
    wrong = post(client, postmark_report("gone@example.org"), headers=authorization("postmark:no"))

    for response in (anonymous, wrong):
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Basic ")
    assert not TrackingEvent.objects.exists()
    assert Subscriber.objects.get().status == "confirmed"


def test_without_a_configured_secret_every_post_is_refused(client, settings):
    settings.ANYMAIL = {}
    SubscriberFactory(email="gone@example.org")

    response = post(client, postmark_report("gone@example.org"))

    assert response.status_code == 403
    assert Subscriber.objects.get().status == "confirmed"


@pytest.mark.parametrize(
    "body",
    [
        "this is not JSON",
        b"\xff\xfe not even text",
        "[1, 2, 3]",
        json.dumps({"FromFull": {"Email": "someone@example.org"}}),  # an inbound message
    ],
)
def test_a_body_that_cannot_be_read_gets_400(client, body):
    response = post(client, body)

    assert response.status_code == 400
    assert response.content.decode() == "The body of this request could not be read."


def test_a_bounce_suppresses_the_subscriber_and_the_next_issue_skips_them(client, sent_issue):
    delivery = Delivery.objects.get(subscriber__email="gone@example.org")
    report = postmark_report(
        "gone@example.org",
        MessageID=delivery.message_id,
        Metadata={"newsletter_issue": str(sent_issue.pk)},
    )

    response = post(client, report)

    assert response.status_code == 200
    assert Subscriber.objects.get(email="gone@example.org").status == "bounced"
    delivery.refresh_from_db()
    assert delivery.feedback == Delivery.Feedback.BOUNCED
    assert Subscriber.objects.get(email="kept@example.org").status == "confirmed"

    accepted_before = len(accepted_messages())
    next_issue = NewsletterIssueFactory(subject="The next issue")
    scheduled = sending.schedule(next_issue, send_at=timezone.now(), requested_by=None)
    send_issue.delay(scheduled.pk)

    (latest,) = accepted_messages()[accepted_before:]
    assert latest.to == ["kept@example.org"]
    assert list(next_issue.deliveries.values_list("subscriber__email", flat=True)) == [
        "kept@example.org"
    ]


def test_a_replayed_event_changes_nothing(client, sent_issue):
    report = postmark_report("gone@example.org", event_id=77)
    post(client, report)
    subscriber = Subscriber.objects.get(email="gone@example.org")
    # The person subscribes again; then the provider posts the old report once more.
    subscriber.confirm()

    replay = post(client, report)

    assert replay.status_code == 200
    assert TrackingEvent.objects.count() == 1
    assert Subscriber.objects.get(email="gone@example.org").status == "confirmed"


def test_a_report_about_mail_sent_before_a_new_subscription_is_out_of_date(client, sent_issue):
    subscriber = Subscriber.objects.get(email="gone@example.org")
    subscriber.unsubscribe()
    subscriber.confirm()
    earlier = (subscriber.status_changed_at - datetime.timedelta(hours=1)).isoformat()

    post(client, postmark_report("gone@example.org", BouncedAt=earlier))

    assert Subscriber.objects.get(email="gone@example.org").status == "confirmed"
    assert TrackingEvent.objects.get().processed_at is not None


@pytest.mark.parametrize(
    ("record_type", "kind", "status"),
    [
        ("SpamComplaint", "SpamComplaint", "complained"),
        ("SubscriptionChange", "", "unsubscribed"),
        ("Bounce", "BadEmailAddress", "bounced"),
    ],
)
def test_complaints_unsubscriptions_and_refusals_stop_mail_too(
    client, sent_issue, record_type, kind, status
):
    report = postmark_report(
        "gone@example.org",
        record_type=record_type,
        kind=kind,
        SuppressionReason="ManualSuppression",
        ChangedAt=timezone.now().isoformat(),
    )

    post(client, report)

    assert Subscriber.objects.get(email="gone@example.org").status == status


def test_reports_that_stop_nothing_are_not_kept(client, sent_issue):
    delivered = {
        "RecordType": "Delivery",
        "Recipient": "gone@example.org",
        "DeliveredAt": timezone.now().isoformat(),
        "MessageID": "abc",
    }

    response = post(client, delivered)

    assert response.status_code == 200
    assert not TrackingEvent.objects.exists()


def test_the_webhook_answers_at_once_and_leaves_the_work_to_a_task(
    sent_issue, django_capture_on_commit_callbacks
):
    provider = Client()

    with django_capture_on_commit_callbacks() as queued:
        response = post(provider, postmark_report("gone@example.org"))

    assert response.status_code == 200
    assert TrackingEvent.objects.get().processed_at is None
    assert Subscriber.objects.get(email="gone@example.org").status == "confirmed"
    (task,) = queued

    task()

    assert TrackingEvent.objects.get().processed_at is not None
    assert Subscriber.objects.get(email="gone@example.org").status == "bounced"


def test_the_admin_lists_the_reports(admin_client, client, sent_issue):
    post(client, postmark_report("gone@example.org"))

    listing = admin_client.get("/admin/newsletters/reports/")

    assert listing.status_code == 200
    assert "gone@example.org" in listing.content.decode()


def test_a_report_with_odd_values_is_taken_without_error(client, sent_issue):
    odd = postmark_report(
        "gone@example.org", event_id=5, Metadata={"newsletter_issue": "9" * 40}, MessageID=None
    )
    too_long = postmark_report("x" * 300 + "@example.org", event_id=6)

    assert post(client, odd).status_code == 200
    assert post(client, too_long).status_code == 200
    assert Subscriber.objects.get(email="gone@example.org").status == "bounced"
    assert TrackingEvent.objects.count() == 1


def mount_the_webhook_of(settings, esp_name):
    """The site's URLs, with the webhook mounted when ANYMAIL_ESP names `esp_name`."""
    settings.ANYMAIL_ESP = esp_name
    urlconf = ModuleType(f"{esp_name}_webhook_urls")
    urlconf.urlpatterns = [
        path("anymail/", include((tracking_urlpatterns(esp_name), "anymail"))),
        *site_urls.urlpatterns,
    ]
    settings.ROOT_URLCONF = urlconf


@pytest.mark.parametrize(
    "other", ["mailgun", "postal", "mailersend", "amazon_ses", "sendgrid", "unisender_go"]
)
def test_only_the_configured_providers_webhook_is_mounted(client, other):
    response = post(client, postmark_report("gone@example.org"), headers=authorization())
    elsewhere = client.post(
        f"/anymail/{other}/tracking/",
        "{}",
        content_type="application/json",
        headers=authorization(),
    )

    assert response.status_code == 200
    assert elsewhere.status_code != 200
    with pytest.raises(Resolver404):
        resolve(f"/anymail/{other}/tracking/")


@pytest.mark.parametrize("esp_name", ["mailgun", "postal", "mailersend"])
def test_a_provider_without_its_signing_key_refuses_reports_and_the_check_says_so(
    client, settings, esp_name
):
    mount_the_webhook_of(settings, esp_name)
    SubscriberFactory(email="gone@example.org")

    response = client.post(
        f"/anymail/{esp_name}/tracking/",
        "{}",
        content_type="application/json",
        headers=authorization(),
    )

    assert response.status_code == 403
    assert response.content.decode() == "Webhooks are refused until the provider is configured."
    assert Subscriber.objects.get().status == "confirmed"
    assert [warning.id for warning in check_webhook_keys(None)] == ["newsletters.W002"]


def test_a_provider_with_its_signing_key_passes_the_check(settings):
    mount_the_webhook_of(settings, "mailgun")
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": "key"}

    assert check_webhook_keys(None) == []


@pytest.mark.parametrize(
    ("body", "message_type"),
    [
        ("this is not JSON", "Notification"),
        ("{}", "Notification"),
        ("[1, 2, 3]", "Notification"),
        (json.dumps({"Type": "Telegram", "MessageId": "1"}), "Telegram"),
        (json.dumps({"Type": "Notification", "MessageId": "1", "Message": "{"}), "Notification"),
    ],
)
def test_amazon_ses_answers_400_to_a_body_it_cannot_read(client, settings, body, message_type):
    mount_the_webhook_of(settings, "amazon_ses")

    response = client.post(
        "/anymail/amazon_ses/tracking/",
        body,
        content_type="text/plain",
        headers={
            **authorization(),
            "x-amz-sns-message-type": message_type,
            "x-amz-sns-message-id": "1",
        },
    )

    assert response.status_code == 400
    assert not TrackingEvent.objects.exists()
