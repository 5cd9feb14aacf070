from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from .admin_views import scheduler_silent_message
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


@hooks.register("construct_homepage_panels")
def add_embargoed_pages_panel(request, panels):
    panels.append(EmbargoedPagesPanel())
