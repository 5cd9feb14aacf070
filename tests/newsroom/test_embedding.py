"""Another site embeds a video by pasting its page's address into a CMS that speaks oEmbed:
the provider answers with a player it may frame, which sets no cookie."""

import re
from urllib.parse import quote

import pytest

from tests.factories import publish

from .embedding_fixtures import public_story, stories_not_public


@pytest.fixture
def shown(news_index):
    story, video = public_story()
    return story, video


def oembed(client, url, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return client.get(f"/oembed?url={quote(url, safe='')}&{query}")


def test_a_video_page_is_embedded_as_a_video_with_a_player_in_its_language(client, shown):
    _story, video = shown

    for language in ("en", "fr"):
        response = oembed(client, f"http://testserver/{language}/videos/{video.pk}/", format="json")

        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        answer = response.json()
        assert answer["version"] == "1.0" and answer["type"] == "video"
        assert answer["title"] == video.title
        assert answer["provider_name"] and answer["provider_url"].endswith(f"/{language}/")
        assert (answer["width"], answer["height"]) == (1280, 720 + 48)
        src = re.search(r'<iframe src="([^"]+)"', answer["html"])[1]
        assert src == f"http://testserver/{language}/embed/videos/{video.pk}/"
        assert f'width="{answer["width"]}" height="{answer["height"]}"' in answer["html"]
        assert 'title="' in answer["html"]
        assert answer["thumbnail_url"] == f"http://testserver{video.poster_url}"


def test_a_story_is_embedded_as_the_video_it_shows(client, shown):
    story, video = shown

    answer = oembed(client, story.full_url).json()

    assert f"/en/embed/videos/{video.pk}/" in answer["html"]


def test_the_player_keeps_within_the_consumers_size_and_shape(client, shown):
    _story, video = shown
    url = f"http://testserver/en/videos/{video.pk}/"

    narrow = oembed(client, url, maxwidth=400).json()
    low = oembed(client, url, maxwidth=1000, maxheight=300).json()

    assert (narrow["width"], narrow["height"]) == (400, 225 + 48)
    assert low["height"] <= 300 and low["width"] <= 1000
    assert abs(low["width"] / (low["height"] - 48) - 16 / 9) < 0.02
    # The poster is larger than either limit, so it is not offered as the thumbnail.
    assert "thumbnail_url" not in narrow and "thumbnail_url" not in low


@pytest.mark.parametrize(
    "params, status",
    [
        ({"format": "xml"}, 501),
        ({"format": "yaml"}, 501),
        ({"maxwidth": "abc"}, 400),
        ({"maxwidth": "0"}, 400),
        ({"maxheight": "-5"}, 400),
        ({"maxwidth": "9" * 40}, 400),
        ({"maxwidth": "1e3"}, 400),
    ],
)
def test_bad_parameters_get_a_json_error_and_the_right_status(client, shown, params, status):
    _story, video = shown

    response = oembed(client, f"http://testserver/en/videos/{video.pk}/", **params)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


@pytest.mark.parametrize(
    "url",
    [
        "https://attacker.example/en/videos/1/",
        "http://testserver/en/videos/999999/",
        "http://testserver/en/news/no-such-story/",
        "http://testserver/en/",
        "http://testserver/admin/",
        "javascript:alert(1)",
        "http://testserver/de/videos/1/",
        "not a url at all",
    ],
)
def test_an_address_with_no_public_video_is_not_found(client, shown, url):
    response = oembed(client, url)

    assert response.status_code == 404
    assert response.json()["error"]


def test_no_url_is_a_bad_request(client, db):
    response = client.get("/oembed")

    assert response.status_code == 400
    assert response.json()["error"]


def test_the_error_is_in_the_readers_language(client, db):
    response = client.get("/oembed", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 400
    assert "adresse" in response.json()["error"]


def test_story_and_video_pages_say_where_their_oembed_is(client, shown):
    story, video = shown

    for page_url in (story.full_url, f"http://testserver/en/videos/{video.pk}/"):
        html = client.get(page_url).content.decode()
        link = re.search(
            r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html
        )
        assert link, page_url
        href = link[1].replace("&amp;", "&")
        assert href == f"http://testserver/oembed?url={quote(page_url, safe='')}&format=json"
        assert client.get(href).status_code == 200


def test_only_the_player_may_be_framed_by_other_sites(client, shown):
    story, video = shown

    player = client.get(f"/en/embed/videos/{video.pk}/")
    page = client.get(story.url)

    assert player.status_code == 200
    assert "frame-ancestors *" in player["Content-Security-Policy"]
    assert not player.has_header("X-Frame-Options")
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"


def test_the_player_sets_no_cookie(client, shown):
    _story, video = shown

    response = client.get(f"/fr/embed/videos/{video.pk}/")

    assert response.status_code == 200
    assert not response.cookies
    assert not response.has_header("Set-Cookie")
    assert "sessionid" not in client.cookies and "csrftoken" not in client.cookies


def test_the_player_plays_captions_in_every_language_chapters_and_the_transcript(client, shown):
    _story, video = shown

    html = client.get(f"/fr/embed/videos/{video.pk}/").content.decode()

    assert '<html lang="fr">' in html
    for track in video.captions.all():
        assert f'<track kind="captions" src="{track.url}" srclang="{track.language}"' in html
    assert 'srclang="fr" label="Français" default' in html
    chapters_src = re.search(r'<track kind="chapters" src="([^"]+)"', html)[1]
    assert "Words of Public footage." in html
    assert 'data-start="2.000"' in html and "Close-up" in html

    chapters = client.get(chapters_src)
    assert chapters.status_code == 200
    assert chapters["Content-Type"] == "text/vtt; charset=utf-8"
    assert chapters.content.decode() == (
        "WEBVTT\n\n"
        "1\n00:00:00.000 --> 00:00:02.000\nWide shot of the press room.\n\n"
        "2\n00:00:02.000 --> 00:00:04.000\nClose-up - -> of the speaker.\n"
    )


def test_nothing_that_is_not_public_can_be_embedded(
    client, news_index, django_capture_on_commit_callbacks
):
    for state, (story, video) in stories_not_public(django_capture_on_commit_callbacks).items():
        for url in (
            f"http://testserver/en/news/{story.slug}/",
            f"http://testserver/en/videos/{video.pk}/",
            f"http://testserver/en/embed/videos/{video.pk}/",
        ):
            assert oembed(client, url).status_code == 404, (state, url)
        assert client.get(f"/en/embed/videos/{video.pk}/").status_code == 404, state


def test_a_story_published_again_is_embeddable_again(client, news_index):
    story, _video = public_story("Republished")
    story.unpublish()
    assert oembed(client, story.full_url).status_code == 404

    publish(story)

    assert oembed(client, story.full_url).status_code == 200
