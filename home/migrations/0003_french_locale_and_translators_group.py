"""French ships with the platform: its locale, and a Translators group that can translate
pages into it and edit their drafts, but cannot publish anything."""

from django.db import migrations

TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


def add_french_and_translators(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")

    Locale.objects.get_or_create(language_code="fr")
    translators, _ = Group.objects.get_or_create(name="Translators")
    translators.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        ),
    )
    root = Page.objects.get(depth=1)
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=translators,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def remove_translators(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name="Translators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_home_and_news_index"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(add_french_and_translators, remove_translators)]
