"""The Newsletter editors role, with least privilege: they compose issues (and choose their
stories and images), send them, look after subscribers and read the providers' reports. They
cannot edit pages, upload media, delete issues or add subscribers by hand."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NEWSLETTER_EDITORS = "Newsletter editors"
MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("newsletters", "add_newsletterissue"),
    ("newsletters", "change_newsletterissue"),
    ("newsletters", "view_newsletterissue"),
    ("newsletters", "send_newsletterissue"),
    ("newsletters", "view_subscriber"),
    ("newsletters", "change_subscriber"),
    ("newsletters", "view_trackingevent"),
]


def create_newsletter_editors(apps, schema_editor):
    # Django makes model permissions after the last migration; on a new database the ones
    # named here must exist before.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    group, _created = Group.objects.get_or_create(name=NEWSLETTER_EDITORS)
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in MODEL_PERMISSIONS
        ]
    )
    GroupCollectionPermission.objects.get_or_create(
        group=group,
        collection=Collection.objects.get(depth=1),
        permission=Permission.objects.get(
            content_type__app_label="wagtailimages", codename="choose_image"
        ),
    )


def remove_newsletter_editors(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=NEWSLETTER_EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0002_subscriptions_from_newsletter_wishes"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_newsletter_editors, remove_newsletter_editors)]
