"""An editor writes a story with every kind of block from the admin's menus, watches it in the
live preview, runs the accessibility checks on it, and submits it for review; a moderator
approves it to go live tomorrow, sees it embargoed until then, and it goes live at its time.
Each signs in twice, with their second factor both times."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Collection

from newsroom.models import NewsStoryPage
from newsroom.scheduling import moment
from newsroom.tasks import publish_scheduled_pages
from tests.e2e.staff import sign_in, sign_out, staff_member
from tests.factories import ImageFactory, VideoFactory

TITLE = "Allies meet in Vilnius"
VIDEO = "Vilnius press conference"


@pytest.fixture
def desk_site(demo_site, settings):
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "tests.newsroom.fake_embed_finder.FakeEmbedFinder"}]
    ImageFactory(title="Vilnius old town", collection=Collection.get_first_root_node())
    return demo_site


def add_block(page, kind):
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=kind).click()


def choose_in_modal(page, button, item):
    page.get_by_role("button", name=button).last.click()
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
    paragraph = page.locator('[data-contentpath="body"] [contenteditable="true"]').last
    paragraph.click()
    # A subheading straight under the story's title skips a level: the checks must see it.
    paragraph.press_sequentially("### The talks")
    paragraph.press("Enter")
    paragraph.press_sequentially("Leaders agreed on the next steps.")
    add_block(page, "Quote")
    page.get_by_role("textbox", name=re.compile(r"^Quotation")).last.fill("We stand together.")
    page.get_by_role("textbox", name=re.compile(r"^Speaker\*?$")).last.fill("Jens Stoltenberg")
    add_block(page, "Video")
    choose_in_modal(page, re.compile(r"^Choose (a )?video"), VIDEO)
    add_block(page, "Image")
    choose_in_modal(page, "Choose an image", "Vilnius old town")
    page.get_by_role("textbox", name=re.compile(r"^Credit")).last.fill("Newsroom")
    add_block(page, "Embed")
    page.locator('[data-contentpath="body"] input[type="url"]').last.fill(
        "https://video.example.org/vilnius"
    )


def see_the_checks_find_an_issue(page):
    """The Checks panel shows what axe found when the preview last told it axe was ready; a
    preview that loaded before that message could be heard is checked at its next update,
    which an edit brings, as it would for the editor."""
    count = page.locator("[data-content-checker-count]")
    title = page.get_by_role("textbox", name=re.compile(r"^Title"))
    # The word count is written once axe has run and the preview's text has been read.
    expect(page.locator("[data-content-word-count]")).to_have_text(
        re.compile(r"^\d"), timeout=30_000
    )
    for edit in range(3):
        try:
            expect(count).not_to_have_text("0", timeout=15_000)
            return
        except AssertionError:
            title.fill(TITLE + " " * (edit + 1))
    expect(count).not_to_have_text("0")


def test_an_editor_writes_previews_checks_and_submits_a_story_and_a_moderator_embargoes_it(
    page, desk_site
):
    editor, editors_app = staff_member("Editors", "editor@example.org")
    moderator, moderators_app = staff_member("Moderators", "moderator@example.org")
    VideoFactory(title=VIDEO, uploaded_by_user=editor)  # the editor's own upload

    # The editor writes the story and watches it in the live preview.
    sign_in(page, desk_site, editor, editors_app)
    write_the_story(page)
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(preview.locator("blockquote")).to_contain_text("We stand together.")
    expect(preview.locator("video")).to_have_count(1)
    expect(preview.locator(".story-image img")).to_have_count(1)
    expect(preview.locator('.embed iframe[title="Example video"]')).to_have_count(1)

    page.get_by_role("button", name="Toggle checks").click()
    see_the_checks_find_an_issue(page)
    expect(page.locator("[data-content-checker-name]").first).to_contain_text("heading")

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(TITLE)
    story = NewsStoryPage.objects.get(title=TITLE)
    assert [block.block_type for block in story.get_latest_revision_as_object().body] == [
        "paragraph",
        "quote",
        "video",
        "image",
        "embed",
    ]

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
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()
    sign_out(page, desk_site)
    sign_in(page, desk_site, moderator, moderators_app)
    page.get_by_role("link", name=TITLE).first.click()

    # They approve it to go live tomorrow at 9:30.
    go_live = timezone.localtime() + datetime.timedelta(days=1)
    go_live = go_live.replace(hour=9, minute=30, second=0, microsecond=0)
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    page.locator("#id_go_live_at").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # By keyboard: the date picker may still cover the button, whatever the day shown.
    page.get_by_role("button", name="Save schedule").press("Enter")
    expect(page.locator(".messages")).to_contain_text("once it is published or approved")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(
        f"Scheduled for {moment(go_live)}: “{TITLE}” is embargoed until then."
    )
    expect(page.get_by_text(f"embargoed until {moment(go_live)}")).to_be_visible()

    assert page.request.get(f"{desk_site}/en/news/allies-meet-in-vilnius/").status == 404
    with time_machine.travel(go_live + datetime.timedelta(seconds=30), tick=False):
        publish_scheduled_pages()
    assert page.request.get(f"{desk_site}/en/news/allies-meet-in-vilnius/").status == 200
