"""The Newsletters menu of the admin: issues (a translatable, previewable snippet, with its
Send, Sending and Translate views), subscribers, and the providers' reports."""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from . import admin_views
from .models import NewsletterIssue, Subscriber, TrackingEvent


class SendingStatusColumn(Column):
    """Draft, scheduled, sending, sent or cancelled: what the issue's sending says."""

    def get_value(self, instance):
        sending = instance.sending_or_none
        return sending.get_status_display() if sending else _("Draft")


class IssueEditView(EditView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if admin_views.issue_permission_policy.user_has_permission(self.request.user, "send"):
            if self.object.sending_or_none is None:
                label, view_name = _("Send…"), "send"
            else:
                label, view_name = _("Sending"), "sending"
            buttons.append(
                HeaderButton(
                    label, url=admin_views.url_of(view_name, self.object), icon_name="mail"
                )
            )
        if admin_views.TranslateView.is_offered_for(self.object, self.request.user):
            buttons.append(
                HeaderButton(
                    _("Translate"),
                    url=admin_views.url_of("translate", self.object),
                    icon_name="wagtail-localize-language",
                )
            )
        return buttons


class NewsletterIssueViewSet(SnippetViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = _("Issues")
    menu_name = "newsletter-issues"
    list_display = [
        "subject",
        SendingStatusColumn("sending", label=_("Status")),
        "created_at",
    ]
    list_filter = ["locale"]
    edit_view_class = IssueEditView
    copy_view_enabled = True

    def get_queryset(self, request):
        return NewsletterIssue.objects.select_related("locale", "sending")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send/<int:pk>/", admin_views.SendView.as_view(), name="send"),
            path("send-test/<int:pk>/", admin_views.SendTestView.as_view(), name="send_test"),
            path("translate/<int:pk>/", admin_views.TranslateView.as_view(), name="translate"),
            path("sending/<int:pk>/", admin_views.SendingView.as_view(), name="sending"),
            path(
                "sending/<int:pk>/counts/",
                admin_views.SendingCountsView.as_view(),
                name="sending_counts",
            ),
            path("cancel/<int:pk>/", admin_views.CancelView.as_view(), name="cancel"),
            path(
                "retry-failed/<int:pk>/",
                admin_views.RetryFailedView.as_view(),
                name="retry_failed",
            ),
        ]


class NoAddingPolicy(ModelPermissionPolicy):
    """Subscribers come in by their own consent only (the confirmation link, an account's
    button): the admin may correct or remove one, not add one."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "newsletter_subscribers"
    url_prefix = "newsletters/subscribers"
    icon = "group"
    menu_label = _("Subscribers")
    list_display = ["email", "language", "status", "created_at"]
    list_filter = ["status", "language", "topics"]
    list_export = ["email", "name", "language", "status", "created_at", "confirmed_at"]
    export_filename = "newsletter-subscribers"
    search_fields = ["email", "name"]
    form_fields = ["email", "name", "language", "status", "topics"]
    inspect_view_enabled = True
    copy_view_enabled = False

    @cached_property
    def permission_policy(self):
        return NoAddingPolicy(Subscriber)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The providers' reports are a record: read, never written by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and any(
            super(ReadOnlyPolicy, self).user_has_permission(user, granted)
            for granted in ("view", "change", "delete")
        )


class TrackingEventViewSet(ModelViewSet):
    model = TrackingEvent
    name = "newsletter_reports"
    url_prefix = "newsletters/reports"
    icon = "warning"
    menu_label = _("Provider reports")
    list_display = ["recipient", "suppresses_as", "esp_name", "occurred_at", "processed_at"]
    list_filter = ["suppresses_as", "esp_name"]
    search_fields = ["recipient"]
    # No one may add or edit a report (ReadOnlyPolicy); the viewset still needs a form.
    form_fields = []
    inspect_view_enabled = True
    copy_view_enabled = False

    @cached_property
    def permission_policy(self):
        return ReadOnlyPolicy(TrackingEvent)


class NewslettersGroup(ModelViewSetGroup):
    menu_label = _("Newsletters")
    menu_icon = "mail"
    menu_order = 250
    items = (NewsletterIssueViewSet, SubscriberViewSet, TrackingEventViewSet)


@hooks.register("register_admin_viewset")
def register_newsletters_admin():
    return NewslettersGroup()


@hooks.register("register_log_actions")
def register_newsletter_log_actions(actions):
    actions.register_action(
        "newsletters.send", _("Send a newsletter"), _("Newsletter sending asked for")
    )
    actions.register_action(
        "newsletters.send_test", _("Send a newsletter test"), _("Newsletter test sent")
    )
    actions.register_action(
        "newsletters.cancel", _("Cancel a newsletter sending"), _("Newsletter sending cancelled")
    )
    actions.register_action(
        "newsletters.retry_failed",
        _("Retry failed newsletter deliveries"),
        _("Failed newsletter deliveries retried"),
    )
