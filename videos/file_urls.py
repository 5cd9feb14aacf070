"""The addresses of videos' previews, posters and captions: one per file, in no language (a
file is the same in every one), so that a CDN keeps a single copy. Mounted at the site's root
by cms/urls.py."""

from django.urls import path

from .file_views import captions, chapters, poster, preview

urlpatterns = [
    path("<int:pk>/preview/<str:name>", preview, name="video_preview"),
    path("<int:pk>/poster/<str:name>", poster, name="video_poster"),
    path("<int:pk>/captions/<str:language>/<str:name>", captions, name="video_captions"),
    path("<int:pk>/chapters/<str:name>", chapters, name="video_chapters"),
]
