"""A CDN may keep what every anonymous reader gets, and nothing personal: pages of a signed-in
reader, forms with a CSRF token, account pages, newsletter links, search results, the admin and
the health checks stay private (cms/cache_headers.py)."""

import pytest

from tests.admin_login import sign_in_to_admin
from tests.factories import StoryFactory, UserFactory, publish

pytestmark = pytest.mark.django_db

SHARED = {"public", "max-age=60", "s-maxage=600"}
PRIVATE = {"private", "no-store"}


@pytest.fixture(autouse=True)
def lifetimes(settings):
    settings.PUBLIC_CACHE_MAX_AGE = 60
    settings.CDN_CACHE_MAX_AGE = 600


@pytest.fixture
def story(news_index):
    return publish(StoryFactory(title="Accession talks in Stockholm"))


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part}


def test_what_every_anonymous_reader_gets_is_shared(client, story):
    for url in ["/en/", "/en/news/", story.url, "/en/feeds/rss/", "/en/feeds/atom/"]:
        response = client.get(url)

        assert response.status_code == 200, url
        assert cache_control(response) == SHARED, url
        assert not response.cookies, url
    for url in ["/sitemap.xml", "/robots.txt"]:
        assert cache_control(client.get(url)) == SHARED, url


def test_a_shared_page_varies_on_the_cookie_but_not_the_language_its_url_names(client, story):
    response = client.get(story.url)

    assert "cookie" in vary(response)
    assert "accept-language" not in vary(response)


def test_a_head_request_is_shared_like_the_get(client, story):
    assert cache_control(client.head(story.url)) == SHARED


def test_a_url_with_a_query_string_is_kept_by_the_cdn_no_longer_than_by_browsers(client, story):
    """Purging names URLs; a listing's filters and later pages cannot all be named."""
    response = client.get("/en/news/?topic=nato")

    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=60", "s-maxage=60"}


def test_a_signed_in_readers_pages_are_private(client, story):
    client.force_login(UserFactory())

    for url in ["/en/", story.url, "/en/feeds/rss/"]:
        assert cache_control(client.get(url)) >= PRIVATE, url


def test_a_visitor_with_a_session_is_answered_privately(client, story):
    """Part-way through registering, say: the session is theirs, and so is the answer."""
    client.cookies["sessionid"] = "a-session-of-someone"

    assert cache_control(client.get(story.url)) >= PRIVATE


def test_forms_with_a_csrf_token_are_never_shared(client, db):
    for url in ["/en/accounts/login/", "/en/accounts/signup/", "/en/newsletter/"]:
        response = client.get(url)

        assert response.status_code == 200, url
        assert 'name="csrfmiddlewaretoken"' in response.content.decode(), url
        assert cache_control(response) >= PRIVATE, url


def test_a_password_protected_page_is_never_shared(client, story):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )

    response = client.get(story.url)

    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert cache_control(response) >= PRIVATE


def test_newsletter_links_and_search_results_are_private(client, story):
    for url in [
        "/en/newsletter/unsubscribe/forged-token/",
        "/en/newsletter/check-your-inbox/",
        "/en/search/?q=accession",
        "/en/search/suggestions/?q=acc",
    ]:
        assert cache_control(client.get(url)) >= PRIVATE, url


def test_errors_redirects_and_writes_are_private(client, story):
    assert cache_control(client.get("/en/no-such-page/")) >= PRIVATE
    assert cache_control(client.get("/")) >= PRIVATE
    response = client.post("/en/newsletter/", {"email": "not an address"})
    assert cache_control(response) >= PRIVATE


def test_views_that_decide_for_themselves_keep_their_header(client, db):
    response = client.get("/healthz")

    assert "no-store" in cache_control(response)
    assert "public" not in cache_control(response)


def test_the_admin_is_private(client, story):
    sign_in_to_admin(client, UserFactory(is_staff=True, is_superuser=True))

    for url in ["/admin/", f"/admin/pages/{story.pk}/view_draft/"]:
        response = client.get(url)

        assert response.status_code == 200, url
        assert "public" not in cache_control(response), url
        assert "private" in cache_control(response), url


def test_no_shared_caching_when_the_lifetime_is_zero(client, story, settings):
    settings.PUBLIC_CACHE_MAX_AGE = 0

    assert cache_control(client.get(story.url)) >= PRIVATE
