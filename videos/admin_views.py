from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from wagtail.log_actions import log
from wagtail.search.backends import get_search_backends
from wagtailmedia.forms import get_media_form
from wagtailmedia.models import MediaType
from wagtailmedia.permissions import MediaPermissionPolicyChecker

from background.hand_off import hand_off_after_commit

from .models import Video
from .tasks import process_video_task

permission_checker = MediaPermissionPolicyChecker()

# What a person provides when uploading; the poster, the web preview and the technical
# metadata are made from the master.
UPLOAD_FIELDS = (
    "title",
    "file",
    "description",
    "collection",
    "recorded_on",
    "location",
    "credit",
    "copyright",
    "usage_terms",
    "transcript",
    "tags",
)


@permission_checker.require("add")
def add_video(request):
    """wagtailmedia's upload, without the generated files, and ending on the new video's edit
    page, where its processing can be followed."""
    form_class = get_media_form(Video, fields=UPLOAD_FIELDS)
    video = Video(uploaded_by_user=request.user, type=MediaType.VIDEO)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, instance=video, user=request.user)
        if form.is_valid():
            form.save()
            # Tags are saved after the row: index the video again with them.
            for backend in get_search_backends():
                backend.add(video)
            messages.success(
                request,
                _("“%(title)s” was uploaded; it is being processed.") % {"title": video.title},
            )
            return redirect("wagtailmedia:edit", video.pk)
        messages.error(request, _("The video could not be saved due to errors."))
    else:
        form = form_class(user=request.user, instance=video)
    return TemplateResponse(
        request, "wagtailmedia/media/add.html", {"form": form, "media_type": MediaType.VIDEO}
    )


def _editable_video(request, pk):
    video = get_object_or_404(Video, pk=pk)
    if not video.is_editable_by_user(request.user):
        raise PermissionDenied
    return video


@require_safe
def processing_status(request, pk):
    """What the edit page shows of the processing, for the page to refresh it by itself."""
    video = _editable_video(request, pk)
    return JsonResponse(
        {
            "status": video.status,
            "progress": video.progress,
            "html": render_to_string(
                "videos/admin/processing_status.html", {"media": video}, request=request
            ),
        }
    )


@require_POST
def reprocess(request, pk):
    """An editor asks for a master to be processed again (after a failure, for instance)."""
    video = _editable_video(request, pk)
    video.status, video.progress, video.failure_reason = Video.Status.WAITING, 0, ""
    video.save(update_fields=["status", "progress", "failure_reason"])
    log(instance=video, action="videos.process_again", user=request.user)
    hand_off_after_commit(process_video_task, video.pk)
    messages.success(request, _("“%(title)s” will be processed again.") % {"title": video.title})
    return redirect("wagtailmedia:edit", video.pk)
