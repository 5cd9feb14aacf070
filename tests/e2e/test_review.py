"""An editor signs in with a code from an authenticator app and submits a story; a moderator
signs in the same way and approves it; the story is live."""

from playwright.sync_api import expect

from tests.e2e.staff import sign_in, sign_out, staff_member
from tests.factories import StoryFactory


def test_a_story_goes_live_after_an_editor_submits_it_and_a_moderator_approves_it(
    browser, page, demo_site
):
    story = StoryFactory(title="Review me", live=False)
    story.save_revision()
    editor, editors_app = staff_member("Editors", "editor@example.org")
    moderator, moderators_app = staff_member("Moderators", "moderator@example.org")

    sign_in(page, demo_site, editor, editors_app)
    sign_out(page, demo_site)
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
