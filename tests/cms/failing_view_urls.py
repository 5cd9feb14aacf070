"""The site's URLs and one view that fails, for the error report test."""

from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns


def fail(request):
    # Made at run time, so that only a local variable, not the source, holds the address.
    reader = "@".join(["reader", "example.org"])
    raise RuntimeError(f"a view failed on purpose, {len(reader)} characters in")


urlpatterns = [path("fail/", fail), *site_urlpatterns]
