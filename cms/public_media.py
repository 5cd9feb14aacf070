"""The public media folder, served by Django in the embedded mode (SERVE_MEDIA_FILES)."""

from django.http import Http404
from django.views.static import serve


def serve_public_media(request, path, document_root):
    """Django's static file view, where a name the file system cannot hold (longer than
    its 255 bytes, ENAMETOOLONG) is a file that does not exist, as for any other name."""
    try:
        return serve(request, path, document_root=document_root)
    except OSError as error:
        raise Http404 from error
