"""The site's documents: Wagtail's own, but kept in the private storage, beside the masters.

Wagtail keeps documents in the default storage, the public media folder or bucket, and relies on
the web server to refuse their addresses; a path spelt another way (/media//documents/…) or an
object address in the public bucket got past that. Here a document's file has no public address
at all: only Wagtail's view, /documents/<id>/<name>, which checks its collection's privacy,
reads it. Wagtail offers no setting for the documents' storage, so the storage is given by the
document model, as Wagtail's documentation advises (WAGTAILDOCS_DOCUMENT_MODEL).
"""

from django.db import models
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument

from videos.models import private_storage


class NewsroomDocument(AbstractDocument):
    file = models.FileField(
        upload_to="documents",
        storage=private_storage,
        verbose_name=AbstractDocument._meta.get_field("file").verbose_name,
    )

    admin_form_fields = WagtailDocument.admin_form_fields

    class Meta(AbstractDocument.Meta):
        pass
