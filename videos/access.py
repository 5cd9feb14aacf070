"""The one rule for "may this person download this video in broadcast quality?".

The video must be public (`Video.objects.public()`), and the person signed in, with a
verified email address, having accepted the current terms of use (`users.access`). Every
place that offers or serves a master asks `download_refusal`; its answer says what the
person has to do first, so that each of them can say it the same way.
"""

import enum

from users.access import has_verified_email, terms_to_accept

from .models import Video


class Refusal(enum.Enum):
    NOT_AVAILABLE = "not available"  # not public: processing, or on no page the public sees
    LOG_IN = "log in"
    VERIFY_EMAIL = "verify email"
    ACCEPT_TERMS = "accept terms"


def downloadable(videos):
    """The videos among `videos` (a queryset) that may be downloaded by whoever may download:
    the public ones."""
    return videos.public()


def download_refusal(user, video_id=None):
    """Why `user` may not download the video `video_id` now, or None if they may. Without a
    video: why they may download no video at all."""
    if video_id is not None and not downloadable(Video.objects.filter(pk=video_id)).exists():
        return Refusal.NOT_AVAILABLE
    if not user.is_authenticated:
        return Refusal.LOG_IN
    if not has_verified_email(user):
        return Refusal.VERIFY_EMAIL
    if terms_to_accept(user):
        return Refusal.ACCEPT_TERMS
    return None


def may_download(user, video_id=None):
    return download_refusal(user, video_id) is None
