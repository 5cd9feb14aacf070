"""Where the public watches a video: its page in a language's video library, and its
embeddable player (newsroom/embedding.py)."""

from django.apps import apps
from django.urls import reverse
from django.utils import translation

from .sections import section_url
from .structured_data import VideoOnPage


def embed_path(video_id, language):
    """The address of the video's embeddable player in `language`."""
    with translation.override(language):
        return reverse("video_embed", args=[video_id])


def videos_on_pages(videos, language, request):
    """`videos` as pages in `language` show them: each with its page in that language's
    library (its player, where there is no such library) and its player.

    The library's model is found in the app registry, not imported: its module imports the
    stories' module, whose pages call this."""
    if not videos:
        return []
    library = apps.get_model("newsroom", "VideoLibraryPage")
    library_url = section_url(library, language, request)
    return [
        VideoOnPage(
            video,
            language,
            library.url_of_video(library_url, video.pk)
            if library_url
            else embed_path(video.pk, language),
            embed_path(video.pk, language),
        )
        for video in videos
    ]
