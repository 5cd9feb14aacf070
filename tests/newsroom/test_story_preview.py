"""An editor watches a story in the live preview while writing it, before it is ever saved,
and sees the related stories they have chosen in the form, not those last saved."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsroom.models import NewsStoryPage
from tests.admin_login import sign_in_to_admin
from tests.factories import StoryFactory, UserFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    person = UserFactory(email="editor@example.org")
    person.groups.add(Group.objects.get(name="Editors"))
    return sign_in_to_admin(client, person)


@pytest.fixture
def background(news_index):
    return publish(StoryFactory(title="Background to the talks"))


def story_form(related):
    return nested_form_data(
        {
            "title": "Allies meet in Vilnius",
            "slug": "allies-meet-in-vilnius",
            "standfirst": "Allied leaders met in Vilnius.",
            "date": "2026-12-03",
            "body": streamfield([("paragraph", rich_text("<p>Leaders agreed.</p>"))]),
            "related": inline_formset([{"story": story.pk} for story in related]),
            "people_mentioned": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def preview(client, url, form):
    assert client.post(url, form).json()["is_valid"]
    return client.get(url)


def test_a_new_story_is_previewed_with_its_related_stories_before_it_is_saved(
    editor, news_index, background
):
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("newsroom", "newsstorypage", news_index.pk)
    )

    shown = preview(editor, url, story_form(related=[background]))

    assert shown.status_code == 200
    html = shown.content.decode()
    assert "Allies meet in Vilnius" in html
    assert "Background to the talks" in html
    assert not NewsStoryPage.objects.filter(title="Allies meet in Vilnius").exists()


def test_an_edited_story_is_previewed_with_the_related_stories_chosen_in_the_form(
    editor, news_index, background
):
    story = StoryFactory(title="Allies meet in Vilnius", slug="allies-meet-in-vilnius")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(story.pk,))

    shown = preview(editor, url, story_form(related=[background]))

    assert "Background to the talks" in shown.content.decode()
    assert not story.related.exists(), "a preview saves nothing"
