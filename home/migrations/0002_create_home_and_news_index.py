"""Replace Wagtail's welcome page with the newsroom's home page and its news index, so a fresh
database serves a working site before any content is loaded."""

from django.db import migrations


def create_home_and_news_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")
    NewsIndexPage = apps.get_model("newsroom.NewsIndexPage")

    Page.objects.filter(depth=2, content_type__model="page", slug="home").delete()
    locale, _ = Locale.objects.get_or_create(language_code="en")

    home = HomePage.objects.create(
        title="Home",
        draft_title="Home",
        slug="home",
        content_type=ContentType.objects.get_for_model(HomePage),
        path="00010001",
        depth=2,
        numchild=1,
        url_path="/home/",
        locale=locale,
        tagline="News, quotes and broadcast-quality video, free of charge.",
    )
    NewsIndexPage.objects.create(
        title="News",
        draft_title="News",
        slug="news",
        content_type=ContentType.objects.get_for_model(NewsIndexPage),
        path="000100010001",
        depth=3,
        numchild=0,
        url_path="/home/news/",
        locale=locale,
        intro="Stories from the newsroom, newest first.",
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Newsroom"},
    )


def remove_home_and_news_index(apps, schema_editor):
    apps.get_model("home.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("newsroom", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_home_and_news_index, remove_home_and_news_index)]
