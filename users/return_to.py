"""Where a visitor goes back to once they have registered or reset their password.

It travels as `return_to` rather than allauth's `next`: with `next`, allauth would skip the
seed's "You have successfully created your account" page and send the visitor straight back."""

from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "users:return_to"


def local_url(request, parameter):
    """The URL in the request's `parameter` (POST first, then GET) if it stays on this site;
    None for anything else, so that no link can send a visitor to another site. Only a path
    (beginning with /) is taken: anything else is neither this site's link nor what
    redirect() reads as an address (it would look it up as a view's name)."""
    url = request.POST.get(parameter) or request.GET.get(parameter)
    return url if _is_local(request, url) else None


def _is_local(request, url):
    return (
        bool(url)
        and url.startswith("/")
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


def remember_return_to(request):
    """Keep the page the visitor was on (the `return_to` parameter), if it is on this site;
    anything else is dropped."""
    remember(request, local_url(request, "return_to"))


def remember(request, url):
    """Keep `url` as the page to go back to, if it is on this site."""
    if _is_local(request, url):
        request.session[SESSION_KEY] = url


def return_to(request):
    return request.session.get(SESSION_KEY, "/")
