"""A video's title, description and transcript are translated with wagtail-localize, as a
story is, while its media stays one for every language."""

import html
import json
import re
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page, Revision
from wagtail.search import index
from wagtail_localize.models import Translation, TranslationSource

from home.translation_desk import CHANGED, NEW, VideoTextJob, to_translate
from newsroom.models import NewsStoryPage, VideoLibraryPage
from tests.admin_login import sign_in_to_admin
from tests.factories import UserFactory, VideoFactory, publish
from tests.translating import into_test_french, submit_for_translation, translate_strings
from tests.videos.conftest import story_showing
from videos.models import CaptionTrack, Video
from videos.texts import VideoText

pytestmark = pytest.mark.django_db

TITLE = "Press conference in Stockholm"
DESCRIPTION = "The Secretary General meets the Prime Minister."
TRANSCRIPT = "Good morning and welcome."


@pytest.fixture
def french(db):
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def chief_client(client, db):
    sign_in_to_admin(
        client, UserFactory(email="chief@example.org", is_staff=True, is_superuser=True)
    )
    return client


@pytest.fixture
def translator():
    person = UserFactory(email="traductrice@example.org")
    person.groups.add(Group.objects.get(name="French translators"))
    return person


@pytest.fixture
def translator_client(translator):
    """The translator's own browser, beside the chief editor's."""
    client = Client()
    sign_in_to_admin(client, translator)
    return client


@pytest.fixture
def video(db):
    return VideoFactory(title=TITLE, description=DESCRIPTION, transcript=TRANSCRIPT)


@pytest.fixture
def story(news_index, video):
    return publish(story_showing(video, title="Accession talks"))


@pytest.fixture
def french_site(chief_client, home, story, french, django_capture_on_commit_callbacks):
    """The English tree translated into French and published: home, news, videos, story."""
    submit_for_translation(chief_client, home, french, include_subtree=True)
    with django_capture_on_commit_callbacks(execute=True):
        for page in (
            Page.objects.live()
            .descendant_of(home, inclusive=True)
            .filter(locale=Locale.get_default())
        ):
            source = TranslationSource.objects.get_for_instance_or_none(page)
            if source is None:
                continue
            translation = source.translations.get(target_locale=french)
            translate_strings(translation, into_test_french)
            translation.save_target(publish=True)
    return {
        "story": NewsStoryPage.objects.get(translation_key=story.translation_key, locale=french),
        "library": VideoLibraryPage.objects.get(locale=french),
    }


def start_translation(client, video, locale):
    """ "Translate" on the translator's desk: wagtail-localize makes a draft translation."""
    source_text = video.texts.get(locale=Locale.get_default())
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["videos", "videotext", source_text.pk],
    )
    response = client.post(url, {"locales": [locale.pk]})
    assert response.status_code == 302, response.content[:2000]
    return Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(source_text), target_locale=locale
    )


def video_page(client, library, video):
    return client.get(f"{library.url}{video.pk}/").content.decode()


def test_a_video_has_its_text_in_the_default_language_and_editing_the_video_edits_it(video):
    text = video.texts.get()
    assert (text.locale, text.title, text.description, text.transcript) == (
        Locale.get_default(),
        TITLE,
        DESCRIPTION,
        TRANSCRIPT,
    )
    assert text.live
    first_published = text.last_published_at

    video.title = "Press conference, Stockholm"
    video.save()

    text.refresh_from_db()
    assert text.title == "Press conference, Stockholm"
    assert text.last_published_at > first_published
    assert VideoText.objects.filter(video=video).count() == 1


def test_processing_a_video_leaves_its_text_alone(video):
    text = video.texts.get()
    video.progress = 50
    video.save(update_fields=["progress"])
    assert video.texts.get().last_published_at == text.last_published_at


def test_french_pages_show_the_english_text_marked_english_until_the_translation_is_published(
    client, chief_client, video, french, french_site, django_capture_on_commit_callbacks
):
    translation = start_translation(chief_client, video, french)
    translate_strings(translation, into_test_french)
    draft = VideoText.objects.get(video=video, locale=french)
    assert not draft.live
    # Indexed for search as a committed save would be (on PostgreSQL, on commit).
    index.insert_or_update_object(video)

    pages = {
        "video page": lambda: video_page(client, french_site["library"], video),
        "library": lambda: client.get(french_site["library"].url).content.decode(),
        "story": lambda: client.get(french_site["story"].url).content.decode(),
        "search": lambda: client.get("/fr/search/?q=press&kind=video").content.decode(),
    }
    for name, read in pages.items():
        shown = read()
        assert "FR: " + TITLE not in shown, name
        assert f'lang="en">{TITLE}' in shown, name
    page = video_page(client, french_site["library"], video)
    assert f'<h1 lang="en">{TITLE}</h1>' in page
    assert f'<p class="lede" lang="en">{DESCRIPTION}</p>' in page
    transcript = re.search(r'<section class="transcript"[^>]*>', page)[0]
    assert 'lang="en"' in transcript

    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    for name, read in pages.items():
        shown = read()
        assert f"FR: {TITLE}" in shown, name
        assert f'lang="en">{TITLE}' not in shown, name
    page = video_page(client, french_site["library"], video)
    assert f"<h1>FR: {TITLE}</h1>" in page
    assert f"FR: {TRANSCRIPT}" in page
    structured = json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)[1]
    )
    assert (structured["name"], structured["inLanguage"]) == (f"FR: {TITLE}", "fr")
    english = client.get(f"/en/videos/{video.pk}/").content.decode()
    assert f"<h1>{TITLE}</h1>" in english and "FR: " not in english


def test_the_video_library_reads_every_video_s_text_in_one_query(client, news_index, french_site):
    library = french_site["library"]

    def queries_with_more_videos(count):
        for _ in range(count):
            publish(story_showing(VideoFactory()))
        client.get(library.url)  # the language links and section addresses, cached after
        with CaptureQueriesContext(connection) as captured:
            assert client.get(library.url).status_code == 200
        return len(captured)

    assert queries_with_more_videos(2) == queries_with_more_videos(4)


def test_the_translator_publishes_in_wagtail_localize_s_editor(
    translator, translator_client, video, french_site, french, django_capture_on_commit_callbacks
):
    jobs = video_text_jobs(translator)
    assert [(job.source.title, job.status) for job in jobs] == [(TITLE, NEW)]
    desk = translator_client.get(reverse("home_to_translate")).content.decode()
    assert TITLE in desk and html.escape(jobs[0].action_url) in desk

    translation = start_translation(translator_client, video, french)
    translate_strings(translation, into_test_french)
    text = VideoText.objects.get(video=video, locale=french)
    edit_url = reverse("wagtailsnippets_videos_videotext:edit", args=[text.pk])
    assert translator_client.get(edit_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(edit_url, {"action": "publish"})
    assert response.status_code == 302

    text.refresh_from_db()
    assert text.live and text.title == f"FR: {TITLE}"
    assert video.text_in("fr").title == f"FR: {TITLE}"
    assert not video_text_jobs(translator)

    video.description = "The Secretary General and the Prime Minister meet."
    video.save()
    jobs = video_text_jobs(translator)
    assert [(job.source.title, job.status) for job in jobs] == [(TITLE, CHANGED)]
    assert jobs[0].action_url.startswith(
        reverse("wagtail_localize:update_translations", args=[jobs[0].translation_source.pk])
    )


def video_text_jobs(user):
    return [job for job in to_translate(user) if isinstance(job, VideoTextJob)]


def test_the_default_language_text_is_edited_on_the_video(chief_client, video):
    text = video.texts.get()
    edit_url = reverse("wagtailsnippets_videos_videotext:edit", args=[text.pk])
    response = chief_client.get(edit_url)
    assert response.status_code == 302
    assert response.url == reverse("wagtailmedia:edit", args=[video.pk])


def test_the_story_translation_editor_names_its_videos_by_their_titles(
    chief_client, video, news_index, french
):
    hero = VideoFactory(title="Arrival at the summit")
    story = publish(story_showing(video, hero_video=hero))
    translation = submit_for_translation(chief_client, story, french)
    french_story = translation.get_target_instance()

    page = chief_client.get(reverse("wagtailadmin_pages:edit", args=[french_story.pk]))
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', page.content.decode())[1]))
    shown = {
        segment["contentPath"].rsplit(".", 1)[-1]: segment["value"]
        for segment in props["segments"]
        if segment["type"] == "synchronised_value"
    }
    assert (shown["video"], shown["hero_video"]) == (TITLE, "Arrival at the summit")


def test_deleting_a_video_deletes_its_texts_and_its_files_once(
    chief_client, video, french, django_capture_on_commit_callbacks
):
    translation = start_translation(chief_client, video, french)
    translate_strings(translation, into_test_french)
    translation.save_target(publish=True)
    french_text = VideoText.objects.get(video=video, locale=french)
    assert Revision.objects.for_instance(french_text).exists()
    storage = video.file.storage
    names = {video.file.name, video.preview.name, video.thumbnail.name}
    assert all(storage.exists(name) for name in names)

    CaptionTrack.objects.create(
        video=video, language="fr", file=ContentFile(b"WEBVTT\n", name="captions-fr.vtt")
    )
    names.add(video.captions.get().file.name)

    with (
        mock.patch.object(storage, "delete", wraps=storage.delete) as delete,
        django_capture_on_commit_callbacks(execute=True),
    ):
        Video.objects.get(pk=video.pk).delete()

    assert not VideoText.objects.filter(video_id=video.pk).exists()
    assert not Revision.objects.for_instance(french_text).exists()
    deleted = [call.args[0] for call in delete.call_args_list]
    assert sorted(deleted) == sorted(names)
    assert not any(storage.exists(name) for name in names)
