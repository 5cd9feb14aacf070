"""The block picker shows each block of a story's body with a description and a preview."""

import pytest
from django.urls import reverse

from newsroom.blocks import StoryBodyBlock
from tests.admin_login import sign_in_to_admin
from tests.factories import ImageFactory, UserFactory, VideoFactory

pytestmark = pytest.mark.django_db

BODY_BLOCKS = StoryBodyBlock().child_blocks


@pytest.fixture
def editor_client(client):
    return sign_in_to_admin(client, UserFactory(is_staff=True, is_superuser=True))


def preview(client, name):
    response = client.get(
        reverse("wagtailadmin_block_preview"), {"id": BODY_BLOCKS[name].definition_prefix}
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", list(BODY_BLOCKS))
def test_every_block_has_a_description_and_a_preview(name):
    block = BODY_BLOCKS[name]

    assert block.get_description()
    assert block.is_previewable


def test_the_previews_show_each_block_as_a_story_shows_it(editor_client):
    ImageFactory(title="Stockholm harbour")
    VideoFactory(title="Press conference")

    assert "Sweden’s accession" in preview(editor_client, "paragraph")
    assert "Jens Stoltenberg" in preview(editor_client, "quote")
    assert 'class="quote"' in preview(editor_client, "quote")
    assert 'class="story-image"' in preview(editor_client, "image")
    assert "Stockholm harbour" in preview(editor_client, "image")
    assert "video-player" in preview(editor_client, "video")
    assert "from another site" in preview(editor_client, "embed")
    assert "css/site.css" in preview(editor_client, "paragraph")


def test_with_an_empty_library_the_image_and_video_previews_still_render(editor_client):
    assert 'class="story-image"' not in preview(editor_client, "image")
    assert "video-player" not in preview(editor_client, "video")
