"""A story's body holds paragraphs, quotes, videos, images and embeds, and keeps them all."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsroom.models import NewsStoryPage
from tests.admin_login import sign_in_to_admin
from tests.factories import ImageFactory, StoryFactory, UserFactory, VideoFactory

FAKE_EMBED_FINDERS = [{"class": "tests.newsroom.fake_embed_finder.FakeEmbedFinder"}]


@pytest.fixture
def editor_client(client, db):
    sign_in_to_admin(
        client, UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)
    )
    return client


@override_settings(WAGTAILEMBEDS_FINDERS=FAKE_EMBED_FINDERS)
def test_posting_a_story_saves_every_block_type(editor_client, news_index):
    image = ImageFactory()
    video = VideoFactory()
    form = nested_form_data(
        {
            "title": "Every block",
            "slug": "every-block",
            "standfirst": "A story that uses every block.",
            "date": "2023-10-24",
            "place": "Stockholm",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Opening paragraph.</p>")),
                    (
                        "quote",
                        {
                            "text": "I now count on a speedy ratification.",
                            "speaker": "Jens Stoltenberg",
                            "role": "NATO Secretary General",
                            "context": "",
                        },
                    ),
                    ("video", {"video": video.pk, "caption": "At the press conference"}),
                    ("image", {"image": image.pk, "caption": "Stockholm", "credit": "NATO"}),
                    ("embed", "https://video.example.org/watch/42"),
                ]
            ),
            "people_mentioned": inline_formset([]),
            "related": inline_formset([]),
            "tagged_items": inline_formset([]),
        }
    )
    url = reverse("wagtailadmin_pages:add", args=("newsroom", "newsstorypage", news_index.pk))

    response = editor_client.post(url, form)

    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    story = NewsStoryPage.objects.get(slug="every-block")
    saved = {block.block_type: block.value for block in story.body}
    assert list(saved) == ["paragraph", "quote", "video", "image", "embed"]
    assert "Opening paragraph." in saved["paragraph"].source
    assert saved["quote"]["speaker"] == "Jens Stoltenberg"
    assert saved["quote"]["role"] == "NATO Secretary General"
    assert saved["video"]["video"] == video
    assert saved["image"]["image"] == image
    assert saved["image"]["credit"] == "NATO"
    assert saved["embed"].url == "https://video.example.org/watch/42"


def test_quote_renders_as_a_figure_with_blockquote_and_caption(client, news_index):
    story = StoryFactory(
        body=[
            {
                "type": "quote",
                "value": {
                    "text": "Allies and Sweden are working together.",
                    "speaker": "Jens Stoltenberg",
                    "role": "NATO Secretary General",
                    "context": "in Stockholm",
                },
            }
        ]
    )
    story.save_revision().publish()

    html = client.get(story.url).content.decode()

    assert '<figure class="quote">' in html
    assert '<blockquote class="quote__text"><p>Allies and Sweden are working together.</p>' in html
    assert '<span class="quote__role">NATO Secretary General</span>' in html


def test_a_story_with_both_a_hero_image_and_a_hero_video_is_refused(news_index):
    story = StoryFactory.build(hero_image=ImageFactory(), hero_video=VideoFactory())
    story.path, story.depth = news_index.path + "0099", news_index.depth + 1
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "hero_video" in error.value.message_dict


def test_an_unknown_block_type_in_stored_json_is_dropped_not_fatal(client, news_index):
    story = StoryFactory()
    Page.objects.filter(pk=story.pk)  # the row exists
    NewsStoryPage.objects.filter(pk=story.pk).update(
        body=json.dumps([{"type": "retired_block", "value": "x", "id": "1"}])
    )
    story.refresh_from_db()
    story.save_revision().publish()

    assert client.get(story.url).status_code == 200
