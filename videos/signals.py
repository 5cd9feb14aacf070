from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Video
from .tasks import process_video_task


@receiver(post_save, sender=Video, dispatch_uid="videos-process-new-masters")
def process_new_master(sender, instance, **kwargs):
    """A new master is processed in the background once it is safely saved."""
    if getattr(instance, "master_replaced", False):
        transaction.on_commit(lambda: process_video_task.delay(instance.pk))
