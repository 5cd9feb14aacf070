"""Which responses a shared cache (the CDN, or nginx's proxy cache) may keep, and for how long.

A response may be shared only when it is what every anonymous reader gets:

- it comes from one of the views below, whose output depends on the URL alone for anyone not
  signed in: Wagtail's pages, the feeds, the sitemap and robots.txt. Every other view is
  private, whatever it shows: account pages, downloads, the admin and its previews, health
  checks, the newsletter's links (they show the subscriber's address), and search (see below);
- answering GET or HEAD with 200, without setting Cache-Control itself;
- to a request that carries no session and no credentials: a signed-in reader, or a visitor
  part-way through registering, always reaches Django (the CDN must also bypass its cache when
  the session cookie is present; README, "Caching and the CDN");
- setting no cookie. A rendered CSRF token always comes with its cookie (Django sets it again
  whenever a token is used), so a page with a form, such as a password-protected page's, is
  never shared: a shared copy would hand one visitor's token to everyone.

Search results are not shared: every search is counted for the search terms report, which a
CDN's copy would skip; a story unpublished must leave the results at once, and URLs made of
what readers type cannot be listed for purging; what a reader searches for is their own.

Shared responses get `public, max-age=PUBLIC_CACHE_MAX_AGE, s-maxage=CDN_CACHE_MAX_AGE`:
browsers keep them briefly, the CDN longer, since publishing and unpublishing purge the URLs
they change (newsroom/frontend_cache.py). A URL with a query string (a listing's second page,
a filter) cannot be listed for purging, so the CDN keeps it no longer than browsers do.
Everything else is `private, no-store`.

`Vary` stays as Django sets it: `Cookie` on every page that asked who the reader is, so that a
browser does not show the copy it kept from before signing in; no `Accept-Language` on
language-prefixed URLs, whose language is in the path.

The Content-Security-Policy nonce is cached with the page, so the header and the page's
`nonce` attributes stay one pair and the page works. A nonce that many readers receive is no
secret, though: it guards only against markup injected after it is known, and a shared page's
markup is fixed when it is cached (its query string, the only input it could reflect, is part
of the cache key). The public pages run no inline script (their nonced elements are JSON-LD
data blocks), and the reuse ends at CDN_CACHE_MAX_AGE or the next purge. The admin, previews
and every page with a form are private, so their nonces stay one per response.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

SHAREABLE_VIEW_NAMES = {
    "wagtail_serve",
    "feed-rss",
    "feed-atom",
    "feed-videos",
    "django.contrib.sitemaps.views.sitemap",
    "robots",
}
SHAREABLE_METHODS = ("GET", "HEAD")


class SharedCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if is_shareable(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PUBLIC_CACHE_MAX_AGE,
                s_maxage=shared_lifetime(request),
            )
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response


def is_shareable(request, response):
    view = getattr(request, "resolver_match", None)
    return (
        settings.PUBLIC_CACHE_MAX_AGE > 0
        and view is not None
        and view.view_name in SHAREABLE_VIEW_NAMES
        and request.method in SHAREABLE_METHODS
        and response.status_code == 200
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "Authorization" not in request.headers
        and not response.cookies
        and not _signed_in(request)
    )


def shared_lifetime(request):
    if request.META.get("QUERY_STRING"):
        return settings.PUBLIC_CACHE_MAX_AGE
    return max(settings.CDN_CACHE_MAX_AGE, settings.PUBLIC_CACHE_MAX_AGE)


def _signed_in(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
