"""Wagtail's documents become NewsroomDocument rows, with the same ids (rich text links name
documents by id), tags and references, and their files move from the public media storage to
the private one, under the same names (newsroom/documents.py says why)."""

import logging

from django.core.files.storage import storages
from django.core.management.color import no_style
from django.db import migrations

logger = logging.getLogger(__name__)

FIELDS = ["id", "title", "file", "collection_id", "uploaded_by_user_id", "file_size", "file_hash"]


def move_documents(apps, schema_editor):
    WagtailDocument = apps.get_model("wagtaildocs", "Document")
    NewsroomDocument = apps.get_model("newsroom", "NewsroomDocument")
    if not WagtailDocument.objects.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    public, private = storages["default"], storages["private"]

    for old in WagtailDocument.objects.order_by("pk").iterator():
        new = NewsroomDocument.objects.create(**{name: getattr(old, name) for name in FIELDS})
        # auto_now_add stamped the copy with today: it keeps the date of its upload.
        NewsroomDocument.objects.filter(pk=new.pk).update(
            created_at=old.created_at, file=_moved(old.file.name, public, private)
        )

    old_type = ContentType.objects.get(app_label="wagtaildocs", model="document")
    new_type, _ = ContentType.objects.get_or_create(app_label="newsroom", model="newsroomdocument")
    TaggedItem.objects.filter(content_type=old_type).update(content_type=new_type)
    ReferenceIndex.objects.filter(to_content_type=old_type).update(to_content_type=new_type)
    WagtailDocument.objects.all().delete()
    with schema_editor.connection.cursor() as cursor:
        for statement in schema_editor.connection.ops.sequence_reset_sql(
            no_style(), [NewsroomDocument]
        ):
            cursor.execute(statement)


def _moved(name, public, private):
    """The file's name in the private storage, once copied there and deleted from the public
    one. A file already missing stays missing, as it was."""
    if not name or not public.exists(name):
        logger.warning("The document file %s was not found in the public storage", name)
        return name
    with public.open(name, "rb") as content:
        stored = private.save(name, content)
    public.delete(name)
    return stored


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0006_private_documents"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(move_documents, migrations.RunPython.noop)]
