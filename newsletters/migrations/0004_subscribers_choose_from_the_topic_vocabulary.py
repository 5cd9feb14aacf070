"""A subscriber's topics of interest were tags; they become topics of the vocabulary
(newsroom 0005), each the topic made from the same tag, with the same id. A tag that only
subscribers had becomes a topic too. Reversible: going back makes them tags again."""

import uuid

from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations, models


def _default_locale(apps):
    Locale = apps.get_model("wagtailcore.Locale")
    return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


def tags_to_topics(apps, schema_editor):
    Subscriber = apps.get_model("newsletters.Subscriber")
    Tag = apps.get_model("taggit.Tag")
    Topic = apps.get_model("newsroom.Topic")
    locale = _default_locale(apps)

    wished = Tag.objects.filter(
        pk__in=Subscriber.tag_topics.through.objects.values("tag_id")
    ).exclude(pk__in=Topic.objects.values("pk"))
    Topic.objects.bulk_create(
        Topic(pk=tag.pk, name=tag.name, slug=tag.slug, locale=locale, translation_key=uuid.uuid4())
        for tag in wished
    )
    for statement in schema_editor.connection.ops.sequence_reset_sql(no_style(), [Topic]):
        schema_editor.execute(statement)
    for subscriber in Subscriber.objects.filter(tag_topics__isnull=False).distinct():
        subscriber.topics.set(subscriber.tag_topics.values_list("pk", flat=True))


def topics_to_tags(apps, schema_editor):
    Subscriber = apps.get_model("newsletters.Subscriber")
    Tag = apps.get_model("taggit.Tag")
    for subscriber in Subscriber.objects.filter(topics__isnull=False).distinct():
        subscriber.tag_topics.set(
            [
                Tag.objects.filter(slug=topic.slug).first()
                or Tag.objects.create(name=topic.name, slug=topic.slug)
                for topic in subscriber.topics.all()
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0003_newsletter_editors_role"),
        ("newsroom", "0005_topics_become_a_translatable_vocabulary"),
    ]

    operations = [
        migrations.RenameField(model_name="subscriber", old_name="topics", new_name="tag_topics"),
        migrations.AddField(
            model_name="subscriber",
            name="topics",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="newsroom.topic",
                verbose_name="topics of interest",
            ),
        ),
        migrations.RunPython(tags_to_topics, topics_to_tags),
        migrations.RemoveField(model_name="subscriber", name="tag_topics"),
    ]
