"""Every page of a translated language's tree goes through "Editorial review", not only its
stories: a translator submits the translation of a home page, a video library or the terms
of use for review as they do a story's, and a moderator's approval publishes it."""

from django.conf import settings
from django.db import migrations

EDITORIAL_REVIEW = "Editorial review"


def review_translated_home_pages(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    HomePage = apps.get_model("home.HomePage")
    workflow = Workflow.objects.filter(name=EDITORIAL_REVIEW, active=True).first()
    if workflow is None:
        return
    translated = HomePage.objects.filter(depth=2).exclude(
        locale__language_code=settings.LANGUAGE_CODE
    )
    for home in translated:
        WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})


def stop_reviewing_translated_home_pages(apps, schema_editor):
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    WorkflowPage.objects.filter(
        page__depth=2, workflow__name=EDITORIAL_REVIEW
    ).exclude(page__locale__language_code=settings.LANGUAGE_CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0007_topic_vocabulary_roles")]

    operations = [
        migrations.RunPython(review_translated_home_pages, stop_reviewing_translated_home_pages)
    ]
