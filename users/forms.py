from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .return_to import remember_return_to


class SignupForm(AllauthSignupForm):
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use"),
        error_messages={"required": _("Please accept the terms of use to create an account.")},
    )

    def save(self, request):
        remember_return_to(request, request.POST.get("return_to") or request.GET.get("return_to"))
        user = super().save(request)
        user.terms_version = settings.TERMS_VERSION
        user.terms_accepted_at = timezone.now()
        user.save(update_fields=["terms_version", "terms_accepted_at"])
        return user


class ResetPasswordForm(AllauthResetPasswordForm):
    def save(self, request, **kwargs):
        remember_return_to(request, request.POST.get("return_to") or request.GET.get("return_to"))
        return super().save(request, **kwargs)
