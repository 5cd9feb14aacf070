"""The editors' admin works with the project's own user, page and video models."""

import pytest
from django.urls import reverse

from tests.admin_login import sign_in_to_admin
from tests.factories import StoryFactory, UserFactory, VideoFactory, publish


@pytest.fixture
def admin_client(client, db):
    sign_in_to_admin(
        client, UserFactory(email="chief@example.org", is_staff=True, is_superuser=True)
    )
    return client


def test_admin_screens_an_editor_uses_every_day_load(admin_client, news_index):
    story = publish(StoryFactory(title="Admin story"))
    video = VideoFactory()
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[news_index.pk]),
        reverse("wagtailadmin_pages:add", args=("newsroom", "newsstorypage", news_index.pk)),
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk]),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:add"),
        reverse("wagtailmedia:index"),
        reverse("wagtailmedia:edit", args=[video.pk]),
        reverse("wagtailmedia:add", args=["video"]),
    ]
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url


def test_a_public_visitor_is_sent_to_the_admin_login(client, db):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_video_master_has_no_public_url(db):
    video = VideoFactory()
    assert not video.file.url.startswith("/media/")
    assert video.url == video.preview_url
    assert video.url.startswith(f"/video-files/{video.pk}/preview/")


def test_no_url_serves_a_master(client, db):
    video = VideoFactory()
    master_name = video.file.name

    assert client.get(video.file.url, follow=True).status_code == 404
    assert client.get(f"/media/{master_name}").status_code == 404
    assert client.get(f"/media/../private/{master_name}").status_code in (400, 404)
    assert client.get(f"/media/{video.preview.name}").status_code == 404
