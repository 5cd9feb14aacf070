"""Every public page is served under a strict Content-Security-Policy and the other security
headers; the admin gets the looser policy it needs; production passes Django's deploy check."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from home.demo.loader import load_demo_content
from tests.admin_login import sign_in_to_admin
from tests.factories import StoryFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/en/",
    "/fr/",
    "/en/news/",
    "/en/news/?topic=nato&year=abc",
    "/en/news/secretary-general-discusses-swedens-accession-in-stockholm/",
    "/fr/actualites/",
    "/en/videos/",
    "/en/accounts/login/",
    "/en/accounts/signup/",
    "/en/accounts/password/reset/",
    "/en/newsletter/",
    "/fr/newsletter/check-your-inbox/",
    "/en/newsletter/confirm/forged-token/",
    "/en/newsletter/unsubscribe/forged-token/",
    "/en/no-such-page/",
]


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # processes the demo video
        load_demo_content(log=lambda *args: None)


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_renders_under_the_policy(response):
    policy = directives(response["Content-Security-Policy"])
    html = response.content.decode()
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
    nonces = [value for value in policy["script-src"] if value.startswith("'nonce-")]
    for tag in re.findall(r"<script\b[^>]*>", html):
        if "src=" not in tag:
            nonce = re.search(r'nonce="([^"]+)"', tag)
            assert nonce and f"'nonce-{nonce.group(1)}'" in nonces, f"inline script: {tag}"
    assert not re.search(r"<style\b", html), "an inline <style> block"
    assert not re.search(r"\sstyle=", html), "an inline style attribute"
    assert not re.search(r"\son[a-z]+=", html), "an inline event handler"


def test_public_pages_render_under_a_strict_policy_with_the_security_headers(
    client, demo, subtests
):
    for url in PUBLIC_URLS:
        with subtests.test(url=url):
            response = client.get(url)

            assert response.status_code in (200, 400, 404)
            assert_renders_under_the_policy(response)
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
            assert response["Cross-Origin-Opener-Policy"] == "same-origin"
            assert "camera=()" in response["Permissions-Policy"]
            assert response["X-Frame-Options"] == "DENY"


def test_the_video_page_carries_its_structured_data_under_the_nonce(client, demo):
    from videos.models import Video

    response = client.get(f"/en/videos/{Video.objects.public().get().pk}/")

    assert_renders_under_the_policy(response)
    assert 'type="application/ld+json" nonce=' in response.content.decode()


def test_a_cached_story_gets_a_fresh_nonce_every_time(client, demo):
    url = PUBLIC_URLS[4]
    first, second = client.get(url), client.get(url)

    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]
    assert_renders_under_the_policy(second)


def test_the_admin_gets_the_policy_it_can_live_with(client):
    sign_in_to_admin(client, UserFactory(is_staff=True, is_superuser=True))

    policy = directives(client.get("/admin/")["Content-Security-Policy"])

    assert "'unsafe-inline'" in policy["script-src"]
    assert not any(value.startswith("'nonce-") for value in policy["script-src"])
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_a_preview_may_be_framed_by_the_admin_and_by_no_other_site(admin_client, news_index):
    story = StoryFactory(title="Preview me", live=False)
    revision = story.save_revision()

    response = admin_client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[story.pk, revision.pk])
    )

    assert "Preview me" in response.content.decode()
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # Otherwise the public page's own policy: its scripts still need the request's nonce.
    assert "'unsafe-inline'" not in policy["script-src"]
    assert any(value.startswith("'nonce-") for value in policy["script-src"])


def test_a_public_page_is_framed_by_no_one_even_for_its_editors(admin_client, news_index):
    story = StoryFactory(title="Published story")
    story.save_revision().publish()

    response = admin_client.get(story.url)

    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_the_production_settings_pass_the_deploy_check():
    # Tests set DJANGO_ALLOW_ASYNC_UNSAFE for the browser; a deployment never would.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "a-production-secret-key-long-and-random-" + "x" * 30,
        "ALLOWED_HOSTS": "news.example.org",
        "CACHE_URL": "locmemcache://",
        "DATABASE_URL": "sqlite:///:memory:",
        "ANYMAIL_ESP": "mailgun",
        "ANYMAIL": '{"MAILGUN_API_KEY": "key", "WEBHOOK_SECRET": "newsroom:webhook-secret"}',
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
