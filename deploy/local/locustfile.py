"""The load test of `make stack` (make loadtest, deploy/local/loadtest): anonymous readers in
English and French, people registering with the code they are emailed, and signed-in
journalists downloading the broadcast master.

Each simulated visitor connects from an address of its own in 127.0.0.0/8 (loopback only), as
distinct people do: nginx passes it on in X-Forwarded-For and the per-address rate limits
(allauth's) apply to each visitor as in production, not to the load test as one client.

The run fails on any error, and when the anonymous pages' 95th percentile reaches
LOADTEST_MAX_P95_MS (300 ms).
"""

import itertools
import os
import random
import re
import secrets
import time
import urllib.parse
from pathlib import Path

import requests
from locust import HttpUser, between, events, task
from locust.stats import StatsEntry
from requests.adapters import HTTPAdapter
from stack_env import stack_environment
from stack_mail import Mailbox

STACK = stack_environment()
MAILBOX = Mailbox(Path(STACK["VAR_DIR"]) / "mail")
MAX_ANONYMOUS_P95_MS = float(os.environ.get("LOADTEST_MAX_P95_MS", 300))
LANGUAGES = ("en", "fr")
SEARCHES = {
    "en": ["video", "Sweden", "newsroom", "broadcast quality", "Secretary General", "feed"],
    "fr": ["vidéo", "Suède", "rédaction", "qualité broadcast", "secrétaire général", "flux"],
}
# Names of the anonymous pages in the statistics: their percentiles are held to the limit.
ANONYMOUS_PAGES = ("home", "index", "story", "search", "feed")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DOWNLOAD_LINK = re.compile(r'href="(/(?:en|fr)/downloads/videos/\d+/)')
PASSWORD = "Load-test-" + secrets.token_hex(6) + "!"
_source_numbers = itertools.count(10)
_site = {}  # what test_start found on the site: story paths and index path per language


def _is_loopback(url):
    host = urllib.parse.urlsplit(url).hostname or ""
    return host == "localhost" or host.startswith("127.") or host == "::1"


@events.test_start.add_listener
def discover_the_site(environment, **kwargs):
    """The stories each language's feed lists, and the news index they live in."""
    if not _is_loopback(environment.host):
        raise SystemExit(f"the load test only runs against loopback, not {environment.host}")
    for language in LANGUAGES:
        feed = requests.get(f"{environment.host}/{language}/feeds/rss/", timeout=10).text
        links = re.findall(r"<link>([^<]+)</link>", feed)
        stories = [urllib.parse.urlsplit(link).path for link in links if link.count("/") > 4]
        if not stories:
            raise SystemExit(f"the {language} feed lists no story: is the demo content loaded?")
        _site[language] = {
            "stories": stories,
            "index": stories[0].rstrip("/").rsplit("/", 1)[0] + "/",
        }


class SourceAddress(HTTPAdapter):
    """Connections from one loopback address."""

    def __init__(self, address, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Visitor(HttpUser):
    abstract = True

    def on_start(self):
        number = next(_source_numbers)
        self.client.mount("http://", SourceAddress(f"127.0.{number // 250}.{number % 250 + 1}"))
        self.language = random.choice(LANGUAGES)

    def page(self, path, name, **kwargs):
        with self.client.get(path, name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")
            return response

    def post_form(self, path, data, name, expect_location):
        """Posts the form at `path` with its CSRF token; the answer must redirect to a URL
        ending in `expect_location`."""
        form = self.page(path, f"{name} form ({self.language})")
        token = CSRF_FIELD.search(form.text)
        if token is None:
            return False
        with self.client.post(
            path,
            {"csrfmiddlewaretoken": token[1], **data},
            name=f"{name} ({self.language})",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or not location.endswith(expect_location):
                response.failure(f"{response.status_code} to {location!r}: {response.text[:200]}")
                return False
        return True

    def register(self):
        """Register, read the emailed code, verify: signed in with a verified address."""
        address = f"load-{secrets.token_hex(8)}@example.org"
        prefix = f"/{self.language}/accounts"
        if not self.post_form(
            f"{prefix}/signup/",
            {"email": address, "password1": PASSWORD, "accept_terms": "on"},
            "signup",
            "/accounts/confirm-email/",
        ):
            return False
        started, code, problem = time.perf_counter(), None, None
        try:
            code = MAILBOX.code_for(address, timeout=60)
        except Exception as error:
            problem = error
        self.environment.events.request.fire(
            request_type="MAIL",
            name="verification email arrives",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=problem,
            context={},
        )
        if problem is not None:
            return False
        return self.post_form(
            f"{prefix}/confirm-email/", {"code": code}, "verify code", "/accounts/welcome/"
        )


class Reader(Visitor):
    """Reads the news without an account."""

    weight = 20
    wait_time = between(0.5, 2.5)

    def site(self):
        return _site[self.language]

    @task(2)
    def home(self):
        self.page(f"/{self.language}/", f"home ({self.language})")

    @task(2)
    def index(self):
        self.page(self.site()["index"], f"index ({self.language})")

    @task(6)
    def story(self):
        self.page(random.choice(self.site()["stories"]), f"story ({self.language})")

    @task(2)
    def search(self):
        words = random.choice(SEARCHES[self.language])
        self.page(f"/{self.language}/search/", f"search ({self.language})", params={"q": words})

    @task(1)
    def feed(self):
        kind = random.choice(["rss", "atom"])
        self.page(f"/{self.language}/feeds/{kind}/", f"feed ({self.language})")


class Registrant(Visitor):
    """Creates an account and verifies it, then comes back later as someone new."""

    weight = 2
    wait_time = between(3, 8)

    @task
    def create_an_account(self):
        self.register()
        self.client.cookies.clear()


class Downloader(Visitor):
    """A journalist with a verified account who reads stories and downloads their videos."""

    weight = 3
    wait_time = between(1, 4)

    def on_start(self):
        super().on_start()
        self.ready = self.register()

    @task
    def read_and_download(self):
        if not self.ready:
            self.ready = self.register()
            return
        story = self.page(
            random.choice(_site[self.language]["stories"]), f"story, signed in ({self.language})"
        )
        link = DOWNLOAD_LINK.search(story.text)
        if link is None:
            return
        with self.client.get(
            link[1], name="download (X-Accel)", catch_response=True, allow_redirects=False
        ) as response:
            expected = response.headers.get("Content-Length")
            if response.status_code != 200:
                response.failure(f"{response.status_code} to {response.headers.get('Location')}")
            elif not response.content or (expected and int(expected) != len(response.content)):
                response.failure("the master came incomplete")
            elif "X-Accel-Redirect" in response.headers:
                response.failure("nginx did not take over the X-Accel-Redirect")


@events.quitting.add_listener
def judge(environment, **kwargs):
    """The summary, then the verdict: no error, and anonymous pages fast enough."""
    stats = environment.stats
    anonymous = StatsEntry(stats, "anonymous pages", "")
    rows = []
    for entry in sorted(stats.entries.values(), key=lambda entry: entry.name):
        if entry.name.split(" (")[0] in ANONYMOUS_PAGES:
            anonymous.extend(entry)
        rows.append(entry)
    print("\n=== load test summary ===")
    columns = ("requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms")
    print(f"{'endpoint':38} " + " ".join(f"{column:>8}" for column in columns))
    for entry in [*rows, anonymous, stats.total]:
        percentiles = [entry.get_response_time_percentile(p) for p in (0.5, 0.95, 0.99)]
        print(
            f"{entry.name or 'all':38} {entry.num_requests:>8} {entry.num_failures:>8} "
            f"{entry.total_rps:>8.1f} " + " ".join(f"{value:>8.0f}" for value in percentiles)
        )
    p95 = anonymous.get_response_time_percentile(0.95)
    problems = []
    if stats.total.num_failures:
        problems.append(f"{stats.total.num_failures} errors")
    if p95 >= MAX_ANONYMOUS_P95_MS:
        problems.append(f"anonymous p95 {p95:.0f} ms ≥ {MAX_ANONYMOUS_P95_MS:.0f} ms")
    if anonymous.num_requests == 0:
        problems.append("no anonymous page was requested")
    if problems:
        print("load test FAILED: " + "; ".join(problems))
        environment.process_exit_code = 1
    else:
        limit = MAX_ANONYMOUS_P95_MS
        print(f"load test passed: no errors, anonymous p95 {p95:.0f} ms < {limit:.0f} ms")
        environment.process_exit_code = 0
