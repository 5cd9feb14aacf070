"""The guide for newsrooms: a public page in each language, linked from every page's footer,
naming the addresses it describes as the site serves them."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "footer_link"),
    [
        ("en", "Ingest our stories and videos", "For newsrooms"),
        ("fr", "Reprendre nos articles et nos vidéos", "Pour les rédactions"),
    ],
)
def test_the_guide_is_in_each_language_and_linked_from_the_footer(
    client, home, language, heading, footer_link
):
    guide = client.get(f"/{language}/ingest/")
    home_page = client.get(f"/{language}/").content.decode()

    text = guide.content.decode()
    assert guide.status_code == 200
    assert f"<h1>{heading}</h1>" in text
    assert f'lang="{language}"' in text
    assert f"<code>/{language}/api/ninjs/stories/</code>" in text
    assert f'<a href="/{language}/ingest/">{footer_link}</a>' in home_page


def test_the_guide_keeps_a_section_for_the_feeds(client, home):
    text = client.get("/en/ingest/").content.decode()

    assert '<h2 id="feeds">Feeds, Media RSS and embedding</h2>' in text
    assert 'href="#feeds"' in text
