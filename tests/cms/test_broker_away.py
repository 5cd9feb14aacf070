"""While the broker cannot take a task (Redis restarting), what editors, readers and the
email provider sent is saved, answered normally, and finished later: by beat's sweeps or by
the editor's own button. `make stack-faults` restarts a real Redis under load; here the
broker's refusal is kombu's own error, raised where the task is published."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from newsletters import tasks as newsletter_tasks
from newsletters.models import Sending, Subscriber, TrackingEvent
from tests.admin_login import sign_in_to_admin
from tests.factories import NewsletterIssueFactory, SubscriberFactory, UserFactory
from tests.mailbox import accepted_messages
from tests.newsletters.test_webhooks import post, postmark_report
from videos import tasks as video_tasks
from videos.models import Video

pytestmark = pytest.mark.django_db


def broker_away(task):
    return mock.patch.object(task, "apply_async", side_effect=OperationalError("refused"))


def test_a_video_saved_while_the_broker_is_away_waits_and_can_be_processed_again(
    admin_client, django_capture_on_commit_callbacks, caplog
):
    with (
        broker_away(video_tasks.process_video_task),
        django_capture_on_commit_callbacks(execute=True),
    ):
        video = Video.objects.create(
            title="Press conference", file=ContentFile(b"not yet a video", name="master.mxf")
        )

    video.refresh_from_db()
    assert video.status == Video.Status.WAITING
    assert "waits: the broker refused it" in caplog.text

    with broker_away(video_tasks.process_video_task):
        response = admin_client.post(reverse("videos_reprocess", args=[video.pk]))

    assert response.status_code == 302, "the editor's button answers, broker or not"


def test_an_issue_sent_while_the_broker_is_away_goes_out_on_beat_s_next_round(
    client, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = settings.MAILER_EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    issue = NewsletterIssueFactory(subject="This week")
    SubscriberFactory.create_batch(2)
    sign_in_to_admin(client, UserFactory(is_superuser=True, is_staff=True))
    send_url = reverse("wagtailsnippets_newsletters_newsletterissue:send", args=[issue.pk])

    with (
        broker_away(newsletter_tasks.send_issue),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(send_url, {"when": "now", "confirmed": "on"})

    assert response.status_code == 302
    assert accepted_messages() == []

    newsletter_tasks.send_due_issues()

    assert Sending.objects.get().status == Sending.Status.SENT
    assert len(accepted_messages()) == 1


def test_a_provider_report_received_while_the_broker_is_away_is_applied_by_beat(
    settings, django_capture_on_commit_callbacks
):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:webhook-s3cret"}
    SubscriberFactory(email="gone@example.org")

    with (
        broker_away(newsletter_tasks.apply_tracking_event),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post(Client(), postmark_report("gone@example.org"))

    assert response.status_code == 200, "the provider is not asked to send it again"
    newsletter_tasks.apply_waiting_tracking_events()
    assert TrackingEvent.objects.get().processed_at is None, "not before a minute has passed"

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        newsletter_tasks.apply_waiting_tracking_events()

    assert TrackingEvent.objects.get().processed_at is not None
    assert Subscriber.objects.get(email="gone@example.org").status == "bounced"
