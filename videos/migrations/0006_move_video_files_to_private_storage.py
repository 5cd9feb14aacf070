"""The previews, posters and captions made before they moved to the private storage follow them
there, under the same names: left in the public media store, a video not yet public would keep
them at an address anyone could guess from the master's name (videos/models.py says why)."""

import logging

from django.core.files.storage import storages
from django.db import migrations

logger = logging.getLogger(__name__)


def move_video_files(apps, schema_editor):
    Video = apps.get_model("videos", "Video")
    CaptionTrack = apps.get_model("videos", "CaptionTrack")
    public, private = storages["default"], storages["private"]
    for video in Video.objects.exclude(preview="", thumbnail="").iterator():
        Video.objects.filter(pk=video.pk).update(
            preview=moved(video.preview.name, public, private),
            thumbnail=moved(video.thumbnail.name, public, private),
        )
    for track in CaptionTrack.objects.exclude(file="").iterator():
        CaptionTrack.objects.filter(pk=track.pk).update(
            file=moved(track.file.name, public, private)
        )


def moved(name, public, private):
    """The file's name in the private storage, once copied there and deleted from the public
    one. A file already missing stays missing, as it was."""
    if not name:
        return name
    if not public.exists(name):
        logger.warning("The video file %s was not found in the public storage", name)
        return name
    with public.open(name, "rb") as content:
        stored = private.save(name, content)
    public.delete(name)
    return stored


class Migration(migrations.Migration):
    dependencies = [("videos", "0005_private_video_files")]

    operations = [migrations.RunPython(move_video_files, migrations.RunPython.noop)]
