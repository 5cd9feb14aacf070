"""An editor writes a story with every kind of block from the admin's menus, watches it in the
live preview, runs the accessibility checks on it, and submits it for review; a moderator
approves it to go live tomorrow, sees it embargoed until then in the page listing and on the
dashboard, and it goes live at its time. Each signs in twice, with their second factor both
times."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Collection

from newsroom.blocks import StoryBodyBlock
from newsroom.models import NewsStoryPage
from newsroom.scheduling import moment
from newsroom.tasks import publish_scheduled_pages
from tests.e2e.staff import sign_in, sign_out, staff_member
from tests.factories import ImageFactory, UserFactory, VideoFactory

TITLE = "Allies meet in Vilnius"
VIDEO = "Vilnius press conference"
# On a busy machine the preview is rendered, loaded and checked by axe in turn.
CHECKED = 30_000


@pytest.fixture
def desk_site(demo_site, settings):
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "tests.newsroom.fake_embed_finder.FakeEmbedFinder"}]
    ImageFactory(title="Vilnius old town", collection=Collection.get_first_root_node())
    # A library video someone else uploaded: whoever writes stories may choose it.
    VideoFactory(title=VIDEO, uploaded_by_user=UserFactory(email="video.desk@example.org"))
    return demo_site


def add_block(page, kind):
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=kind).click()


def in_the_body(page):
    """The story body's own fields. The hero's choosers and credit come before it on the
    form, and a block's fields appear a moment after it is inserted: looked for on the
    whole form, the "last" chooser could still be the hero's."""
    return page.locator('[data-contentpath="body"]')


def choose_in_modal(page, button, item):
    in_the_body(page).get_by_role("button", name=button).click()
    page.locator(".modal").get_by_text(item, exact=True).first.click()
    expect(page.locator(".modal")).to_be_hidden()


def write_the_story(page):
    page.get_by_role("button", name="Pages").click()
    page.get_by_role("link", name="View child pages of 'Home'").click()
    page.get_by_role("link", name="News", exact=True).click()
    page.get_by_role("link", name="Add child page").click()

    page.get_by_role("textbox", name=re.compile(r"^Title")).fill(TITLE)
    page.get_by_role("textbox", name=re.compile(r"^Standfirst")).fill(
        "Allied leaders met in Vilnius to agree the next steps."
    )
    page.get_by_role("textbox", name="Dateline place").fill("Vilnius")

    add_block(page, "Paragraph")
    paragraph = in_the_body(page).locator('[contenteditable="true"]')
    paragraph.click()
    # A subheading straight under the story's title skips a level: the checks must see it.
    paragraph.press_sequentially("### The talks")
    paragraph.press("Enter")
    paragraph.press_sequentially("Leaders agreed on the next steps.")
    add_block(page, "Quote")
    body = in_the_body(page)
    body.get_by_role("textbox", name=re.compile(r"^Quotation")).fill("We stand together.")
    body.get_by_role("textbox", name=re.compile(r"^Speaker\*?$")).fill("Jens Stoltenberg")
    add_block(page, "Video")
    choose_in_modal(page, re.compile(r"^Choose (a )?video"), VIDEO)
    add_block(page, "Image")
    choose_in_modal(page, "Choose an image", "Vilnius old town")
    body.get_by_role("textbox", name=re.compile(r"^Credit")).fill("Newsroom")
    add_block(page, "Embed")
    body.locator('input[type="url"]').fill("https://video.example.org/vilnius")


def wait_for_the_first_autosave(page):
    """Wagtail's first autosave creates the story and points the editor at its edit view; the
    editor looks at the preview once their draft is safe."""
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=CHECKED)


def watch_it_in_the_preview(page):
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE, timeout=CHECKED)
    expect(preview.locator("blockquote")).to_contain_text("We stand together.")
    expect(preview.locator("video")).to_have_count(1)
    expect(preview.locator(".story-image img")).to_have_count(1)
    expect(preview.locator('.embed iframe[title="Example video"]')).to_have_count(1)


def see_the_checks_find_the_skipped_heading(page):
    """The Checks panel is filled in each time the preview's own axe says it has checked the
    page shown: the issue count, a row for each issue, and then the content metrics. The
    preview shows the whole story by now, so its check is the one that counts."""
    page.get_by_role("button", name="Toggle checks").click()
    checks = page.locator('[data-side-panel="checks"]')
    expect(checks.locator("[data-content-checker-name]").first).to_contain_text(
        "heading", timeout=CHECKED
    )
    expect(checks.locator("[data-content-checker-count]")).not_to_have_text("0")
    expect(checks.locator("[data-content-word-count]")).to_have_text(re.compile(r"^[1-9]\d*$"))


def schedule_for(page, go_live):
    """In the status panel's schedule dialog. The date picker opens over the dialog, and over
    its "Save schedule" button, once the field has had the focus a moment; a click elsewhere
    in the dialog closes it, as the editor would close it."""
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.get_by_role("dialog", name="Set publishing schedule")
    dialog.locator("#id_go_live_at").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    picker = page.locator(".xdsoft_datetimepicker").filter(visible=True)
    expect(picker).to_have_count(1)
    dialog.get_by_role("heading", name="Set publishing schedule").click()
    expect(picker).to_have_count(0)
    dialog.get_by_role("button", name="Save schedule").click()


def test_an_editor_writes_previews_checks_and_submits_a_story_and_a_moderator_embargoes_it(
    page, desk_site
):
    editor, editors_app = staff_member("Editors", "editor@example.org")
    moderator, moderators_app = staff_member("Moderators", "moderator@example.org")

    # The editor writes the story, watches it in the live preview and checks it.
    sign_in(page, desk_site, editor, editors_app)
    write_the_story(page)
    wait_for_the_first_autosave(page)
    watch_it_in_the_preview(page)
    see_the_checks_find_the_skipped_heading(page)

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(TITLE)
    story = NewsStoryPage.objects.get(title=TITLE)
    assert [block.block_type for block in story.get_latest_revision_as_object().body] == list(
        StoryBodyBlock().child_blocks
    ), "every kind of block"

    # Later, signing in again, they submit it for review from the dashboard.
    sign_out(page, desk_site)
    sign_in(page, desk_site, editor, editors_app)
    page.get_by_role("link", name=TITLE).first.click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Editorial review").click()
    expect(page.get_by_text("has been submitted for moderation")).to_be_visible()
    sign_out(page, desk_site)

    # The moderator finds it awaiting their review, and comes back to it later.
    sign_in(page, desk_site, moderator, moderators_app)
    review = page.get_by_role("region", name="Awaiting your review")
    expect(review.get_by_role("link", name=TITLE).first).to_be_visible()
    sign_out(page, desk_site)
    sign_in(page, desk_site, moderator, moderators_app)
    review.get_by_role("link", name=TITLE).first.click()

    # They approve it to go live tomorrow at 9:30, and see it embargoed until then.
    go_live = timezone.localtime() + datetime.timedelta(days=1)
    go_live = go_live.replace(hour=9, minute=30, second=0, microsecond=0)
    schedule_for(page, go_live)
    expect(page.locator(".messages")).to_contain_text(TITLE)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(moment(go_live))
    listed = page.get_by_role("row", name=re.compile(TITLE))
    expect(listed).to_contain_text(f"embargoed until {moment(go_live)}")
    page.get_by_role("link", name="Dashboard").click()
    embargoed = page.get_by_role("region", name="Embargoed stories")
    expect(embargoed.get_by_role("row", name=re.compile(TITLE))).to_contain_text(moment(go_live))

    assert page.request.get(f"{desk_site}/en/news/allies-meet-in-vilnius/").status == 404
    with time_machine.travel(go_live + datetime.timedelta(seconds=30), tick=False):
        publish_scheduled_pages()
    assert page.request.get(f"{desk_site}/en/news/allies-meet-in-vilnius/").status == 200
