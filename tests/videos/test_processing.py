"""An uploaded master becomes a playable preview, a poster and exact metadata."""

import hashlib
import math
from fractions import Fraction
from pathlib import Path
from unittest import mock

import av
import pytest
from django.core.files.base import ContentFile
from wagtail.models import ModelLogEntry

from tests.admin_login import sign_in_to_admin
from videos.models import Video
from videos.processing import process_video
from videos.test_pattern import render_test_pattern


def clip(tmp_path, **size):
    path = tmp_path / "master.mp4"
    render_test_pattern(str(path), seconds=1, **size)
    return path.read_bytes()


def video_with_master(content, name="master.mp4"):
    video = Video(title="Upload")
    video.file.save(name, ContentFile(content), save=False)
    video.save()
    return video


@pytest.fixture
def tall_master(tmp_path):
    return clip(tmp_path, width=1280, height=960)


@pytest.mark.django_db
def test_processing_fills_in_metadata_checksum_poster_and_preview(tall_master):
    video = process_video(video_with_master(tall_master))

    assert video.status == Video.Status.READY and video.progress == 100
    assert (video.width, video.height) == (1280, 960)
    assert video.frame_rate == 25
    assert (video.video_codec, video.audio_codec) == ("h264", "aac")
    assert math.isclose(video.duration, 1, abs_tol=0.1)
    assert video.file_size == len(tall_master)
    assert video.sha256 == hashlib.sha256(tall_master).hexdigest()
    with video.thumbnail.open("rb") as poster:
        assert poster.read(3) == b"\xff\xd8\xff", "the poster is a JPEG"


@pytest.mark.django_db
def test_the_preview_is_h264_aac_at_most_720p_and_starts_playing_early(tall_master):
    video = process_video(video_with_master(tall_master))

    with video.preview.open("rb") as preview:
        data = preview.read()
    assert data.index(b"moov") < data.index(b"mdat"), "faststart: the index comes first"
    with video.preview.open("rb") as preview, av.open(preview) as container:
        picture = container.streams.video[0].codec_context
        assert (picture.name, picture.width, picture.height) == ("h264", 960, 720)
        assert container.streams.audio[0].codec_context.name == "aac"
    assert video.preview_url == f"/video-files/{video.pk}/preview/{Path(video.preview.name).name}"
    assert not video.file.url.startswith("/media/")


@pytest.mark.django_db
def test_a_master_longer_than_one_keyframe_interval_gives_a_preview_as_long(tmp_path):
    """The pattern's encoder puts a keyframe every 250 frames (10 s): a preview whose frames
    carried no timestamps failed at the second one, and its picture lasted one frame."""
    path = tmp_path / "long.mp4"
    render_test_pattern(str(path), seconds=12, width=320, height=180)

    video = process_video(video_with_master(path.read_bytes()))

    assert video.status == Video.Status.READY, video.failure_reason
    with video.preview.open("rb") as preview, av.open(preview) as container:
        picture, sound = container.streams.video[0], container.streams.audio[0]
        assert picture.frames == 300
        assert math.isclose(picture.duration * picture.time_base, 12, abs_tol=0.1)
        assert math.isclose(sound.duration * sound.time_base, 12, abs_tol=0.1)


@pytest.mark.django_db
def test_a_file_that_is_not_video_fails_with_a_reason_and_no_crash():
    video = process_video(video_with_master(b"this is not a video at all", name="notes.mp4"))

    assert video.status == Video.Status.FAILED
    assert "could not be read as a video" in video.failure_reason
    assert not video.preview


@pytest.mark.django_db
def test_a_sound_file_without_pictures_fails_with_a_reason(tmp_path):
    path = tmp_path / "sound.mp4"
    with av.open(str(path), mode="w", format="mp4") as container:
        stream = container.add_stream("aac", rate=48000, layout="mono")
        frame = av.AudioFrame(format="fltp", layout="mono", samples=1024)
        frame.planes[0].update(bytes(4096))
        frame.sample_rate, frame.pts, frame.time_base = 48000, 0, Fraction(1, 48000)
        container.mux(stream.encode(frame))
        container.mux(stream.encode())

    video = process_video(video_with_master(path.read_bytes()))

    assert video.status == Video.Status.FAILED
    assert "no video picture" in video.failure_reason


@pytest.mark.django_db
def test_saving_a_new_master_starts_processing(tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        video = video_with_master(clip(tmp_path))

    video.refresh_from_db()
    assert video.status == Video.Status.READY
    assert video.preview


@pytest.mark.django_db
def test_editing_a_processed_video_does_not_process_it_again(
    tmp_path, django_capture_on_commit_callbacks
):
    video = process_video(video_with_master(clip(tmp_path)))
    video = Video.objects.get(pk=video.pk)

    with (
        mock.patch("videos.signals.process_video_task.delay") as processing,
        django_capture_on_commit_callbacks(execute=True),
    ):
        video.title = "New title"
        video.save()

    processing.assert_not_called()
    assert Video.objects.get(pk=video.pk).status == Video.Status.READY


@pytest.mark.django_db
def test_an_editor_sees_the_status_and_can_process_again(
    client, tmp_path, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    sign_in_to_admin(client, UserFactory(is_staff=True, is_superuser=True))
    video = process_video(video_with_master(b"not a video", name="broken.mp4"))
    edit_page = client.get(f"/admin/media/edit/{video.pk}/").content.decode()
    assert "could not be read as a video" in edit_page

    video.file.save("fixed.mp4", ContentFile(clip(tmp_path)), save=False)
    Video.objects.filter(pk=video.pk).update(file=video.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/videos/{video.pk}/process-again/")

    assert response.status_code == 302
    assert Video.objects.get(pk=video.pk).status == Video.Status.READY
    assert ModelLogEntry.objects.filter(action="videos.process_again", object_id=str(video.pk))


@pytest.mark.django_db
def test_processing_again_needs_an_editor(client, db):
    from tests.factories import UserFactory, VideoFactory

    video = VideoFactory()
    client.force_login(UserFactory())

    response = client.post(f"/admin/videos/{video.pk}/process-again/")

    assert response.status_code in (302, 403)
    assert Video.objects.get(pk=video.pk).status == Video.Status.READY
