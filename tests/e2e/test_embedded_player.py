"""A reader of another site plays our video in the embedded player: by keyboard and with a
screen reader, with captions in both languages, the shot list as chapters and the
transcript, and an accessibility check of the player."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.embeds.finders.oembed import OEmbedFinder

from tests.newsroom.embedding_fixtures import public_story

from .test_reading import assert_no_wcag_violations

pytestmark = pytest.mark.browser


def test_a_reader_plays_the_embedded_video_by_keyboard(page, demo_site):
    from videos.models import Video

    video = Video.objects.get()
    page.goto(f"{demo_site}/fr/embed/videos/{video.pk}/")

    player = page.locator("video")
    expect(player).to_be_visible()
    tracks = player.evaluate(
        "video => [...video.textTracks].map(track => [track.kind, track.language])"
    )
    assert sorted(tracks) == [["captions", "en"], ["captions", "fr"], ["chapters", "fr"]]
    assert_no_wcag_violations(page)

    more = page.get_by_text("Chapitres et transcription", exact=True)
    more.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("region", name="Chapitres et transcription")).to_be_visible()
    assert_no_wcag_violations(page)

    chapter = page.get_by_role("button", name="Lire à partir de 0:02")
    chapter.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('video').currentTime >= 2")
    expect(page.get_by_role("heading", name="Transcription")).to_be_visible()
    assert not page.context.cookies()


def test_wagtails_own_oembed_finder_embeds_our_video(site_url, news_index):
    """Wagtail's own finder asks our live server, as another Wagtail site would."""
    _story, video = public_story()
    page_url = f"{site_url}/en/videos/{video.pk}/"
    finder = OEmbedFinder(
        providers=[
            {
                "endpoint": f"{site_url}/oembed",
                "urls": [rf"^{re.escape(site_url)}/.+$"],
            }
        ]
    )

    embed = finder.find_embed(page_url, max_width=480)

    assert embed["type"] == "video"
    assert embed["width"] == 480 and embed["height"] == 270 + 48
    assert f"{site_url}/en/embed/videos/{video.pk}/" in embed["html"]
    assert embed["thumbnail_url"] is None or embed["thumbnail_url"].startswith(site_url)
