import hashlib
import os

import pytest
from django.core.files.base import ContentFile

from tests.admin_login import sign_in_to_admin
from tests.factories import StoryFactory, UserFactory, VideoFactory, publish

MASTER = os.urandom(256 * 1024 + 7)


def story_showing(video, **fields):
    return StoryFactory(
        body=[{"type": "video", "value": {"video": video.pk, "caption": ""}}], **fields
    )


@pytest.fixture
def master():
    return MASTER


@pytest.fixture
def video(db, master):
    """A processed video with a real master, not yet shown on any page."""
    return VideoFactory(
        title="Sweden’s accession: press conference, Stockholm",
        file=ContentFile(master, name="press-conference.mxf"),
        sha256=hashlib.sha256(master).hexdigest(),
        file_size=len(master),
    )


@pytest.fixture
def public_video(video, news_index):
    """The video, shown in a published story."""
    publish(story_showing(video))
    return video


@pytest.fixture
def downloader(reporter, terms_of_use):
    """A verified person who has accepted the current terms of use."""
    reporter.accept_terms(terms_of_use)
    return reporter


@pytest.fixture
def downloader_client(client, downloader):
    client.force_login(downloader)
    return client


@pytest.fixture
def editor_client(client):
    sign_in_to_admin(
        client, UserFactory(email="desk@example.org", is_staff=True, is_superuser=True)
    )
    return client


@pytest.fixture
def stored_video(object_storage, public_video):
    """The public video, its files made in object storage (tests/object_store.py)."""
    return public_video
