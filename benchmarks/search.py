"""Search on PostgreSQL with 10,000 stories in each of English and French: the time to index all
20,000, and the latency of the search page and of the header's suggestions.

PostgreSQL only, since that is the production search; SQLite's would say nothing about it. The
benchmark makes a throw-away database on the PostgreSQL server named by BENCH_POSTGRES_URL
(for example postgres://postgres@127.0.0.1:5432/postgres), or else on the server of
DATABASE_URL if that is PostgreSQL, runs in a child process of its own on that database, and
drops it afterwards. Its name begins with BENCH_DATABASE_PREFIX (newsroom_bench by default),
for servers shared with other databases. With neither, it says it was skipped and `make bench`
goes on.

The stories are written in bulk, as an import would, rather than published one by one (a
publish costs tens of milliseconds: 20,000 would take longer than all the other benchmarks);
then Wagtail's `update_index` indexes them all, and that is what is timed. Their words are
drawn from a vocabulary of each language with a long tail, as news text has: a few words in
almost every story, most words in few. The page is measured in-process through Django's test
client, as the story page is (benchmarks/story_page.py), over a mix of searches: frequent and
rare words, several words, plurals, words typed without their accents, filters, sorting by
date, a second page. Searches are counted in Wagtail's statistics in-process here (no broker),
so each search page also pays for its two or three writes, which a Celery worker takes off
the request in production.
"""

import contextlib
import datetime
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from urllib.parse import urlencode, urlsplit, urlunsplit

from benchmarks.report import report, report_against_target

STORIES_PER_LANGUAGE = 10_000
ROUNDS = 10
P95_TARGET_MS = 50
HERE = "--on-this-database"
SEED = 20_231_024

ENGLISH = """
government minister president security defence alliance agreement summit leaders meeting
talks parliament election elections vote treaty sanctions economy trade energy border
troops military forces support cooperation partners countries nations member members
ratification accession membership declaration statement press conference visit capital
minister ministers foreign affairs crisis conflict peace ceasefire negotiations negotiators
humanitarian aid refugees civilians infrastructure cyber attack attacks terrorism threat
threats exercise exercises navy army air maritime sea baltic arctic north south east west
budget spending investment industry production innovation technology climate emergency
response resilience deterrence nuclear missile missiles drones satellites communication
report reports investigation court justice law laws reform reforms protest protests
"""

FRENCH = """
gouvernement ministre président sécurité défense alliance accord sommet dirigeants réunion
pourparlers parlement élection élections vote traité sanctions économie commerce énergie
frontière troupes forces armées soutien coopération partenaires pays nations membre membres
ratification adhésion déclaration communiqué conférence presse visite capitale ministres
affaires étrangères crise conflit paix cessez-le-feu négociations négociateurs humanitaire
aide réfugiés civils infrastructures cyberattaque attaques terrorisme menace menaces exercice
exercices marine armée aérienne maritime mer baltique arctique nord sud est ouest budget
dépenses investissement industrie production innovation technologie climat urgence réponse
résilience dissuasion nucléaire missile missiles drones satellites communication rapport
rapports enquête tribunal justice loi lois réforme réformes manifestation manifestations
"""

SYLLABLES = "ka lo mir sen dar vel tos ri an bo cha lu ne vik sto hol gra per tin zu mé ré ö"
LONG_TAIL_WORDS = 2_000
TOPICS = [
    "Sweden",
    "Enlargement",
    "Counter-terrorism",
    "Critical infrastructure",
    "Defence",
    "Energy",
    "Cyber",
    "Arctic",
    "Ukraine",
    "Budget",
]

# The mix of searches measured, per language: (words, other parameters).
SEARCHES = {
    "en": [
        ("government", {}),
        ("security alliance", {}),
        ("ratifications", {}),
        ("baltic sea infrastructure", {}),
        ("negotiations ceasefire", {"sort": "date"}),
        ("missiles", {"kind": "story"}),
        ("drones", {"topic": "arctic"}),
        ("summit", {"page": "2"}),
        ("{rare}", {}),
        ("{rare} {common}", {}),
    ],
    "fr": [
        ("gouvernement", {}),
        ("sécurité alliance", {}),
        ("ratifications", {}),
        ("securite defense", {}),
        ("negociations cessez-le-feu", {"sort": "date"}),
        ("missiles", {"kind": "story"}),
        ("drones", {"topic": "arctic"}),
        ("sommet", {"page": "2"}),
        ("{rare}", {}),
        ("{rare} {common}", {}),
    ],
}
SUGGESTION_PREFIXES = {
    "en": ["gov", "secu", "baltic inf", "rat"],
    "fr": ["gouv", "secu", "néo", "rat"],
}


# Where it runs


def postgres_server_url():
    """The PostgreSQL server to make the throw-away database on, or None."""
    url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("DATABASE_URL", "")
    return url if urlsplit(url).scheme in ("postgres", "postgresql", "pgsql") else None


@contextlib.contextmanager
def throwaway_database(server_url):
    import psycopg

    name = f"{os.environ.get('BENCH_DATABASE_PREFIX', 'newsroom_bench')}_search_{os.getpid()}"
    parts = urlsplit(server_url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield urlunsplit(parts._replace(path=f"/{name}"))
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main():
    server_url = postgres_server_url()
    if server_url is None:
        report(
            "search",
            "skipped: needs PostgreSQL, set BENCH_POSTGRES_URL=postgres://user@host:5432/postgres",
        )
        return
    with throwaway_database(server_url) as database_url:
        environment = {**os.environ, "DATABASE_URL": database_url}
        # Searches are counted in-process, as in the embedded mode: no broker for this run.
        environment.pop("CELERY_BROKER_URL", None)
        environment.pop("VAR_DIR", None)
        subprocess.run(
            [sys.executable, "-m", "benchmarks.search", HERE], env=environment, check=True
        )


def run_here():
    from benchmarks.environment import setup_django

    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise RuntimeError("the search benchmark measures PostgreSQL's search")
    from home.demo.loader import load_demo_content

    load_demo_content(log=lambda *args: None)
    vocabularies = add_stories(STORIES_PER_LANGUAGE)
    seconds, indexed = index_everything()
    settle()
    searches = searches_to_measure(vocabularies)
    with results_made_anew():
        uncached = latencies_ms(searches, rounds=ROUNDS)
        queries = queries_per_search_page()
    cached = latencies_ms(searches, rounds=ROUNDS)
    suggestions = latencies_ms(suggestions_to_measure(), rounds=ROUNDS)
    report("search_stories", 2 * STORIES_PER_LANGUAGE)
    report("search_index_seconds", seconds)
    report("search_index_objects", indexed)
    report("search_page_requests", len(uncached))
    report("search_page_uncached_median_ms", statistics.median(uncached))
    report_against_target(
        "search_page_uncached_p95_ms", percentile_95(uncached), at_most=P95_TARGET_MS
    )
    report("search_page_uncached_queries", queries)
    report("search_page_median_ms", statistics.median(cached))
    report_against_target("search_page_p95_ms", percentile_95(cached), at_most=P95_TARGET_MS)
    report("search_suggestions_median_ms", statistics.median(suggestions))
    report("search_suggestions_p95_ms", percentile_95(suggestions))


# The stories


def vocabulary(words, rng):
    """The language's words, then a long tail of made-up ones (names of people and places,
    say), ranked for a Zipf draw."""
    tail = set()
    while len(tail) < LONG_TAIL_WORDS:
        syllables = rng.choices(SYLLABLES.split(), k=rng.randint(2, 4))
        tail.add("".join(syllables))
    return [*words, *sorted(tail)]


class Writer:
    def __init__(self, words, rng):
        self.words = words
        self.rng = rng
        self.weights = [1 / rank for rank in range(1, len(words) + 1)]

    def sentence(self, count):
        words = self.rng.choices(self.words, weights=self.weights, k=count)
        return " ".join(words).capitalize() + "."

    def story(self):
        return {
            "title": self.sentence(self.rng.randint(6, 10))[:-1],
            "standfirst": self.sentence(self.rng.randint(20, 30)),
            "body": [
                {"type": "paragraph", "value": f"<p>{self.sentence(self.rng.randint(40, 60))}</p>"}
                for _ in range(4)
            ],
        }


def add_stories(count_per_language, *, seed=SEED):
    """`count_per_language` published stories under the English news index and as many French
    translations under the French one (same translation keys), with two topics each, written
    in bulk. Returns each language's vocabulary, most frequent word first."""
    from django.utils import timezone
    from wagtail.models import Locale

    from newsroom.models import NewsIndexPage
    from newsroom.topics import Topic

    rng = random.Random(seed)
    vocabulary_topics = [
        Topic.objects.get_or_create(name=name, slug=name.lower(), locale=Locale.get_default())[0]
        for name in TOPICS
    ]
    keys = [uuid.uuid4() for _ in range(count_per_language)]
    first_day = timezone.localdate() - datetime.timedelta(days=count_per_language // 5)
    dates = [
        first_day + datetime.timedelta(days=number // 5) for number in range(count_per_language)
    ]
    topics = [rng.sample(vocabulary_topics, 2) for _ in range(count_per_language)]
    vocabularies = {}
    for language, words in (("en", ENGLISH), ("fr", FRENCH)):
        vocabularies[language] = vocabulary(words.split(), rng)
        writer = Writer(vocabularies[language], rng)
        index = NewsIndexPage.objects.get(locale__language_code=language)
        _bulk_children(
            index,
            Locale.objects.get(language_code=language),
            [
                {**writer.story(), "translation_key": key, "date": day, "topics": chosen}
                for key, day, chosen in zip(keys, dates, topics, strict=True)
            ],
        )
    # Written behind Django's back, as an import would: what the public may see is then
    # written down anew (newsroom.visibility).
    from newsroom.visibility import record_all

    record_all()
    return vocabularies


def _bulk_children(parent, locale, contents):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from django.utils.text import slugify
    from wagtail.models import Page

    from newsroom.models import NewsStoryPage

    now = timezone.now()
    content_type = ContentType.objects.get_for_model(NewsStoryPage)
    pages = []
    for number, content in enumerate(contents, start=parent.numchild + 1):
        slug = f"{slugify(content['title'])[:60]}-{number}"
        pages.append(
            Page(
                title=content["title"],
                draft_title=content["title"],
                slug=slug,
                content_type=content_type,
                locale=locale,
                translation_key=content["translation_key"],
                path=Page._get_path(parent.path, parent.depth + 1, number),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )
    Page.objects.bulk_create(pages, batch_size=1000)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    # Django bulk-creates no model with a parent table; the page rows are in, so the stories'
    # own rows go in with the insert bulk_create makes.
    stories = [
        NewsStoryPage(
            page_ptr_id=page.pk,
            standfirst=content["standfirst"],
            date=content["date"],
            place="",
            body=content["body"],
        )
        for page, content in zip(pages, contents, strict=True)
    ]
    fields = NewsStoryPage._meta.local_concrete_fields
    for start in range(0, len(stories), 1000):
        NewsStoryPage.objects._insert(stories[start : start + 1000], fields=fields)
    story_topic = NewsStoryPage.topics.through
    story_topic.objects.bulk_create(
        [
            story_topic(newsstorypage_id=page.pk, topic=topic)
            for page, content in zip(pages, contents, strict=True)
            for topic in content["topics"]
        ],
        batch_size=2000,
    )


def index_everything():
    """Wagtail's `update_index`, as an operator runs it: seconds, and objects indexed."""
    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    return time.perf_counter() - started, IndexEntry.objects.count()


# The measures


def settle():
    """What autovacuum does to a table after a bulk write, done now rather than at some moment
    of the measure: statistics for the planner, and the GIN indexes' pending entries merged."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


@contextlib.contextmanager
def results_made_anew():
    """Every search page computes its results, as for words nobody searched for in the last
    minute: pages of results are otherwise kept (search.searching.SiteSearch.page)."""
    from unittest import mock

    from search.searching import SiteSearch

    def uncached(search, number, *, per_page):
        return search._page(number, per_page)

    with mock.patch.object(SiteSearch, "page", uncached):
        yield


def searches_to_measure(vocabularies):
    paths = []
    for language, searches in SEARCHES.items():
        words = vocabularies[language]
        fill = {"rare": words[len(words) - 300], "common": words[3]}
        for text, params in searches:
            query = urlencode({"q": text.format(**fill), **params})
            paths.append(f"/{language}/search/?{query}")
    return paths


def suggestions_to_measure():
    return [
        f"/{language}/search/suggestions/?{urlencode({'q': prefix})}"
        for language, prefixes in SUGGESTION_PREFIXES.items()
        for prefix in prefixes
    ]


def latencies_ms(paths, *, rounds):
    """The wall time of each GET, `rounds` times over `paths`, after one warm-up GET of each."""
    from django.test import Client

    client = Client()
    for path in paths:
        _get(client, path)
    timings = []
    for _ in range(rounds):
        for path in paths:
            started = time.perf_counter()
            _get(client, path)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def queries_per_search_page(path="/en/search/?q=security+alliance"):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    _get(client, path)
    with CaptureQueriesContext(connection) as captured:
        _get(client, path)
    return len(captured.captured_queries)


def _get(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    return response


def percentile_95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


if __name__ == "__main__":
    run_here() if HERE in sys.argv else main()
