"""An editor signs in with a code from an authenticator app and submits a story; a moderator
signs in the same way and approves it; the story is live."""

import base64

import pyotp
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import PASSWORD, StoryFactory, UserFactory


def staff_member(role, email):
    """Someone in `role` whose authenticator app is set up; returns them and the app."""
    person = UserFactory(email=email)
    person.groups.add(Group.objects.get(name=role))
    device = TOTPDevice.objects.create(user=person, confirmed=True, name="Phone")
    return person, pyotp.TOTP(base64.b32encode(device.bin_key).decode())


def sign_in(page, site_url, person, app):
    page.goto(f"{site_url}/admin/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    page.get_by_label("Code").fill(app.now())
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(f"{site_url}/admin/")


def test_a_story_goes_live_after_an_editor_submits_it_and_a_moderator_approves_it(
    browser, page, demo_site
):
    story = StoryFactory(title="Review me", live=False)
    story.save_revision()
    editor, editors_app = staff_member("Editors", "editor@example.org")
    moderator, moderators_app = staff_member("Moderators", "moderator@example.org")

    sign_in(page, demo_site, editor, editors_app)
    page.goto(f"{demo_site}/admin/pages/{story.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Editorial review").click()
    expect(page.get_by_text("has been submitted for moderation")).to_be_visible()

    context = browser.new_context(locale="en-GB")
    moderator_page = context.new_page()
    sign_in(moderator_page, demo_site, moderator, moderators_app)
    moderator_page.goto(f"{demo_site}/admin/pages/{story.pk}/edit/")
    moderator_page.get_by_role("button", name="More actions").click()
    moderator_page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(moderator_page.get_by_role("status")).to_contain_text("Review me")
    context.close()

    story.refresh_from_db()
    assert story.live
    public = page.goto(f"{demo_site}{story.url}")
    assert public.status == 200
