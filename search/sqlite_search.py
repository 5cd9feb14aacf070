"""A reader's search on SQLite (see search.backend): a module of its own, since modelsearch's
SQLite backend can be imported only where SQLite's full-text table exists."""

from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler


class AsTypedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    """The last word may be the beginning of one, as in autocomplete, in the title or the
    body, whose text holds the autocomplete column's: what is suggested is found."""

    LAST_TERM_IS_PREFIX = True
