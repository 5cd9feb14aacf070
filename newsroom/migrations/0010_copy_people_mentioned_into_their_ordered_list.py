"""A story's people move from a many-to-many field to an ordered list (PersonMentioned), in
the order readers saw them: by name. So do those of every saved version of a story (its
revisions) and of the copy wagtail-localize keeps of each source it translates: publishing an
old version, or a translation, must not drop the story's people."""

import json

from django.db import migrations

STORY = ("newsroom", "newsstorypage")


def _by_name(person_ids, names):
    known = [pk for pk in dict.fromkeys(person_ids) if pk in names]
    return sorted(known, key=lambda pk: (names[pk].casefold(), pk))


def _as_mentions(content, names):
    if "people" not in content:
        return
    person_ids = _by_name(content.pop("people", []), names)
    content["people_mentioned"] = [
        {"pk": None, "page": content.get("pk"), "person": person_id, "sort_order": order}
        for order, person_id in enumerate(person_ids)
    ]


def _as_many_to_many(content, names):
    if "people_mentioned" not in content:
        return
    mentions = sorted(
        content.pop("people_mentioned", []), key=lambda mention: mention.get("sort_order") or 0
    )
    content["people"] = [mention["person"] for mention in mentions if mention["person"] in names]


def _rewrite_saved_versions(apps, convert):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Person = apps.get_model("newsroom", "Person")
    Revision = apps.get_model("wagtailcore", "Revision")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    story_type = ContentType.objects.filter(app_label=STORY[0], model=STORY[1]).first()
    if story_type is None:
        return
    names = dict(Person.objects.values_list("pk", "name"))
    for revision in Revision.objects.filter(content_type=story_type).iterator():
        convert(revision.content, names)
        revision.save(update_fields=["content"])
    for source in TranslationSource.objects.filter(specific_content_type=story_type).iterator():
        content = json.loads(source.content_json)
        convert(content, names)
        source.content_json = json.dumps(content)
        source.save(update_fields=["content_json"])


def copy_into_ordered_list(apps, schema_editor):
    NewsStoryPage = apps.get_model("newsroom", "NewsStoryPage")
    PersonMentioned = apps.get_model("newsroom", "PersonMentioned")
    chosen = NewsStoryPage.people.through.objects.order_by(
        "newsstorypage_id", "person__name", "person_id"
    ).values_list("newsstorypage_id", "person_id")
    mentions, order = [], {}
    for page_id, person_id in chosen.iterator():
        order[page_id] = order.get(page_id, -1) + 1
        mentions.append(
            PersonMentioned(page_id=page_id, person_id=person_id, sort_order=order[page_id])
        )
    PersonMentioned.objects.bulk_create(mentions, batch_size=1000)
    _rewrite_saved_versions(apps, _as_mentions)


def copy_back_into_many_to_many(apps, schema_editor):
    NewsStoryPage = apps.get_model("newsroom", "NewsStoryPage")
    PersonMentioned = apps.get_model("newsroom", "PersonMentioned")
    Through = NewsStoryPage.people.through
    chosen = PersonMentioned.objects.values_list("page_id", "person_id").distinct()
    Through.objects.bulk_create(
        [Through(newsstorypage_id=page_id, person_id=person_id) for page_id, person_id in chosen],
        batch_size=1000,
        ignore_conflicts=True,
    )
    _rewrite_saved_versions(apps, _as_many_to_many)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0009_people_mentioned_in_order"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_into_ordered_list, copy_back_into_many_to_many)]
