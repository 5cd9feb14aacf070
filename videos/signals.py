from django.db.models.signals import post_save
from django.dispatch import receiver

from users.hand_off import hand_off_after_commit

from .models import Video
from .tasks import process_video_task


@receiver(post_save, sender=Video, dispatch_uid="videos-process-new-masters")
def process_new_master(sender, instance, **kwargs):
    """A new master is processed in the background once it is safely saved."""
    if getattr(instance, "master_replaced", False):
        # With the broker away, the video shows "Waiting to be processed" and its editor
        # can press "Process again".
        hand_off_after_commit(process_video_task, instance.pk)
