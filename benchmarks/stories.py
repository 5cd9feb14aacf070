"""Published stories for the benchmarks to render. Needs Django set up before import."""

from tests.factories import ImageFactory, StoryFactory, VideoFactory, mixed_body, publish

IMAGES_PER_STORY = 3
VIDEOS_PER_STORY = 2


def published_story(block_count):
    """A live story whose body cycles paragraphs, quotes, images and videos, using a few
    images and videos more than once as real stories do."""
    images = ImageFactory.create_batch(IMAGES_PER_STORY)
    videos = VideoFactory.create_batch(VIDEOS_PER_STORY)
    body = mixed_body(block_count, images=images, videos=videos)
    return publish(StoryFactory(body=body))
