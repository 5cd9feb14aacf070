"""Topics were free-text English tags; they become a vocabulary translated with
wagtail-localize (newsroom.topics.Topic). Every tag a story had becomes a topic of the default
language with the same name and slug, so topic addresses keep working; the stories, and the
drafts and scheduled revisions kept for them, keep their topics. Reversible: going back turns
the topics into tags again (their translations are lost)."""

import uuid

import django.db.models.deletion
import modelcluster.fields
import modelsearch.index
from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations, models

import newsroom.topics


def _default_locale(apps):
    Locale = apps.get_model("wagtailcore.Locale")
    return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


def _story_revisions(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Revision = apps.get_model("wagtailcore.Revision")
    story_type = ContentType.objects.filter(app_label="newsroom", model="newsstorypage").first()
    return Revision.objects.filter(content_type=story_type)


def reset_id_sequence(schema_editor, model):
    """After rows made with explicit ids, the next id PostgreSQL gives follows them."""
    for statement in schema_editor.connection.ops.sequence_reset_sql(no_style(), [model]):
        schema_editor.execute(statement)


def tags_to_topics(apps, schema_editor):
    NewsStoryPage = apps.get_model("newsroom.NewsStoryPage")
    StoryTopic = apps.get_model("newsroom.StoryTopic")
    Tag = apps.get_model("taggit.Tag")
    Topic = apps.get_model("newsroom.Topic")
    locale = _default_locale(apps)

    # Each topic keeps its tag's id, so that what still names a tag by id (a newsletter
    # confirmation link not yet followed) names the same topic.
    used = Tag.objects.filter(pk__in=StoryTopic.objects.values("tag_id")).order_by("pk")
    Topic.objects.bulk_create(
        Topic(pk=tag.pk, name=tag.name, slug=tag.slug, locale=locale, translation_key=uuid.uuid4())
        for tag in used
    )
    reset_id_sequence(schema_editor, Topic)
    topic_of_tag = {tag.pk: tag.pk for tag in used}
    for story in NewsStoryPage.objects.all():
        tag_ids = StoryTopic.objects.filter(content_object=story).values_list("tag_id", flat=True)
        story.topic_choices.set([topic_of_tag[tag_id] for tag_id in tag_ids])
    for revision in _story_revisions(apps):
        tagged = revision.content.pop("tagged_items", None)
        if tagged is None:
            continue
        revision.content["topics"] = [
            topic_of_tag[item["tag"]] for item in tagged if item.get("tag") in topic_of_tag
        ]
        revision.save(update_fields=["content"])


def topics_to_tags(apps, schema_editor):
    NewsStoryPage = apps.get_model("newsroom.NewsStoryPage")
    StoryTopic = apps.get_model("newsroom.StoryTopic")
    Tag = apps.get_model("taggit.Tag")
    Topic = apps.get_model("newsroom.Topic")

    tag_of_topic = {}
    for topic in Topic.objects.filter(locale=_default_locale(apps)):
        tag = Tag.objects.filter(slug=topic.slug).first() or Tag.objects.create(
            name=topic.name, slug=topic.slug
        )
        tag_of_topic[topic.pk] = tag.pk
    for story in NewsStoryPage.objects.all():
        for topic_id in story.topic_choices.values_list("pk", flat=True):
            if topic_id in tag_of_topic:
                StoryTopic.objects.create(content_object=story, tag_id=tag_of_topic[topic_id])
    for revision in _story_revisions(apps):
        topic_ids = revision.content.pop("topics", None)
        if topic_ids is None:
            continue
        revision.content["tagged_items"] = [
            {"pk": None, "tag": tag_of_topic[topic_id], "content_object": revision.object_id}
            for topic_id in topic_ids
            if topic_id in tag_of_topic
        ]
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_record_videos_on_published_pages"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "slug",
                    models.SlugField(
                        allow_unicode=True,
                        blank=True,
                        help_text=(
                            "Used in addresses, the same in every language. Made from the name "
                            "if empty."
                        ),
                        max_length=100,
                        verbose_name="slug",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "topic",
                "verbose_name_plural": "topics",
                "ordering": ["name"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
                "constraints": [
                    models.UniqueConstraint(
                        fields=("slug", "locale"), name="one_topic_slug_per_locale"
                    )
                ],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.AddField(
            model_name="newsstorypage",
            name="topic_choices",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                limit_choices_to=newsroom.topics.in_the_default_language,
                related_name="stories",
                to="newsroom.topic",
                verbose_name="topics",
            ),
        ),
        migrations.RunPython(tags_to_topics, topics_to_tags),
        migrations.RemoveField(model_name="newsstorypage", name="topics"),
        migrations.DeleteModel(name="StoryTopic"),
        migrations.RenameField(
            model_name="newsstorypage", old_name="topic_choices", new_name="topics"
        ),
    ]
