"""What every public page of the newsroom shares: who may see it, and its translations."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail.models import Page, PageViewRestriction

from .fragment_cache import content_version, fragment_cache
from .scheduling import embargoed_until, moment


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


@dataclass(frozen=True)
class Alternate:
    """This page, or one of its translations, as hreflang links and the switcher need it."""

    language_code: str
    url: str
    full_url: str


class NewsroomPage(Page):
    # A page that lists others (the home page, the news index, the video library) changes
    # whenever any page is published or unpublished, so the CDN forgets it every time
    # (newsroom/frontend_cache.py).
    lists_other_pages = False

    class Meta:
        abstract = True

    @property
    def status_string(self):
        """Wagtail's status, except that a page waiting for its go-live time says until when,
        in the page listings and the dashboard."""
        lifts_at = embargoed_until(self)
        if lifts_at is None:
            return super().status_string
        return gettext("embargoed until %(moment)s") % {"moment": moment(lifts_at)}

    def cached_paths_showing(self, page):
        """The paths under this page's URL that show `page`, for purging when it changes."""
        return self.get_cached_paths()

    @cached_property
    def content_version(self):
        """Read once per request: the alternates and every cached fragment key on it."""
        return content_version()

    @cached_property
    def alternates(self):
        """This page in every language it is published in. Cached until content changes:
        publishing or unpublishing any page moves the content version."""
        key = f"newsroom:alternates:{self.translation_key}:{self.content_version}"
        return fragment_cache().get_or_set(key, self._published_translations)

    def _published_translations(self):
        translations = (
            published(self.get_translations(inclusive=True))
            .select_related("locale")
            .order_by("locale__language_code")
        )
        return [
            Alternate(page.locale.language_code, page.url, page.full_url) for page in translations
        ]

    @cached_property
    def default_language_alternate(self):
        return next(
            (alt for alt in self.alternates if alt.language_code == settings.LANGUAGE_CODE),
            None,
        )

    def get_view_restrictions(self):
        """The restrictions on this page and its ancestors, or on the pages they are aliases
        of, in one query rather than Wagtail's two: a page's ancestors are the prefixes of its
        tree path."""
        ancestor_paths = [
            self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)
        ]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=ancestor_paths) | Q(page__aliases__path__in=ancestor_paths)
        ).distinct()
