"""Nothing that is not public reaches a newsroom through the feeds or the sitemap: not a
draft, an embargoed, an expired nor a view-restricted story, nor the videos they show."""

import pytest

from .embedding_fixtures import public_story, stories_not_public

# The factories' site has no French video library, so no French video feed.
CHANNELS = [
    "/en/feeds/rss/",
    "/en/feeds/atom/",
    "/en/feeds/videos/",
    "/fr/feeds/rss/",
    "/fr/feeds/atom/",
    "/sitemap.xml",
]


@pytest.fixture
def stories(news_index, django_capture_on_commit_callbacks):
    shown = public_story()
    return shown, stories_not_public(django_capture_on_commit_callbacks)


def test_only_public_stories_and_videos_are_in_the_feeds_and_the_sitemap(client, stories):
    (public, public_video), hidden = stories

    for channel in CHANNELS:
        response = client.get(channel)
        assert response.status_code == 200, channel
        text = response.content.decode()
        if "videos" in channel or channel == "/sitemap.xml":
            assert public_video.preview_url in text, channel
        if "stories" in channel or "/feeds/rss/" in channel or "/feeds/atom/" in channel:
            assert public.title in text, channel
        for state, (story, video) in hidden.items():
            assert story.title not in text, (channel, state)
            assert story.slug not in text, (channel, state)
            assert video.title not in text, (channel, state)
            assert f"/videos/{video.pk}/" not in text, (channel, state)
            assert f"/video-files/{video.pk}/" not in text, (channel, state)


def test_the_chapters_of_a_video_that_is_not_public_are_not_served(client, stories):
    from videos.chapters import chapters_url

    (_public, public_video), hidden = stories

    assert client.get(chapters_url(public_video)).status_code == 200
    for state, (_story, video) in hidden.items():
        assert client.get(chapters_url(video)).status_code == 404, state
