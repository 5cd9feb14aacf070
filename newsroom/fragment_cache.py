"""Rendered fragments of story pages are cached, and thrown away whenever content changes.

A story's rendered body depends on more than the story: the videos and images it shows, and
the stories it links to, the names of its topics, and which translations are public. Rather
than track each dependency, any publish, unpublish, change to a video or its texts, an image,
a topic or a view restriction moves a site-wide content version, and every fragment's key
carries it.
Routing, privacy checks and language links are never cached: they run on every request.
"""

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from videos.models import Video
from videos.texts import VideoText

from .topics import Topic

VERSION_KEY = "newsroom:content-version"
CHANGED_AT_KEY = "newsroom:content-changed-at"


def fragment_cache():
    return caches["template_fragments"]


def content_version():
    return fragment_cache().get_or_set(VERSION_KEY, 1, timeout=None)


def content_changed_at():
    """When the content version last moved: the Last-Modified of what newsrooms ingest. A
    cache that lost it says "now", which is never too early."""
    return fragment_cache().get_or_set(CHANGED_AT_KEY, timezone.now, timeout=None)


def bump_content_version(**kwargs):
    cache = fragment_cache()
    cache.set(CHANGED_AT_KEY, timezone.now(), timeout=None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


def connect_signals():
    for signal in (page_published, page_unpublished):
        signal.connect(bump_content_version, dispatch_uid=f"newsroom-fragments-{signal}")
    for model in (Video, VideoText, get_image_model(), PageViewRestriction, Topic):
        for signal in (post_save, post_delete):
            signal.connect(
                bump_content_version,
                sender=model,
                dispatch_uid=f"newsroom-fragments-{model.__name__}-{signal}",
            )
