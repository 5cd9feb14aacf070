"""The site's URLs plus the trivial view, for gunicorn under benchmarks.settings."""

from django.urls import path

from benchmarks import trivial_view
from cms.urls import urlpatterns as site_urlpatterns

urlpatterns = [path(trivial_view.PATH.lstrip("/"), trivial_view.trivial), *site_urlpatterns]
