"""What every public page of the newsroom shares: its status, its translations, and its view
restrictions. Who may see it is decided in newsroom/visibility.py."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail.models import Page, PageViewRestriction

from .fragment_cache import content_version, fragment_cache
from .scheduling import embargoed_until, moment
from .visibility import published


@dataclass(frozen=True)
class Alternate:
    """This page, or one of its translations, as hreflang links and the switcher need it."""

    language_code: str
    url: str
    full_url: str


def published_translations(page):
    """`page` in every language the public may see it in, as Alternates."""
    translations = (
        published(page.get_translations(inclusive=True))
        .select_related("locale")
        .order_by("locale__language_code")
    )
    return [
        Alternate(other.locale.language_code, other.url, other.full_url) for other in translations
    ]


def hreflang_links(alternates):
    """The hreflang links of a page published in `alternates`: one a language, and the
    default language's as x-default."""
    links = [(alternate.language_code, alternate.full_url) for alternate in alternates]
    default = next((alt for alt in alternates if alt.language_code == settings.LANGUAGE_CODE), None)
    if default:
        links.append(("x-default", default.full_url))
    return links


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
        return fragment_cache().get_or_set(key, lambda: published_translations(self))

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
