"""Cached fragments of a story page never outlive the content they show."""

from tests.factories import StoryFactory, VideoFactory, publish


def body_with_video(video):
    return [{"type": "video", "value": {"video": video.pk, "caption": "At the summit"}}]


def test_republishing_a_story_shows_its_new_text_at_once(client, news_index):
    story = publish(StoryFactory(title="First headline"))
    assert "First headline" in client.get(story.url).content.decode()

    story.title = "Corrected headline"
    story.save_revision().publish()

    html = client.get(story.url).content.decode()
    assert "Corrected headline" in html
    assert "First headline" not in html


def test_a_changed_video_shows_at_once_on_stories_that_play_it(client, news_index):
    video = VideoFactory(title="Summit arrival")
    story = publish(StoryFactory(body=body_with_video(video)))
    assert 'aria-label="Summit arrival"' in client.get(story.url).content.decode()

    video.title = "Summit arrival, with captions"
    video.save()

    assert 'aria-label="Summit arrival, with captions"' in client.get(story.url).content.decode()


def test_an_unpublished_related_story_disappears_at_once(client, news_index):
    related = publish(StoryFactory(title="Background story"))
    story = StoryFactory(title="Main story")
    story.related.create(story=related)
    publish(story)
    assert "Background story" in client.get(story.url).content.decode()

    related.unpublish()

    assert "Background story" not in client.get(story.url).content.decode()
