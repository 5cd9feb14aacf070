"""Loads the demo content. Safe to run again: what exists already is left as it is."""

import datetime
import functools
import io
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import HomePage
from newsletters.models import ChosenStory, NewsletterIssue
from newsroom.models import (
    NewsIndexPage,
    NewsStoryPage,
    Person,
    PersonMentioned,
    VideoLibraryPage,
)
from newsroom.topics import Topic
from users.models import TermsOfUsePage
from videos.models import CaptionTrack, Video
from videos.test_pattern import render_test_pattern

from .. import site_address
from . import demo_video
from .french import FRENCH
from .graphics import headline_graphic
from .more_stories import MORE_STORIES
from .newsletter import NEWSLETTER_ISSUE, NEWSLETTER_ISSUE_FRENCH
from .seed_story import SEED_STORY
from .terms import TERMS, TERMS_FRENCH

# The hour the demo stories went online on their dateline day, in the site's time zone.
DEMO_PUBLICATION_TIME = datetime.time(12, 0)


def load_demo_content(log=print):
    home = HomePage.objects.get(depth=2, locale=Locale.get_default())
    point_default_site_at_base_url(home)
    news_index = NewsIndexPage.objects.child_of(home).get()
    video_library = VideoLibraryPage.objects.child_of(home).get()
    video = ensure_demo_video(log)
    stories = [
        ensure_story(news_index, story, video=video, variant=number, log=log)
        for number, story in enumerate([SEED_STORY, *MORE_STORIES])
    ]
    if not home.lead_story_id:
        home.lead_story = stories[0]
        home.save_revision().publish()
        log(f"Home page leads with “{stories[0].title}”.")
    terms = ensure_terms(home, log)
    french = Locale.objects.get(language_code="fr")
    topics = Topic.objects.filter(stories__in=stories).distinct()
    video_text = video.texts.get(locale=Locale.get_default())
    for instance in [*topics, video_text, home, news_index, video_library, *stories, terms]:
        translate(instance, french, {**FRENCH, **TERMS_FRENCH}, log)
    for story in stories:
        # After the translations' publication, which wagtail-localize does on commit.
        transaction.on_commit(functools.partial(dated_as_published, story))
    issue = ensure_newsletter_issue(stories, log)
    translate(issue, french, NEWSLETTER_ISSUE_FRENCH, log)
    return stories


def ensure_newsletter_issue(stories, log):
    """A draft issue (never sent) showing the demo stories, for an editor to preview."""
    existing = NewsletterIssue.objects.filter(
        subject=NEWSLETTER_ISSUE["subject"], locale=Locale.get_default()
    ).first()
    if existing:
        return existing
    issue = NewsletterIssue(**NEWSLETTER_ISSUE, locale=Locale.get_default())
    issue.chosen_stories = [ChosenStory(story=story) for story in stories]
    issue.save()
    log(f"Made the draft newsletter issue “{issue.subject}”.")
    return issue


def ensure_terms(home, log):
    existing = TermsOfUsePage.objects.child_of(home).first()
    if existing:
        return existing
    terms = TermsOfUsePage(**TERMS)
    home.add_child(instance=terms)
    terms.save_revision().publish()
    log(f"Published “{terms.title}”.")
    return terms


@transaction.atomic
def translate(instance, locale, strings, log):
    """Translate a page or a snippet with wagtail-localize, as a translator would in its
    editor, and publish the translation. One already translated is left as it is."""
    translations = instance.get_translations().filter(locale=locale)
    if hasattr(instance, "alias_of"):
        translations = translations.filter(alias_of__isnull=True)
    if translations.exists():
        return
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": strings[segment.string.data],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    translation.save_target(publish=True)
    log(f"Published the {locale.get_display_name()} translation of “{instance}”.")


def point_default_site_at_base_url(home):
    """Canonical links and feeds name the address the demo is served at (site_address)."""
    site_address.point_default_site_at_base_url()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()


def ensure_demo_video(log):
    """The demo clip goes through the same pipeline as an editor's upload: saving the master
    starts its processing (at once in the embedded mode, on a worker otherwise)."""
    existing = Video.objects.filter(title=demo_video.TITLE).first()
    if existing:
        return existing
    with tempfile.TemporaryDirectory() as folder:
        clip_path = Path(folder) / "test-pattern.mp4"
        render_test_pattern(str(clip_path), label=demo_video.TITLE)
        clip = clip_path.read_bytes()
    video = Video(**demo_video.DETAILS)
    video.file.save("newsroom-test-pattern.mp4", ContentFile(clip), save=False)
    video.save()
    for language, text in demo_video.CAPTIONS.items():
        track = CaptionTrack(video=video, language=language)
        track.file.save(f"newsroom-test-pattern-{language}.vtt", ContentFile(text.encode()))
    log(f"Made the demo video “{video.title}”.")
    return video


def ensure_topic(name):
    return Topic.objects.get_or_create(name=name, locale=Locale.get_default())[0]


@transaction.atomic
def ensure_story(news_index, content, *, video, variant, log):
    existing = NewsStoryPage.objects.child_of(news_index).filter(slug=content["slug"]).first()
    if existing:
        return existing
    story = NewsStoryPage(
        title=content["title"],
        slug=content["slug"],
        standfirst=content["standfirst"],
        date=datetime.date.fromisoformat(content["date"]),
        place=content["place"],
        hero_image=_headline_image(content, variant),
        body=[_raw_block(kind, value, video) for kind, value in content["body"]],
    )
    story.topics.set([ensure_topic(name) for name in content["topics"]])
    story.people_mentioned = [
        PersonMentioned(
            person=Person.objects.get_or_create(name=name, defaults={"role": role})[0],
            sort_order=order,
        )
        for order, (name, role) in enumerate(content.get("people", []))
    ]
    news_index.add_child(instance=story)
    story.save_revision().publish()
    log(f"Published “{story.title}”.")
    return story


def dated_as_published(story):
    """The story and its translations were published on their dateline date, as the stories
    they reproduce were, not on the day the demo was loaded: feeds and structured data give
    these dates (NewsStoryPage.published_moment)."""
    moment = timezone.make_aware(datetime.datetime.combine(story.date, DEMO_PUBLICATION_TIME))
    NewsStoryPage.objects.filter(
        translation_key=story.translation_key, first_published_at__gt=moment
    ).update(first_published_at=moment, last_published_at=moment)


def _raw_block(kind, value, video):
    if kind == "video":
        value = {"video": video.pk, "caption": demo_video.CAPTION}
    return {"type": kind, "value": value}


def _headline_image(content, variant):
    image_model = get_image_model()
    title = f"Demo graphic: {content['title']}"
    graphic = headline_graphic(variant=variant)
    return image_model.objects.create(
        title=title, file=ImageFile(io.BytesIO(graphic), name=f"{content['slug'][:60]}.jpg")
    )
