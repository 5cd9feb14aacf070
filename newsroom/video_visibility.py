"""Which videos the public may watch and download: those shown on pages the public may see.

`videos` sits below `newsroom` and cannot ask whether a story is published, so newsroom
records, in `Video.shown_on`, the published pages that show each video, and `videos` reads
that (`Video.objects.public()`). The record follows every change that can make a page
public or private: publishing (including a scheduled go-live), unpublishing (including
expiry), deletion (the rows cascade), moves and view restrictions.

A video's preview, poster and captions are public exactly while the video is; when a change
makes a video stop being public, the CDN is told to forget their addresses (a video becoming
public needs nothing: its files were refused uncached until then).
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.blocks import StreamValue
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from videos.models import Video

from .frontend_cache import purge_video_files_after_commit
from .page_base import published

ShownOn = Video.shown_on.through


def videos_shown_by(page):
    """The ids of the videos a page shows: its hero video and its body's video blocks."""
    ids = set()
    if getattr(page, "hero_video_id", None):
        ids.add(page.hero_video_id)
    body = getattr(page, "body", None)
    if isinstance(body, StreamValue):
        for block in body.raw_data:
            if block["type"] == "video" and block["value"].get("video"):
                ids.add(block["value"]["video"])
    return ids


def record_videos_of(page):
    """Write down the videos `page` shows if the public may see it, and none if not."""
    is_public = published(Page.objects.filter(pk=page.pk)).exists()
    with transaction.atomic(), _forgetting_files_no_longer_public(_recorded_for(page.pk)):
        ShownOn.objects.filter(page_id=page.pk).delete()
        if is_public:
            ShownOn.objects.bulk_create(_rows({page.pk: videos_shown_by(page.specific)}))


def record_all():
    """Start again from every published page: after a view restriction or a move, which can
    change what the public sees anywhere below it."""
    with transaction.atomic(), _forgetting_files_no_longer_public(ShownOn.objects.all()):
        ShownOn.objects.all().delete()
        pages = published(Page.objects.all()).specific().iterator(chunk_size=500)
        ShownOn.objects.bulk_create(
            _rows({page.pk: videos_shown_by(page) for page in pages}), batch_size=1000
        )


def _recorded_for(page_id):
    return ShownOn.objects.filter(page_id=page_id)


@contextmanager
def _forgetting_files_no_longer_public(rows):
    """Around a change of the rows: the CDN forgets the files of the videos those rows made
    public that are public no longer. (The rows, not `public()`, tell what was public: on
    unpublishing, the page is no longer live when this runs.)"""
    if not settings.WAGTAILFRONTENDCACHE:
        yield
        return
    were_public = set(
        Video.objects.playable().filter(pk__in=rows.values("video_id")).values_list("pk", flat=True)
    )
    yield
    still_public = Video.objects.public().filter(pk__in=were_public).values("pk")
    purge_video_files_after_commit(
        Video.objects.filter(pk__in=were_public).exclude(pk__in=still_public)
    )


def _rows(videos_by_page):
    """The rows for {page id: video ids}, leaving out videos deleted since: one query."""
    wanted = set().union(*videos_by_page.values())
    existing = set(Video.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    return [
        ShownOn(video_id=video_id, page_id=page_id)
        for page_id, video_ids in videos_by_page.items()
        for video_id in video_ids & existing
    ]


def _on_publish(sender, instance, **kwargs):
    record_videos_of(instance)


def _on_unpublish(sender, instance, **kwargs):
    with _forgetting_files_no_longer_public(_recorded_for(instance.pk)):
        ShownOn.objects.filter(page_id=instance.pk).delete()


def _on_tree_change(**kwargs):
    transaction.on_commit(record_all)


def connect_signals():
    page_published.connect(_on_publish, dispatch_uid="newsroom-videos-published")
    page_unpublished.connect(_on_unpublish, dispatch_uid="newsroom-videos-unpublished")
    post_page_move.connect(_on_tree_change, dispatch_uid="newsroom-videos-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_tree_change,
            sender=PageViewRestriction,
            dispatch_uid=f"newsroom-videos-restriction-{signal}",
        )
