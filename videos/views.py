import logging

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from users.return_to import local_url

from .access import Refusal, download_refusal
from .delivery import master_response
from .models import Download, Video

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 120


@require_safe
def download(request, pk):
    """“Download broadcast quality”: what the person must do first (`download_refusal`), or
    the master.

    Anonymous visitors log in or register and come back to the page they were on; an
    unverified address is verified first; new terms are accepted once; a video that is not
    public (processing, or shown only on draft or embargoed pages) is downloadable by nobody.
    """
    refusal = download_refusal(request.user, pk)
    if refusal is Refusal.NOT_AVAILABLE:
        return render(request, "videos/not_downloadable.html", status=404)
    if refusal is Refusal.LOG_IN:
        messages.info(
            request, _("Log in or create an account to download broadcast-quality video.")
        )
        return redirect_to_login(local_url(request, "from") or request.get_full_path())
    if refusal is Refusal.VERIFY_EMAIL:
        return _verify_first(request)
    if refusal is Refusal.ACCEPT_TERMS:
        url = f"{reverse('account_accept_terms')}?{urlencode({'next': request.get_full_path()})}"
        return redirect(url)
    video = Video.objects.filter(pk=pk).first()
    if video is None:  # deleted a moment ago
        return render(request, "videos/not_downloadable.html", status=404)
    try:
        response, new_download_size = master_response(request, video)
    except OSError:
        # The store is down or the master is missing: nothing was sent, so nothing is logged.
        logger.exception("The master of video %s could not be reached", video.pk)
        return _master_unavailable(request)
    if new_download_size is not None:
        Download.objects.create(video=video, user=request.user, size=new_download_size)
    return response


@verified_email_required
def _verify_first(request):
    """allauth sends a code to a user with no verified address at all; one whose login
    address alone is unverified verifies it from the email page."""
    messages.info(
        request, _("Please verify your email address to download broadcast-quality video.")
    )
    return redirect("account_email")


def _master_unavailable(request):
    response = render(request, "videos/download_unavailable.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "private, no-store"
    return response
