"""What a reader's search finds: the published stories and public videos of their language that
hold every word they typed, the results editors promoted for those words first.

Stories and videos are searched through Wagtail's search API (`search.backend`), each model on
its own, and the two ranked lists are merged. Which stories and videos may be found is never
decided here: `newsroom.visibility.published()` and `Video.objects.public()` decide it, and the
search is made within what they allow.
"""

import dataclasses
import datetime
import hashlib
import heapq
import html
import re
from functools import cached_property
from itertools import islice

from django.conf import settings
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.query import MATCH_ALL
from wagtail.search.utils import normalise_query_string

from newsroom.fragment_cache import content_version, fragment_cache
from newsroom.models import NewsStoryPage, VideoLibraryPage
from newsroom.topics import Topic
from newsroom.visibility import PublicPage, published
from videos.models import Video
from videos.texts import give_texts

from .backend import search_backend
from .snippets import Highlighter

# A search reads at most this much of what was typed, and looks for at most this many words.
MOST_CHARACTERS = 200
MOST_WORDS = 16
WORD = re.compile(r"\w+")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

SUGGESTIONS_FROM_LETTERS = 2
MOST_SUGGESTIONS = 8
MOST_VIDEO_SUGGESTIONS = 3
# More results than any search finds, and an offset every database can read (SQLite's and
# PostgreSQL's LIMIT and OFFSET are 64-bit integers): a page number beyond it is the last page.
MAX_RESULTS = 2**31

STORY, VIDEO = "story", "video"
KINDS = {STORY: _("Story"), VIDEO: _("Video")}


def tidy(text):
    """What the reader typed, on one line, without control characters, and short enough."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", text).split())[:MOST_CHARACTERS]


@dataclasses.dataclass(frozen=True)
class SearchCriteria:
    text: str = ""
    kind: str = ""
    topic: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    by_date: bool = False

    @cached_property
    def words(self):
        """The words looked for: letters and digits in any script; quotes, operators,
        punctuation and emoji are not searched for, so that no input can upset a backend's
        query syntax."""
        return WORD.findall(self.text)[:MOST_WORDS]

    @property
    def narrowed(self):
        return bool(self.kind or self.topic or self.date_from or self.date_to)

    @property
    def wanted(self):
        """Whether there is anything to look for: words, or filters to list what they keep."""
        return bool(self.words) or self.narrowed


@dataclasses.dataclass(frozen=True)
class Hit:
    """One result, as the results page shows it."""

    kind: str
    kind_label: str
    title: str
    url: str
    date: datetime.date | None
    snippet: str
    language: str
    promoted: bool = False


@dataclasses.dataclass(frozen=True)
class ResultsPage:
    """One page of results, as the results page shows it and as it is cached: the promoted
    results (first page only), then that page's results, and how many there are in all."""

    number: int
    num_pages: int
    total: int
    promoted: list
    hits: list

    def __iter__(self):
        return iter([*self.promoted, *self.hits])

    def __len__(self):
        return len(self.promoted) + len(self.hits)

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


def story_text(story):
    """The words of a story: its standfirst, then its body's text as stored (rich text
    without its tags, quotations, captions), without loading what its blocks point at."""
    texts = [story.standfirst]

    def collect(value):
        if isinstance(value, str):
            if not value.startswith(("http://", "https://")):
                texts.append(html.unescape(strip_tags(value)))
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for block in story.body.raw_data:
        collect(block["value"])
    return " ".join(texts)


def video_text(text):
    return " ".join(filter(None, [text.description, text.transcript]))


class SiteSearch:
    """A search by a reader of `language` (a code of settings.LANGUAGES)."""

    def __init__(self, language, criteria, request=None):
        self.language = language
        self.request = request
        self.criteria = criteria
        self.backend = search_backend(language)
        self.highlighter = Highlighter(criteria.words, language)

    # What may be found, before any word is looked for

    def stories(self):
        """The stories in the reader's language the public may see, that the filters keep.
        Which pages the public may see is read from what `newsroom.visibility` wrote down
        following `published()`: one narrow index, where the rule's joins for each of
        thousands of matches would cost more than the rest of the search."""
        criteria = self.criteria
        if criteria.kind not in ("", STORY):
            return NewsStoryPage.objects.none()
        public = PublicPage.objects.filter(locale__language_code=self.language)
        stories = NewsStoryPage.objects.filter(pk__in=public.values("page_id"))
        if criteria.topic:
            stories = stories.filter(topics__slug=criteria.topic)
        if criteria.date_from:
            stories = stories.filter(date__gte=criteria.date_from)
        if criteria.date_to:
            stories = stories.filter(date__lte=criteria.date_to)
        return stories

    def videos(self):
        """The public videos shown on a published page in the reader's language (the video
        library's videos) that the filters keep."""
        criteria = self.criteria
        if criteria.kind not in ("", VIDEO):
            return Video.objects.none()
        shown_in_this_language = {"shown_on__locale__language_code": self.language}
        if criteria.topic:
            shown_in_this_language["shown_on__newsstorypage__topics__slug"] = criteria.topic
        videos = Video.objects.public().filter(**shown_in_this_language)
        if criteria.date_from:
            videos = videos.filter(created_at__date__gte=criteria.date_from)
        if criteria.date_to:
            videos = videos.filter(created_at__date__lte=criteria.date_to)
        return videos

    def topics(self):
        """The topics of the published stories in the reader's language, for the filter.
        Cached until content changes: every search page shows them."""
        key = f"search:topics:{self.language}:{content_version()}"
        return fragment_cache().get_or_set(key, self._topics)

    def _topics(self):
        stories = NewsStoryPage.objects.published().filter(locale__language_code=self.language)
        return [
            (topic.slug, topic.name) for topic in Topic.objects.of(stories).named_in(self.language)
        ]

    # Suggestions

    def suggestions(self):
        """The stories, then the videos, whose titles begin with the words typed so far: the
        last word may be the beginning of one. Kept as pages of results are (`page`)."""
        if len("".join(self.criteria.words)) < SUGGESTIONS_FROM_LETTERS:
            return []
        words = " ".join(self.criteria.words).casefold()
        key = ":".join(
            [
                "search:suggestions",
                self.language,
                str(content_version()),
                hashlib.sha256(words.encode()).hexdigest(),
            ]
        )
        return fragment_cache().get_or_set(
            key, self._suggestions, timeout=settings.SEARCH_RESULTS_KEPT_SECONDS
        )

    def _suggestions(self):
        words = " ".join(self.criteria.words)
        stories = self.backend.autocomplete(
            words,
            NewsStoryPage.objects.filter(id__in=self.stories().values("id")).select_related(
                "locale"
            ),
            operator="and",
        )[:MOST_SUGGESTIONS]
        videos = give_texts(
            self.backend.autocomplete(
                words, Video.objects.filter(id__in=self.videos().values("id")), operator="and"
            )[:MOST_VIDEO_SUGGESTIONS]
        )
        found = [
            *(
                (STORY, story.title, story.get_url(self.request), self.language)
                for story in stories
            ),
            *(
                (VIDEO, text.title, self._video_url(video), text.language_code)
                for video, text in ((video, video.text_in(self.language)) for video in videos)
            ),
        ]
        return [
            {
                "kind": kind,
                "kind_label": str(KINDS[kind]),
                "title": title,
                "url": url,
                "language": language,
            }
            for kind, title, url, language in found[:MOST_SUGGESTIONS]
        ]

    # Promoted results

    @cached_property
    def _promotions(self):
        if not self.criteria.words:
            return []
        query_string = normalise_query_string(self.criteria.text)
        return list(
            SearchPromotion.objects.filter(query__query_string=query_string).select_related("page")
        )

    @cached_property
    def promoted(self):
        """The results editors promoted for these words, in their order: each promoted page
        in the reader's language, if published there, and external links. When filters
        narrow the search, only the promoted stories they keep."""
        promotions = self._promotions
        keys = self._promoted_translation_keys
        if self.criteria.narrowed:
            pages = self.stories().filter(translation_key__in=keys).select_related("locale")
        else:
            pages = (
                published(Page.objects.filter(locale__language_code=self.language))
                .filter(translation_key__in=keys)
                .select_related("locale")
                .specific()
            )
        in_this_language = {page.translation_key: page for page in pages}
        hits = []
        for promotion in promotions:
            if promotion.page:
                page = in_this_language.get(promotion.page.translation_key)
                if page:
                    hits.append(self._page_hit(page, promotion.description))
            elif not self.criteria.narrowed:
                hits.append(self._link_hit(promotion))
        return hits

    # Results

    def page(self, number, *, per_page):
        """Page `number` of the results (a page that does not exist reads as the nearest that
        does). Readers search for the same words again and again, and a search costs more
        than any other page of the site, so a page of results is kept for a minute
        (SEARCH_RESULTS_KEPT_SECONDS), and
        forgotten at once when content or promoted results change (the content version): what
        is unpublished, expires or is restricted leaves at once. With a broker, a story just
        published is indexed by a worker a moment later, so it may take up to that minute to
        appear in a search made in between."""
        criteria_and_page = repr((self.criteria, number)).encode()
        key = ":".join(
            [
                "search:page",
                self.language,
                str(content_version()),
                str(per_page),
                hashlib.sha256(criteria_and_page).hexdigest(),
            ]
        )
        return fragment_cache().get_or_set(
            key,
            lambda: self._page(number, per_page),
            timeout=settings.SEARCH_RESULTS_KEPT_SECONDS,
        )

    def _page(self, number, per_page):
        results = self.results()
        # The page asked for is read before the paginator counts: reading it tells the count
        # too (search.backend), so a page in range costs one read of each list.
        results.read_ahead(_slice_of_page(number, per_page))
        paginator = Paginator(results, per_page)
        page = paginator.get_page(number)
        promoted = self.promoted if page.number == 1 else []
        return ResultsPage(
            number=page.number,
            num_pages=paginator.num_pages,
            total=paginator.count + len(promoted),
            promoted=promoted,
            hits=list(page),
        )

    def results(self):
        """Every result but the promoted ones, best or newest first: a sequence that counts
        and slices, as Django's Paginator wants."""
        stories = self.stories()
        if self._promoted_translation_keys:
            stories = stories.exclude(translation_key__in=self._promoted_translation_keys)
        by_date = self.criteria.by_date or not self.criteria.words
        story_results = self._search(
            NewsStoryPage.objects.filter(pk__in=stories.values("pk")).select_related("locale"),
            date_order=("-date", "-id"),
            by_date=by_date,
        )
        video_results = self._search(
            Video.objects.filter(id__in=self.videos().values("id")),
            date_order=("-created_at", "-id"),
            by_date=by_date,
        )
        if by_date:
            return MergedResults(
                Ranked(story_results, self._story_hit, key=lambda story: story.date),
                Ranked(
                    video_results, self._video_hit, key=_local_date_of_creation, prepare=give_texts
                ),
            )
        relevance = _relevance_key(self.backend)
        return MergedResults(
            Ranked(story_results, self._story_hit, key=relevance),
            Ranked(video_results, self._video_hit, key=relevance, prepare=give_texts),
        )

    @cached_property
    def _promoted_translation_keys(self):
        return [promotion.page.translation_key for promotion in self._promotions if promotion.page]

    def _search(self, queryset, *, date_order, by_date):
        if not self.criteria.words:
            return self.backend.search(
                MATCH_ALL, queryset.order_by(*date_order), order_by_relevance=False
            )
        words = " ".join(self.criteria.words)
        if by_date:
            return self.backend.search(
                words, queryset.order_by(*date_order), operator="and", order_by_relevance=False
            )
        return self.backend.search(words, queryset, operator="and").annotate_score("_score")

    # Hits

    def _story_hit(self, story):
        return Hit(
            kind=STORY,
            kind_label=str(KINDS[STORY]),
            title=story.title,
            url=story.get_url(self.request),
            date=story.date,
            snippet=self.highlighter.snippet(story_text(story)),
            language=self.language,
        )

    def _video_hit(self, video):
        # In the reader's language once translated, else in the original's.
        text = video.text_in(self.language)
        return Hit(
            kind=VIDEO,
            kind_label=str(KINDS[VIDEO]),
            title=text.title,
            url=self._video_url(video),
            date=timezone.localdate(video.created_at),
            snippet=self.highlighter.snippet(video_text(text)),
            language=text.language_code,
        )

    def _page_hit(self, page, description):
        if isinstance(page, NewsStoryPage):
            hit = self._story_hit(page)
        else:
            text = description or page.search_description or getattr(page, "intro", "")
            hit = Hit(
                kind="page",
                kind_label=str(capfirst(page._meta.verbose_name)),
                title=page.title,
                url=page.get_url(self.request),
                date=page.last_published_at and timezone.localdate(page.last_published_at),
                snippet=self.highlighter.snippet(text),
                language=self.language,
            )
        if description:
            hit = dataclasses.replace(hit, snippet=self.highlighter.snippet(description))
        return dataclasses.replace(hit, promoted=True)

    def _link_hit(self, promotion):
        return Hit(
            kind="link",
            kind_label=str(_("Link")),
            title=promotion.external_link_text or promotion.external_link_url,
            url=promotion.external_link_url,
            date=None,
            snippet=self.highlighter.snippet(promotion.description),
            language=self.language,
            promoted=True,
        )

    def _video_url(self, video):
        return VideoLibraryPage.url_of_video(self._video_library_url, video.pk)

    @cached_property
    def _video_library_url(self):
        library = published(
            VideoLibraryPage.objects.filter(locale__language_code=self.language)
        ).first()
        return library.get_url(self.request) if library else ""


def _local_date_of_creation(video):
    return timezone.localdate(video.created_at)


def _relevance_key(backend):
    """How good a match is, higher for better. SQLite's FTS5 scores with bm25(), lower for a
    better match; the other backends score a better match higher."""
    if type(backend).__module__.endswith(".sqlite.sqlite"):
        return lambda item: -item._score
    return lambda item: item._score


@dataclasses.dataclass(frozen=True)
class Ranked:
    """Results in the order of `key`, highest first, and how each becomes a Hit; `prepare`
    fetches at once what the Hits of a slice's results need."""

    results: object
    to_hit: object
    key: object
    prepare: object = None


class MergedResults:
    """Several ranked lists read as one: a slice reads as many of each list as the slice could
    need, merges them by their keys and makes Hits of the slice only. The last slice read is
    kept, so that the paginator's slice after `read_ahead` reads nothing again."""

    def __init__(self, *sources):
        self.sources = sources
        self._read = None

    def count(self):
        return sum(source.results.count() for source in self.sources)

    def __len__(self):
        return self.count()

    def read_ahead(self, index):
        """Read `index` (a slice, or None for nothing) now, for a slice of it asked for next."""
        if index is not None:
            self[index]

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("MergedResults can only be sliced")
        start, stop = index.start or 0, index.stop
        if self._read is not None:
            read_start, read_stop, hits = self._read
            if start == read_start and None not in (stop, read_stop) and stop <= read_stop:
                return hits[: stop - start]
        ranked = [
            [
                (source.key(item), -number, item, source)
                for item in (source.results if stop is None else source.results[:stop])
            ]
            for number, source in enumerate(self.sources)
        ]
        # On equal keys, the earlier source first.
        merged = heapq.merge(*ranked, key=lambda entry: entry[:2], reverse=True)
        chosen = [(item, source) for _key, _number, item, source in islice(merged, start, stop)]
        for source in self.sources:
            if source.prepare is not None:
                source.prepare([item for item, chosen_from in chosen if chosen_from is source])
        hits = [source.to_hit(item) for item, source in chosen]
        self._read = (start, stop, hits)
        return hits


def _slice_of_page(number, per_page):
    """The slice Paginator.get_page(number) reads, where it is known before counting: a number
    that is not one means page 1; a number below 1, or beyond any list of results, means the
    last page, not known yet."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    if number < 1 or number > MAX_RESULTS // per_page:
        return None
    return slice((number - 1) * per_page, number * per_page)
