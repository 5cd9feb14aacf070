from django.utils.functional import cached_property
from wagtailmedia.blocks import VideoChooserBlock as MediaVideoChooserBlock

from .chooser import video_chooser_viewset
from .models import Video


class VideoChooserBlock(MediaVideoChooserBlock):
    """wagtailmedia's block, with the chooser the hero video uses (videos/chooser.py), and
    fetching the caption tracks and texts of every video in a stream together with the
    videos, so a story's queries do not grow with its number of videos."""

    @cached_property
    def widget(self):
        return video_chooser_viewset.widget_class()

    def bulk_to_python(self, values):
        videos = Video.objects.prefetch_related("captions").with_texts().in_bulk(values)
        return [videos.get(pk) for pk in values]
