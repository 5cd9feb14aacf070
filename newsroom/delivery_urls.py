"""The addresses newsrooms ingest from, in each language (`/en/api/…`, `/fr/api/…`), and the
guide that explains them. Mounted inside the language prefix by cms/urls.py."""

from django.urls import path
from django.views.generic import TemplateView

from . import delivery_views as views

urlpatterns = [
    path("api/ninjs/stories/", views.ninjs_stories, name="ninjs-stories"),
    path("api/ninjs/stories/<int:pk>/", views.ninjs_story, name="ninjs-story"),
    path("api/ninjs/videos/", views.ninjs_videos, name="ninjs-videos"),
    path("api/ninjs/videos/<int:pk>/", views.ninjs_video, name="ninjs-video"),
    path("api/newsml/stories/<int:pk>/", views.newsml_story, name="newsml-story"),
    path("api/newsml/stories/<int:pk>/package/", views.newsml_package, name="newsml-package"),
    path("api/newsml/videos/<int:pk>/", views.newsml_video, name="newsml-video"),
    path(
        "ingest/",
        TemplateView.as_view(template_name="newsroom/ingest_guide.html"),
        name="ingest-guide",
    ),
]
