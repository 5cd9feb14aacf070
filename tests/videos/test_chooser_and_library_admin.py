"""The video admin as the desk uses it: one chooser for the hero and the body listing every
video a story writer may choose, and the upload, list and edit pages of the library."""

import json

import pytest
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsroom.blocks import StoryBodyBlock
from newsroom.models import NewsStoryPage
from tests.admin_login import sign_in_to_admin
from tests.factories import UserFactory, VideoFactory
from videos.models import CaptionTrack, Video

pytestmark = pytest.mark.django_db


def member_of(role, email):
    person = UserFactory(email=email, is_staff=True)
    person.groups.add(Group.objects.get(name=role))
    return person


@pytest.fixture
def video_manager():
    return member_of("Video managers", "video-manager@example.org")


@pytest.fixture
def library(video_manager):
    """Two videos uploaded by the video manager: one processed, one being processed."""
    ready = VideoFactory(title="Summit arrivals", duration=65.4, uploaded_by_user=video_manager)
    processing = VideoFactory(title="Press conference", uploaded_by_user=video_manager)
    Video.objects.filter(pk=processing.pk).update(status=Video.Status.PROCESSING, progress=40)
    return ready, processing


@pytest.mark.parametrize("role", ["Editors", "Moderators"])
def test_story_writers_choose_from_every_video_not_only_their_own(client, library, role):
    ready, _processing = library
    sign_in_to_admin(client, member_of(role, "writer@example.org"))

    page = client.get(reverse("videos_chooser:choose")).content.decode()

    assert "Summit arrivals" in page and "Press conference" in page
    assert ready.poster_url in page
    assert "1:05" in page, "the duration, as a clock reads it"
    assert "Ready" in page and "Processing" in page
    chosen = client.get(reverse("videos_chooser:chosen", args=[ready.pk]))
    assert json.loads(chosen.content)["result"]["title"] == "Summit arrivals"


def test_the_chooser_offers_no_upload(client, library):
    sign_in_to_admin(client, member_of("Editors", "writer@example.org"))

    response = client.get(reverse("videos_chooser:choose"))

    assert response.context["can_create"] is False or "creation_form" not in response.context
    assert 'type="file"' not in response.content.decode()


def test_someone_who_may_not_choose_videos_gets_none(client, library):
    translator = member_of("French translators", "traductrice@example.org")
    sign_in_to_admin(client, translator)

    page = client.get(reverse("videos_chooser:choose")).content.decode()
    chosen = client.get(reverse("videos_chooser:chosen", args=[library[0].pk]))

    assert "Summit arrivals" not in page
    assert chosen.status_code != 200 and "Summit arrivals" not in chosen.content.decode()


def test_the_hero_and_the_body_use_the_same_chooser():
    form_class = NewsStoryPage.get_edit_handler().get_form_class()
    hero_widget = form_class.base_fields["hero_video"].widget
    body_widget = StoryBodyBlock().child_blocks["video"].child_blocks["video"].widget

    assert type(hero_widget) is type(body_widget)
    assert hero_widget.get_chooser_modal_url() == reverse("videos_chooser:choose")


def test_an_upload_lands_on_the_new_videos_edit_page(client, video_manager):
    sign_in_to_admin(client, video_manager)

    response = client.post(
        "/admin/media/video/add/",
        {
            "title": "New master",
            "file": SimpleUploadedFile("new.mp4", b"not really a video"),
            "collection": 1,
            "shot_list_text": "",
        },
    )

    video = Video.objects.get(title="New master")
    assert response.status_code == 302
    assert response.url == reverse("wagtailmedia:edit", args=[video.pk])


def test_the_upload_form_asks_only_for_what_a_person_provides(client, video_manager):
    sign_in_to_admin(client, video_manager)

    form = client.get("/admin/media/video/add/").context["form"]

    assert {"title", "file", "description", "recorded_on"} <= set(form.fields)
    assert not {"thumbnail", "preview", "duration", "width", "height"} & set(form.fields)


def test_the_library_offers_videos_only(client, video_manager):
    sign_in_to_admin(client, video_manager)

    page = client.get("/admin/media/").content.decode()

    assert "Add video" in page and "Add audio" not in page
    assert client.get("/admin/media/audio/add/").url == "/admin/media/video/add/"


def test_the_list_shows_poster_duration_and_status(client, library, video_manager):
    ready, _processing = library
    sign_in_to_admin(client, video_manager)

    page = client.get("/admin/media/").content.decode()

    for heading in ("Poster", "Duration", "Processing status"):
        assert f'<th scope="col">{heading}</th>' in page
    assert ready.poster_url in page
    assert "1:05" in page
    assert "Processing (40 %)" in page


def test_the_edit_page_refreshes_the_processing_status_by_itself(client, library, video_manager):
    _ready, processing = library
    sign_in_to_admin(client, video_manager)
    status_url = reverse("videos_processing_status", args=[processing.pk])

    page = client.get(reverse("wagtailmedia:edit", args=[processing.pk])).content.decode()
    assert 'aria-live="polite"' in page and f'data-status-url="{status_url}"' in page
    assert "videos/processing-status" in page

    Video.objects.filter(pk=processing.pk).update(status=Video.Status.READY, progress=100)
    state = client.get(status_url).json()
    assert (state["status"], state["progress"]) == ("ready", 100)
    assert "SHA-256 of the master" in state["html"]


def test_only_those_who_may_edit_a_video_read_its_status(client, library):
    sign_in_to_admin(client, member_of("Editors", "writer@example.org"))

    response = client.get(reverse("videos_processing_status", args=[library[1].pk]))

    assert response.status_code != 200 and b"Press conference" not in response.content


def test_the_current_caption_files_are_named(client, library, video_manager):
    ready, _processing = library
    CaptionTrack.objects.create(
        video=ready,
        language="fr",
        file=SimpleUploadedFile("summit-arrivals-fr.vtt", b"WEBVTT\n"),
    )
    sign_in_to_admin(client, video_manager)

    form = client.get(reverse("wagtailmedia:edit", args=[ready.pk])).context["form"]

    assert "summit-arrivals-fr" in str(form.fields["captions_fr"].help_text)
    assert "Current file" not in str(form.fields["captions_en"].help_text)


def test_the_checksum_wraps_inside_the_side_panel(client, library, video_manager):
    ready, _processing = library
    sign_in_to_admin(client, video_manager)

    page = client.get(reverse("wagtailmedia:edit", args=[ready.pk])).content.decode()

    assert '<code class="video-checksum">' in page and "videos/admin.css" in page
    with open(finders.find("videos/admin.css")) as stylesheet:
        assert "overflow-wrap: anywhere" in stylesheet.read()


def test_the_permission_to_choose_videos_is_granted_in_the_group_editor(client):
    sign_in_to_admin(
        client, UserFactory(email="chief@example.org", is_staff=True, is_superuser=True)
    )
    editors = Group.objects.get(name="Editors")

    page = client.get(reverse("wagtailusers_groups:edit", args=[editors.pk])).content.decode()

    assert "Choosing videos" in page and "Choose any video for a story" in page
    assert "choose_media_permissions-0-collection" in page, "the editors' grant is listed"
