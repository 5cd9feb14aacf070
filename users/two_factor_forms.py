import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from .backup_codes import BackupCodeDevice

APP_CODE = re.compile(r"\d{6}")


class SecondFactorForm(forms.Form):
    """One field for either kind of code: the app's are six digits, a backup code is ten
    letters and digits, so the code itself tells which of the user's devices to ask."""

    token = forms.CharField(
        label=_("Code"),
        help_text=_("The 6-digit code your authenticator app shows, or one of your backup codes."),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    error_id = "id_token-error"

    def __init__(self, user, devices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.devices = user, devices
        self.device = None

    def full_clean(self):
        """A refused code's message is read out with the field it is about."""
        super().full_clean()
        if self.has_error("token"):
            self.fields["token"].widget.attrs["aria-describedby"] = (
                f"{self.error_id} id_token-helptext"
            )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        kind = TOTPDevice if APP_CODE.fullmatch(token) else BackupCodeDevice
        for device in (d for d in self.devices if isinstance(d, kind)):
            allowed, details = device.verify_is_allowed()
            if not allowed:
                seconds = _seconds_left(details)
                raise forms.ValidationError(
                    ngettext(
                        "Too many wrong codes. Wait %(seconds)s second, then try again.",
                        "Too many wrong codes. Wait %(seconds)s seconds, then try again.",
                        seconds,
                    ),
                    params={"seconds": seconds},
                    code="throttled",
                )
            if device.verify_token(token):
                self.device = device
                return token
        raise forms.ValidationError(
            _("This code is not right, or has been used already. Enter a new code."),
            code="wrong_code",
        )


class ConfirmDeviceForm(forms.Form):
    token = forms.CharField(
        label=_("The 6-digit code your app shows"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not right. Check the time on your phone and enter the new code.")
            )
        return token


def _seconds_left(details):
    locked_until = details.get("locked_until") if details else None
    if not locked_until:
        return 1
    return max(1, int((locked_until - timezone.now()) / datetime.timedelta(seconds=1)))
