"""The one SENDFILE_BACKEND, which two libraries read under the same name: django-sendfile2,
for the download view's masters, and Wagtail, for its documents (wagtail.utils.sendfile).

A master (a file under SENDFILE_ROOT, the private storage) goes to nginx's `internal`
location by X-Accel-Redirect; the download view sends one here only when
DOWNLOADS_BY_X_ACCEL is on, and otherwise streams it itself, with ranges. A document, once
Wagtail's view has checked its collection's privacy, is streamed by Django: documents are
small, and no internal location serves the public media folder they live in. (With a backend
of its own per library, Wagtail's document view failed in every mode: no backend in the
embedded one, and nginx's, which maps only SENDFILE_ROOT, in production.)
"""

from pathlib import Path

from django.conf import settings
from django_sendfile.backends import nginx
from wagtail.utils import sendfile_streaming_backend


def sendfile(request, filename, **kwargs):
    if Path(filename).resolve().is_relative_to(Path(settings.SENDFILE_ROOT).resolve()):
        return nginx.sendfile(request, filename, **kwargs)
    return sendfile_streaming_backend.sendfile(request, filename, **kwargs)
