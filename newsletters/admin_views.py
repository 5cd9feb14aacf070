"""The newsletter editor's views around an issue: send it (now or later, once confirmed) or
a test of it, watch it go out, and start its translation. Mounted by the issue's snippet
viewset (wagtail_hooks.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
from django.utils.translation import get_language_info, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail_localize.components import TranslationComponentManager
from wagtail_localize.views.submit_translations import (
    SubmitSnippetTranslationView,
    SubmitTranslationView,
)

from background.hand_off import hand_off_after_commit

from . import sending
from .forms import SendIssueForm
from .models import Delivery, NewsletterIssue, Sending
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
    """When to send, then a second page that says to whom, in which language and when, whose
    button alone sends: nothing goes to the subscribers on one click."""

    page_title = gettext_lazy("Send")
    template_name = "newsletters/admin/send.html"
    confirmation_template_name = "newsletters/admin/confirm_send.html"
    form_class = SendIssueForm

    def get(self, request, *args, **kwargs):
        if self.issue.sending_or_none is not None:
            return redirect(url_of("sending", self.issue))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.issue.sending_or_none is not None:
            return redirect(url_of("sending", self.issue))
        return super().post(request, *args, **kwargs)

    @cached_property
    def recipient_count(self):
        return self.issue.recipients().count()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recipients=self.recipient_count,
            send_url=url_of("send", self.issue),
            preview_url=url_of("edit", self.issue),
            test_url=url_of("send_test", self.issue),
            **kwargs,
        )

    def form_valid(self, form):
        if not form.cleaned_data["confirmed"]:
            return self.confirmation(form)
        scheduled = sending.schedule(
            self.issue, send_at=form.send_time(), requested_by=self.request.user
        )
        if form.sends_now:
            # Beat starts a due sending within a minute should the broker not take this.
            hand_off_after_commit(send_issue, scheduled.pk)
            messages.success(self.request, _("The issue is on its way."))
        else:
            messages.success(self.request, _("The issue is scheduled."))
        return redirect(url_of("sending", self.issue))

    def confirmation(self, form):
        self.page_title = _("Confirm the sending")
        context = self.get_context_data(
            form=form,
            question=confirmation_question(self.issue, self.recipient_count, form),
            confirm_label=_("Yes, send it now") if form.sends_now else _("Yes, schedule it"),
        )
        return TemplateResponse(self.request, self.confirmation_template_name, context)


def confirmation_question(issue, recipients, form):
    """ "Send “Issue” to 1,234 subscribers in French now?", or on which day and at what time."""
    values = {
        "title": str(issue),
        "count": number_format(recipients, force_grouping=True),
        "language": get_language_info(issue.language_code)["name_translated"],
    }
    if form.sends_now:
        question = ngettext(
            "Send “%(title)s” to %(count)s subscriber in %(language)s now?",
            "Send “%(title)s” to %(count)s subscribers in %(language)s now?",
            recipients,
        )
    else:
        values["when"] = date_format(timezone.localtime(form.send_time()), "DATETIME_FORMAT")
        question = ngettext(
            "Send “%(title)s” to %(count)s subscriber in %(language)s on %(when)s?",
            "Send “%(title)s” to %(count)s subscribers in %(language)s on %(when)s?",
            recipients,
        )
    return question % values


class TranslateView(SubmitSnippetTranslationView):
    """wagtail-localize's "Translate" for an issue, open to those who compose issues. Its own
    gate is the site-wide submit_translation permission, which would let them start
    translations of every page too; here the gate is the permission to add issues."""

    def dispatch(self, request, *args, **kwargs):
        if not issue_permission_policy.user_has_permission(request.user, "add"):
            raise PermissionDenied
        self.object = self.get_object()
        self.components = TranslationComponentManager.from_request(
            request, source_object_instance=self.object
        )
        # Past wagtail-localize's own check, to Django's dispatch.
        return super(SubmitTranslationView, self).dispatch(request, *args, **kwargs)

    def get_object(self):
        return get_object_or_404(NewsletterIssue, pk=self.kwargs["pk"])

    def get_default_success_url(self, translated_snippet=None):
        return url_of("edit", translated_snippet or self.object)

    @staticmethod
    def is_offered_for(issue, user):
        """Whether `user` may translate `issue` and a language is left to translate it into."""
        return (
            issue_permission_policy.user_has_permission(user, "add")
            and Locale.objects.exclude(
                pk__in=issue.get_translations(inclusive=True).values("locale_id")
            ).exists()
        )


class SendTestView(IssueAdminMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        issue, user = self.issue, request.user
        hand_off_after_commit(send_test_issue, issue.pk, user.pk)
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
            hand_off_after_commit(send_issue, sending_.pk)
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
