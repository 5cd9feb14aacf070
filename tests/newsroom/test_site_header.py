"""The header's "News" link leads to the news index of the reader's language on every public
page, those that are no Wagtail page (the search, the account page) as much as the others."""

import pytest
from bs4 import BeautifulSoup
from django.db import transaction

from home.demo.loader import load_demo_content
from newsroom.models import NewsIndexPage, NewsStoryPage, VideoLibraryPage
from tests.factories import UserFactory
from videos.models import Video

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
    load_demo_content(log=lambda *args: None)


def news_link(response):
    assert response.status_code == 200
    navigation = BeautifulSoup(response.content, "html.parser").find("nav", class_="site-nav")
    (link,) = [a for a in navigation.find_all("a") if a.get_text() in ("News", "Actualités")]
    return link["href"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_news_link_leads_to_the_news_index_of_the_language_on_every_page(
    client, demo, language
):
    news_index = NewsIndexPage.objects.get(locale__language_code=language)
    library = VideoLibraryPage.objects.get(locale__language_code=language)
    story = NewsStoryPage.objects.live().filter(locale__language_code=language).first()
    video = Video.objects.public().first()
    client.force_login(UserFactory(email=f"reader-{language}@example.org"))

    for path in (
        f"/{language}/",
        story.url,
        library.url,
        f"{library.url}{video.pk}/",
        f"/{language}/search/?q=Sweden",
        f"/{language}/accounts/profile/",
    ):
        assert news_link(client.get(path)) == news_index.url, path
    assert news_index.url.startswith(f"/{language}/") and news_index.url != f"/{language}/"
