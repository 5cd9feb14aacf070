"""What an editor does with a video in the admin beyond uploading it: the upload limit, the
shot list, caption files; and the download report."""

import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from wagtail.users.models import UserProfile

from tests.admin_login import sign_in_to_admin
from tests.factories import UserFactory, VideoFactory
from videos.forms import parse_shot_list
from videos.models import Download, Video

pytestmark = pytest.mark.django_db


def edit_form_data(video, **changes):
    return {
        "title": video.title,
        "collection": video.collection_id,
        "shot_list_text": "",
        "tags": "",
        **changes,
    }


def edit(editor_client, video, **changes):
    return editor_client.post(f"/admin/media/edit/{video.pk}/", edit_form_data(video, **changes))


@override_settings(VIDEO_MAX_UPLOAD_BYTES=1024 * 1024)
def test_the_upload_form_says_how_large_a_master_may_be(editor_client):
    page = editor_client.get("/admin/media/video/add/").content.decode()

    assert "Files up to 1.0\xa0MB are accepted." in page


@override_settings(VIDEO_MAX_UPLOAD_BYTES=1024)
def test_a_master_over_the_limit_is_refused_with_its_size_and_the_limit(editor_client):
    response = editor_client.post(
        "/admin/media/video/add/",
        {
            "title": "Too big",
            "file": SimpleUploadedFile("big.mp4", b"x" * 2048),
            "collection": 1,
            "shot_list_text": "",
        },
    )

    assert "This file is 2.0\xa0KB; the largest master accepted is 1.0\xa0KB." in (
        response.content.decode()
    )
    assert not Video.objects.filter(title="Too big").exists()


def test_the_shot_list_is_entered_as_lines_and_kept_as_rows(editor_client):
    video = VideoFactory()

    edit(editor_client, video, shot_list_text="00:00:05 Wide shot\n\n00:01:10.12 Close-up\n")

    assert Video.objects.get(pk=video.pk).shot_list == [
        {"timecode": "00:00:05", "description": "Wide shot"},
        {"timecode": "00:01:10.12", "description": "Close-up"},
    ]
    page = editor_client.get(f"/admin/media/edit/{video.pk}/").content.decode()
    assert "00:00:05 Wide shot\n00:01:10.12 Close-up" in page


def test_a_shot_list_line_without_a_timecode_is_refused_and_named():
    with pytest.raises(Exception) as refused:
        parse_shot_list("00:00:05 Wide shot\nno timecode\n00:00:09 Fine\nalso wrong")

    assert "Line 2, 4 should start with a timecode" in str(refused.value.messages)


def test_a_bad_shot_list_keeps_everything_the_editor_typed(editor_client):
    video = VideoFactory(title="Before")

    response = edit(editor_client, video, title="After", shot_list_text="no timecode here")

    page = response.content.decode()
    assert "should start with a timecode" in page
    assert "no timecode here" in page and 'value="After"' in page
    assert Video.objects.get(pk=video.pk).title == "Before"


def test_caption_files_are_uploaded_replaced_and_removed_per_language(editor_client):
    video = VideoFactory()

    edit(
        editor_client,
        video,
        captions_en=SimpleUploadedFile("en.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"),
        captions_fr=SimpleUploadedFile("fr.vtt", b"\xef\xbb\xbfWEBVTT\n"),
    )
    assert sorted(video.captions.values_list("language", flat=True)) == ["en", "fr"]

    edit(editor_client, video, captions_en=SimpleUploadedFile("en.vtt", b"WEBVTT\n\nNew"))
    with video.captions.get(language="en").file.open("rb") as replaced:
        assert replaced.read().endswith(b"New")

    edit(editor_client, video, remove_captions_fr="on")
    assert list(video.captions.values_list("language", flat=True)) == ["en"]


def test_a_caption_file_that_is_not_webvtt_is_refused_with_what_to_do(editor_client):
    video = VideoFactory()

    response = edit(
        editor_client, video, captions_en=SimpleUploadedFile("en.srt", b"1\n00:00:01,000 --> ")
    )

    assert "Export the captions as .vtt" in response.content.decode()
    assert not video.captions.exists()


@pytest.fixture
def downloads(reporter):
    first, second = VideoFactory(title="First clip"), VideoFactory(title="Second clip")
    now = timezone.now()
    for when, video, size in [
        (now, first, 100),
        (now, first, 100),
        (now, second, 50),
        (now - datetime.timedelta(days=1), first, 100),
    ]:
        Download.objects.create(video=video, user=reporter, size=size, downloaded_at=when)
    return first, second


def test_the_report_counts_downloads_per_video_and_per_day_with_a_chart(editor_client, downloads):
    page = editor_client.get("/admin/reports/video-downloads/").content.decode()

    assert "4 downloads from" in page
    assert page.count("<rect") == 30
    assert "First clip" in page and "Second clip" in page


def test_the_chart_has_labelled_axes_a_table_of_its_figures_and_readable_sizes(
    editor_client, reporter
):
    video = VideoFactory(title="Only clip")
    Download.objects.create(video=video, user=reporter, size=1_500_000)

    page = editor_client.get("/admin/reports/video-downloads/").content.decode()

    assert "1 download from" in page and "1 downloads" not in page
    assert "Downloads per day" in page and ">Day</text>" in page
    assert "The chart’s figures" in page
    assert "1.4\xa0MB" in page and "1500000" not in page


def test_the_chart_reads_in_french_and_its_geometry_is_not_localized(client, reporter):
    french = UserFactory(email="bureau@example.org", is_staff=True, is_superuser=True)
    UserProfile.objects.update_or_create(user=french, defaults={"preferred_language": "fr"})
    sign_in_to_admin(client, french)
    Download.objects.create(video=VideoFactory(), user=reporter, size=1_500_000)

    page = client.get("/admin/reports/video-downloads/").content.decode()

    assert "1 téléchargement du" in page
    assert "1,4\xa0Mio" in page
    assert re.search(r'<rect x="[0-9.]+" y="[0-9.]+" width="[0-9.]+" height="[0-9.]+"', page)


def test_the_report_exports_csv_and_xlsx(editor_client, downloads):
    csv = editor_client.get("/admin/reports/video-downloads/?export=csv")
    rows = b"".join(csv.streaming_content).decode().splitlines()
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)

    assert rows == [
        "Day,Video,Downloads,Bytes served",
        f"{today},First clip,2,200",
        f"{today},Second clip,1,50",
        f"{yesterday},First clip,1,100",
    ]

    xlsx = editor_client.get("/admin/reports/video-downloads/?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert [cell.value for cell in sheet[2]][1:] == ["First clip", 2, 200]


def test_the_report_can_be_narrowed_to_one_video(editor_client, downloads):
    first, _second = downloads

    page = editor_client.get(f"/admin/reports/video-downloads/?video={first.pk}").content.decode()

    assert "3 downloads from" in page


def test_only_people_allowed_to_see_downloads_get_the_report(client, downloads):
    staff = UserFactory(email="staff@example.org", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in_to_admin(client, staff)
    assert client.get("/admin/reports/video-downloads/").status_code in (302, 403)

    staff.groups.add(Group.objects.get(name="Video managers"))

    assert client.get("/admin/reports/video-downloads/").status_code == 200
