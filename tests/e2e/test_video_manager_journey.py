"""A video manager uploads a master and follows its processing on the edit page without
reloading it; signs out and in again and finds it, processed, in the library; an editor then
puts it in a story's body with the one video chooser."""

import re

import pytest
from playwright.sync_api import expect

from newsroom.models import NewsStoryPage
from tests.e2e.staff import sign_in, sign_out, staff_member
from tests.factories import StoryFactory
from videos.models import Video
from videos.processing import process_video
from videos.test_pattern import render_test_pattern


@pytest.fixture
def worker_later(monkeypatch):
    """Processing waits for the test to run it, as it waits for a worker in production, so the
    edit page is seen before and after."""
    waiting = []
    monkeypatch.setattr(
        "videos.signals.hand_off_after_commit", lambda task, *args: waiting.append(args)
    )
    return waiting


def test_a_video_manager_uploads_and_sees_progress_and_an_editor_chooses_the_video(
    browser, page, demo_site, worker_later, tmp_path
):
    clip = tmp_path / "summit-arrivals.mp4"
    render_test_pattern(str(clip), seconds=2, width=320, height=180)
    manager, managers_app = staff_member("Video managers", "video-manager@example.org")

    sign_in(page, demo_site, manager, managers_app)
    page.goto(f"{demo_site}/admin/media/")
    page.get_by_role("link", name="Add video").click()
    expect(page.get_by_label("Thumbnail")).to_have_count(0)
    page.get_by_label("Title").fill("Summit arrivals")
    page.get_by_label("Master file").set_input_files(str(clip))
    page.get_by_role("button", name="Upload").click()

    video = Video.objects.get(title="Summit arrivals")
    expect(page).to_have_url(f"{demo_site}/admin/media/edit/{video.pk}/")
    status = page.locator("[data-video-status]")
    expect(status).to_contain_text("Waiting to be processed")
    page.evaluate("window.stillTheSamePage = true")
    assert worker_later == [(video.pk,)]
    process_video(video)
    expect(status).to_contain_text("Ready", timeout=20_000)
    expect(status).to_contain_text("SHA-256 of the master")
    assert page.evaluate("window.stillTheSamePage") is True, "the page was not reloaded"

    sign_out(page, demo_site)
    sign_in(page, demo_site, manager, managers_app)
    page.goto(f"{demo_site}/admin/media/")
    row = page.get_by_role("row").filter(has_text="Summit arrivals")
    expect(row.locator("img")).to_have_attribute("src", re.compile(r"\.jpg$"))
    expect(row).to_contain_text("0:02")
    expect(row).to_contain_text("Ready")

    story = StoryFactory(title="Leaders arrive", live=False)
    story.save_revision()
    editor, editors_app = staff_member("Editors", "editor@example.org")
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    editor_page = context.new_page()
    sign_in(editor_page, demo_site, editor, editors_app)
    sign_out(editor_page, demo_site)
    sign_in(editor_page, demo_site, editor, editors_app)
    editor_page.goto(f"{demo_site}/admin/pages/{story.pk}/edit/")
    body = editor_page.locator("#panel-child-content-body-section")
    body.get_by_role("button", name="Insert a block").last.click()
    editor_page.get_by_role("option", name="Video").click()
    body.get_by_role("button", name="Choose a video").click()
    modal = editor_page.get_by_role("dialog")
    expect(modal.get_by_role("row").filter(has_text="Summit arrivals")).to_contain_text("Ready")
    modal.get_by_role("link", name="Summit arrivals").click()
    expect(body).to_contain_text("Summit arrivals")
    editor_page.get_by_role("button", name="Save draft").click()
    expect(editor_page.get_by_text("has been updated")).to_be_visible()
    context.close()

    draft = NewsStoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert [block.value["video"] for block in draft.body if block.block_type == "video"] == [video]
