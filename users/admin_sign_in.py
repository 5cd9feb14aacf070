"""The admin's own doors: its login and its password reset, Wagtail's views with limits.

The login counts each password as a guess (users/password_guessing.py), in allauth's own
counters. The password reset mails only people with admin access (public accounts reset
theirs by code, through allauth), is rate-limited as allauth's reset is, and answers alike
whatever the address: the request only hands the address to a task, which looks it up."""

from allauth.core import ratelimit
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import get_language
from wagtail.admin.forms.auth import LoginForm, PasswordResetForm
from wagtail.admin.views import account

from background.hand_off import hand_off_after_commit

from .password_guessing import (
    TooManyGuesses,
    account_key,
    count_guess,
    seconds_until_allowed,
    too_many_attempts,
)
from .tasks import send_admin_password_reset
from .two_factor import has_admin_access

RESET_ACTION = "reset_password"


class AdminLoginForm(LoginForm):
    retry_after = None

    def clean(self):
        login, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if login is None or not password:
            return super().clean()
        try:
            guess = count_guess(self.request, account_key(self.request, login))
        except TooManyGuesses as refusal:
            self.retry_after = refusal.seconds
            raise ValidationError(refusal.message, code="too_many_attempts") from refusal
        cleaned = super().clean()
        guess.rollback()
        return cleaned


class AdminLoginView(account.LoginView):
    def get_form_class(self):
        return AdminLoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "too_many_attempts"):
            response.status_code = 429
            response["Retry-After"] = str(form.retry_after)
        return response


class AdminPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        return (user for user in super().get_users(email) if has_admin_access(user))

    def save(self, *, request, use_https=False, **_options):
        """Mailed by a task, so that the request does the same work whoever the address is."""
        hand_off_after_commit(
            send_admin_password_reset,
            self.cleaned_data["email"],
            request.get_host(),
            use_https,
            get_language(),
        )


def mail_password_reset(email, domain, use_https):
    """Wagtail's reset link to each active account with admin access at `email`, if any."""
    form = AdminPasswordResetForm({"email": email})
    if form.is_valid():
        PasswordResetForm.save(
            form,
            domain_override=domain,
            use_https=use_https,
            email_template_name=account.PasswordResetView.email_template_name,
            subject_template_name=account.PasswordResetView.subject_template_name,
        )


class AdminPasswordResetView(account.PasswordResetView):
    def get_form_class(self):
        return AdminPasswordResetForm

    def form_valid(self, form):
        key = form.cleaned_data["email"].lower()
        if not ratelimit.consume(self.request, action=RESET_ACTION, key=key):
            return too_many_attempts(
                self.request, seconds_until_allowed(self.request, RESET_ACTION, key)
            )
        return super().form_valid(form)
