"""Database queries per request of what newsrooms ingest, at page sizes 10 and 100: the ninjs
listings of stories and videos and the public API's pages and videos. A listing must cost the
same whatever its size."""

from benchmarks.environment import setup_django
from benchmarks.report import report

PAGE_SIZES = (10, 100)
IMAGES = 3


def listing_urls(limit):
    return {
        "ninjs_stories": f"/en/api/ninjs/stories/?limit={limit}",
        "ninjs_videos": f"/en/api/ninjs/videos/?limit={limit}",
        "api_pages": f"/api/v2/pages/?type=newsroom.NewsStoryPage&limit={limit}",
        "api_videos": f"/api/v2/videos/?limit={limit}",
    }


def published_stories_with_videos(count):
    """`count` live stories, each showing a video of its own beside shared images, with
    topics and people: a listing of 100 has 100 of everything to fetch."""
    from newsroom.models import Person, PersonMentioned
    from tests.factories import ImageFactory, StoryFactory, VideoFactory, mixed_body, publish

    images = ImageFactory.create_batch(IMAGES)
    people = [Person.objects.get_or_create(name=f"Person {n}")[0] for n in range(3)]
    stories = []
    for number in range(count):
        video = VideoFactory(shot_list=[{"timecode": "00:00:01", "description": "A shot."}])
        story = StoryFactory(
            body=mixed_body(4, images=images, videos=[video]),
            hero_image=images[number % IMAGES],
            topics=["Sweden", f"Topic {number % 5}"],
        )
        story.people_mentioned = [
            PersonMentioned(person=person, sort_order=order)
            for order, person in enumerate(people[: 1 + number % 3])
        ]
        stories.append(publish(story))
    return stories


def queries_per_request(url):
    """The SQL of one GET of `url`, after a warm-up GET that makes the image renditions."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    warm_up = client.get(url)
    if warm_up.status_code != 200:
        raise RuntimeError(f"GET {url} answered {warm_up.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return [query["sql"] for query in captured.captured_queries]


def main():
    setup_django()
    published_stories_with_videos(max(PAGE_SIZES))
    for limit in PAGE_SIZES:
        for name, url in listing_urls(limit).items():
            report(f"delivery_queries_{name}_{limit}", len(queries_per_request(url)))


if __name__ == "__main__":
    main()
