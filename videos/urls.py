from django.urls import path

from .views import download

urlpatterns = [
    path("downloads/videos/<int:pk>/", download, name="video_download"),
]
