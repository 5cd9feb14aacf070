"""The search backend: Wagtail's database backend, stemming each page in its own language.

How each language is stemmed
============================

Wagtail's PostgreSQL backend builds every tsvector and every tsquery with one text search
configuration, its SEARCH_CONFIG. A newsroom in English and French needs one per language:
English words stemmed as English, French words as French, and both matched without their
accents, since readers type "Suede" for "Suède" and "Erdogan" for "Erdoğan". So here:

- On PostgreSQL, the migration `0001_language_text_search_configurations` creates the
  `unaccent` extension and three text search configurations: `english_unaccent` and
  `french_unaccent` (PostgreSQL's own English and French Snowball stemmers, each behind the
  unaccent dictionary), and `simple_unaccent` (accents folded, nothing stemmed) for
  autocomplete, which matches the beginning of a word and so must not stem it.
- `SEARCH_CONFIGS` in `WAGTAILSEARCH_BACKENDS` names each language's configuration, and
  `AUTOCOMPLETE_CONFIG` the autocomplete one.
- Indexing: each object's vectors are built with the configuration of its language: a page's
  locale, or, for what has no locale (videos, images, people), the site's default language,
  in which editors write them (`MultilingualPostgresSearchBackend.config_for_object`).
- Searching: a search made in a language (`search_backend(language)`) builds its tsquery with
  that language's configuration for translatable models (the caller keeps to that language's
  locale, whose pages were indexed with the same configuration), and with the default
  language's for the rest. A search made in no language (the admin's, the choosers') asks
  every configuration at once, joined by OR, so that a page is found whatever its language.

On SQLite, the embedded mode, Wagtail's own SQLite FTS5 backend is used: its tokenizer folds
accents and case ("suede" finds "Suède"), but nothing is stemmed there, so "ratifications"
does not find "ratification".

What the header suggests is found
=================================

The header's suggestions are the titles that begin with the words typed, the last of them
perhaps only begun (Wagtail's autocomplete). A reader's search (`search_backend(language)`)
finds, beside what holds every word, whatever autocomplete finds for the same words, so that
pressing Enter never loses a suggestion: on PostgreSQL, an index entry matches by its title or
body vector, or by its autocomplete vector as autocomplete would match it
(`AsTypedSearchQueryCompiler`); on SQLite, the last word matches the beginning of a word of
the title or body (`sqlite_search.py`), which is how the autocomplete column, a part of the
same text in the same table, is matched. So "cable" finds "Undersea cables" on SQLite too,
and "secretary gen" finds what it suggests.

On Elasticsearch or OpenSearch (SEARCH_BACKEND in the environment) the language a search is
made in is ignored: analysis is the index's.
"""

import copy
import operator
from collections import defaultdict
from functools import cached_property, reduce

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import BooleanField, Count, F, Q, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.db.models.lookups import In
from django.db.models.sql import Query
from modelsearch.backends import get_search_backend
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import And, MatchAll, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Locale, TranslatableMixin
from wagtail.search.models import IndexEntry

# How many of a search's matches are ranked by relevance (see MultilingualSearchQueryCompiler).
RANKED_AT_MOST = 1000


def SearchBackend(params):
    """The backend for the database in use, as Wagtail's `wagtail.search.backends.database`
    chooses it, with stemming per language on PostgreSQL; a reader's search (made in a
    language) also finds what autocomplete finds. (modelsearch loads a backend module's
    `SearchBackend`.)"""
    if connection.vendor == "postgresql":
        return MultilingualPostgresSearchBackend(params)
    backend = DatabaseSearchBackend(params)
    if params.get("LANGUAGE") and connection.vendor == "sqlite":
        # Imported here: modelsearch's SQLite module needs the FTS table's model, which
        # exists only on SQLite.
        from .sqlite_search import AsTypedSQLiteSearchQueryCompiler

        backend.query_compiler_class = AsTypedSQLiteSearchQueryCompiler
    return backend


def search_backend(language):
    """The default search backend, searching in `language`: the one entry point of searches
    made for readers of one language."""
    return get_search_backend("default", LANGUAGE=language)


class MultilingualSearchQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return backend.configs_for_query(self.queryset.model)

    def handles(self):
        return self.fields is None and isinstance(self.query, (PlainText, Phrase, And, Or))

    def matching_entries(self, config):
        """The index entries of every object that matches, found in the index alone: as the
        entries whose title or body vector matches. Wagtail matches their concatenation, which
        no index can serve, so its query reads every vector of the index on every search."""
        return IndexEntry._default_manager.filter(
            self.entry_matches(config),
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
        ).annotate(object_pk=Cast("object_id", output_field=self._id_field()))

    def entry_matches(self, config):
        search_query = self.build_tsquery(self.query, config=config)
        return Q(title=search_query) | Q(body=search_query)

    def matches(self, config):
        """Every object of the queryset that matches."""
        return self.queryset.filter(pk__in=self.matching_entries(config).values("object_pk"))

    def _ids_kept(self):
        """The ids of the queryset's objects, as a subquery. A search within
        `Model.objects.filter(pk__in=<ids>)`, which is how a search is made within filters the
        index does not hold, is made within <ids> itself, and so on inwards: the matching
        index entries are of this model already, and reading the model's table again to find
        the same ids cost a quarter of the statement for a common word."""
        query = self.queryset.query
        while True:
            where = query.where
            if query.is_sliced or query.combinator or where.negated or len(where.children) != 1:
                break
            (lookup,) = where.children
            if not (
                isinstance(lookup, In)
                and isinstance(lookup.rhs, Query)
                and getattr(lookup.lhs, "target", None) == query.model._meta.pk
            ):
                break
            query = lookup.rhs
        if query is self.queryset.query:
            return self.queryset.values("pk")
        return query

    def _id_field(self):
        # The index keeps ids as text: they are cast to the model's own id type.
        pk = self.queryset.model._meta.pk
        return type(pk.target_field if pk.is_relation else pk)()

    def search(self, config, start, stop, score_field=None, backend=None):
        """Wagtail's search, made to cost what a page of results needs rather than what
        every match would. Ranking reads the whole vector of each object it ranks: a word in
        10,000 stories would cost 10,000 such reads on every page. So only the RANKED_AT_MOST
        newest matches (highest ids) are ranked; older matches follow them, newest first. A
        reader searching for a word found in thousands of stories gets the best of the
        recent ones first. Other queries (match-all, fuzzy, on named fields) go Wagtail's way.
        """
        if not self.handles():
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        matches = self.matches(config)
        if not self.order_by_relevance:
            ordered = matches if matches.query.order_by else matches.order_by("-pk")
            return ordered[start:stop]
        # Read first, then given back as one array, so that PostgreSQL ranks these and no
        # others: given them as a subquery, it ranks every match and keeps these afterwards.
        newest = list(matches.order_by("-pk").values_list("pk", flat=True)[:RANKED_AT_MOST])
        among_these = self._among(newest)
        rank = self._build_rank_expression(self.get_index_vectors(None), config)
        ranked = self.queryset.filter(among_these).annotate(**{score_field or "_rank": rank})
        ranked = ranked.order_by(F(score_field or "_rank").desc(), "-pk")
        if stop is not None and stop <= RANKED_AT_MOST:
            return ranked[start:stop]
        older = matches.exclude(among_these).order_by("-pk")
        if score_field is not None:
            older = older.annotate(**{score_field: Value(0.0)})
        tail_stop = None if stop is None else stop - RANKED_AT_MOST
        return [*ranked[start:], *older[max(start - RANKED_AT_MOST, 0) : tail_stop]]

    def _among(self, pks):
        meta = self.queryset.model._meta
        return RawSQL(
            f'"{meta.db_table}"."{meta.pk.column}" = ANY(%s::bigint[])',
            (pks,),
            output_field=BooleanField(),
        )

    def page_and_total(self, config, start, stop, score_field=None):
        """Objects `start` to `stop` of the results and how many there are in all, read
        together, in the order `search` gives; None where `search` alone answers (a page past
        the ranked matches, a query that is not plain words).

        `search` and a count read every match four times over: to count them, to find the
        newest, to rank those, to read the page. Here one statement finds the newest matches
        with the count of all beside them (a window over the same rows), ranks those from the
        index entries alone (which hold the vectors: joined to the objects, every object's
        row would be carried through the ranking) and returns the page's ids; then only the
        page's objects are read."""
        if stop is None or not (self.handles() or isinstance(self.query, MatchAll)):
            return None
        if not self.order_by_relevance or isinstance(self.query, MatchAll):
            return self._page_in_queryset_order(config, start, stop)
        if stop > RANKED_AT_MOST:
            return None
        newest = (
            self.matching_entries(config)
            .filter(object_pk__in=self._ids_kept())
            .annotate(total=Window(Count("pk")))
            .order_by("-object_pk")
            .values("id", "object_pk", "total")[:RANKED_AT_MOST]
        )
        try:
            newest_sql, newest_params = newest.query.get_compiler(newest.db).as_sql()
        except EmptyResultSet:
            return [], 0
        database = connections[newest.db]
        entries = IndexEntry._default_manager.using(newest.db).all()
        vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
        rank = self._build_rank_expression(vectors, config).resolve_expression(entries.query)
        compiler = entries.query.get_compiler(connection=database)
        rank_sql, rank_params = rank.as_sql(compiler, database)
        table = database.ops.quote_name(IndexEntry._meta.db_table)
        with database.cursor() as cursor:
            cursor.execute(
                f"WITH newest AS ({newest_sql}) "
                f"SELECT newest.object_pk, newest.total, {rank_sql} AS score "
                f"FROM newest JOIN {table} ON {table}.id = newest.id "
                "ORDER BY score DESC, newest.object_pk DESC LIMIT %s OFFSET %s",
                (*newest_params, *rank_params, stop - start, start),
            )
            ranked = cursor.fetchall()
        if not ranked:
            return [], (0 if start == 0 else None)
        pks = [pk for pk, _total, _score in ranked]
        scores = None
        if score_field is not None:
            scores = (score_field, [score for _pk, _total, score in ranked])
        return self._objects_in_order(pks, scores), ranked[0][1]

    def _page_in_queryset_order(self, config, start, stop):
        """A page in the queryset's order, with the count of all: the page's ids first, each
        row carrying the count (a window), then its objects. Sorting the objects themselves
        would carry every match's whole row (a story's body) through the sort."""
        found = self.queryset if isinstance(self.query, MatchAll) else self.matches(config)
        if found.query.distinct:
            return None
        if not found.query.order_by:
            found = found.order_by("-pk")
        counted = found.annotate(_total=Window(Count("pk")))
        ids = list(counted.values_list("pk", "_total")[start:stop])
        if not ids:
            return [], (0 if start == 0 else None)
        return self._objects_in_order([pk for pk, _total in ids]), ids[0][1]

    def _objects_in_order(self, pks, scores=None):
        """The queryset's objects with these ids, in this order, each with its score if given.
        An id the queryset no longer keeps (unpublished since) is left out."""
        objects = self.queryset.in_bulk(pks)
        page = []
        for number, pk in enumerate(pks):
            obj = objects.get(pk)
            if obj is None:
                continue
            if scores is not None:
                setattr(obj, scores[0], scores[1][number])
            page.append(obj)
        return page

    def build_tsquery(self, query, config=None):
        if not isinstance(config, tuple):
            return super().build_tsquery(query, config=config)
        build = super().build_tsquery
        in_each_language = [build(query, config=each) for each in config]
        return reduce(operator.or_, [each for each in in_each_language if each is not None])


class AsTypedSearchQueryCompiler(MultilingualSearchQueryCompiler):
    """A reader's search on PostgreSQL: an entry matches as a search matches it, or as
    autocomplete matches it, so that what the header suggests for these words is found."""

    def get_config(self, backend):
        self.autocomplete_config = backend.autocomplete_config
        return super().get_config(backend)

    def entry_matches(self, config):
        as_typed = PostgresAutocompleteQueryCompiler(
            self.queryset, self.query, order_by_relevance=False
        ).build_tsquery(self.query, config=self.autocomplete_config)
        return super().entry_matches(config) | Q(autocomplete=as_typed)


class _Total:
    """How many results a search has in all, shared by the search and its slices: reading a
    slice tells it."""

    count = None


class MultilingualSearchResults(PostgresSearchResults):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._total = _Total()

    def _clone(self):
        new = super()._clone()
        new._total = self._total
        return new

    def _do_search(self):
        compiler = self.query_compiler
        if not isinstance(compiler, MultilingualSearchQueryCompiler):
            return super()._do_search()
        found = compiler.page_and_total(
            compiler.get_config(self.backend), self.start, self.stop, self._score_field
        )
        if found is None:
            return super()._do_search()
        page, total = found
        if total is not None:
            self._total.count = total
        return page

    def count(self):
        if self.start == 0 and self.stop is None and self._total.count is not None:
            return self._total.count
        return super().count()

    def _do_count(self):
        compiler = self.query_compiler
        if not isinstance(compiler, MultilingualSearchQueryCompiler) or not compiler.handles():
            return super()._do_count()
        count = compiler.matches(compiler.get_config(self.backend)).count()
        if self.start == 0 and self.stop is None:
            self._total.count = count
        return count


class MultilingualIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Each object's vectors are built with its language's configuration: Wagtail's
        indexer reads the configuration from the backend, so each language's objects are
        added through a copy of the backend set to that language."""
        by_config = defaultdict(list)
        for obj in objs:
            by_config[self.backend.config_for_object(obj)].append(obj)
        for config, objects_in_config in by_config.items():
            PostgresIndex(self.backend.indexing_in(config)).add_items(model, objects_in_config)


class MultilingualPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = MultilingualSearchQueryCompiler
    results_class = MultilingualSearchResults
    index_class = MultilingualIndex

    def __init__(self, params):
        super().__init__(params)
        self.configs = dict(params["SEARCH_CONFIGS"])
        self.default_config = self.configs[settings.LANGUAGE_CODE]
        self.config = self.default_config
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", "simple")
        self.language = params.get("LANGUAGE")
        if self.language:
            self.query_compiler_class = AsTypedSearchQueryCompiler

    @cached_property
    def _languages_of_locales(self):
        return dict(Locale.objects.values_list("pk", "language_code"))

    def config_for_language(self, language_code):
        return self.configs.get(language_code, self.default_config)

    def config_for_object(self, obj):
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return self.default_config
        return self.config_for_language(self._languages_of_locales.get(locale_id))

    def configs_for_query(self, model):
        """One configuration, or a tuple of them for a search in every language."""
        if not issubclass(model, TranslatableMixin):
            return self.default_config
        if self.language:
            return self.config_for_language(self.language)
        return tuple(dict.fromkeys(self.configs.values()))

    def indexing_in(self, config):
        backend = copy.copy(self)
        backend.config = config
        return backend
