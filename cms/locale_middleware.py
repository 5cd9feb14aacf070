"""Django's LocaleMiddleware, except that the admin's "not found" stays the admin's own.

Django answers a 404 on a path without a language prefix with a redirect to the same path
under the reader's language, in case a translated URL exists there. For /admin/… that sends
a moderator who approves a story deleted meanwhile to /en/admin/…, where the public page
tree answers with the site's "page not found". Wagtail's admin already renders its own 404
(wagtailadmin/404.html), in the admin's language: it is kept as it is.
"""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(
            reverse("wagtailadmin_home")
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
