from allauth.account.views import (
    ConfirmEmailVerificationCodeView as AllauthConfirmEmailVerificationCodeView,
)
from allauth.account.views import PasswordResetView as AllauthPasswordResetView
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from .access import terms_to_accept
from .account import delete_account, personal_data
from .forms import AcceptTermsForm, DeleteAccountForm, ProfileForm
from .password_guessing import TooManyGuesses, account_key, count_guess, too_many_attempts
from .return_to import local_url, return_to


class WelcomeView(LoginRequiredMixin, TemplateView):
    """After verifying: the seed's "You have successfully created your account", what other
    apps offer a new account (the newsletter: ACCOUNT_WELCOME_SECTIONS), and the way back
    to the page the visitor was on."""

    template_name = "users/welcome.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "return_to": return_to(self.request),
            "sections": settings.ACCOUNT_WELCOME_SECTIONS,
        }


class AccountView(LoginRequiredMixin, TemplateView):
    template_name = "users/account.html"

    def get_context_data(self, **kwargs):
        return {
            "profile_form": ProfileForm(instance=self.request.user),
            "delete_form": DeleteAccountForm(self.request.user),
            "sections": settings.ACCOUNT_PAGE_SECTIONS,
            **kwargs,
        }

    def post(self, request):
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your details have been saved."))
            return redirect("account_profile")
        return self.render_to_response(self.get_context_data(profile_form=form), status=400)


class DeleteAccountView(LoginRequiredMixin, TemplateView):
    template_name = "users/account.html"
    http_method_names = ["post"]

    def post(self, request):
        # The password is asked again here, so it is a door for guessing like the login: the
        # same per-account and per-address counters (users/password_guessing.py).
        try:
            count_guess(request, account_key(request, request.user.email))
        except TooManyGuesses as refusal:
            return too_many_attempts(request, refusal.seconds)
        form = DeleteAccountForm(request.user, request.POST)
        if not form.is_valid():
            context = {
                "profile_form": ProfileForm(instance=request.user),
                "delete_form": form,
                "sections": settings.ACCOUNT_PAGE_SECTIONS,
            }
            return self.render_to_response(context, status=400)
        user = request.user
        logout(request)
        delete_account(user)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("/")


@login_required
def download_my_data(request):
    response = JsonResponse(personal_data(request.user), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


class AcceptTermsView(LoginRequiredMixin, TemplateView):
    """Before a download: the current terms of use, accepted once per version. The visitor
    then goes on to `next`, the download they asked for."""

    template_name = "users/accept_terms.html"

    def next_url(self):
        return local_url(self.request, "next")

    def get(self, request):
        terms = terms_to_accept(request.user)
        if terms is None:
            return redirect(self.next_url() or "account_profile")
        context = {"terms": terms, "form": AcceptTermsForm(), "next": self.next_url()}
        return self.render_to_response(context)

    def post(self, request):
        terms = terms_to_accept(request.user)
        form = AcceptTermsForm(request.POST)
        if terms is not None:
            if not form.is_valid():
                context = {"terms": terms, "form": form, "next": self.next_url()}
                return self.render_to_response(context, status=400)
            request.user.accept_terms(terms)
        return redirect(self.next_url() or "account_profile")


class PasswordResetView(AllauthPasswordResetView):
    """allauth's reset form, with a cap on the codes an address may be sent a day
    (PASSWORD_RESET_CODES_PER_DAY: the arithmetic is beside it in the settings). The cap
    counts requests for any address, with an account or not, so that reaching it tells
    nothing about the address."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].lower()
        if not ratelimit.consume(self.request, action="reset_password_daily", key=email):
            per_day = settings.PASSWORD_RESET_CODES_PER_DAY
            form.add_error(
                None,
                ngettext(
                    "You can ask for %(count)d code a day to reset your password: please "
                    "try again tomorrow, or log in if you remember your password.",
                    "You can ask for %(count)d codes a day to reset your password: please "
                    "try again tomorrow, or log in if you remember your password.",
                    per_day,
                )
                % {"count": per_day},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class ConfirmEmailVerificationCodeView(AllauthConfirmEmailVerificationCodeView):
    """allauth's code page, except after the last wrong try. There allauth forgets the
    sign-up and sends the reader to "Log in" without a word; here the dead code is replaced
    by a new one, sent at once, and the reader stays on the page and is told why. The new
    codes count against allauth's "Send new code" allowance (two a sign-up), so this gives no
    more guesses than pressing that button does; the one-minute pause between two codes is
    waived for it, as the reader did not ask for this one. Once the allowance is spent,
    allauth's way holds, with the reason given: logging in sends a new code."""

    def form_invalid(self, form):
        process = self._process
        last_try = process.state["failed_attempts"] + 1 >= process.max_attempts
        if self._action != "verify" or not last_try:
            return super().form_invalid(form)
        if not process.can_resend:
            process.abort()
            messages.error(
                self.request,
                _("That code can no longer be used. Log in to have a new one sent to you."),
            )
            return HttpResponseRedirect(reverse("account_login"))
        process.state["failed_attempts"] = 0
        ratelimit.clear(self.request, action="confirm_email", key=process.email.lower())
        process.resend()
        messages.error(self.request, _("That code can no longer be used: we have sent a new one."))
        return HttpResponseRedirect(
            self.passthrough_next_url(reverse("account_email_verification_sent"))
        )
