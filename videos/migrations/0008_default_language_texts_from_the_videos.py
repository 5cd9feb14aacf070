"""Every video gets its text in the default language, published, from its own title,
description and transcript: the source its translations are made from (videos/texts.py).
Going back removes the texts, translations included; the videos keep their own text."""

import uuid

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def write_source_texts(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    Video = apps.get_model("videos.Video")
    VideoText = apps.get_model("videos.VideoText")
    locale = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    now = timezone.now()
    written = VideoText.objects.filter(locale=locale).values("video_id")
    VideoText.objects.bulk_create(
        VideoText(
            video=video,
            locale=locale,
            translation_key=uuid.uuid4(),
            title=video.title,
            description=video.description,
            transcript=video.transcript,
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        for video in Video.objects.exclude(pk__in=written).iterator()
    )


def remove_texts(apps, schema_editor):
    apps.get_model("videos.VideoText").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("videos", "0007_video_texts_in_every_language")]

    operations = [migrations.RunPython(write_source_texts, remove_texts)]
