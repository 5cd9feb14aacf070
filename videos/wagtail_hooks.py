from django.urls import path
from wagtail import hooks

from .admin_views import reprocess


@hooks.register("register_admin_urls")
def register_video_admin_urls():
    return [path("videos/<int:pk>/process-again/", reprocess, name="videos_reprocess")]
