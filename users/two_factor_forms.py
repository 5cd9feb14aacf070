import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import verify_token

from .backup_codes import BackupCodeDevice


class SecondFactorForm(forms.Form):
    """A code from one of the user's own devices. The device is chosen from the user's list:
    an id that is not theirs is refused like a wrong code, saying no more."""

    device = forms.ChoiceField(label=_("Use"), widget=forms.RadioSelect)
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, user, devices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.devices = user, devices
        self.fields["device"].choices = [(d.persistent_id, _describe(d)) for d in devices]
        if devices:
            self.fields["device"].initial = devices[0].persistent_id
        self.device = None

    def clean(self):
        cleaned = super().clean()
        device_id, token = cleaned.get("device"), cleaned.get("token")
        if not device_id or not token:
            return cleaned
        device = next((d for d in self.devices if d.persistent_id == device_id), None)
        if device is not None:
            allowed, details = device.verify_is_allowed()
            if not allowed:
                raise forms.ValidationError(
                    _("Too many wrong codes. Wait %(seconds)s seconds, then try again."),
                    params={"seconds": _seconds_left(details)},
                    code="throttled",
                )
        self.device = verify_token(self.user, device_id, token.strip())
        if self.device is None:
            raise forms.ValidationError(
                _("This code is not right, or has been used already. Enter a new code."),
                code="wrong_code",
            )
        return cleaned


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


def _describe(device):
    if isinstance(device, BackupCodeDevice):
        return _("A backup code")
    return _("My authenticator app")


def _seconds_left(details):
    locked_until = details.get("locked_until") if details else None
    if not locked_until:
        return 1
    return max(1, int((locked_until - timezone.now()) / datetime.timedelta(seconds=1)))
