"""The one SENDFILE_BACKEND, which two libraries read under the same name: django-sendfile2,
for the download view's masters and the videos' files (videos/delivery.py), and Wagtail, for its
documents (wagtail.utils.sendfile).

Everything this backend is handed lives in the private storage (SENDFILE_ROOT), after a view
has made its checks: a master, a document once Wagtail's view has checked its collection's
privacy, a video's preview, poster or captions once the video is public. Behind nginx
(DOWNLOADS_BY_X_ACCEL) the answer only names the file, by X-Accel-Redirect, and nginx serves it
from its `internal` location; in the embedded mode Django streams it. (With a backend of its own
per library, Wagtail's document view failed in every mode: no backend in the embedded one, and
nginx's, which maps only SENDFILE_ROOT, in production.)
"""

from pathlib import Path

from django.conf import settings
from django_sendfile.backends import nginx
from wagtail.utils import sendfile_streaming_backend


def sendfile(request, filename, **kwargs):
    behind_nginx = settings.DOWNLOADS_BY_X_ACCEL and Path(filename).resolve().is_relative_to(
        Path(settings.SENDFILE_ROOT).resolve()
    )
    if behind_nginx:
        return nginx.sendfile(request, filename, **kwargs)
    return sendfile_streaming_backend.sendfile(request, filename, **kwargs)
