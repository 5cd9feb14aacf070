from allauth.account.forms import (
    ConfirmEmailVerificationCodeForm as AllauthConfirmEmailVerificationCodeForm,
)
from allauth.account.forms import (
    ConfirmPasswordResetCodeForm as AllauthConfirmPasswordResetCodeForm,
)
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from .models import TermsOfUsePage, User
from .return_to import remember_return_to


class SignupForm(AllauthSignupForm):
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use"),
        error_messages={"required": _("Please accept the terms of use to create an account.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.terms = TermsOfUsePage.current()

    def try_save(self, request):
        """An address that has an account gets allauth's "you already have an account" email
        instead of a new account. The password is hashed all the same, and thrown away:
        hashing is most of a sign-up's time, and without it the answer would come several
        times faster, telling anyone who times it that the address is registered."""
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)

    def save(self, request):
        remember_return_to(request)
        user = super().save(request)
        user.accept_terms(self.terms)
        return user


class ResetPasswordForm(AllauthResetPasswordForm):
    def save(self, request, **kwargs):
        remember_return_to(request)
        return super().save(request, **kwargs)


class CodeFieldFocusedMixin:
    """The code is what the page is for: its field has the focus when the page opens, and
    phones offer digits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"autofocus": True, "inputmode": "numeric"})


class ConfirmEmailVerificationCodeForm(
    CodeFieldFocusedMixin, AllauthConfirmEmailVerificationCodeForm
):
    pass


class ConfirmPasswordResetCodeForm(CodeFieldFocusedMixin, AllauthConfirmPasswordResetCodeForm):
    pass


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "organisation"]
        help_texts = {"organisation": _("Optional: it shows us who uses our media.")}


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Deleting your account cannot be undone."),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return self.cleaned_data["password"]


class AcceptTermsForm(forms.Form):
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use"),
        error_messages={"required": _("Please accept the terms of use to download the file.")},
    )
