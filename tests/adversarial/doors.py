"""Every door of the site, found rather than listed: the routes of the URLconf, the live pages
of the page tree with their routable subpages, the forms those pages show, and the
configured provider's webhook. A view added tomorrow is fuzzed without anyone adding it here.

Each door comes with hypothesis strategies for what an attacker sends through it."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, quote_plus, urljoin, urlsplit

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

LANGUAGES = [code for code, _name in settings.LANGUAGES]
WEBHOOK_PREFIX = "anymail/"
ADMIN_PREFIX = "admin/"
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")

# Values that have broken web applications before: sizes, numbers past every integer type,
# dates that are not, encodings that are not, and the usual injections.
NASTY_TEXT = [
    "",
    " ",
    "0",
    "-1",
    "1e9",
    "NaN",
    "Infinity",
    "922337203685477581",
    "9223372036854775808",
    "18446744073709551616",
    "9" * 40,
    "-" + "9" * 40,
    "0x7fffffff",
    "2023-13-45",
    "0000-00-00",
    "99999-01-01",
    "2024-02-30T25:61:61",
    "yesterday",
    "a" * 256,
    "a" * 10_000,
    "é" * 300,
    "\x00",
    "nul\x00byte",
    "\r\nSet-Cookie: evil=1",
    "../../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"; DROP TABLE wagtailcore_page; --',
    "%",
    "%%",
    "%s%s%s%n",
    "{{ 7*7 }}",
    "${7*7}",
    "\ufeff\u202e\u200b",
    "🇸🇪😀",
    "\U0010ffff",
    '=HYPERLINK("https://attacker.example")',
    "someone@example.org",
    "@",
    "a@b",
    "[]",
    "{}",
    "null",
    "true",
    "https://attacker.example/",
    "//attacker.example/",
    "javascript:alert(1)",
]
# Bytes that are not UTF-8, for query strings, bodies and paths.
INVALID_UTF8 = [
    b"\xff",
    b"\xfe\xff",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\xf8\x88\x80\x80\x80",
    b"a\x80b",
]

METHODS = ["GET", "POST", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO"]

# Content-Length is not among these: the web server in front (gunicorn, nginx) answers 400
# to one that is not the body's, before Django reads it.
ODD_HEADERS = {
    "Accept-Language": [
        "",
        "*",
        "xx-YY",
        "fr;q=abc",
        "fr;q=2, en;q=-1",
        "en-" + "a" * 500,
        ",,,;;;",
        "zh-Hant-TW-x-private-extension",
        "\x00",
        "fr" * 2000,
    ],
    "Range": [
        "bytes=",
        "bytes=abc",
        "bytes=5-1",
        "bytes=-0",
        "bytes=0-",
        "bytes=99999999999999999999999-",
        "bytes=-99999999999999999999999",
        ",".join(["bytes=0-0"] * 500),
        "bytes=" + ",".join(["0-1"] * 500),
        "items=0-1",
        "bytes=1-2-3",
    ],
    "Cookie": [
        "sessionid=garbage",
        "sessionid=" + "a" * 5000,
        "csrftoken=\x00",
        "csrftoken=short",
        "django_language=xx",
        "django_language=../../",
        "messages=garbage",
        "messages=W1siX19qc29uX21lc3NhZ2UiXV0:bad:signature",
        "a=b=c;;;=;",
        "é=è",
        "sessionid=1; sessionid=2",
    ],
    "If-Modified-Since": ["yesterday", "Mon, 32 Foo 99999 25:61:61 GMT", "0", "9" * 40],
    "If-None-Match": ['"', "*", "W/" * 500],
    "X-Forwarded-For": ["not-an-ip", "1.1.1.1, ::1, zzz", "1.1.1.1," * 500, "\x00"],
    "X-Forwarded-Proto": ["gopher", ""],
    "X-Request-ID": ["", "a" * 1000, "../", "\x00\x01", "x;rm -rf"],
    "Host": ["attacker.example", "[::1", "a" * 300, "127.0.0.1:99999", ""],
    "Authorization": ["Basic !!!", "Basic " + "A" * 3, "Bearer ", "Basic \xff", "Digest x"],
    "Content-Type": [
        "multipart/form-data",
        "multipart/form-data; boundary=nothing-like-the-body",
        "application/x-www-form-urlencoded; charset=utf-16",
        "application/json",
        "text/plain",
        "",
    ],
    "Referer": ["https://attacker.example/", "\x00", "a" * 3000],
    "Origin": ["null", "https://attacker.example"],
    "User-Agent": ["", "a" * 10_000],
    "Accept": ["*/*;q=abc", "text/html;level=9999999999999999999", "application/json"],
}

# Query parameters the site's views read somewhere, beside those of every form found.
KNOWN_PARAMETERS = [
    "q",
    "page",
    "p",
    "next",
    "kind",
    "topic",
    "sort",
    "date_from",
    "date_to",
    "export",
    "ordering",
    "token",
    "code",
    "email",
    "lang",
    "language",
    "format",
    "video",
    "id",
]


def nasty_text():
    return st.one_of(
        st.sampled_from(NASTY_TEXT),
        st.text(max_size=40),
        st.integers().map(str),
        st.sampled_from(INVALID_UTF8),
    )


def percent_encoded(value, safe=""):
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogatepass")
    return quote(value, safe=safe)


def query_string(pairs):
    return "&".join(
        f"{quote_plus(_bytes(key))}={quote_plus(_bytes(value))}" for key, value in pairs
    )


def form_body(pairs):
    return query_string(pairs).encode("ascii")


def _bytes(value):
    return value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")


# --- routes of the URLconf -----------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern of the URLconf, from the root: the patterns that lead to it."""

    patterns: tuple
    name: str

    @property
    def text(self):
        return "".join(
            "<lang>/" if isinstance(pattern, LocalePrefixPattern) else str(pattern)
            for pattern in self.patterns
        )


def routes(urlconf=None):
    def walk(patterns, leading):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, (*leading, pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield Route((*leading, pattern.pattern), pattern.name or "")

    return list(walk(get_resolver(urlconf).url_patterns, ()))


def public_routes():
    return [r for r in routes() if not r.text.startswith((ADMIN_PREFIX, WEBHOOK_PREFIX))]


def admin_routes():
    return [r for r in routes() if r.text.startswith(ADMIN_PREFIX)]


def webhook_routes():
    return [r for r in routes() if r.text.startswith(WEBHOOK_PREFIX)]


def paths_without_parameters():
    """The public routes that take no parameter, in every language they have."""
    paths = []
    for route in public_routes():
        if any(not isinstance(p, LocalePrefixPattern | RoutePattern) for p in route.patterns):
            continue
        if any(getattr(p, "converters", None) for p in route.patterns):
            continue
        localised = any(isinstance(p, LocalePrefixPattern) for p in route.patterns)
        text = route.text.removeprefix("<lang>/")
        paths.extend(
            [f"/{language}/{text}" for language in LANGUAGES] if localised else [f"/{text}"]
        )
    return paths


def converter_values(converter):
    """Values a converter's pattern lets through, the odd ones first."""
    fits = re.compile(converter.regex)
    odd = [value for value in NASTY_TEXT if value and fits.fullmatch(value)]
    return st.one_of(
        st.sampled_from(odd) if odd else st.nothing(),
        st.from_regex(fits, fullmatch=True).filter(lambda value: len(value) < 400),
        st.integers(min_value=0, max_value=5).map(str).filter(fits.fullmatch),
    )


def pattern_text(pattern, language):
    if isinstance(pattern, LocalePrefixPattern):
        return st.just(f"{language}/")
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        pieces = []
        position = 0
        for match in ROUTE_PARAMETER.finditer(route):
            pieces.append(st.just(percent_encoded(route[position : match.start()], safe="/")))
            converter = pattern.converters[match["parameter"]]
            pieces.append(converter_values(converter).map(percent_encoded))
            position = match.end()
        pieces.append(st.just(percent_encoded(route[position:], safe="/")))
        return st.tuples(*pieces).map("".join)
    if isinstance(pattern, RegexPattern):
        return (
            st.from_regex(pattern.regex, fullmatch=True)
            .filter(lambda value: len(value) < 400)
            .map(lambda value: percent_encoded(value, safe="/"))
        )
    raise TypeError(f"A URL pattern of an unknown kind: {pattern!r}")


def paths_of(route):
    """Paths that reach `route`, in each language, with odd values in its parameters."""
    return st.sampled_from(LANGUAGES).flatmap(
        lambda language: st.tuples(*(pattern_text(p, language) for p in route.patterns)).map(
            lambda texts: "/" + "".join(texts)
        )
    )


# --- the page tree -------------------------------------------------------------------------


def live_page_paths():
    """Every live page's path, in every language, and its routable subpages' routes."""
    paths, subroutes = [], []
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        url = page.get_url()
        if not url:
            continue
        path = urlsplit(url).path
        paths.append(path)
        if isinstance(page, RoutablePageMixin):
            subroutes.extend((path, pattern) for pattern in page.get_resolver().url_patterns)
    return paths, subroutes


def subpage_paths(page_path, pattern):
    return pattern_text(pattern.pattern, LANGUAGES[0]).map(lambda text: page_path + text)


def mutated(path):
    """A path as an attacker might change it: longer, broken, not UTF-8, with a NUL."""
    return st.one_of(
        st.just(path),
        st.sampled_from(
            [
                path + "a" * 300,
                path + "%00",
                path + "%ff%fe/",
                path + "..%2f..%2f",
                path + "/" * 5,
                path + "index.php",
                path.rstrip("/"),
                path + "%c0%ae%c0%ae/",
                path + percent_encoded("é" * 200),
            ]
        ),
    )


# --- forms ---------------------------------------------------------------------------------


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: list = field(default_factory=list)  # (name, value, choices)

    @property
    def names(self):
        return [name for name, _value, _choices in self.fields]


class _FormParser(HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms = []
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urljoin(self.page, attrs.get("action") or self.page)
            self.forms.append(Form(self.page, action, (attrs.get("method") or "get").upper()))
        elif not self.forms:
            return
        elif tag in ("input", "textarea", "button") and attrs.get("name"):
            self.forms[-1].fields.append((attrs["name"], attrs.get("value") or "", []))
        elif tag == "select" and attrs.get("name"):
            self.select = (attrs["name"], [])
            self.forms[-1].fields.append((attrs["name"], "", self.select[1]))
        elif tag == "option" and self.select is not None:
            self.select[1].append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def forms_in(page, html):
    parser = _FormParser(page)
    parser.feed(html)
    return [form for form in parser.forms if urlsplit(form.action).netloc in ("", "testserver")]


def filled_form(form):
    """The form's fields as an attacker sends them: some as given, some odd, some missing,
    some repeated, and a few it never asked for."""

    def one_field(name, value, choices):
        return st.one_of(
            st.just([(name, value)]),
            st.sampled_from(choices).map(lambda choice: [(name, choice)])
            if choices
            else st.nothing(),
            nasty_text().map(lambda odd: [(name, odd)]),
            st.just([]),
            st.lists(nasty_text(), min_size=2, max_size=4).map(
                lambda values: [(name, v) for v in values]
            ),
        )

    fields = st.tuples(*(one_field(*f) for f in form.fields)) if form.fields else st.just(())
    extra = st.lists(st.tuples(st.text(max_size=12), nasty_text()), max_size=2)
    return st.tuples(fields, extra).map(
        lambda drawn: [pair for pairs in drawn[0] for pair in pairs] + drawn[1]
    )


# --- headers -------------------------------------------------------------------------------


def odd_headers():
    return st.lists(st.sampled_from(sorted(ODD_HEADERS)), unique=True, max_size=3).flatmap(
        lambda names: st.tuples(*(st.sampled_from(ODD_HEADERS[name]) for name in names)).map(
            lambda values: dict(zip(names, values, strict=True))
        )
    )


def query_pairs(names=()):
    return st.lists(
        st.tuples(
            st.sampled_from([*KNOWN_PARAMETERS, *names]) | st.text(max_size=10), nasty_text()
        ),
        max_size=4,
    )
