"""Editors and moderators may choose any video of the library for a story's hero or body, not
only those they uploaded. Choosing is not editing: they still change only their own uploads."""

from django.db import migrations

STORY_WRITERS = ["Editors", "Moderators"]


def _choose_media(apps):
    return apps.get_model("auth.Permission").objects.get(
        content_type__app_label="wagtailmedia", codename="choose_media"
    )


def grant_choose_media(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    root_collection = Collection.objects.get(depth=1)
    permission = _choose_media(apps)
    for group in Group.objects.filter(name__in=STORY_WRITERS):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )


def revoke_choose_media(apps, schema_editor):
    apps.get_model("wagtailcore.GroupCollectionPermission").objects.filter(
        group__name__in=STORY_WRITERS, permission=_choose_media(apps)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_editorial_roles_and_review_workflow"),
        ("videos", "0004_choose_media_permission"),
    ]

    operations = [migrations.RunPython(grant_choose_media, revoke_choose_media)]
