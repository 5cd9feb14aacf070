"""Give the home page its video library (/en/videos/), as 0002 gave it the news index."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet, 4 characters a step


def _next_child_path(parent, children):
    last = children.order_by("-path").values_list("path", flat=True).first()
    number = int(last[-4:], 36) + 1 if last else 1
    step = ""
    for _ in range(4):
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step


def create_video_library(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    VideoLibraryPage = apps.get_model("newsroom.VideoLibraryPage")

    for home in HomePage.objects.filter(depth=2, locale__language_code="en"):
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        if children.filter(slug="videos").exists():
            continue
        VideoLibraryPage.objects.create(
            title="Videos",
            draft_title="Videos",
            slug="videos",
            content_type=ContentType.objects.get_for_model(VideoLibraryPage),
            path=_next_child_path(home, children),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}videos/",
            locale_id=home.locale_id,
            intro="Every video we publish: watch the preview, or download the broadcast master.",
        )
        Page.objects.filter(pk=home.pk).update(numchild=children.count())


def remove_video_library(apps, schema_editor):
    apps.get_model("newsroom.VideoLibraryPage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_french_locale_and_translators_group"),
        ("newsroom", "0003_video_library_page"),
    ]

    operations = [migrations.RunPython(create_video_library, remove_video_library)]
