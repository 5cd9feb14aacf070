"""Topics are a vocabulary translated with wagtail-localize: a French page names a story's
topics in French, while the topic's address, its filters, feeds and facets stay one."""

import json
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.forms.models import apply_limit_choices_to_to_formfield
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from newsroom.models import NewsStoryPage
from newsroom.topics import Topic
from tests.factories import StoryFactory, publish
from tests.translating import into_test_french, submit_for_translation, translate_strings

pytestmark = pytest.mark.django_db


@pytest.fixture
def french(db):
    return Locale.objects.get(language_code="fr")


def translate_snippet(instance, locale, text):
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.create(source=source, target_locale=locale)
    translate_strings(translation, lambda path, _text: text)
    translation.save_target(publish=True)
    return instance.get_translation(locale)


@pytest.fixture
def story_in_two_languages(
    admin_client, home, news_index, french, django_capture_on_commit_callbacks
):
    """A story on Sweden in English and French; the topic is translated "Suède"."""
    story = publish(StoryFactory(title="Accession talks", topics=["Sweden"]))
    translate_snippet(Topic.objects.get(name="Sweden"), french, "Suède")
    submit_for_translation(admin_client, home, french, include_subtree=True)
    with django_capture_on_commit_callbacks(execute=True):
        for page in (home, home.news_index, story):
            translation = TranslationSource.objects.get_for_instance(page).translations.get(
                target_locale=french
            )
            translate_strings(translation, into_test_french)
            translation.save_target(publish=True)
    return story, story.get_translation(french)


def test_the_french_story_names_its_topics_in_french(client, story_in_two_languages):
    story, french_story = story_in_two_languages

    english = client.get(story.url).content.decode()
    french = client.get(french_story.url).content.decode()

    assert '?topic=sweden">Sweden</a>' in english
    assert '?topic=sweden">Suède</a>' in french and ">Sweden<" not in french
    assert '<meta property="article:tag" content="Suède">' in french


def test_a_topic_renamed_shows_at_once_on_the_cached_story_page(client, story_in_two_languages):
    _story, french_story = story_in_two_languages
    client.get(french_story.url)

    french_topic = Topic.objects.get(name="Suède")
    french_topic.name = "Royaume de Suède"
    french_topic.save()

    assert "Royaume de Suède" in client.get(french_story.url).content.decode()


def test_the_french_index_filters_by_the_same_address_and_offers_french_names(
    client, story_in_two_languages
):
    _story, french_story = story_in_two_languages
    index_url = french_story.get_parent().url

    response = client.get(f"{index_url}?topic=sweden")

    assert "FR: Accession talks" in response.content.decode()
    assert [topic.name for topic in response.context["topics"]] == ["Suède"]


def test_the_french_search_and_feed_name_topics_in_french(client, story_in_two_languages):
    facets = client.get("/fr/search/").context["topics"]
    feed = ElementTree.fromstring(client.get("/fr/feeds/rss/").content)

    assert facets == [("sweden", "Suède")]
    assert [category.text for category in feed.iter("category")] == ["Suède"]
    assert client.get("/fr/search/?topic=sweden").context["results"]


def test_the_french_story_is_found_by_its_french_topic_name(client, story_in_two_languages):
    results = client.get("/fr/search/?q=Suède").context["results"]

    assert [result.title for result in results] == ["FR: Accession talks"]


def test_the_structured_data_keywords_are_in_the_pages_language(client, story_in_two_languages):
    _story, french_story = story_in_two_languages

    html = client.get(french_story.url).content.decode()
    article = json.loads(
        html.split('<script type="application/ld+json"', 1)[1]
        .split(">", 1)[1]
        .split("</script>", 1)[0]
    )

    assert article["keywords"] == ["Suède"]


def test_a_topic_is_translated_in_the_admin_like_a_story(admin_client, db):
    topic = Topic.objects.create(name="Defence", locale=Locale.get_default())

    response = admin_client.get(
        reverse("wagtail_localize:submit_snippet_translation", args=["newsroom", "topic", topic.pk])
    )

    assert response.status_code == 200
    assert topic.slug == "defence"


def test_a_story_is_given_topics_of_the_default_language_only(french):
    english = Topic.objects.create(name="Defence", locale=Locale.get_default())
    Topic.objects.create(
        name="Défense", slug="defence", locale=french, translation_key=english.translation_key
    )

    field = NewsStoryPage.get_edit_handler().get_form_class().base_fields["topics"]
    apply_limit_choices_to_to_formfield(field)

    assert list(field.queryset) == [english]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_turns_each_storys_tags_into_topics_and_back(news_index):
    executor = MigrationExecutor(connection)
    before, after = (
        [("newsroom", "0004_record_videos_on_published_pages")],
        [("newsroom", "0005_topics_become_a_translatable_vocabulary")],
    )
    story = StoryFactory(title="Tagged")
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    tag = old.get_model("taggit", "Tag").objects.create(
        name="Critical infrastructure", slug="critical-infrastructure"
    )
    old.get_model("newsroom", "StoryTopic").objects.create(content_object_id=story.pk, tag=tag)

    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    topic = new.get_model("newsroom", "Topic").objects.get()
    assert (topic.pk, topic.name, topic.slug) == (
        tag.pk,
        "Critical infrastructure",
        "critical-infrastructure",
    )
    assert list(
        new.get_model("newsroom", "NewsStoryPage").objects.get(pk=story.pk).topics.all()
    ) == [topic]
    fresh = new.get_model("newsroom", "Topic").objects.create(
        name="Fresh", slug="fresh", locale_id=topic.locale_id
    )
    assert fresh.pk > topic.pk, "ids given after the migration follow the kept ones"

    executor.loader.build_graph()
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    assert list(
        old.get_model("newsroom", "StoryTopic").objects.values_list(
            "content_object_id", "tag__slug"
        )
    ) == [(story.pk, "critical-infrastructure")]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_french_newsletter_form_offers_the_topics_in_french(client, story_in_two_languages):
    english_topic = Topic.objects.get(name="Sweden")

    french_form = client.get("/fr/newsletter/").context["form"]
    english_form = client.get("/en/newsletter/").context["form"]

    assert list(french_form.fields["topics"].choices) == [(english_topic.pk, "Suède")]
    assert list(english_form.fields["topics"].choices) == [(english_topic.pk, "Sweden")]
