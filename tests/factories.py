"""Factories for the tests and the benchmarks."""

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.models import Locale

from newsletters.models import ChosenStory, NewsletterIssue, Subscriber
from newsroom.models import NewsIndexPage, NewsStoryPage
from newsroom.topics import Topic
from users.models import User
from videos.models import Video

# A password that follows the site's rule, for every test person.
PASSWORD = "Correct-Horse-9-Battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.django.Password(PASSWORD)


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Video
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Video {n}")
    duration = 4
    width = 640
    height = 360
    file = factory.LazyFunction(lambda: ContentFile(b"master", name="master.mp4"))
    preview = factory.LazyFunction(lambda: ContentFile(b"preview", name="preview.mp4"))
    thumbnail = factory.LazyFunction(lambda: ContentFile(b"poster", name="poster.jpg"))

    @factory.post_generation
    def mark_processed(video, create, extracted, **kwargs):
        """Stand-in files are not real video: mark the video as processed, as the pipeline
        would have, instead of running it."""
        if create and video.status != Video.Status.READY:
            Video.objects.filter(pk=video.pk).update(status=Video.Status.READY, progress=100)
            video.status, video.progress = Video.Status.READY, 100


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")


class StoryFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsStoryPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Story number {n}")
    standfirst = "A short summary of the story."
    date = datetime.date(2023, 10, 24)
    place = "Stockholm"
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Text.</p>"}])
    parent = factory.LazyFunction(lambda: NewsIndexPage.objects.order_by("path").first())

    @factory.post_generation
    def topics(story, create, names, **kwargs):
        if names:
            story.topics.set([topic_named(name) for name in names])
            if create:
                story.save()


def topic_named(name):
    """The topic of the default language with this name, made if need be."""
    return Topic.objects.get_or_create(name=name, locale=Locale.get_default())[0]


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber of the English newsletter."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    status = Subscriber.Status.CONFIRMED


class NewsletterIssueFactory(factory.django.DjangoModelFactory):
    """A draft issue in English showing the `stories` given."""

    class Meta:
        model = NewsletterIssue
        skip_postgeneration_save = True

    subject = factory.Sequence(lambda n: f"Issue number {n}")
    preheader = "This week’s stories."
    intro = "Here is what happened this week."
    locale = factory.LazyFunction(lambda: Locale.get_default())

    @factory.post_generation
    def stories(issue, create, stories, **kwargs):
        for number, story in enumerate(stories or []):
            ChosenStory.objects.create(issue=issue, story=story, sort_order=number)


def mixed_body(block_count, *, images, videos):
    """A body of `block_count` blocks cycling through paragraph, quote, image and video."""
    body = []
    for number in range(block_count):
        kind = ("paragraph", "quote", "image", "video")[number % 4]
        if kind == "paragraph":
            value = f"<p>Paragraph {number} of the story, with <b>some</b> emphasis.</p>"
        elif kind == "quote":
            value = {
                "text": f"Quotation number {number}.",
                "speaker": "Jens Stoltenberg",
                "role": "NATO Secretary General",
                "context": "",
            }
        elif kind == "image":
            value = {
                "image": images[number % len(images)].pk,
                "caption": "Caption",
                "credit": "NATO",
            }
        else:
            value = {"video": videos[number % len(videos)].pk, "caption": "A video"}
        body.append({"type": kind, "value": value})
    return body


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page
