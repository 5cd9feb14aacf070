"""An editor chooses the people a story mentions, in their order, with a chooser that searches
them and adds a new one; readers, search and the French translation see the same people."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import TranslationSource

from newsroom.models import NewsStoryPage, Person, PersonMentioned
from tests.admin_login import sign_in_to_admin
from tests.factories import StoryFactory, UserFactory, publish
from tests.newsroom.test_translation import admin_client, french, french_story  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db, django_capture_on_commit_callbacks):
    """Indexed as they are after the request that adds them commits."""
    with django_capture_on_commit_callbacks(execute=True):
        return {
            name: Person.objects.create(name=name, role=role)
            for name, role in [
                ("Ulf Kristersson", "Prime Minister of Sweden"),
                ("Jens Stoltenberg", "NATO Secretary General"),
                ("Pål Jonson", "Minister for Defence of Sweden"),
            ]
        }


def mentioning(*people):
    return [PersonMentioned(person=person, sort_order=order) for order, person in enumerate(people)]


@pytest.fixture
def story(news_index, people):
    story = StoryFactory(title="Sweden accession talks")
    story.people_mentioned = mentioning(people["Ulf Kristersson"], people["Jens Stoltenberg"])
    return publish(story)


def member_of(role):
    user = UserFactory(email=f"{role.lower()}@example.org")
    user.groups.add(Group.objects.get(name=role))
    return user


def people_shown(html):
    aside = html.split('aria-labelledby="people-heading"', 1)[1].split("</aside>", 1)[0]
    return [item.split("<li>", 1)[1].split(",", 1)[0] for item in aside.split("</li>")[:-1]]


def test_readers_see_the_people_in_the_editor_s_order(client, story):
    html = client.get(story.url).content.decode()

    assert people_shown(html) == ["Ulf Kristersson", "Jens Stoltenberg"]
    assert '<span class="muted">Prime Minister of Sweden</span>' in html


def test_an_editor_chooses_people_in_order_and_the_story_keeps_that_order(
    client, news_index, people
):
    sign_in_to_admin(client, member_of("Editors"))
    story = StoryFactory(title="Defence talks", live=False)
    chosen = [people["Pål Jonson"], people["Jens Stoltenberg"]]

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        nested_form_data(
            {
                "title": story.title,
                "slug": story.slug,
                "standfirst": story.standfirst,
                "date": story.date.isoformat(),
                "body": streamfield([("paragraph", rich_text("<p>Talks went on.</p>"))]),
                "people_mentioned": inline_formset(
                    [{"person": person.pk} for person in chosen], initial=0
                ),
                "related": inline_formset([]),
                "comments": inline_formset([]),
            }
        ),
    )

    assert response.status_code == 302
    draft = NewsStoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert draft.people_list == chosen
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert "wagtail.panels.MultipleChooserPanel" in editor
    assert reverse("wagtailsnippetchoosers_newsroom_person:choose") in editor


def test_the_chooser_finds_people_by_part_of_their_name(client, people):
    sign_in_to_admin(client, member_of("Editors"))

    response = client.get(
        reverse("wagtailsnippetchoosers_newsroom_person:choose_results"), {"q": "stolt"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Jens Stoltenberg" in html
    assert "Ulf Kristersson" not in html


def test_an_editor_adds_a_person_from_the_chooser(client, people):
    sign_in_to_admin(client, member_of("Editors"))
    chooser = client.get(reverse("wagtailsnippetchoosers_newsroom_person:choose"))
    assert "Add this person" in chooser.content.decode()

    response = client.post(
        reverse("wagtailsnippetchoosers_newsroom_person:create"),
        {"name": "Tobias Billström", "role": "Minister for Foreign Affairs of Sweden"},
    )

    assert response.status_code == 200
    added = Person.objects.get(name="Tobias Billström")
    assert response.json()["result"]["id"] == str(added.pk)


def test_a_person_s_name_is_not_taken_twice_from_the_chooser(client, people):
    sign_in_to_admin(client, member_of("Editors"))

    response = client.post(
        reverse("wagtailsnippetchoosers_newsroom_person:create"), {"name": "Jens Stoltenberg"}
    )

    assert response.status_code == 200
    assert response.json()["step"] == "reshow_creation_form"
    assert Person.objects.filter(name="Jens Stoltenberg").count() == 1


def test_who_may_not_add_people_is_not_offered_to_in_the_chooser(client, people):
    sign_in_to_admin(client, member_of("Moderators"))

    chooser = client.get(reverse("wagtailsnippetchoosers_newsroom_person:choose"))

    assert chooser.status_code == 200
    assert "Add this person" not in chooser.content.decode()
    refused = client.post(
        reverse("wagtailsnippetchoosers_newsroom_person:create"), {"name": "Someone New"}
    )
    assert refused.status_code == 302, "Wagtail's permission denied: back to the dashboard"
    assert not Person.objects.filter(name="Someone New").exists()


def test_the_french_story_shows_the_same_people_without_choosing_them_again(
    client,
    story,
    french_story,  # noqa: F811
):
    assert french_story.people_list == story.people_list
    html = client.get(french_story.url).content.decode()
    assert people_shown(html) == ["Ulf Kristersson", "Jens Stoltenberg"]


def test_the_french_story_follows_the_source_s_new_people(
    client,
    story,
    french_story,  # noqa: F811
    french,  # noqa: F811
    people,
    django_capture_on_commit_callbacks,
):
    story.people_mentioned = mentioning(people["Pål Jonson"], people["Ulf Kristersson"])
    publish(story)
    source = TranslationSource.objects.get_for_instance(story)
    source.update_from_db()
    translation = source.translations.get(target_locale=french)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    html = client.get(french_story.url).content.decode()
    assert people_shown(html) == ["Pål Jonson", "Ulf Kristersson"]
    assert people_shown(client.get(story.url).content.decode()) == [
        "Pål Jonson",
        "Ulf Kristersson",
    ]
