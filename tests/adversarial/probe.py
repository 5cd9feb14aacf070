"""Sending one bad input and holding the site to its promises about it: never an answer of 500
or more, never a stack trace, and nothing stored by a request it refused. Every distinct
input sent is counted; tests/adversarial/conftest.py prints the count at the end of the run."""

import hashlib
import traceback
from dataclasses import dataclass

from django.apps import apps
from django.db import connection

MINIMUM_DISTINCT_INPUTS = 5_000

# What an error page of Django's or a stack trace would show.
LEAKS = (b"Traceback (most recent call last)", b'File "/', b"technical_500", b"Exception Value:")

# What a request may write: accounts, addresses, sessions, codes, subscriptions, downloads,
# emails, search statistics; each row of these is compared. The content's tables are large
# and no public request writes them: their row counts and largest keys are compared.
ROWS_WATCHED = {
    "users",
    "account",
    "sessions",
    "otp_totp",
    "otp_static",
    "newsletters",
    "videos",
    "mailer",
    "site_search",
    "wagtailsearchpromotions",
}
COUNTS_WATCHED = {
    "home",
    "newsroom",
    "wagtailcore",
    "wagtail_localize",
    "wagtaildocs",
    "wagtailimages",
    "wagtailforms",
    "wagtailredirects",
}


@dataclass
class Ledger:
    inputs: set
    server_errors: int = 0

    def record(self, key):
        self.inputs.add(key)


LEDGER = Ledger(inputs=set())


def watched_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in ROWS_WATCHED | COUNTS_WATCHED and not model._meta.proxy
    ]


def database_fingerprint(models):
    """What a refused request must leave as it was: the rows of the tables a request may
    write, and the count and largest key of the others; in SQL, a query per table of rows and
    one for all the counts, so that thousands of requests stay quick."""
    quote = connection.ops.quote_name
    fingerprint, counted = {}, []
    with connection.cursor() as cursor:
        for model in models:
            table, key = model._meta.db_table, quote(model._meta.pk.column)
            if model._meta.app_label in ROWS_WATCHED:
                cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {key}")
                fingerprint[table] = hash(repr(cursor.fetchall()))
            else:
                counted.append(table)
        cursor.execute(
            " UNION ALL ".join(
                f"SELECT COUNT(*), MAX(CAST({quote(model._meta.pk.column)} AS TEXT)) "
                f"FROM {quote(model._meta.db_table)}"
                for model in models
                if model._meta.db_table in counted
            )
        )
        fingerprint.update(zip(counted, cursor.fetchall(), strict=True))
    return fingerprint


@dataclass(frozen=True)
class Attack:
    who: str
    method: str
    path: str
    query: str = ""
    body: bytes = b""
    content_type: str = "application/x-www-form-urlencoded"
    headers: tuple = ()

    @property
    def key(self):
        return hashlib.blake2b(repr(self).encode(), digest_size=16).digest()

    def __str__(self):
        target = self.path + (f"?{self.query}" if self.query else "")
        shown_body = self.body[:300]
        return (
            f"{self.who} {self.method} {target[:500]} body={shown_body!r} "
            f"content_type={self.content_type!r} headers={dict(self.headers)!r}"
        )


def send(client, attack, *, models):
    """Send `attack` and check every promise about its answer; returns the response."""
    LEDGER.record(attack.key)
    before = database_fingerprint(models)
    target = attack.path + (f"?{attack.query}" if attack.query else "")
    response = client.generic(
        attack.method,
        target,
        data=attack.body,
        content_type=attack.content_type,
        headers=dict(attack.headers),
    )
    if response.status_code >= 500:
        LEDGER.server_errors += 1
        raise AssertionError(f"{response.status_code} for {attack}\n{_exception_of(response)}")
    body = _body_of(response)
    leaks = [leak for leak in LEAKS if leak in body]
    assert not leaks, f"{leaks} in the answer to {attack}"
    if 400 <= response.status_code < 500:
        after = database_fingerprint(models)
        changed = sorted(table for table in before if before[table] != after[table])
        assert not changed, f"{attack} was refused ({response.status_code}) yet changed {changed}"
    return response


def _body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)[:200_000]
    return response.content


def _exception_of(response):
    exc_info = getattr(response, "exc_info", None)
    if not exc_info:
        return ""
    return "".join(traceback.format_exception(*exc_info))
