"""Wagtail's documents (linked from rich text) are served by its view, which checks the
privacy of their collection, in the embedded mode and behind nginx alike; their files are
never served by address."""

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db


def document(collection=None):
    return get_document_model().objects.create(
        title="Briefing notes",
        file=ContentFile(b"Embargoed until Monday.", name="briefing.txt"),
        collection=collection or Collection.get_first_root_node(),
    )


@pytest.mark.parametrize("behind_nginx", [False, True])
def test_a_document_is_served_by_its_view(client, behind_nginx):
    notes = document()

    with override_settings(DOWNLOADS_BY_X_ACCEL=behind_nginx):
        response = client.get(notes.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Embargoed until Monday."
    assert "X-Accel-Redirect" not in response, "documents are not under the internal location"


def test_a_document_of_a_private_collection_is_not_served_to_the_public(client):
    private = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    notes = document(private)

    response = client.get(notes.url)

    assert response.status_code == 302 and "login" in response["Location"]


def test_a_document_file_has_no_address_of_its_own(client):
    notes = document()

    assert client.get(f"/media/{notes.file.name}").status_code == 404
