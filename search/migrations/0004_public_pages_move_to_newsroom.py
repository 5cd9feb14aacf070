"""The record of the pages the public may see moves to newsroom, which owns the rule
(newsroom/visibility.py): its table is renamed, its rows kept; newsroom's 0012 takes the
model over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0003_public_pages"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="publicpage", table="newsroom_publicpage"),
            ],
            state_operations=[
                migrations.DeleteModel(name="PublicPage"),
            ],
        ),
    ]
