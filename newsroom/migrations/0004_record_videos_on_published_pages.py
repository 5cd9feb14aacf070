"""Fill in `Video.shown_on` for the stories published before it existed (see
newsroom/video_visibility.py, which keeps it up to date from now on)."""

from django.db import migrations


def record_videos_on_published_stories(apps, schema_editor):
    NewsStoryPage = apps.get_model("newsroom.NewsStoryPage")
    PageViewRestriction = apps.get_model("wagtailcore.PageViewRestriction")
    Video = apps.get_model("videos.Video")
    ShownOn = Video.shown_on.through

    restricted_paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    existing_videos = set(Video.objects.values_list("pk", flat=True))
    rows = []
    for story in NewsStoryPage.objects.filter(live=True).iterator():
        if any(story.path.startswith(path) for path in restricted_paths):
            continue
        shown = {story.hero_video_id} | {
            block["value"].get("video")
            for block in story.body.raw_data
            if block["type"] == "video"
        }
        rows += [ShownOn(video_id=pk, page_id=story.pk) for pk in shown & existing_videos]
    ShownOn.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_video_library_page"),
        ("videos", "0003_library_details_captions_downloads"),
    ]

    operations = [
        migrations.RunPython(record_videos_on_published_stories, migrations.RunPython.noop)
    ]
