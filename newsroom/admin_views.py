"""Wagtail's page editor, telling the desk when a scheduled page goes live, and warning it when
no scheduler is running to make it so. Mounted over Wagtail's own URLs (cms/urls.py): editing,
creating, and a workflow action taken outside the editor (the dashboard's "Approve")."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowAction
from wagtail.models import Page, Revision

from .scheduling import moment, scheduled_for, scheduler_is_silent


def scheduler_silent_message():
    return _(
        "No scheduler has run in the last five minutes, so scheduled pages will not go live "
        "or expire on time. Start it: “make run” starts one beside the web server; in "
        "production, start Celery beat."
    )


def say_scheduled(request, page, lifts_at):
    """Every way of scheduling a page ends here, in place of Wagtail's "has been updated" or
    "scheduled for publishing", which do not say when."""
    values = {"title": page.get_admin_display_title(), "moment": moment(lifts_at)}
    if page.live:
        message = _(
            "Scheduled for %(moment)s: this version of “%(title)s” replaces the live one then."
        )
    else:
        message = _("Scheduled for %(moment)s: “%(title)s” is embargoed until then.")
    edit = messages.button(reverse("wagtailadmin_pages:edit", args=[page.pk]), _("Edit"))
    messages.success(request, message % values, buttons=[edit])
    if scheduler_is_silent():
        messages.warning(request, scheduler_silent_message())


class PageEditView(EditView):
    def get(self, request, *args, **kwargs):
        if self._goes_live_later() and scheduler_is_silent():
            messages.warning(request, scheduler_silent_message())
        return super().get(request, *args, **kwargs)

    def add_save_confirmation_message(self):
        """After saving a draft, and after a workflow action such as "Approve and Publish",
        where Wagtail says only "has been updated"."""
        lifts_at = scheduled_for(self.page)
        if self.action_name != "save" and lifts_at:
            say_scheduled(self.request, self.page, lifts_at)
        elif self.action_name == "save" and self._goes_live_later():
            messages.success(
                self.request,
                _(
                    "“%(title)s” has been saved. It goes live at %(moment)s once it is "
                    "published or approved."
                )
                % {
                    "title": self.page.get_admin_display_title(),
                    "moment": moment(self.page.go_live_at),
                },
                buttons=[self.get_edit_message_button()],
            )
        else:
            super().add_save_confirmation_message()

    def run_hook(self, hook_name, *args, **kwargs):
        """Publishing with a go-live time in the future schedules the page: say for when, in
        place of Wagtail's "has been scheduled for publishing"."""
        response = super().run_hook(hook_name, *args, **kwargs)
        if response is None and hook_name == "after_publish_page":
            lifts_at = scheduled_for(self.page)
            if lifts_at:
                say_scheduled(self.request, self.page, lifts_at)
                return self.redirect_away()
        return response

    def _goes_live_later(self):
        return bool(self.page.go_live_at and self.page.go_live_at > timezone.now())


class PageCreateView(CreateView):
    def get_context_data(self, **kwargs):
        # The schedule dialog tells a publisher which button schedules the new page: it asks
        # the parent's permissions, and an unsaved page cannot find its parent.
        self.page.created_under = self.parent_page
        return super().get_context_data(**kwargs)

    def run_hook(self, hook_name, *args, **kwargs):
        """Publishing a new page with a go-live time in the future schedules it: say for when,
        in place of Wagtail's "created and scheduled for publishing". The hooks Wagtail runs
        after creating a page still run."""
        response = super().run_hook(hook_name, *args, **kwargs)
        if response is None and hook_name == "after_publish_page":
            lifts_at = scheduled_for(self.page)
            if lifts_at:
                say_scheduled(self.request, self.page, lifts_at)
                after_create = super().run_hook("after_create_page", self.request, self.page)
                return after_create or self.redirect_away()
        return response


class PageWorkflowActionView(WorkflowAction):
    def post(self, request, *args, **kwargs):
        """An approval from outside the editor (the dashboard's "Approve with comment") that
        schedules the revision under review says for when; Wagtail says nothing."""
        response = super().post(request, *args, **kwargs)
        lifts_at = (
            Revision.objects.filter(pk=self.task_state.revision_id)
            .values_list("approved_go_live_at", flat=True)
            .first()
        )
        if lifts_at:
            say_scheduled(request, Page.objects.get(pk=self.object.pk), lifts_at)
        return response
