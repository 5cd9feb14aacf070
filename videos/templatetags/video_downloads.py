from django import template

from ..access import downloadable
from ..models import Download, Video

register = template.Library()

MY_DOWNLOADS_SHOWN = 50


@register.simple_tag
def downloads_of(user):
    """The user's latest downloads, newest first, each marked with whether it can still be
    downloaded (the video may have been unpublished since)."""
    downloads = list(
        Download.objects.filter(user=user).select_related("video")[:MY_DOWNLOADS_SHOWN]
    )
    still_downloadable = set(
        downloadable(
            Video.objects.filter(pk__in={download.video_id for download in downloads})
        ).values_list("pk", flat=True)
    )
    for download in downloads:
        download.still_available = download.video_id in still_downloadable
    return downloads
