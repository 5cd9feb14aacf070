"""The Content-Security-Policy of each part of the site, in one place.

The public site gets a strict policy: scripts only from this site or carrying the request's
nonce, no plugins, no <base>, and no framing by other sites (settings.CONTENT_SECURITY_POLICY).
Wagtail's admin still needs inline scripts and styles and eval() in places (its modal
choosers), so its pages get the policy it can live with (settings.ADMIN_CONTENT_SECURITY_POLICY),
which still allows nothing from other origins but images and embeds' frames.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None or not _is_admin(request):
            return parts
        # No nonce: with one, browsers would ignore the admin's 'unsafe-inline'.
        admin_policy = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return PolicyParts(admin_policy, parts.update, parts.replace, None)


def _is_admin(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))
