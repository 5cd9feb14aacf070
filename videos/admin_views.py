from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from users.hand_off import hand_off_after_commit

from .models import Video
from .tasks import process_video_task


@require_POST
def reprocess(request, pk):
    """An editor asks for a master to be processed again (after a failure, for instance)."""
    video = get_object_or_404(Video, pk=pk)
    if not video.is_editable_by_user(request.user):
        raise PermissionDenied
    video.status, video.progress, video.failure_reason = Video.Status.WAITING, 0, ""
    video.save(update_fields=["status", "progress", "failure_reason"])
    log(instance=video, action="videos.process_again", user=request.user)
    hand_off_after_commit(process_video_task, video.pk)
    messages.success(request, _("“%(title)s” will be processed again.") % {"title": video.title})
    return redirect("wagtailmedia:edit", video.pk)
