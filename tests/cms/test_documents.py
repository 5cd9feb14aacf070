"""Wagtail's documents (linked from rich text) live in the private storage, beside the masters,
and are served only by Wagtail's view, which checks the privacy of their collection first: in
the embedded mode (streamed by Django), behind nginx (handed to its internal location) and in
object storage (read from the private prefix). No address under /media/ reaches them, however
it is spelt."""

from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.documents.models import Document as WagtailDocument
from wagtail.models import Collection, CollectionViewRestriction

from tests.object_store import fetch

pytestmark = pytest.mark.django_db

NOTES = b"Embargoed until Monday."


def document(collection=None):
    return get_document_model().objects.create(
        title="Briefing notes",
        file=ContentFile(NOTES, name="briefing.txt"),
        collection=collection or Collection.get_first_root_node(),
    )


def restricted_document():
    private = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return document(private)


def test_a_document_is_streamed_by_its_view_in_the_embedded_mode(client):
    notes = document()

    response = client.get(notes.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == NOTES
    assert "X-Accel-Redirect" not in response


def test_behind_nginx_a_document_is_handed_to_the_internal_location_after_the_check(client):
    notes = document()

    with override_settings(DOWNLOADS_BY_X_ACCEL=True):
        response = client.get(notes.url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"{settings.SENDFILE_URL}/{notes.file.name}"


def test_a_document_of_a_private_collection_is_not_served_to_the_public(client):
    notes = restricted_document()

    for behind_nginx in (False, True):
        with override_settings(DOWNLOADS_BY_X_ACCEL=behind_nginx):
            response = client.get(notes.url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_a_document_file_is_kept_outside_the_public_media_folder():
    notes = restricted_document()

    stored = Path(notes.file.path).resolve()
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not (Path(settings.MEDIA_ROOT) / notes.file.name).exists()


@pytest.mark.parametrize(
    "spelling",
    [
        "/media/{name}",
        "/media//{name}",
        "/media/./{name}",
        "/media/images/../{name}",
        "/media/%2e/{name}",
        "/media/%2E/{name}",
        "/media/images/%2e%2e/{name}",
        "/media/.//{name}",
    ],
)
def test_no_spelling_of_a_media_address_reaches_a_private_document(client, spelling):
    notes = restricted_document()

    response = client.get(spelling.format(name=notes.file.name))

    assert response.status_code == 404


def test_in_object_storage_a_document_is_a_private_object_served_by_its_view(
    object_storage, client
):
    notes = document()
    key = f"private/{notes.file.name}"

    assert object_storage.keys(object_storage.public_bucket) == [key], "nothing under media/"
    assert fetch(object_storage.object_address(object_storage.public_bucket, key))[0] == 403
    response = client.get(notes.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == NOTES


def test_in_object_storage_a_private_collection_keeps_its_document(object_storage, client):
    notes = restricted_document()

    response = client.get(notes.url)

    assert response.status_code == 302 and "login" in response["Location"]


def test_documents_uploaded_before_move_to_the_private_storage_with_their_ids_and_tags():
    migration = import_module("newsroom.migrations.0007_move_documents_to_private_storage")
    old = WagtailDocument.objects.create(
        title="Old minutes", file=ContentFile(NOTES, name="minutes.txt")
    )
    old.tags.add("board")
    WagtailDocument.objects.filter(pk=old.pk).update(created_at="2024-05-01T09:00:00Z")
    assert (Path(settings.MEDIA_ROOT) / old.file.name).exists()

    migration.move_documents(apps, SimpleNamespace(connection=connection))

    moved = get_document_model().objects.get(pk=old.pk)
    assert moved.title == "Old minutes" and moved.created_at.year == 2024
    assert list(moved.tags.names()) == ["board"]
    assert not (Path(settings.MEDIA_ROOT) / old.file.name).exists()
    with moved.file.open("rb") as stored:
        assert stored.read() == NOTES
    assert Path(moved.file.path).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not WagtailDocument.objects.exists()
    assert (
        get_document_model().objects.create(title="Next", file=ContentFile(b"x", name="n.txt")).pk
        > old.pk
    )
