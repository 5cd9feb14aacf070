"""Newsroom takes over the record of the pages the public may see, table and rows as search's
0004 left them (renamed to newsroom_publicpage), and its content type, so that nothing that
names it is lost."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, *, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=target, model="publicpage").exists():
        ContentType.objects.filter(app_label=source, model="publicpage").update(app_label=target)


def to_newsroom(apps, schema_editor):
    move_content_type(apps, schema_editor, source="site_search", target="newsroom")


def back_to_search(apps, schema_editor):
    move_content_type(apps, schema_editor, source="newsroom", target="site_search")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("newsroom", "0011_remove_newsstorypage_people"),
        ("site_search", "0004_public_pages_move_to_newsroom"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PublicPage",
                    fields=[
                        (
                            "page",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="+",
                                serialize=False,
                                to="wagtailcore.page",
                            ),
                        ),
                        (
                            "locale",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="wagtailcore.locale",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "page the public may see",
                        "verbose_name_plural": "pages the public may see",
                        "indexes": [
                            models.Index(fields=["locale", "page"], name="public_pages_by_locale")
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(to_newsroom, back_to_search),
    ]
