"""The home page's listings are rendered once per language and content version: a reader's
request reads them from the fragment cache, and a publication shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import StoryFactory, publish

pytestmark = pytest.mark.django_db


def queries_for(client, path):
    """The statements that read stories or videos, and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    listings = [
        query["sql"]
        for query in queries
        if "newsroom_newsstorypage" in query["sql"] or "videos_video" in query["sql"]
    ]
    return listings, response.content.decode()


def test_a_reader_gets_the_listings_from_the_cache_until_something_is_published(client, news_index):
    publish(StoryFactory(title="Allies meet in Vilnius", live=False))
    first, _page = queries_for(client, "/en/")
    again, page = queries_for(client, "/en/")

    assert first, "the first reader's request reads the listings"
    assert again == [], "the next one reads neither stories nor videos"
    assert "Allies meet in Vilnius" in page

    publish(StoryFactory(title="Sweden joins the Alliance", live=False))
    _queries, page = queries_for(client, "/en/")

    assert "Sweden joins the Alliance" in page, "a publication shows at once"
    _queries, french = queries_for(client, "/fr/")
    with translation.override("fr"):
        assert translation.gettext("Latest stories") in french, "each language its own"
