"""Django's LocaleMiddleware, except that the admin's "not found" stays the admin's own.

Django answers a 404 on a path without a language prefix with a redirect to the same path
under the reader's language, in case a translated URL exists there. For /admin/… that sends
a moderator who approves a story deleted meanwhile to /en/admin/…, where the public page
tree answers with the site's "page not found". Wagtail's admin already renders its own 404
(wagtailadmin/404.html), in the admin's language: it is kept as it is. So is the "not found"
of any other view outside the language prefixes that answered itself (the public API's and
the oEmbed provider's JSON errors, a video file's 404): under a language prefix the catch-all
page route would "find" it and the redirect would lead to a page that is not there either.
"""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and (
            request.path_info.startswith(
                (
                    reverse("wagtailadmin_home"),
                    reverse("publicapi:pages:listing").removesuffix("pages/"),
                )
            )
            or getattr(request, "resolver_match", None) is not None
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
