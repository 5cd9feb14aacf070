"""The newsletter's public pages: subscribing, confirming, unsubscribing and subscribing
again, and the account's choice. A bad or expired link gets a page that says so, with status
400; nothing a visitor sends gives an error page."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from users.return_to import local_url

from . import subscriptions
from .forms import AccountNewsletterForm, SubscribeForm
from .models import Subscriber
from .tokens import (
    ExpiredToken,
    InvalidToken,
    confirmation_valid_days,
    read_unsubscribe_token,
)


def invalid_link(request):
    return render(request, "newsletters/link_invalid.html", status=400)


class SubscribeView(FormView):
    template_name = "newsletters/subscribe.html"
    form_class = SubscribeForm

    def get_initial(self):
        user = self.request.user
        initial = {"language": get_language()}
        if user.is_authenticated:
            initial.update(email=user.email, name=user.first_name)
        return initial

    def form_valid(self, form):
        # allauth's limiter, the one the accounts use, per client address: the form cannot
        # be used to have confirmation emails sent in bulk. What was typed stays in the form.
        if not ratelimit.consume(self.request, action="newsletter_subscribe"):
            form.add_error(
                None,
                _(
                    "Too many subscriptions have been asked for from your network. "
                    "Please try again in an hour."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        data = form.cleaned_data
        subscriptions.ask_to_subscribe(
            data["email"], language=data["language"], topics=list(data["topics"]), name=data["name"]
        )
        return redirect("newsletter_check_inbox")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CheckInboxView(TemplateView):
    template_name = "newsletters/check_inbox.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "valid_days": confirmation_valid_days()}


class ConfirmView(View):
    """The link in the confirmation email. GET, following the link: a page with one button,
    so that a mail scanner that follows links subscribes nobody. POST, the button: the
    subscription is confirmed."""

    def get(self, request, token):
        return self._answer(request, token, subscriptions.subscriber_to_confirm, "confirm.html")

    def post(self, request, token):
        return self._answer(request, token, subscriptions.confirm, "confirmed.html")

    def _answer(self, request, token, action, template_name):
        try:
            subscriber = action(token)
        except ExpiredToken:
            return render(request, "newsletters/link_expired.html", status=400)
        except (InvalidToken, Subscriber.DoesNotExist):
            return invalid_link(request)
        context = {"subscriber": subscriber, "token": token}
        return render(request, f"newsletters/{template_name}", context)


class SubscriberLinkMixin:
    """Views reached by a recipient's own signed link: the token is the only credential."""

    def dispatch(self, request, token):
        try:
            subscriber_id = read_unsubscribe_token(token)
        except InvalidToken:
            return invalid_link(request)
        self.token = token
        self.subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
        return super().dispatch(request, token)

    def render(self, template_name):
        context = {"subscriber": self.subscriber, "token": self.token}
        return render(self.request, template_name, context)


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(SubscriberLinkMixin, View):
    """GET, the link in the email: a page with a button, so that a mail scanner following
    links unsubscribes nobody. POST, the button or a mail client's RFC 8058 one-click
    (`List-Unsubscribe=One-Click`): unsubscribed at once, without signing in. A mail client
    has no CSRF token to send; the signed link is the proof, so this view alone is exempt."""

    def get(self, request, token):
        return self.render("newsletters/unsubscribe.html")

    def post(self, request, token):
        if self.subscriber is not None:
            self.subscriber.unsubscribe()
        return self.render("newsletters/unsubscribed.html")


class ResubscribeView(SubscriberLinkMixin, View):
    """ "Subscribe again" on the page that confirms an unsubscription."""

    http_method_names = ["post"]

    def post(self, request, token):
        if self.subscriber is None:
            return invalid_link(request)
        self.subscriber.confirm()
        return self.render("newsletters/confirmed.html")


class AccountNewsletterView(LoginRequiredMixin, View):
    """The account page's newsletter choice, and the welcome page's button."""

    http_method_names = ["post"]

    def post(self, request):
        form = AccountNewsletterForm(request.POST)
        if not form.is_valid():
            return render(request, "newsletters/choice_invalid.html", {"form": form}, status=400)
        if not form.cleaned_data["receive"]:
            subscriptions.unsubscribe_account(request.user)
            messages.success(request, _("You will not receive our newsletter."))
        elif subscriptions.subscribe_account(request.user, language=form.cleaned_data["language"]):
            messages.success(request, _("Thank you: you will receive our newsletter."))
        else:
            messages.success(
                request, _("Check your inbox: follow the link we sent you to confirm.")
            )
        return redirect(local_url(request, "next") or "account_profile")
