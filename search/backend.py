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
from modelsearch.backends import get_search_backend
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.models import Locale, TranslatableMixin


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

    def build_tsquery(self, query, config=None):
        if not isinstance(config, tuple):
            return super().build_tsquery(query, config=config)
        build = super().build_tsquery
        in_each_language = [build(query, config=each) for each in config]
        return reduce(operator.or_, [each for each in in_each_language if each is not None])


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
