"""A translator finds what to translate from the admin's own menus, translates it, and sends it
to review; the translation goes live when a moderator approves it, not before."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from home.translation_desk import CHANGED, NEW, UNFINISHED, languages_translated_by, to_translate
from tests.admin_login import sign_in_to_admin
from tests.factories import StoryFactory, UserFactory, publish
from tests.translating import into_test_french, translate_strings

pytestmark = pytest.mark.django_db


def member_of(role, email):
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def french(db):
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def french_desk(home, news_index, french, django_capture_on_commit_callbacks):
    """The French home page and news index published, as the demo has them."""
    chief = UserFactory(email="chief@example.org", is_staff=True, is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        for page in (home, news_index):
            source, _ = TranslationSource.get_or_create_from_instance(page)
            translation = Translation.objects.create(source=source, target_locale=french)
            translate_strings(translation, into_test_french)
            translation.save_target(user=chief, publish=True)
    return home.get_translation(french)


@pytest.fixture
def translator(db):
    return member_of("French translators", "translator@example.org")


@pytest.fixture
def translators_client(client, translator):
    return sign_in_to_admin(client, translator)


@pytest.fixture
def story(french_desk):
    return publish(StoryFactory(title="Sweden joins"))


def start_translating(client, story, french):
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[story.pk]),
        {"locales": [french.pk]},
    )
    assert response.status_code == 302, response.content[:2000]
    return Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(story), target_locale=french
    )


def jobs_of(user, story):
    return [job for job in to_translate(user) if job.source.pk == story.pk]


def test_translators_translate_into_their_own_language_only(translator, french, french_desk):
    editor = member_of("Editors", "editor@example.org")
    chief = UserFactory(email="chief@example.org", is_superuser=True)

    assert list(languages_translated_by(translator)) == [french]
    assert list(languages_translated_by(editor)) == []
    assert list(languages_translated_by(chief)) == [french]


def test_a_new_english_story_waits_in_the_translators_list(translator, story, french):
    StoryFactory(title="Not published yet", live=False)

    [job] = jobs_of(translator, story)

    assert job.status == NEW
    assert job.locale == french
    assert job.action_url == (
        reverse("wagtail_localize:submit_page_translation", args=[story.pk]) + "?select_locale=fr"
    )
    assert "Not published yet" not in [job.source.title for job in to_translate(translator)]


def test_a_translator_starts_a_translation_and_finds_it_again(
    translators_client, translator, story, french
):
    start_translating(translators_client, story, french)
    french_draft = story.get_translation(french)

    [job] = jobs_of(translator, story)

    assert not french_draft.live
    assert job.status == UNFINISHED
    assert job.action_url == reverse("wagtailadmin_pages:edit", args=[french_draft.pk])
    editor = translators_client.get(job.action_url)
    assert editor.status_code == 200
    translation = Translation.objects.get(
        target_locale=french, source__object_id=story.translation_key
    )
    submit_url = reverse("home_submit_translation_for_review", args=[translation.pk])
    html = editor.content.decode()
    assert f'action="{submit_url}"' in html
    assert "Submit for review" in html


def test_the_translator_finds_the_list_in_the_menu_and_on_the_dashboard(translators_client, story):
    dashboard = translators_client.get(reverse("wagtailadmin_home")).content.decode()
    listing = translators_client.get(reverse("home_to_translate"))

    assert reverse("home_to_translate") in dashboard
    assert "Sweden joins" in dashboard
    assert listing.status_code == 200
    assert "Sweden joins" in listing.content.decode()
    assert "Not translated yet" in listing.content.decode()


def test_other_roles_have_no_translation_list(client, story):
    sign_in_to_admin(client, member_of("Editors", "editor@example.org"))

    refused = client.get(reverse("home_to_translate"))

    assert refused.status_code == 302, "the admin's own refusal: back to the dashboard"
    assert refused.url == reverse("wagtailadmin_home")
    assert (
        reverse("home_to_translate")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_an_unfinished_translation_cannot_be_submitted(translators_client, story, french):
    translation = start_translating(translators_client, story, french)

    response = translators_client.post(
        reverse("home_submit_translation_for_review", args=[translation.pk]), follow=True
    )

    assert response.status_code == 200
    assert "segments are not translated yet" in response.content.decode()
    assert story.get_translation(french).current_workflow_state is None


def test_a_submitted_translation_goes_live_when_a_moderator_approves_it(
    client, translators_client, translator, story, french, django_capture_on_commit_callbacks
):
    translation = start_translating(translators_client, story, french)
    translate_strings(translation, into_test_french)

    with django_capture_on_commit_callbacks(execute=True):
        submitted = translators_client.post(
            reverse("home_submit_translation_for_review", args=[translation.pk])
        )

    assert submitted.status_code == 302
    french_story = story.get_translation(french)
    state = french_story.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not french_story.live
    assert jobs_of(translator, story) == []
    assert (
        translators_client.get(
            reverse("wagtailadmin_pages:edit", args=[french_story.pk])
        ).status_code
        == 200
    )

    client.logout()
    sign_in_to_admin(client, member_of("Moderators", "moderator@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[french_story.pk, "approve", state.current_task_state.pk],
            ),
            {"comment": ""},
        )

    french_story.refresh_from_db()
    assert french_story.live
    assert french_story.title == "FR: Sweden joins"
    assert french_story.slug == f"{story.slug}-fr"
    assert client.get(french_story.url).status_code == 200
    assert jobs_of(translator, story) == []


def test_a_changed_original_comes_back_to_the_translator(
    translator, story, french, django_capture_on_commit_callbacks
):
    source, _ = TranslationSource.get_or_create_from_instance(story)
    translation = Translation.objects.create(source=source, target_locale=french)
    translate_strings(translation, into_test_french)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert jobs_of(translator, story) == []

    story.title = "Sweden has joined"
    publish(story)

    [job] = jobs_of(translator, story)
    assert job.status == CHANGED
    french_story = story.get_translation(french)
    assert job.action_url == (
        reverse("wagtail_localize:update_translations", args=[source.pk])
        + "?next="
        + reverse("wagtailadmin_pages:edit", args=[french_story.pk]).replace("/", "%2F")
    )


def test_translators_cannot_turn_their_draft_into_a_live_alias_of_the_original(
    translators_client, story, french
):
    start_translating(translators_client, story, french)
    french_draft = story.get_translation(french)

    refused = translators_client.post(
        reverse("wagtail_localize:convert_to_alias", args=[french_draft.pk])
    )

    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    french_draft.refresh_from_db()
    assert french_draft.alias_of_id is None
    assert not french_draft.live


def test_syncing_translated_pages_publishes_nothing_for_a_translator(
    translators_client, story, french, django_capture_on_commit_callbacks
):
    translation = start_translating(translators_client, story, french)
    translate_strings(translation, into_test_french)

    with django_capture_on_commit_callbacks(execute=True):
        synced = translators_client.post(
            reverse("wagtail_localize:update_translations", args=[translation.source.pk]),
            {"publish_translations": "on"},
        )

    assert synced.status_code == 302
    assert not story.get_translation(french).live
