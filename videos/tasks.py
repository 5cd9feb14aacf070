from celery import shared_task

from .models import Video
from .processing import process_video


@shared_task(acks_late=True, ignore_result=True)
def process_video_task(video_id):
    """Started when a master is uploaded or re-processing is asked for."""
    video = Video.objects.filter(pk=video_id).first()
    if video is not None:
        process_video(video)
