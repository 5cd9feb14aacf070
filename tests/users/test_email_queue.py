"""Every email is stored first and delivered by a task: none is lost to a provider outage, a
rolled-back transaction sends nothing, and the review notifications take the same path."""

from unittest import mock

import pytest
from anymail.backends.test import EmailBackend as AnymailTestBackend
from anymail.exceptions import AnymailAPIError
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from mailer.models import RESULT_FAILURE, Message, MessageLog
from wagtail.models import Workflow

from background import tasks
from tests.admin_login import sign_in_to_admin
from tests.cms.test_roles_and_review import member_of
from tests.conftest import needs_broker, wait_for
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

ANYMAIL_TEST_BACKEND = "anymail.backends.test.EmailBackend"


@pytest.fixture(autouse=True)
def queued_email(settings):
    """The site's own mail settings, which pytest-django replaces with mail.outbox: the
    queue in front, Anymail's test backend standing in for the provider behind it."""
    settings.EMAIL_BACKEND = "background.email_queue.QueuedEmailBackend"
    settings.MAILER_EMAIL_BACKEND = ANYMAIL_TEST_BACKEND


def code_to(address, code="123456"):
    return EmailMessage("Your code", code, "newsroom@example.org", [address])


def test_a_message_is_stored_then_delivered_once_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        code_to("reporter@example.org").send()
        assert Message.objects.count() == 1
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert [sent.to for sent in mail.outbox] == [["reporter@example.org"]]
    assert mail.outbox[0].anymail_status.status == {"sent"}, "it went through the provider"
    assert not Message.objects.exists()


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        code_to("reporter@example.org").send()
        raise RuntimeError("the account could not be made")

    assert not Message.objects.exists()
    assert mail.outbox == []


def test_a_failing_provider_defers_the_message_and_a_later_round_delivers_it(
    django_capture_on_commit_callbacks,
):
    provider_down = mock.patch.object(
        AnymailTestBackend, "send_messages", side_effect=AnymailAPIError("provider down")
    )
    with provider_down, django_capture_on_commit_callbacks(execute=True):
        code_to("reporter@example.org").send()
        code_to("editor@example.org").send()

    assert mail.outbox == []
    assert Message.objects.deferred().count() == 2, "kept, not lost"
    failures = MessageLog.objects.filter(result=RESULT_FAILURE)
    assert failures.count() == 2
    assert {entry.message_data for entry in failures} == {None}, "the log keeps no code"

    tasks.retry_deferred_email.delay()

    assert sorted(sent.to[0] for sent in mail.outbox) == [
        "editor@example.org",
        "reporter@example.org",
    ]
    assert not Message.objects.exists()


def test_one_message_the_provider_refuses_does_not_hold_up_the_others(
    django_capture_on_commit_callbacks,
):
    real_send = AnymailTestBackend.send_messages

    def refuse_one(backend, messages):
        if messages[0].to == ["bounces@example.org"]:
            raise AnymailAPIError("recipient refused")
        return real_send(backend, messages)

    with (
        mock.patch.object(AnymailTestBackend, "send_messages", refuse_one),
        django_capture_on_commit_callbacks(execute=True),
    ):
        code_to("bounces@example.org").send()
        code_to("reporter@example.org").send()

    assert [sent.to for sent in mail.outbox] == [["reporter@example.org"]]
    assert Message.objects.deferred().count() == 1


def test_an_unreachable_broker_leaves_the_message_for_beat(
    settings, django_capture_on_commit_callbacks
):
    """Redis down: the request still succeeds, and beat's next round delivers."""
    from kombu.exceptions import OperationalError

    broker_down = mock.patch.object(
        tasks.deliver_queued_email, "apply_async", side_effect=OperationalError("refused")
    )
    with broker_down, django_capture_on_commit_callbacks(execute=True):
        code_to("reporter@example.org").send()

    assert mail.outbox == [] and Message.objects.count() == 1

    tasks.deliver_queued_email.delay()

    assert [sent.to for sent in mail.outbox] == [["reporter@example.org"]]


def test_review_notifications_go_through_the_queue_to_the_provider(
    client, news_index, django_capture_on_commit_callbacks
):
    editor = member_of("Editors", "editor@example.org")
    moderator = member_of("Moderators", "moderator@example.org")
    story = StoryFactory(title="Accession talks", live=False, owner=editor)
    story.save_revision(user=editor)
    workflow = Workflow.objects.get(name="Editorial review")

    with django_capture_on_commit_callbacks(execute=True):
        state = workflow.start(story, editor)

    (to_moderator,) = mail.outbox
    assert to_moderator.to == [moderator.email]
    assert "Accession talks" in to_moderator.subject
    assert to_moderator.anymail_test_params, "sent by the provider's backend"
    mail.outbox.clear()

    sign_in_to_admin(client, moderator)
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[story.pk, "approve", state.current_task_state.pk],
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approve_url, {"comment": "Good to go."})

    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "approved" in mail.outbox[0].subject.lower()
    assert not Message.objects.exists()


@needs_broker
@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_delivers_what_the_site_queued(celery_worker):
    code_to("reporter@example.org").send()

    assert wait_for(lambda: len(mail.outbox) == 1), "the Celery worker did not deliver it"
    assert mail.outbox[0].to == ["reporter@example.org"]
    assert wait_for(lambda: not Message.objects.exists())
