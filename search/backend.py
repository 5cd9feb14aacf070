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

On SQLite, the embedded mode, Wagtail's own SQLite FTS5 backend is used as it is: its
tokenizer folds accents and case ("suede" finds "Suède"), but nothing is stemmed there, so
"ratifications" does not find "ratification". On Elasticsearch or OpenSearch (SEARCH_BACKEND
in the environment) the language a search is made in is ignored: analysis is the index's.
"""

import copy
import operator
from collections import defaultdict
from functools import cached_property, reduce

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, F, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.backends import get_search_backend
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Locale, TranslatableMixin
from wagtail.search.models import IndexEntry

# How many of a search's matches are ranked by relevance (see MultilingualSearchQueryCompiler).
RANKED_AT_MOST = 1000


def SearchBackend(params):
    """The backend for the database in use, as Wagtail's `wagtail.search.backends.database`
    chooses it, with stemming per language on PostgreSQL. (modelsearch loads a backend
    module's `SearchBackend`.)"""
    if connection.vendor == "postgresql":
        return MultilingualPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)


def search_backend(language):
    """The default search backend, searching in `language`: the one entry point of searches
    made for readers of one language."""
    return get_search_backend("default", LANGUAGE=language)


class MultilingualSearchQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return backend.configs_for_query(self.queryset.model)

    def handles(self):
        return self.fields is None and isinstance(self.query, (PlainText, Phrase, And, Or))

    def matches(self, config):
        """Every object that matches, found in the index alone: as the objects whose title or
        body vector matches. Wagtail matches their concatenation, which no index can serve,
        so its query reads every vector of the index on every search."""
        search_query = self.build_tsquery(self.query, config=config)
        entries = IndexEntry._default_manager.filter(
            Q(title=search_query) | Q(body=search_query),
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
        )
        # The index keeps ids as text: cast them to the model's own id type.
        pk = self.queryset.model._meta.pk
        id_type = type(pk.target_field if pk.is_relation else pk)()
        return self.queryset.filter(
            pk__in=entries.values(object_pk=Cast("object_id", output_field=id_type))
        )

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
        meta = self.queryset.model._meta
        among_these = RawSQL(
            f'"{meta.db_table}"."{meta.pk.column}" = ANY(%s::bigint[])',
            (newest,),
            output_field=BooleanField(),
        )
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

    def build_tsquery(self, query, config=None):
        if not isinstance(config, tuple):
            return super().build_tsquery(query, config=config)
        build = super().build_tsquery
        in_each_language = [build(query, config=each) for each in config]
        return reduce(operator.or_, [each for each in in_each_language if each is not None])


class MultilingualSearchResults(PostgresSearchResults):
    def _do_count(self):
        compiler = self.query_compiler
        if not compiler.handles():
            return super()._do_count()
        return compiler.matches(compiler.get_config(self.backend)).count()


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
