from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0010_copy_people_mentioned_into_their_ordered_list"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="newsstorypage",
            name="people",
        ),
    ]
