"""Wagtail's page editor, telling the desk when a scheduled page goes live, and warning it when
no scheduler is running to make it so. Mounted over Wagtail's own edit URL (cms/urls.py)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView

from .scheduling import moment, scheduled_for, scheduler_is_silent


def scheduler_silent_message():
    return _(
        "No scheduler has run in the last five minutes, so scheduled pages will not go live "
        "or expire on time. Start it: “make run” starts one beside the web server; in "
        "production, start Celery beat."
    )


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
            self._say_scheduled(lifts_at)
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
                self._say_scheduled(lifts_at)
                return self.redirect_away()
        return response

    def _say_scheduled(self, lifts_at):
        values = {"title": self.page.get_admin_display_title(), "moment": moment(lifts_at)}
        if self.page.live:
            message = _(
                "Scheduled for %(moment)s: this version of “%(title)s” replaces the live one then."
            )
        else:
            message = _("Scheduled for %(moment)s: “%(title)s” is embargoed until then.")
        messages.success(self.request, message % values, buttons=[self.get_edit_message_button()])
        if scheduler_is_silent():
            messages.warning(self.request, scheduler_silent_message())

    def _goes_live_later(self):
        return bool(self.page.go_live_at and self.page.go_live_at > timezone.now())
