"""Who looks after the topic vocabulary: editors add and rename topics, as they do people;
moderators rename them; French translators translate them (wagtail-localize's translation
editor asks for the permission to change what it translates)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TOPIC_PERMISSIONS = {
    "Editors": ["add_topic", "change_topic"],
    "Moderators": ["change_topic"],
    "French translators": ["change_topic"],
}


def _topic_permissions(apps, codenames):
    Permission = apps.get_model("auth.Permission")
    return Permission.objects.filter(content_type__app_label="newsroom", codename__in=codenames)


def grant(apps, schema_editor):
    # Django makes a new model's permissions after the last migration; these are needed now.
    newsroom = apps.get_app_config("newsroom")
    newsroom.models_module = True
    create_permissions(newsroom, apps=apps, verbosity=0)
    newsroom.models_module = None
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=TOPIC_PERMISSIONS):
        group.permissions.add(*_topic_permissions(apps, TOPIC_PERMISSIONS[group.name]))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=TOPIC_PERMISSIONS):
        group.permissions.remove(*_topic_permissions(apps, TOPIC_PERMISSIONS[group.name]))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_story_writers_choose_any_video"),
        ("newsroom", "0005_topics_become_a_translatable_vocabulary"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
