"""Publishing or unpublishing a story purges, at the CDN, every URL it changes in both
languages: the story and its translation, each language's home page, news index, video library
and the pages of the videos it shows, the feeds and the sitemap (newsroom/frontend_cache.py).

The CDN's API is the one thing faked: Cloudflare's HTTP API is intercepted with `responses`;
CloudFront's is a local HTTP server that boto3 is pointed at, which records what it is sent.
"""

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree

import pytest
import responses
from django.conf import settings
from wagtail.models import Locale

from newsroom.models import VideoLibraryPage
from tests.factories import StoryFactory, VideoFactory, publish

pytestmark = pytest.mark.django_db

CLOUDFLARE_PURGE = "https://api.cloudflare.com/client/v4/zones/a-zone-id/purge_cache"
CLOUDFLARE = {
    "cloudflare": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": "a-zone-id",
        "BEARER_TOKEN": "a-bearer-token",
    }
}
CLOUDFRONT = {
    "cloudfront": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": "EDFDVBD6EXAMPLE",
    }
}


def translate(page, locale, **fields):
    """Wagtail's own copy into another locale, published: as wagtail-localize leaves it."""
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return publish(copy)


@pytest.fixture
def site(home, news_index):
    """Both languages' trees: home, news index and video library, with a story showing a
    video in each language. The French slugs are the French ones."""
    french = Locale.objects.get(language_code="fr")
    library = VideoLibraryPage.objects.get(locale__language_code="en")
    video = VideoFactory(title="Press conference")
    story = publish(
        StoryFactory(
            title="Accession talks",
            slug="accession-talks",
            body=[{"type": "video", "value": {"video": video.pk, "caption": ""}}],
        )
    )
    translate(home, french)
    translate(news_index, french, title="Actualités", slug="actualites")
    translate(library, french, title="Vidéos", slug="videotheque")
    french_story = translate(story, french, title="Négociations", slug="negociations")
    return {"story": story, "french_story": french_story, "video": video}


def urls_purged_for_the_story(video):
    return {
        "http://localhost/en/news/accession-talks/",
        "http://localhost/fr/actualites/negociations/",
        "http://localhost/en/",
        "http://localhost/fr/",
        "http://localhost/en/news/",
        "http://localhost/fr/actualites/",
        "http://localhost/en/videos/",
        "http://localhost/fr/videotheque/",
        f"http://localhost/en/videos/{video.pk}/",
        f"http://localhost/fr/videotheque/{video.pk}/",
        "http://localhost/en/feeds/rss/",
        "http://localhost/en/feeds/atom/",
        "http://localhost/fr/feeds/rss/",
        "http://localhost/fr/feeds/atom/",
        "http://localhost/sitemap.xml",
    }


@pytest.fixture
def cloudflare(settings):
    settings.WAGTAILFRONTENDCACHE = CLOUDFLARE
    with responses.RequestsMock() as api:
        api.post(
            CLOUDFLARE_PURGE,
            json={"success": True, "errors": [], "messages": [], "result": {"id": "a-zone-id"}},
        )
        yield api


def purged_at_cloudflare(api):
    for call in api.calls:
        assert call.request.headers["Authorization"] == "Bearer a-bearer-token"
    return [url for call in api.calls for url in json.loads(call.request.body)["files"]]


def test_publishing_a_story_purges_it_and_what_lists_it_in_both_languages(
    site, cloudflare, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(site["story"])

    purged = purged_at_cloudflare(cloudflare)
    assert sorted(purged) == sorted(urls_purged_for_the_story(site["video"]))


def test_the_purge_waits_for_the_publish_to_commit(
    site, cloudflare, django_capture_on_commit_callbacks
):
    """Purged before the commit, the CDN could fetch the old page again at once."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(site["story"])

    assert purged_at_cloudflare(cloudflare) == []
    # The commit; with a broker, the purge task is itself sent on commit.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert purged_at_cloudflare(cloudflare)


def test_unpublishing_a_translation_purges_it_with_the_listings(
    site, cloudflare, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        site["french_story"].unpublish()

    purged = set(purged_at_cloudflare(cloudflare))
    assert "http://localhost/fr/actualites/negociations/" in purged
    assert "http://localhost/en/news/accession-talks/" in purged  # its language links change
    assert {"http://localhost/fr/", "http://localhost/fr/actualites/"} <= purged
    assert "http://localhost/fr/feeds/rss/" in purged


def test_without_a_cdn_nothing_is_purged(site, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    with responses.RequestsMock(assert_all_requests_are_fired=False) as api:
        api.post(CLOUDFLARE_PURGE, json={"success": True, "errors": []})
        with django_capture_on_commit_callbacks(execute=True):
            publish(site["story"])

    assert len(api.calls) == 0


class CloudFrontAPI(BaseHTTPRequestHandler):
    """Answers CreateInvalidation as CloudFront does, and keeps what it was asked."""

    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        CloudFrontAPI.received.append((self.path, body))
        answer = (
            b'<?xml version="1.0"?>'
            b'<Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">'
            b"<Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status>"
            b"<CreateTime>2025-01-01T00:00:00Z</CreateTime></Invalidation>"
        )
        self.send_response(201)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Location", "https://cloudfront.amazonaws.com/invalidation/I2J0I21PCUYOIK")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def cloudfront(settings, monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), CloudFrontAPI)
    CloudFrontAPI.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", f"http://127.0.0.1:{server.server_port}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "a-secret")
    # CloudFront's own endpoint is global; one named instead needs the region it signs for.
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    settings.WAGTAILFRONTENDCACHE = CLOUDFRONT
    yield CloudFrontAPI.received
    server.shutdown()
    server.server_close()


def test_publishing_a_story_invalidates_its_paths_at_cloudfront(
    site, cloudfront, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(site["story"])

    assert len(cloudfront) == 1
    path, body = cloudfront[0]
    assert path == "/2020-05-31/distribution/EDFDVBD6EXAMPLE/invalidation"
    namespace = "{http://cloudfront.amazonaws.com/doc/2020-05-31/}"
    batch = ElementTree.fromstring(body)
    paths = [element.text for element in batch.iter(f"{namespace}Path")]
    assert int(batch.find(f"{namespace}Paths/{namespace}Quantity").text) == len(paths)
    expected = {
        url.removeprefix("http://localhost") for url in urls_purged_for_the_story(site["video"])
    }
    assert sorted(paths) == sorted(expected)


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, {}),
        (
            {
                "CDN_PROVIDER": "cloudflare",
                "CLOUDFLARE_ZONE_ID": "a-zone-id",
                "CLOUDFLARE_API_TOKEN": "a-bearer-token",
            },
            CLOUDFLARE,
        ),
        (
            {"CDN_PROVIDER": "cloudfront", "CLOUDFRONT_DISTRIBUTION_ID": "EDFDVBD6EXAMPLE"},
            CLOUDFRONT,
        ),
    ],
)
def test_the_cdn_is_chosen_by_environment(environment, expected):
    assert settings_in(environment) == expected


def test_a_cdn_named_without_its_variables_stops_the_start():
    result = run_settings({"CDN_PROVIDER": "cloudflare"})

    assert result.returncode != 0
    assert "CLOUDFLARE_ZONE_ID" in result.stderr


def settings_in(environment):
    result = run_settings(environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def run_settings(environment):
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("CDN_", "CLOUDFLARE_", "CLOUDFRONT_"))
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from django.conf import settings; "
            "print(json.dumps(settings.WAGTAILFRONTENDCACHE))",
        ],
        cwd=Path(settings.BASE_DIR),
        env={**inherited, "DJANGO_SETTINGS_MODULE": "cms.settings.base", **environment},
        capture_output=True,
        text=True,
        check=False,
    )
