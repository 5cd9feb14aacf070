"""A newsletter editor watches an issue go out: the Sending page follows the deliveries as
they are sent, without reloading."""

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from newsletters import sending
from newsletters.models import Delivery, NewsletterIssue, Sending, Subscriber
from tests.e2e.staff import sign_in, staff_member


def test_the_sending_page_follows_the_deliveries_while_they_go_out(page, demo_site):
    desk, app = staff_member("Newsletter editors", "desk@example.org")
    for number in range(4):
        Subscriber.objects.create(
            email=f"reader{number}@example.org", language="en", status="confirmed"
        )
    issue = NewsletterIssue.objects.get(locale__language_code="en")
    started = sending.start(sending.schedule(issue, send_at=timezone.now(), requested_by=None).pk)
    sign_in(page, demo_site, desk, app)

    page.goto(
        demo_site + reverse("wagtailsnippets_newsletters_newsletterissue:sending", args=[issue.pk])
    )
    expect(page.locator('[data-count="queued"]')).to_have_text("4")

    # A worker sends two deliveries, then the rest.
    first_two = Delivery.objects.filter(issue=issue).order_by("pk")[:2].values_list("pk", flat=True)
    Delivery.objects.filter(pk__in=list(first_two)).update(status=Delivery.Status.SENT)
    expect(page.locator('[data-count="sent"]')).to_have_text("2", timeout=10_000)
    expect(page.locator('[data-count="queued"]')).to_have_text("2")

    Delivery.objects.filter(issue=issue).update(status=Delivery.Status.SENT)
    sending.finish_if_done(started)
    expect(page.locator("[data-sending-status]")).to_have_text("Sent", timeout=10_000)
    expect(page.locator('[data-count="sent"]')).to_have_text("4")
    assert Sending.objects.get(pk=started.pk).status == Sending.Status.SENT
