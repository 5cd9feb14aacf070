"""Who translates a video's title, description and transcript (videos.VideoText): French
translators and moderators change the translations in wagtail-localize's editor and publish
them there; a draft stays off the public site until then. The default language's text is
edited on the video itself, by those who may edit the video."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIDEO_TEXT_PERMISSIONS = {
    "Moderators": ["change_videotext", "publish_videotext"],
    "French translators": ["change_videotext", "publish_videotext"],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth.Permission")
    return Permission.objects.filter(content_type__app_label="videos", codename__in=codenames)


def grant(apps, schema_editor):
    # Django makes a new model's permissions after the last migration, and Wagtail its
    # "publish" one (wagtail.snippets.models.create_extra_permissions); these are needed now.
    videos = apps.get_app_config("videos")
    videos.models_module = True
    create_permissions(videos, apps=apps, verbosity=0)
    videos.models_module = None
    ContentType = apps.get_model("contenttypes.ContentType")
    apps.get_model("auth.Permission").objects.get_or_create(
        content_type=ContentType.objects.get_for_model(apps.get_model("videos.VideoText")),
        codename="publish_videotext",
        defaults={"name": "Can publish video text"},
    )
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=VIDEO_TEXT_PERMISSIONS):
        group.permissions.add(*_permissions(apps, VIDEO_TEXT_PERMISSIONS[group.name]))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=VIDEO_TEXT_PERMISSIONS):
        group.permissions.remove(*_permissions(apps, VIDEO_TEXT_PERMISSIONS[group.name]))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_review_translated_home_pages"),
        ("videos", "0008_default_language_texts_from_the_videos"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
