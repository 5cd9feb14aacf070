"""Browser tests drive Debian's chromium with Playwright; nothing downloads a browser.

Without chromium the tests are skipped, unless REQUIRE_BROWSER is set (as in CI), where a
missing browser is a failure.

The site is served by a live server thread that shares the test's own database connection, so
each test's data is rolled back like any other test's, instead of the whole database being
emptied after it (which would also remove what the migrations put there). That needs the
in-memory SQLite test database, which the browser stage of CI uses.
"""

import os
import shutil
import threading

import pytest

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls that
# tests and fixtures make around it are ordinary synchronous calls, so Django may allow them.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    """A browser tab; closed before the live server stops, so no request is left hanging.
    Anything the browser refuses under the Content-Security-Policy fails the test."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not refused, f"the browser refused something under the CSP: {refused}"


@pytest.fixture
def site_url(db, monkeypatch):
    """The address of a live server that sees this test's (uncommitted) data.

    The test's transaction never commits, so work deferred to commit (sending an email,
    publishing a translation) runs at once, as it would after each request in production."""
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )
    from django.db import connections
    from django.test.testcases import LiveServerThread, _StaticFilesHandler

    database = connections["default"]
    if database.vendor != "sqlite":
        pytest.skip("browser tests share the in-memory SQLite test database with the server")

    class OneRequestAtATime(_StaticFilesHandler):
        """Requests share the test's one connection, and one transaction on it: two at once (a
        live preview rendering while the form is saved) would interleave their savepoints and
        fail ("no such savepoint"). The browser's other requests wait their turn."""

        turn = threading.Lock()

        def __call__(self, environ, start_response):
            with self.turn:
                return super().__call__(environ, start_response)

    database.inc_thread_sharing()
    server = LiveServerThread(
        "localhost", OneRequestAtATime, connections_override={"default": database}, port=0
    )
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    yield f"http://localhost:{server.port}"
    server.terminate()
    database.dec_thread_sharing()


@pytest.fixture
def demo_site(site_url):
    from urllib.parse import urlsplit

    from wagtail.models import Site

    from home.demo.loader import load_demo_content

    load_demo_content(log=lambda *args: None)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", urlsplit(site_url).port
    site.save()
    return site_url
