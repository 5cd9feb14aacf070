"""A translator takes an English story to a published French one with wagtail-localize."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from benchmarks.story_page import STORY_QUERY_BUDGET, story_page_queries
from newsroom.models import NewsStoryPage
from tests.admin_login import sign_in_to_admin
from tests.factories import ImageFactory, StoryFactory, UserFactory, VideoFactory, publish
from tests.translating import into_test_french, submit_for_translation, translate_strings

QUOTE = {
    "text": "I now count on a speedy ratification.",
    "speaker": "Jens Stoltenberg",
    "role": "NATO Secretary General",
    "context": "",
}


@pytest.fixture
def french(db):
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def admin_client(client, db):
    sign_in_to_admin(
        client, UserFactory(email="chief@example.org", is_staff=True, is_superuser=True)
    )
    return client


@pytest.fixture
def video(db):
    return VideoFactory(title="Press conference")


@pytest.fixture
def story(news_index, video):
    return publish(
        StoryFactory(
            title="Sweden accession talks",
            body=[
                {"type": "paragraph", "value": "<p>Leaders met in Stockholm.</p>"},
                {"type": "quote", "value": QUOTE},
                {"type": "video", "value": {"video": video.pk, "caption": "At the summit"}},
                {
                    "type": "image",
                    "value": {"image": ImageFactory().pk, "caption": "Arrival", "credit": ""},
                },
            ],
        )
    )


@pytest.fixture
def french_story(admin_client, home, story, french, django_capture_on_commit_callbacks):
    """The home page and its subtree submitted for French, every string translated, and the
    home page, the news index and the story published in French."""
    submit_for_translation(admin_client, home, french, include_subtree=True)
    with django_capture_on_commit_callbacks(execute=True):
        for page in (home, home.news_index, story):
            translation = TranslationSource.objects.get_for_instance(page).translations.get(
                target_locale=french
            )
            translate_strings(translation, into_test_french)
            translation.save_target(publish=True)
    return story.get_translation(french)


def test_the_french_story_shows_the_translated_quote_and_role(client, french_story, video):
    html = client.get(french_story.url).content.decode()

    assert french_story.url.startswith("/fr/")
    assert '<html lang="fr">' in html
    assert "FR: I now count on a speedy ratification." in html
    assert '<span class="quote__role">FR: NATO Secretary General</span>' in html
    assert "FR: At the summit" in html
    assert "FR: Arrival" in html
    assert "24 octobre 2023" in html


def test_the_date_and_the_video_stay_synchronised_with_the_source(french_story, story, video):
    videos = [block.value["video"] for block in french_story.body if block.block_type == "video"]

    assert videos == [video]
    assert french_story.date == story.date


def test_an_updated_source_is_synced_and_retranslated(
    admin_client, client, story, french_story, french, django_capture_on_commit_callbacks
):
    story.body[1].value["text"] = "Ratification must come quickly."
    publish(story)
    source = TranslationSource.objects.get_for_instance(story)
    translation = source.translations.get(target_locale=french)

    response = admin_client.post(reverse("wagtail_localize:update_translations", args=[source.pk]))

    assert response.status_code == 302
    total, translated = translation.get_progress()
    assert translated == total - 1, "the changed quote waits for its translation"
    translate_strings(translation, into_test_french)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert "FR: Ratification must come quickly." in client.get(french_story.url).content.decode()


def hreflang_links(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def test_hreflang_alternates_point_at_each_other(client, story, french_story):
    english_links = hreflang_links(client.get(story.url).content.decode())
    french_links = hreflang_links(client.get(french_story.url).content.decode())

    assert english_links == french_links
    assert english_links["en"].endswith(story.url)
    assert english_links["fr"].endswith(french_story.url)
    assert english_links["x-default"] == english_links["en"]


def switcher_link(html, language):
    return re.search(rf'<a href="([^"]+)" lang="{language}" hreflang="{language}">', html)[1]


def test_the_switcher_leads_to_the_same_story_in_the_other_language(client, story, french_story):
    assert switcher_link(client.get(story.url).content.decode(), "fr") == french_story.url
    assert switcher_link(client.get(french_story.url).content.decode(), "en") == story.url


def test_the_switcher_leads_to_the_french_home_when_there_is_no_translation(client, story):
    assert switcher_link(client.get(story.url).content.decode(), "fr") == "/fr/"
    assert client.get("/fr/").status_code == 200


def test_an_untranslated_story_shows_on_french_pages_as_the_english_original(
    client, french_story, news_index
):
    publish(StoryFactory(title="Only in English"))
    french_index = news_index.get_translation(french_story.locale)

    html = client.get(french_index.url).content.decode()

    assert "FR: Sweden accession talks" in html
    assert '<article class="card" lang="en">' in html
    assert "Only in English" in html
    assert "En anglais" in html


def test_a_po_file_exported_and_imported_translates_the_story(
    admin_client, client, story, french_story, french, django_capture_on_commit_callbacks
):
    import polib
    from django.core.files.uploadedfile import SimpleUploadedFile

    translation = TranslationSource.objects.get_for_instance(story).translations.get(
        target_locale=french
    )
    download = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    for entry in po:
        if entry.msgid == QUOTE["text"]:
            entry.msgstr = "Je compte sur une ratification rapide."

    upload = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("story.po", str(po).encode(), "text/x-gettext-translation")},
    )

    assert upload.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert "Je compte sur une ratification rapide." in client.get(french_story.url).content.decode()


def test_the_story_page_stays_within_its_query_budget_with_translations(french_story, story):
    assert len(story_page_queries(story.url)) <= STORY_QUERY_BUDGET
    assert len(story_page_queries(french_story.url)) <= STORY_QUERY_BUDGET


def test_an_empty_optional_text_in_a_quote_does_not_break_translation(news_index):
    stored_quote = {"text": "Quoted.", "speaker": "A speaker", "role": None}
    story = publish(StoryFactory(body=[{"type": "quote", "value": stored_quote}]))

    source, _ = TranslationSource.get_or_create_from_instance(story)

    strings = {segment.string.data for segment in source.stringsegment_set.all()}
    assert {"Quoted.", "A speaker"} <= strings


def test_french_translators_edit_french_pages_only_and_publish_nothing(story, french_story):
    translator = UserFactory(email="translator@example.org")
    translator.groups.add(Group.objects.get(name="French translators"))
    on_french = NewsStoryPage.objects.get(pk=french_story.pk).permissions_for_user(translator)
    on_english = NewsStoryPage.objects.get(pk=story.pk).permissions_for_user(translator)

    assert translator.has_perm("wagtail_localize.submit_translation")
    assert translator.has_perm("wagtailadmin.access_admin")
    assert on_french.can_edit()
    assert not on_french.can_publish() and not on_french.can_unpublish()
    assert not on_english.can_edit()


def test_topics_are_synchronised_and_related_stories_follow_the_reader_language(
    admin_client, client, home, french, news_index, django_capture_on_commit_callbacks
):
    background = publish(StoryFactory(title="Background"))
    story = StoryFactory(title="Main", topics=["Sweden"])
    story.related.create(story=background)
    publish(story)
    submit_for_translation(admin_client, home, french, include_subtree=True)
    with django_capture_on_commit_callbacks(execute=True):
        for page in (home, home.news_index, story, background):
            translation = TranslationSource.objects.get_for_instance(page).translations.get(
                target_locale=french
            )
            translate_strings(translation, into_test_french)
            translation.save_target(publish=True)
    french_story = story.get_translation(french)

    html = client.get(french_story.url).content.decode()

    assert [topic.name for topic in french_story.topics.all()] == ["Sweden"]
    assert "FR: Background" in html
    assert background.get_translation(french).url in html


def test_the_sitemap_declares_each_page_translations(client, story, french_story):
    from xml.etree import ElementTree

    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = {
        url.findtext("s:loc", namespaces=namespaces): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)
        }
        for url in sitemap.findall("s:url", namespaces)
    }

    english = entries[f"http://testserver{story.url}"]
    assert english["fr"] == f"http://testserver{french_story.url}"
    assert entries[f"http://testserver{french_story.url}"] == english
    assert english["x-default"] == f"http://testserver{story.url}"


@pytest.fixture
def french_desk(admin_client, home, news_index, french, django_capture_on_commit_callbacks):
    """The French home page and news index published, as the demo has them."""
    with django_capture_on_commit_callbacks(execute=True):
        for page in (home, news_index):
            translation = submit_for_translation(admin_client, page, french)
            translate_strings(translation, into_test_french)
            translation.save_target(publish=True)
    return home.get_translation(french)


def test_a_story_submitted_for_translation_is_a_french_draft_until_published(
    admin_client, client, french_desk, story, french, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_translation(admin_client, story, french)
    draft = story.get_translation(french)

    assert not draft.live
    assert client.get(draft.url).status_code == 404
    french_home = client.get(french_desk.url).content.decode()
    assert '<article class="card card--lead" lang="en">' in french_home
    assert 'hreflang="en">Sweden accession talks</a>' in french_home


def test_a_subtree_submitted_for_translation_makes_drafts_only(
    admin_client, client, home, story, french, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_translation(admin_client, home, french, include_subtree=True)

    french_pages = Page.objects.filter(locale=french)
    assert french_pages.count() == home.get_descendants(inclusive=True).count()
    assert not french_pages.filter(live=True).exists()
