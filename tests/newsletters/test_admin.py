"""The newsletter editor sends an issue from the admin, now or later, watches it go out, and
looks after the subscribers; an editor without the permission to send cannot."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import ModelLogEntry

from newsletters.models import Delivery, NewsletterIssue, Sending, Subscriber
from tests.admin_login import sign_in_to_admin
from tests.factories import NewsletterIssueFactory, SubscriberFactory, UserFactory
from tests.mailbox import accepted_messages

pytestmark = pytest.mark.django_db

VIEWSET = "wagtailsnippets_newsletters_newsletterissue"


def url(view_name, issue):
    return reverse(f"{VIEWSET}:{view_name}", args=[issue.pk])


@pytest.fixture
def editor_client(client):
    editor = UserFactory(email="desk@example.org")
    editor.groups.add(Group.objects.get(name="Newsletter editors"))
    sign_in_to_admin(client, editor)
    return client


@pytest.fixture
def readers(db):
    return [*SubscriberFactory.create_batch(3), SubscriberFactory(language="fr")]


def audit_trail(issue):
    entries = ModelLogEntry.objects.for_instance(issue).filter(action__startswith="newsletters.")
    return [(entry.action, entry.user.email) for entry in entries.order_by("timestamp", "pk")]


def test_the_send_page_says_who_will_receive_the_issue(editor_client, issue, readers):
    page = editor_client.get(url("send", issue))

    assert page.status_code == 200
    assert "This issue goes to the 3 confirmed subscribers" in page.content.decode()


def test_send_now_sends_and_shows_the_progress(editor_client, issue, readers):
    response = editor_client.post(url("send", issue), {"when": "now", "confirmed": "on"})

    assert response.headers["Location"] == url("sending", issue)
    assert len(accepted_messages()) == 1
    page = editor_client.get(url("sending", issue)).content.decode()
    assert "The issue is on its way." in page
    assert 'data-count="sent">3<' in page
    assert "/static/newsletters/js/sending.js" in page
    counts = editor_client.get(url("sending_counts", issue)).json()
    assert counts["status"] == "sent" and counts["under_way"] is False
    assert counts["counts"] == {
        "queued": 0,
        "sent": 3,
        "failed": 0,
        "skipped": 0,
        "bounced": 0,
        "complained": 0,
        "unsubscribed": 0,
    }
    # An issue goes out once: its Send page now leads to its sending.
    assert editor_client.get(url("send", issue)).headers["Location"] == url("sending", issue)


def test_send_later_schedules_and_can_be_cancelled(editor_client, issue, readers):
    later = timezone.localtime() + datetime.timedelta(days=1)

    editor_client.post(
        url("send", issue),
        {"when": "later", "send_at": later.strftime("%Y-%m-%d %H:%M"), "confirmed": "on"},
    )

    sending = Sending.objects.get()
    assert sending.status == Sending.Status.SCHEDULED
    assert abs(sending.send_at - later) < datetime.timedelta(minutes=1)
    assert accepted_messages() == []
    assert "Cancel the sending" in editor_client.get(url("sending", issue)).content.decode()

    editor_client.post(url("cancel", issue))

    assert Sending.objects.get().status == Sending.Status.CANCELLED
    assert audit_trail(issue) == [
        ("newsletters.send", "desk@example.org"),
        ("newsletters.cancel", "desk@example.org"),
    ]


def test_nothing_is_chosen_for_the_editor_and_send_now_asks_to_confirm(
    editor_client, issue, readers
):
    form = editor_client.get(url("send", issue)).content.decode()
    assert 'value="now"' in form and "checked" not in form
    assert editor_client.post(url("send", issue), {}).context["form"].errors == {
        "when": ["Choose whether to send the issue now or later."]
    }

    # A time left in the field from a change of mind does not matter when sending now.
    asked = editor_client.post(url("send", issue), {"when": "now", "send_at": "next week"})

    assert asked.status_code == 200
    page = asked.content.decode()
    assert "Send “This week in the newsroom” to 3 subscribers in English now?" in page
    assert "Yes, send it now" in page
    assert not Sending.objects.exists() and accepted_messages() == []

    editor_client.post(url("send", issue), {"when": "now", "confirmed": "on"})

    assert Sending.objects.get().status == Sending.Status.SENT
    assert len(accepted_messages()) == 1


def test_the_confirmation_counts_the_recipients_the_sending_queues(editor_client, french):
    issue = NewsletterIssueFactory(subject="Cette semaine", locale=french)
    Subscriber.objects.bulk_create(
        Subscriber(email=f"lecteur{number}@example.org", language="fr", status="confirmed")
        for number in range(1234)
    )
    SubscriberFactory(language="fr", status=Subscriber.Status.PENDING)
    SubscriberFactory(language="fr", status=Subscriber.Status.UNSUBSCRIBED)
    SubscriberFactory(language="en")

    asked = editor_client.post(url("send", issue), {"when": "now"}).content.decode()

    assert "Send “Cette semaine” to 1,234 subscribers in French now?" in asked
    assert issue.recipients().count() == 1234


def test_scheduling_asks_to_confirm_the_day_and_time(editor_client, issue, readers):
    later = (timezone.localtime() + datetime.timedelta(days=1)).replace(second=0, microsecond=0)
    chosen = {"when": "later", "send_at": later.strftime("%Y-%m-%d %H:%M")}

    asked = editor_client.post(url("send", issue), chosen).content.decode()

    when = date_format(later, "DATETIME_FORMAT")
    assert f"Send “This week in the newsroom” to 3 subscribers in English on {when}?" in asked
    assert "Yes, schedule it" in asked
    assert not Sending.objects.exists()

    editor_client.post(url("send", issue), {**chosen, "confirmed": "on"})

    assert Sending.objects.get().send_at == later


def test_a_time_in_the_past_or_none_is_refused(editor_client, issue):
    past = editor_client.post(url("send", issue), {"when": "later", "send_at": "2001-01-01 09:00"})
    missing = editor_client.post(url("send", issue), {"when": "later"})
    nonsense = editor_client.post(url("send", issue), {"when": "whenever"})

    assert "Choose a time in the future." in past.content.decode()
    assert "Choose when to send the issue." in missing.content.decode()
    assert nonsense.status_code == 200 and "form" in nonsense.context
    assert not Sending.objects.exists()


def test_the_failed_deliveries_are_listed_and_can_be_retried(editor_client, issue, readers):
    editor_client.post(url("send", issue), {"when": "now", "confirmed": "on"})
    failed = Delivery.objects.first()
    Delivery.objects.filter(pk=failed.pk).update(
        status=Delivery.Status.FAILED, error="AnymailAPIError: 503"
    )

    page = editor_client.get(url("sending", issue)).content.decode()
    assert "AnymailAPIError: 503" in page and "Retry failed deliveries" in page

    editor_client.post(url("retry_failed", issue))

    assert Delivery.objects.get(pk=failed.pk).status == Delivery.Status.SENT
    assert len(accepted_messages()) == 2
    assert [action for action, _user in audit_trail(issue)] == [
        "newsletters.send",
        "newsletters.retry_failed",
    ]


def test_the_edit_page_leads_to_send_then_to_the_sending(editor_client, issue):
    edit = editor_client.get(url("edit", issue)).content.decode()
    assert url("send", issue) in edit

    editor_client.post(url("send", issue), {"when": "now", "confirmed": "on"})

    edit = editor_client.get(url("edit", issue)).content.decode()
    assert url("sending", issue) in edit


def test_the_listing_shows_each_issue_s_status(editor_client, issue):
    NewsletterIssueFactory(subject="Scheduled issue")
    scheduled = NewsletterIssueFactory(subject="Scheduled issue")
    Sending.objects.create(issue=scheduled, send_at=timezone.now() + datetime.timedelta(days=1))

    page = editor_client.get(reverse(f"{VIEWSET}:list")).content.decode()

    assert "Draft" in page and "Scheduled" in page


def test_an_editor_without_the_permission_to_send_cannot(client, issue):
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_newsletterissue"),
    )
    editor = UserFactory(email="writer@example.org", is_staff=True)
    editor.groups.add(editors)
    sign_in_to_admin(client, editor)

    assert client.get(url("edit", issue)).status_code == 200
    assert url("send", issue) not in client.get(url("edit", issue)).content.decode()
    # Wagtail answers a denied admin page by sending the user to the dashboard, with a message.
    for refused in (
        client.get(url("send", issue)),
        client.post(url("send", issue), {"when": "now", "confirmed": "on"}),
        client.post(url("send_test", issue)),
        client.get(url("sending_counts", issue)),
    ):
        assert (refused.status_code, refused.headers["Location"]) == (302, "/admin/")
    assert not Sending.objects.exists()
    assert accepted_messages() == []


def test_subscribers_are_listed_filtered_and_exported_but_not_added(editor_client, readers):
    listing = editor_client.get("/admin/newsletters/subscribers/?language=fr")
    export = editor_client.get("/admin/newsletters/subscribers/?export=csv")

    assert listing.status_code == 200
    page = listing.content.decode()
    assert readers[-1].email in page and readers[0].email not in page
    assert export.status_code == 200
    assert readers[0].email in b"".join(export.streaming_content).decode()
    assert editor_client.get("/admin/newsletters/subscribers/new/").status_code in (302, 403)
    assert Subscriber.objects.count() == 4


def test_a_newsletter_editor_starts_the_issue_s_translation_from_its_edit_page(
    editor_client, issue, french
):
    edit = editor_client.get(url("edit", issue)).content.decode()
    assert url("translate", issue) in edit

    response = editor_client.post(url("translate", issue), {"locales": [french.pk]})

    translation = NewsletterIssue.objects.get(locale=french)
    assert translation.translation_key == issue.translation_key
    assert response.headers["Location"] == url("edit", translation)
    assert editor_client.get(url("edit", translation)).status_code == 200
    # Every language has the issue now: there is nothing left to translate it into.
    assert url("translate", issue) not in editor_client.get(url("edit", issue)).content.decode()


def test_translating_issues_opens_no_page_translation_to_newsletter_editors(
    editor_client, issue, stories
):
    page_translation = reverse("wagtail_localize:submit_page_translation", args=[stories[0].pk])

    refused = editor_client.get(page_translation)

    assert (refused.status_code, refused.headers["Location"]) == (302, "/admin/")


def test_only_those_who_compose_issues_may_translate_them(client, issue, french):
    reader_of_issues = UserFactory(email="reader-of-issues@example.org", is_staff=True)
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="change_newsletterissue"))
    reader_of_issues.groups.add(editors)
    sign_in_to_admin(client, reader_of_issues)

    assert url("translate", issue) not in client.get(url("edit", issue)).content.decode()
    refused = client.post(url("translate", issue), {"locales": [french.pk]})
    assert (refused.status_code, refused.headers["Location"]) == (302, "/admin/")
    assert not NewsletterIssue.objects.filter(locale=french).exists()
