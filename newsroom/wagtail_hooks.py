from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import scheduler_silent_message
from .content_checks import leave_out_embedded_frames
from .models import Person
from .scheduling import embargoed_pages, moment, scheduler_is_silent


class EmbargoedPagesPanel(Component):
    """The dashboard's list of what is waiting for its go-live time, with a warning when no
    scheduler is running to publish it."""

    name = "embargoed_pages"
    template_name = "newsroom/admin/embargoed_pages_panel.html"
    order = 110

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        pages = embargoed_pages(among=editable)
        for page in pages:
            page.embargo_lifts_at_label = moment(page.embargo_lifts_at)
        return {
            "pages": pages,
            "scheduler_silent_message": scheduler_is_silent() and scheduler_silent_message(),
        }


@hooks.register("insert_editor_js")
def save_after_autosave():
    """A save pressed while Wagtail's first autosave is creating the page waits for it, rather
    than creating the page a second time."""
    return format_html(
        '<script src="{}" defer></script>', static("newsroom/js/save-after-autosave.js")
    )


@hooks.register("construct_homepage_panels")
def add_embargoed_pages_panel(request, panels):
    panels.append(EmbargoedPagesPanel())


@hooks.register("construct_wagtail_userbar")
def check_content_without_embedded_frames(request, items, page):
    leave_out_embedded_frames(items)


class PersonChooserViewSet(SnippetChooserViewSet):
    """The chooser of a story's people searches them by name, and lets whoever may add people
    add one without leaving the story (Wagtail shows the tab only with the "add" permission)."""

    form_fields = ["name", "role"]
    create_action_label = _("Add this person")


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "role"]
    chooser_viewset_class = PersonChooserViewSet


register_snippet(PersonViewSet)
