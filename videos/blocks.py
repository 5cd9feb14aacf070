from wagtailmedia.blocks import VideoChooserBlock as MediaVideoChooserBlock

from .models import Video


class VideoChooserBlock(MediaVideoChooserBlock):
    """wagtailmedia's chooser, fetching the caption tracks of every video in a stream together
    with the videos, so a story's queries do not grow with its number of videos."""

    def bulk_to_python(self, values):
        videos = Video.objects.prefetch_related("captions").in_bulk(values)
        return [videos.get(pk) for pk in values]
