from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from background.hand_off import hand_off_after_commit

from .models import CaptionTrack, Video
from .tasks import process_video_task


@receiver(post_save, sender=Video, dispatch_uid="videos-process-new-masters")
def process_new_master(sender, instance, **kwargs):
    """A new master is processed in the background once it is safely saved."""
    if getattr(instance, "master_replaced", False):
        # With the broker away, the video shows "Waiting to be processed" and its editor
        # can press "Process again".
        hand_off_after_commit(process_video_task, instance.pk)


@receiver(post_delete, sender=Video, dispatch_uid="videos-delete-preview")
def delete_preview(sender, instance, **kwargs):
    """wagtailmedia deletes a deleted video's master and poster; the preview made from the
    master goes with them, once the deletion is committed."""
    if instance.preview:
        transaction.on_commit(lambda: instance.preview.delete(save=False))


@receiver(post_delete, sender=CaptionTrack, dispatch_uid="videos-delete-captions")
def delete_caption_file(sender, instance, **kwargs):
    if instance.file:
        transaction.on_commit(lambda: instance.file.delete(save=False))
