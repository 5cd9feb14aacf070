"""A reader subscribes with the form, reads the confirmation email, clicks its link, presses
the button on the page it opens and lands on the confirmed page; later they unsubscribe from
their newsletter and change their mind.
Each public page is checked for WCAG 2.2 AA."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletters.models import Subscriber
from newsletters.tokens import unsubscribe_token
from tests.e2e.test_reading import assert_no_wcag_violations


@pytest.fixture
def newsletter_site(demo_site, settings):
    """Mail goes through Anymail's test backend, and links in it lead to the live server."""
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.MAILER_EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.WAGTAILADMIN_BASE_URL = demo_site
    return demo_site


def test_subscribe_with_the_form_then_confirm_by_the_emailed_link(page, newsletter_site):
    page.goto(f"{newsletter_site}/en/")
    page.get_by_role("contentinfo").get_by_role("link", name="Newsletter").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Subscribe to our newsletter")
    assert_no_wcag_violations(page)
    page.get_by_label("Email address").fill("reader@example.org")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Language of the newsletter").select_option("fr")
    page.get_by_role("button", name="Subscribe").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    assert_no_wcag_violations(page)
    (email,) = mail.outbox
    assert email.to == ["reader@example.org"]
    html = next(content for content, kind in email.alternatives if kind == "text/html")
    # The email, opened as a mail client would, outside the site and its policy: an email's
    # styles are inline by necessity.
    page.goto("about:blank")
    page.set_content(html)
    page.get_by_role("link", name="Confirmer mon abonnement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmez votre abonnement")
    assert Subscriber.objects.get().status == "pending"
    assert_no_wcag_violations(page)
    page.get_by_role("button", name="Confirmer mon abonnement").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Votre abonnement est confirmé")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert_no_wcag_violations(page)
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.language, subscriber.name) == ("confirmed", "fr", "Ada")


def test_a_bad_address_is_explained_next_to_the_field(page, newsletter_site):
    page.goto(f"{newsletter_site}/en/newsletter/")
    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Subscribe").click()

    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()
    assert_no_wcag_violations(page)
    assert not Subscriber.objects.exists()


def test_unsubscribe_from_the_newsletter_s_link_and_subscribe_again(page, newsletter_site):
    subscriber = Subscriber.objects.create(
        email="reader@example.org", language="en", status="confirmed"
    )

    page.goto(f"{newsletter_site}/en/newsletter/unsubscribe/{unsubscribe_token(subscriber.pk)}/")
    assert_no_wcag_violations(page)
    page.get_by_role("button", name="Unsubscribe").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("You have been unsubscribed")
    assert_no_wcag_violations(page)
    assert Subscriber.objects.get().status == "unsubscribed"
    page.get_by_role("button", name="Subscribe again").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your subscription is confirmed")
    assert Subscriber.objects.get().status == "confirmed"
