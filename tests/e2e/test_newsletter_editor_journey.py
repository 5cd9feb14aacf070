"""A new newsletter editor does their job from the admin's own menus: composes an issue from
a story, previews it, sends themself a test, signs out; signs in again (with their second
factor both times), chooses "Send now", reads to whom and in which language it will go,
confirms, and watches it go out."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletters.models import NewsletterIssue, Sending, Subscriber
from tests.e2e.staff import sign_in, sign_out, staff_member

SUBJECT = "The week in the Alliance"
STORY = "Secretary General discusses Sweden"


@pytest.fixture
def newsletter_site(demo_site, settings):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.MAILER_EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    return demo_site


def open_the_issues(page):
    page.get_by_role("button", name="Newsletters").click()
    page.get_by_role("link", name="Issues").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Newsletter issues"))


def test_a_newsletter_editor_composes_tests_confirms_and_sends_an_issue(page, newsletter_site):
    editor, app = staff_member("Newsletter editors", "letters@example.org")
    for number in range(3):
        Subscriber.objects.create(
            email=f"reader{number}@example.org", language="en", status="confirmed"
        )
    Subscriber.objects.create(email="lecteur@example.org", language="fr", status="confirmed")

    sign_in(page, newsletter_site, editor, app)
    open_the_issues(page)
    page.get_by_role("link", name="Add newsletter issue").first.click()
    page.get_by_role("textbox", name="Subject").fill(SUBJECT)
    page.get_by_role("textbox", name="Introduction").fill("Here is what happened this week.")
    page.get_by_role("button", name="Add Chosen stories").click()
    page.locator("[data-chooser-action-choose]").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("textbox", name="Search term").fill("Sweden")
    chooser.get_by_role("link", name=re.compile(STORY)).click()
    expect(chooser).to_be_hidden()
    expect(page.locator("[data-chooser-title]")).to_contain_text(STORY)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("created")
    page.get_by_role("link", name=SUBJECT).click()

    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_text(re.compile(STORY)).first).to_be_visible()

    page.get_by_role("link", name="Send…").click()
    expect(page.get_by_text("This issue goes to the 3 confirmed subscribers")).to_be_visible()
    page.get_by_role("button", name="Send a test to me").click()
    expect(page.get_by_role("status")).to_contain_text("A test is on its way")
    (test,) = mail.outbox
    assert test.to == ["letters@example.org"] and test.subject == f"[Test] {SUBJECT}"
    assert not Sending.objects.exists()
    sign_out(page, newsletter_site)

    sign_in(page, newsletter_site, editor, app)
    open_the_issues(page)
    page.get_by_role("link", name=SUBJECT).click()
    page.get_by_role("link", name="Send…").click()
    # Nothing is chosen for the editor; "Send at" is asked for only when scheduling.
    expect(page.get_by_label("Send now")).not_to_be_checked()
    expect(page.get_by_label("Send at")).to_be_hidden()
    page.get_by_label("Schedule for a time I choose").check()
    expect(page.get_by_label("Send at")).to_be_visible()
    page.get_by_label("Send now").check()
    expect(page.get_by_label("Send at")).to_be_hidden()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=2)).to_have_text(
        f"Send “{SUBJECT}” to 3 subscribers in English now?"
    )
    assert not Sending.objects.exists()
    page.get_by_role("button", name="Yes, send it now").click()

    expect(page.get_by_role("status")).to_contain_text("The issue is on its way.")
    expect(page.locator("[data-sending-status]")).to_have_text("Sent", timeout=10_000)
    expect(page.locator('[data-count="sent"]')).to_have_text("3")
    issue = NewsletterIssue.objects.get(subject=SUBJECT)
    assert [row.story.title for row in issue.chosen_stories.all()] == [
        next(story.title for story in issue.stories())
    ]
    assert sorted(address for message in mail.outbox[1:] for address in message.to) == [
        "reader0@example.org",
        "reader1@example.org",
        "reader2@example.org",
    ]
