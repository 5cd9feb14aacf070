"""wagtail-localize's translation editor names a story's videos by their titles.

It shows a chosen object it has no widget for (wagtailmedia's video chooser, a foreign key to
a video) as a bare id. Those values are synchronised, never translated, and the editor offers
nothing to do with them but read them, so the video's title is put in their place before the
editor's props reach the page."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail_localize.models import OverridableSegment
from wagtailmedia.blocks import AbstractMediaChooserBlock

from ..models import Video

register = template.Library()


@register.filter
def showing_video_titles(props, translation):
    data = json.loads(props)
    shown_as_ids = {
        segment["id"]: segment
        for segment in data.get("segments", [])
        if segment["type"] == "synchronised_value"
        and segment["location"].get("widget", {}).get("type") == "unknown"
    }
    if not shown_as_ids:
        return props
    source_instance = translation.source.as_instance()
    video_segments = {
        segment.pk: segment.data
        for segment in OverridableSegment.objects.filter(pk__in=shown_as_ids).select_related(
            "context"
        )
        if names_a_video(type(source_instance), segment.context.get_field_path(source_instance))
    }
    videos = Video.objects.with_texts().in_bulk(
        {value for value in video_segments.values() if isinstance(value, int)}
    )
    language_code = translation.target_locale.language_code
    for segment_id, video_id in video_segments.items():
        video = videos.get(video_id)
        if video is not None:
            shown_as_ids[segment_id]["value"] = video.text_in(language_code).title
    return json.dumps(data, cls=DjangoJSONEncoder)


def names_a_video(model, field_path):
    """Whether the value at `field_path` (as wagtail-localize names it: "hero_video", or a
    StreamField's name and then block types, "item" for a list's) is a chosen video."""
    field_name, *block_names = field_path.split(".")
    field = model._meta.get_field(field_name)
    if isinstance(field, models.ForeignKey):
        return not block_names and issubclass(field.related_model, Video)
    if not isinstance(field, StreamField):
        return False
    block = field.stream_block
    for name in block_names:
        if isinstance(block, blocks.ListBlock):
            block = block.child_block
            continue
        child_blocks = getattr(block, "child_blocks", None)
        if not child_blocks or name not in child_blocks:
            return False
        block = child_blocks[name]
    return isinstance(block, AbstractMediaChooserBlock)
