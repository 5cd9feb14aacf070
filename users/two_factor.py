"""The admin's second factor: who must pass it, and resetting it. The one place for this rule.

Wagtail's own login checks the password; then nobody with admin access reaches an admin URL
until django-otp counts the session as verified (a TOTP app or a backup code). Public
accounts, which have no admin access, never meet it."""

from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django_otp import devices_for_user
from wagtail.log_actions import log

# Admin URLs a password-only session may load: signing in and out, resetting the password,
# and the second factor itself.
OPEN_WITHOUT_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "two_factor_verify",
    "two_factor_setup",
}


def has_admin_access(user):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def needs_second_factor(request):
    if not request.path.startswith(reverse("wagtailadmin_home")):
        return False
    user = request.user
    if not has_admin_access(user) or user.is_verified():
        return False
    try:
        return resolve(request.path_info).url_name not in OPEN_WITHOUT_SECOND_FACTOR
    except Resolver404:
        return True


class AdminSecondFactorMiddleware:
    """After django_otp's OTPMiddleware, which tells whether the session passed a factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('two_factor_verify')}?{query}")
        return self.get_response(request)


def confirmed_devices(user):
    return list(devices_for_user(user, confirmed=True))


def reset_devices(user, *, by=None):
    """Remove every second-factor device of `user`, who sets one up again at next sign-in."""
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    log(instance=user, action="users.two_factor_reset", user=by, data={"devices": removed})
    return removed
