"""The admin's second factor: who must pass it, and resetting it. The one place for this rule.

Wagtail's own login checks the password; then nobody with admin access reaches an admin URL
until django-otp counts the session as verified (a TOTP app or a backup code). Outside the
admin, such a session counts as signed in only once verified too, wherever being signed in
opens something sensitive: the account's password, address and deletion, and pages or
documents behind a view restriction. Public accounts, which have no admin access, never meet
it."""

from django.db import transaction
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django_otp import devices_for_user
from wagtail.log_actions import log

from .enrolment import send_enrolment_link

# Admin URLs a password-only session may load: signing in and out, resetting the password,
# the second factor itself, and the icons and translations its pages use.
OPEN_WITHOUT_SECOND_FACTOR = {
    "wagtailadmin_sprite",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "two_factor_verify",
    "two_factor_setup",
    "two_factor_enrol",
}


# Outside the admin, the pages that a password-only staff session must not open.
SIGNED_IN_ONLY = {
    "account_change_password",
    "account_set_password",
    "account_email",
    "account_delete",
    "account_data",
}


def has_admin_access(user):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def second_factor_pending(user):
    """Signed in with a password, with admin access, and this session not yet verified."""
    return has_admin_access(user) and not user.is_verified()


def counts_as_signed_in(user):
    """Whether this session counts as signed in to what being signed in opens."""
    return user.is_authenticated and not second_factor_pending(user)


def needs_second_factor(request):
    # Where first, then who: a request elsewhere loads neither the session nor permissions.
    in_admin = request.path.startswith(reverse("wagtailadmin_home"))
    try:
        name = resolve(request.path_info).url_name
    except Resolver404:
        name = None
    guarded = name not in OPEN_WITHOUT_SECOND_FACTOR if in_admin else name in SIGNED_IN_ONLY
    return guarded and second_factor_pending(request.user)


def to_second_factor(request):
    """To the second-factor page, which then sends the person back here."""
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('two_factor_verify')}?{query}")


class AdminSecondFactorMiddleware:
    """After django_otp's OTPMiddleware, which tells whether the session passed a factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request):
            return to_second_factor(request)
        return self.get_response(request)


def confirmed_devices(user):
    return list(devices_for_user(user, confirmed=True))


def reset_devices(user, *, by=None):
    """Remove every second-factor device of `user`, and mail them a link to set one up again."""
    removed = 0
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            removed += 1
        log(instance=user, action="users.two_factor_reset", user=by, data={"devices": removed})
        send_enrolment_link(user)
    return removed
