"""A new story never stops on a slug that a forgotten draft holds: it takes the next free one."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsroom.models import NewsStoryPage
from tests.admin_login import sign_in_to_admin
from tests.factories import StoryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    return sign_in_to_admin(client, UserFactory(is_staff=True, is_superuser=True))


def story_form(slug, **extra):
    return nested_form_data(
        {
            "title": "Accession talks",
            "slug": slug,
            "standfirst": "Talks went on.",
            "date": "2023-10-24",
            "body": streamfield([("paragraph", rich_text("<p>Text.</p>"))]),
            "people_mentioned": inline_formset([]),
            "related": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_a_new_story_takes_the_next_slug_when_an_abandoned_draft_holds_its_own(
    editor_client, news_index
):
    StoryFactory(title="Accession talks", slug="accession-talks", live=False)
    add_url = reverse("wagtailadmin_pages:add", args=["newsroom", "newsstorypage", news_index.pk])

    response = editor_client.post(add_url, story_form("accession-talks"))

    assert response.status_code == 302, response.context["form"].errors
    assert sorted(NewsStoryPage.objects.values_list("slug", flat=True)) == [
        "accession-talks",
        "accession-talks-2",
    ]


def test_saving_the_new_story_again_keeps_its_slug(editor_client, news_index):
    StoryFactory(title="Accession talks", slug="accession-talks", live=False)
    second = StoryFactory(title="Accession talks", slug="accession-talks-2", live=False)

    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[second.pk]), story_form("accession-talks")
    )

    assert response.status_code == 302
    second.refresh_from_db()
    assert second.slug == "accession-talks-2"


def test_a_published_story_keeps_the_clash_as_an_error_rather_than_a_new_address(
    editor_client, news_index
):
    StoryFactory(title="Accession talks", slug="accession-talks", live=False)
    published = StoryFactory(title="Other talks", slug="other-talks")
    published.save_revision().publish()

    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[published.pk]), story_form("accession-talks")
    )

    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
