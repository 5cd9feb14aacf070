"""The translator's place in the admin: "To translate" in the menu and on the dashboard, and
"Submit for review" in the translation editor (home/templates/wagtail_localize/); converting
a translation to an alias, and publishing on "Sync translated pages", for publishers only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .translation_desk import languages_translated_by, to_translate
from .translation_views import (
    ToTranslateView,
    UpdateTranslationsView,
    convert_to_alias,
    submit_translation_for_review,
)

DASHBOARD_JOBS = 5


@hooks.register("register_admin_urls")
def register_translation_desk_urls():
    return [
        path("to-translate/", ToTranslateView.as_view(), name="home_to_translate"),
        path(
            "to-translate/<int:translation_id>/submit/",
            submit_translation_for_review,
            name="home_submit_translation_for_review",
        ),
    ]


@hooks.register("register_admin_urls", order=-1)
def guard_wagtail_localize_urls():
    """Before wagtail-localize's own, at the same addresses, so its links lead here."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
            name="home_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            convert_to_alias,
            name="home_convert_to_alias",
        ),
    ]


@hooks.register("construct_page_action_menu")
def offer_alias_conversion_to_publishers_only(menu_items, request, context):
    page = context.get("page")
    if page is not None and not page.permissions_for_user(request.user).can_publish():
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


class ToTranslateMenuItem(MenuItem):
    def is_shown(self, request):
        return languages_translated_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_to_translate_menu_item():
    return ToTranslateMenuItem(
        _("To translate"),
        reverse("home_to_translate"),
        name="to-translate",
        icon_name="wagtail-localize-language",
        order=150,
    )


class ToTranslatePanel(Component):
    name = "to_translate"
    template_name = "home/admin/to_translate_panel.html"
    order = 50

    def __init__(self, jobs):
        self.jobs = jobs

    def get_context_data(self, parent_context):
        return {
            "jobs": self.jobs[:DASHBOARD_JOBS],
            "more": len(self.jobs) - DASHBOARD_JOBS,
            "list_url": reverse("home_to_translate"),
        }


@hooks.register("construct_homepage_panels")
def add_to_translate_panel(request, panels):
    if languages_translated_by(request.user).exists():
        panels.append(ToTranslatePanel(to_translate(request.user)))
