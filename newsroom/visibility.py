"""What the public may see: the rule, the record of its answer, and the upkeep of that record.

`published(pages)` is the one rule. Two readers cannot afford to ask it of every row they
look at, so its answer is written down, page by page, in one step:

- `PublicPage`, the pages the public may see, with their locale: a search keeps its matches
  that are in this narrow table (search/searching.py), where the rule's joins for each of
  thousands of matches would cost more than the rest of the search;
- `Video.shown_on`, the videos each of those pages shows. `videos` sits below `newsroom` and
  cannot ask whether a page is published, so newsroom writes down there, for the pages it has
  just found public and for no others, the videos they show; `Video.objects.public()` reads
  it and restates nothing. A page shows its videos once it has been published through a
  revision (its own, or its original's for an alias): a page made live without one (an
  import, a fixture) has published no content, and its videos stay private.

Both are written by `record(pages)` from one reading of the rule, so they cannot disagree
with each other, and one set of signal handlers below calls it for the pages a change can
affect: the saved page (publishing, including a scheduled go-live; unpublishing, including
expiry; a new alias; a draft, which changes nothing), the branch of a moved page (the view
restrictions above it changed, for it and all below it), and the branches of a restricted
page and its aliases when the restriction is added, changed or removed. Deleting a page
forgets its rows (they cascade). Changes made behind Django's back (`QuerySet.update`, a bulk
import) are followed by calling `record_all()`, as the search benchmark does.

A video's preview, poster and captions are public exactly while the video is; when a change
makes a video stop being public, the CDN is told to forget their addresses (a video becoming
public needs nothing: its files were refused uncached until then).
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamValue
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from videos.models import Video

from .frontend_cache import purge_video_files_after_commit

ShownOn = Video.shown_on.through


def restrictions_here_or_above():
    """The two ways a page is behind a view restriction: one set on it or on one of its
    ancestors, or on the page that such an ancestor is an alias of (as Wagtail checks when
    serving). Each is true for a restricted page.

    Wagtail's own `public()` loads every restriction in a query of its own; asking inside the
    page query keeps a listing at one query."""
    on_an_ancestor = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    on_the_original_of_an_ancestor = PageViewRestriction.objects.filter(
        page__aliases__path=Substr(OuterRef("path"), 1, Length("page__aliases__path"))
    )
    return Exists(on_an_ancestor), Exists(on_the_original_of_an_ancestor)


def published(pages):
    """The one answer to "may the public see these pages?": live (so neither scheduled,
    embargoed nor expired) and not behind a view restriction.

    Each restriction is excluded on its own: `NOT EXISTS … AND NOT EXISTS …` lets PostgreSQL
    plan each as an anti-join, reading the few restricted pages once, where `NOT (EXISTS … OR
    EXISTS …)` ran both subqueries again for every page: at 10,000 stories, checking a search's
    matches took 60–85 ms the second way and 17–25 ms the first."""
    pages = pages.live()
    for restriction in restrictions_here_or_above():
        pages = pages.exclude(restriction)
    return pages


class PublicPage(models.Model):
    """A page the public may see now (`published`), with its locale, as `record` wrote it."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("page the public may see")
        verbose_name_plural = _("pages the public may see")
        indexes = [models.Index(fields=["locale", "page"], name="public_pages_by_locale")]

    def __str__(self):
        return str(self.page_id)


def videos_shown_by(page):
    """The ids of the videos a (specific) page shows: its hero video and its body's video
    blocks."""
    ids = set()
    if getattr(page, "hero_video_id", None):
        ids.add(page.hero_video_id)
    body = getattr(page, "body", None)
    if isinstance(body, StreamValue):
        for block in body.raw_data:
            if block["type"] == "video" and block["value"].get("video"):
                ids.add(block["value"]["video"])
    return ids


def record(pages):
    """Write down which of `pages` (a Page queryset) the public may see and the videos they
    show, and forget the rest, as they are in the database now."""
    ids = pages.values("pk")
    with (
        transaction.atomic(),
        _forgetting_files_no_longer_public(ShownOn.objects.filter(page__in=ids)),
    ):
        PublicPage.objects.filter(page__in=ids).delete()
        ShownOn.objects.filter(page__in=ids).delete()
        public, videos_by_page = [], {}
        for page in published(pages).specific().iterator(chunk_size=500):
            public.append(PublicPage(page_id=page.pk, locale_id=page.locale_id))
            if page.live_revision_id is not None:
                videos_by_page[page.pk] = videos_shown_by(page)
        PublicPage.objects.bulk_create(public, batch_size=2000)
        ShownOn.objects.bulk_create(_rows(videos_by_page), batch_size=1000)


def record_all():
    record(Page.objects.all())


def record_branch(page_id):
    """The page and every page below it."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is not None:
        record(Page.objects.filter(path__startswith=path))


def forget(page_id):
    """A page about to be deleted, or just unpublished, shows nothing to the public."""
    rows = ShownOn.objects.filter(page_id=page_id)
    with transaction.atomic(), _forgetting_files_no_longer_public(rows):
        PublicPage.objects.filter(page_id=page_id).delete()
        rows.delete()


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


def _on_page_saved(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    record(Page.objects.filter(pk=instance.pk))


def _on_page_unpublished(sender, instance, **kwargs):
    # Sent after the unpublished page was saved (and recorded), and before a live page is
    # deleted, when it is still live in the database.
    forget(instance.pk)


def _on_page_moved(sender, instance, **kwargs):
    record_branch(instance.pk)


def _on_restriction_changed(sender, instance, **kwargs):
    """A restriction hides the restricted page's branch and the branches of its aliases."""
    record_branch(instance.page_id)
    for alias_id in Page.objects.filter(alias_of_id=instance.page_id).values_list("pk", flat=True):
        record_branch(alias_id)


def connect_signals():
    post_save.connect(_on_page_saved, dispatch_uid="newsroom-visibility-page-saved")
    page_unpublished.connect(_on_page_unpublished, dispatch_uid="newsroom-visibility-unpublished")
    post_page_move.connect(_on_page_moved, dispatch_uid="newsroom-visibility-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"newsroom-visibility-restriction-{signal}",
        )
