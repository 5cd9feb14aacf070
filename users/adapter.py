from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

# RFC 5321's limit on an address, which the user model's field also holds.
EMAIL_MAX_LENGTH = 254


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        if len(email) > EMAIL_MAX_LENGTH:
            raise ValidationError(_("This email address is too long."), code="email_too_long")
        return super().clean_email(email)

    def send_mail(self, template_prefix, email, context):
        """Rendered now, in the reader's language. Sending only queues the message in the
        database (users/email_queue.py), so a provider outage delays a code but never loses
        it, and the request never waits on the provider."""
        context = {"email": email, "SITE_NAME": settings.WAGTAIL_SITE_NAME, **context}
        self.render_mail(template_prefix, email, {"request": self.request, **context}).send()

    def get_signup_redirect_url(self, request):
        """A new account, once verified, lands on the seed's welcome page, which offers the
        newsletter and the way back to the page the visitor was on."""
        return reverse("account_welcome")

    def get_email_verification_redirect_url(self, email_address):
        """A signed-in person who verified a changed address goes back to their account page.
        (allauth returns its redirect setting as given, unresolved, so it is not used.)"""
        return reverse("account_profile")
