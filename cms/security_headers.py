"""The Content-Security-Policy of each part of the site, in one place.

The public site gets a strict policy: scripts only from this site or carrying the request's
nonce, no plugins, no <base>, and no framing by other sites (settings.CONTENT_SECURITY_POLICY).
Wagtail's admin still needs inline scripts and styles and eval() in places (its modal
choosers), so its pages get the policy it can live with (settings.ADMIN_CONTENT_SECURITY_POLICY),
which still allows nothing from other origins but images and embeds' frames.

A preview is a public page rendered for the admin, which shows it in a frame of its own (the
live preview panel, and the accessibility checks that run inside it): it keeps the public
policy but may be framed by this site, and still by no other.

The video player made for other sites to embed (newsroom/embedding.py) is the one page any
site may frame: it keeps the public policy otherwise, and sets no cookie.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse

EMBEDDABLE_VIEW_NAMES = {"video_embed"}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if _is_preview(request):
            # X-Frame-Options, for browsers that ignore frame-ancestors, says the same.
            response["X-Frame-Options"] = "SAMEORIGIN"
        elif _is_embeddable(request):
            # Set by XFrameOptionsMiddleware, which runs before this on the way out.
            del response["X-Frame-Options"]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if _is_preview(request):
            return PolicyParts(
                parts.config,
                parts.update,
                {**(parts.replace or {}), "frame-ancestors": [SELF]},
                parts.nonce,
            )
        if _is_embeddable(request):
            return PolicyParts(
                parts.config,
                parts.update,
                {**(parts.replace or {}), "frame-ancestors": ["*"]},
                parts.nonce,
            )
        if not _is_admin(request):
            return parts
        # No nonce: with one, browsers would ignore the admin's 'unsafe-inline'.
        admin_policy = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return PolicyParts(admin_policy, parts.update, parts.replace, None)


def _is_admin(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))


def _is_preview(request):
    # Set by Wagtail on the request it makes to render a preview (make_preview_request).
    return getattr(request, "is_preview", False)


def _is_embeddable(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in EMBEDDABLE_VIEW_NAMES
