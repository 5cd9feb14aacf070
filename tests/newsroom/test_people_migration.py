"""Moving a story's people to an ordered list keeps them: on the story, on its saved versions,
and on the copy wagtail-localize keeps of it for translating; and it can be undone."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail_localize.models import TranslationSource

from tests.factories import StoryFactory

BEFORE = [("newsroom", "0008_body_blocks_describe_themselves")]
AFTER = [("newsroom", "0011_remove_newsstorypage_people")]


def migrate(executor, targets):
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_story_and_version_keeps_its_people_in_the_order_readers_saw(news_index):
    executor = MigrationExecutor(connection)
    story = StoryFactory(title="Talks")
    source, _ = TranslationSource.get_or_create_from_instance(story)
    apps = migrate(executor, BEFORE)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Person = apps.get_model("newsroom", "Person")
    story_type = ContentType.objects.get(app_label="newsroom", model="newsstorypage")
    zed, anna, gone = (Person.objects.create(name=name) for name in ["Zed", "Anna", "Gone"])
    Chosen = apps.get_model("newsroom", "NewsStoryPage").people.through
    Chosen.objects.bulk_create(
        [Chosen(newsstorypage_id=story.pk, person_id=person.pk) for person in (zed, anna)]
    )
    content = {"pk": story.pk, "title": "Talks", "people": [zed.pk, gone.pk, anna.pk]}
    revision = apps.get_model("wagtailcore", "Revision").objects.create(
        content_type=story_type,
        base_content_type=ContentType.objects.get(app_label="wagtailcore", model="page"),
        object_id=str(story.pk),
        content=content,
        created_at=timezone.now(),
    )
    # wagtail-localize's tables are not migrated back: its current model writes the row.
    TranslationSource.objects.filter(pk=source.pk).update(content_json=json.dumps(content))
    gone.delete()

    apps = migrate(executor, AFTER)

    mentions = apps.get_model("newsroom", "PersonMentioned").objects.filter(page_id=story.pk)
    assert [(m.person.name, m.sort_order) for m in mentions.order_by("sort_order")] == [
        ("Anna", 0),
        ("Zed", 1),
    ]
    saved = apps.get_model("wagtailcore", "Revision").objects.get(pk=revision.pk).content
    assert "people" not in saved
    assert [(m["person"], m["sort_order"]) for m in saved["people_mentioned"]] == [
        (anna.pk, 0),
        (zed.pk, 1),
    ]
    source.refresh_from_db()
    kept = json.loads(source.content_json)
    assert [m["person"] for m in kept["people_mentioned"]] == [anna.pk, zed.pk]

    apps = migrate(executor, BEFORE)
    Chosen = apps.get_model("newsroom", "NewsStoryPage").people.through
    assert sorted(Chosen.objects.values_list("person__name", flat=True)) == ["Anna", "Zed"]
    saved = apps.get_model("wagtailcore", "Revision").objects.get(pk=revision.pk).content
    assert saved["people"] == [anna.pk, zed.pk]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
