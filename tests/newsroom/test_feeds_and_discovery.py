"""Feeds, sitemap and robots.txt let readers and search engines follow the newsroom."""

import json
import re
from xml.etree import ElementTree

import pytest

from tests.factories import StoryFactory, publish

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def stories(news_index):
    published = [
        publish(StoryFactory(title=f"Published story {n}", topics=["Sweden"])) for n in range(3)
    ]
    StoryFactory(title="Draft story", live=False)
    return published


def test_rss_lists_the_published_stories_only(client, stories):
    response = client.get("/en/feeds/rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.iter("item")]
    assert sorted(titles) == [f"Published story {n}" for n in range(3)]
    assert channel.findtext("language") == "en"
    first = channel.find("item")
    assert first.findtext("link").startswith("http://testserver/en/news/published-story-")
    assert first.findtext("category") == "Sweden"


def test_atom_lists_the_published_stories_only(client, stories):
    response = client.get("/en/feeds/atom/")

    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert sorted(titles) == [f"Published story {n}" for n in range(3)]


def test_the_sitemap_names_published_pages_only(client, stories):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = [
        element.text
        for element in ElementTree.fromstring(response.content).iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    ]
    assert any(url.endswith("/en/news/published-story-0/") for url in locations)
    assert not any("draft-story" in url for url in locations)


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain"
    assert b"Disallow: /admin/" in response.content
    assert b"Sitemap: http://testserver/sitemap.xml" in response.content


def test_the_story_page_describes_itself_as_a_news_article(client, news_index):
    story = publish(StoryFactory(title="Structured story", topics=["Sweden"]))

    html = client.get(story.url).content.decode()

    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)[1]
    article = json.loads(block)
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Structured story"
    assert article["datePublished"] == "2023-10-24T00:00:00+02:00"
    assert article["dateModified"]
    assert article["mainEntityOfPage"].endswith("/en/news/structured-story/")
    assert article["author"]["name"] and article["publisher"]["name"]
    assert article["inLanguage"] == "en"
    assert article["keywords"] == ["Sweden"]
    assert f'<link rel="canonical" href="{article["mainEntityOfPage"]}">' in html
    assert '<meta property="og:type" content="article">' in html


def test_json_ld_cannot_break_out_of_its_script_element(client, news_index):
    story = publish(StoryFactory(title="Title with </script><script>alert(1)</script>"))

    html = client.get(story.url).content.decode()

    assert "</script><script>alert(1)" not in html
