from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import two_factor_views
from .two_factor import counts_as_signed_in, to_second_factor


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", two_factor_views.verify, name="two_factor_verify"),
        path("two-factor/setup/", two_factor_views.setup, name="two_factor_setup"),
        path("two-factor/enrol/<str:token>/", two_factor_views.enrol, name="two_factor_enrol"),
        path("two-factor/reset/<int:user_id>/", two_factor_views.reset, name="two_factor_reset"),
    ]


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(
        "users.two_factor_setup", _("Set up two-factor sign-in"), _("Two-factor sign-in set up")
    )
    actions.register_action(
        "users.two_factor_reset", _("Reset two-factor sign-in"), _("Two-factor sign-in reset")
    )
    actions.register_action("users.roles_changed", _("Change roles"), _("Roles changed"))


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if not request_user.is_superuser or user == request_user:
        return []
    return [
        Button(
            _("Reset two-factor sign-in"),
            reverse("two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )
    ]


def _restricted_to_verified_sessions(restrictions, request):
    """A staff session that has not passed its second factor does not count as signed in to
    what a view restriction protects (users/two_factor.py)."""
    signed_in_halfway = request.user.is_authenticated and not counts_as_signed_in(request.user)
    if signed_in_halfway and restrictions.exists():
        return to_second_factor(request)
    return None


@hooks.register("before_serve_document", order=-1)
def second_factor_before_restricted_document(document, request):
    return _restricted_to_verified_sessions(document.collection.get_view_restrictions(), request)


@hooks.register("before_serve_page", order=-1)
def second_factor_before_restricted_page(page, request, serve_args, serve_kwargs):
    return _restricted_to_verified_sessions(page.get_view_restrictions(), request)
