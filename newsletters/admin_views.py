"""The newsletter editor's views around an issue: send it (now or later) or a test of it,
and watch it go out. Mounted by the issue's snippet viewset (wagtail_hooks.py)."""

from django.contrib import messages
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from . import sending
from .forms import SendIssueForm
from .models import Delivery, NewsletterIssue, Sending, Subscriber
from .tasks import send_issue, send_test_issue

FAILURES_SHOWN = 50

issue_permission_policy = ModelPermissionPolicy(NewsletterIssue)


def url_of(view_name, issue):
    return reverse(f"{NewsletterIssue.snippet_viewset.url_namespace}:{view_name}", args=[issue.pk])


class IssueAdminMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A view about one issue, open to those who may send issues."""

    permission_policy = issue_permission_policy
    permission_required = "send"
    header_icon = "mail"

    @cached_property
    def issue(self):
        issues = NewsletterIssue.objects.select_related("locale", "sending")
        return get_object_or_404(issues, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.issue)

    def get_breadcrumbs_items(self):
        viewset = NewsletterIssue.snippet_viewset
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(viewset.get_url_name("list")),
                "label": NewsletterIssue._meta.verbose_name_plural.capitalize(),
            },
            {"url": url_of("edit", self.issue), "label": str(self.issue)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(issue=self.issue, **kwargs)


class SendView(IssueAdminMixin, FormView):
    page_title = gettext_lazy("Send")
    template_name = "newsletters/admin/send.html"
    form_class = SendIssueForm

    def get(self, request, *args, **kwargs):
        if self.issue.sending_or_none is not None:
            return redirect(url_of("sending", self.issue))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.issue.sending_or_none is not None:
            return redirect(url_of("sending", self.issue))
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        language = self.issue.language_code
        return super().get_context_data(
            recipients=Subscriber.objects.receiving(language).count(),
            preview_url=url_of("edit", self.issue),
            test_url=url_of("send_test", self.issue),
            **kwargs,
        )

    def form_valid(self, form):
        scheduled = sending.schedule(
            self.issue, send_at=form.send_time(), requested_by=self.request.user
        )
        if form.cleaned_data["when"] == SendIssueForm.NOW:
            transaction.on_commit(lambda: send_issue.delay(scheduled.pk))
            messages.success(self.request, _("The issue is on its way."))
        else:
            messages.success(self.request, _("The issue is scheduled."))
        return redirect(url_of("sending", self.issue))


class SendTestView(IssueAdminMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        issue, user = self.issue, request.user
        transaction.on_commit(lambda: send_test_issue.delay(issue.pk, user.pk))
        log(instance=issue, action="newsletters.send_test", user=user)
        messages.success(request, _("A test is on its way to %(email)s.") % {"email": user.email})
        return redirect(url_of("send", issue))


class SendingView(IssueAdminMixin, TemplateView):
    """How far the sending has got: refreshed while it runs (newsletters/js/sending.js reads
    SendingCountsView), and the totals once it is over."""

    page_title = gettext_lazy("Sending")
    template_name = "newsletters/admin/sending.html"

    def get(self, request, *args, **kwargs):
        if self.issue.sending_or_none is None:
            return redirect(url_of("send", self.issue))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        sending_ = self.issue.sending
        failures = (
            Delivery.objects.filter(issue=self.issue, status=Delivery.Status.FAILED)
            .select_related("subscriber")
            .order_by("-pk")[:FAILURES_SHOWN]
        )
        return super().get_context_data(
            sending=sending_,
            counts=sending_.counts(),
            failures=failures,
            counts_url=url_of("sending_counts", self.issue),
            cancel_url=url_of("cancel", self.issue),
            retry_url=url_of("retry_failed", self.issue),
            **kwargs,
        )


class SendingCountsView(IssueAdminMixin, View):
    def get(self, request, pk):
        sending_ = get_object_or_404(Sending, issue=self.issue)
        return JsonResponse(
            {
                "status": sending_.status,
                "status_label": sending_.get_status_display(),
                "under_way": sending_.is_under_way,
                "counts": sending_.counts(),
            }
        )


class CancelView(IssueAdminMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        sending_ = get_object_or_404(Sending, issue=self.issue)
        if sending_.cancel():
            log(instance=self.issue, action="newsletters.cancel", user=request.user)
            messages.success(request, _("The sending is cancelled."))
        else:
            messages.error(request, _("The sending has started: it can no longer be cancelled."))
        return redirect(url_of("sending", self.issue))


class RetryFailedView(IssueAdminMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        sending_ = get_object_or_404(Sending, issue=self.issue)
        requeued = sending.retry_failed(sending_)
        if requeued:
            transaction.on_commit(lambda: send_issue.delay(sending_.pk))
            log(
                instance=self.issue,
                action="newsletters.retry_failed",
                user=request.user,
                data={"deliveries": requeued},
            )
            message = ngettext(
                "%(count)s delivery will be tried again.",
                "%(count)s deliveries will be tried again.",
                requeued,
            )
            messages.success(request, message % {"count": requeued})
        return redirect(url_of("sending", self.issue))
