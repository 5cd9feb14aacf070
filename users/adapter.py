from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from .return_to import remember

# RFC 5321's limit on an address, which the user model's field also holds.
EMAIL_MAX_LENGTH = 254
# Set when a code verifies an address before its owner is signed in (signing up, or logging
# in to an account whose address was never verified); the login that follows reads it.
VERIFIED_BEFORE_LOGIN_KEY = "users:verified_before_login"


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        if len(email) > EMAIL_MAX_LENGTH:
            raise ValidationError(_("This email address is too long."), code="email_too_long")
        return super().clean_email(email)

    def send_mail(self, template_prefix, email, context):
        """Rendered now, in the reader's language. Sending only queues the message in the
        database (background/email_queue.py), so a provider outage delays a code but never loses
        it, and the request never waits on the provider."""
        context = {"email": email, "SITE_NAME": settings.WAGTAIL_SITE_NAME, **context}
        self.render_mail(template_prefix, email, {"request": self.request, **context}).send()

    def get_signup_redirect_url(self, request):
        """A new account, once verified, lands on the seed's welcome page, which offers the
        newsletter and the way back to the page the visitor was on."""
        return reverse("account_welcome")

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        if confirmed and not request.user.is_authenticated:
            request.session[VERIFIED_BEFORE_LOGIN_KEY] = True
        return confirmed

    def post_login(self, request, user, **kwargs):
        """Every verification by code ends on the welcome page, whichever way it was reached:
        a reader who registered, left, and logs in later to verify is as new as one who
        verified at once. Where the login was going (its `next`) becomes the page the
        welcome page leads back to."""
        if request.session.pop(VERIFIED_BEFORE_LOGIN_KEY, False):
            remember(request, kwargs["redirect_url"])
            kwargs["redirect_url"] = reverse("account_welcome")
        return super().post_login(request, user, **kwargs)

    def get_email_verification_redirect_url(self, email_address):
        """A signed-in person who verified a changed address goes back to their account page.
        (allauth returns its redirect setting as given, unresolved, so it is not used.)"""
        return reverse("account_profile")
