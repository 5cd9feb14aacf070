"""A "choose" permission for videos, as images and documents have: wagtailmedia checks the
"choose" action by collection but declares no such permission, so none could be granted.
Choosing lets a person put any video of a collection in a story, without editing it."""

from django.db import migrations


def add_choose_permission(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    media, _ = ContentType.objects.get_or_create(app_label="wagtailmedia", model="media")
    Permission.objects.get_or_create(
        content_type=media, codename="choose_media", defaults={"name": "Can choose media"}
    )


def remove_choose_permission(apps, schema_editor):
    apps.get_model("auth.Permission").objects.filter(
        content_type__app_label="wagtailmedia", codename="choose_media"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("videos", "0003_library_details_captions_downloads"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(add_choose_permission, remove_choose_permission)]
