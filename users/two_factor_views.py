"""Setting up and passing the admin's second factor, and a superuser resetting someone's."""

import io
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from .backup_codes import BackupCodeDevice
from .return_to import local_url
from .two_factor import confirmed_devices, has_admin_access, reset_devices
from .two_factor_forms import ConfirmDeviceForm, SecondFactorForm


def _admin_only(view):
    @login_required(login_url="wagtailadmin_login")
    def wrapped(request, *args, **kwargs):
        if not has_admin_access(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _passed(request, device):
    """The session now counts as verified; its key changes, so a key seen before this moment
    (in a log, over a shoulder) opens nothing."""
    otp_login(request, device)
    request.session.cycle_key()


@_admin_only
def verify(request):
    devices = confirmed_devices(request.user)
    if not any(isinstance(device, TOTPDevice) for device in devices):
        return redirect("two_factor_setup")
    next_url = local_url(request, "next") or reverse("wagtailadmin_home")
    form = SecondFactorForm(request.user, devices, request.POST or None)
    if request.method == "POST" and form.is_valid():
        _passed(request, form.device)
        return redirect(next_url)
    status = 400 if form.is_bound else 200
    context = {"form": form, "next": next_url}
    return render(request, "users/two_factor/verify.html", context, status=status)


@_admin_only
def setup(request):
    """A QR code and its key for an authenticator app; a code from the app confirms it, and
    the backup codes are shown, once."""
    if any(isinstance(device, TOTPDevice) for device in confirmed_devices(request.user)):
        messages.info(request, _("Two-factor sign-in is already set up for your account."))
        return redirect("two_factor_verify")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": _("Authenticator app")}
    )
    form = ConfirmDeviceForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            backup = BackupCodeDevice.objects.create(
                user=request.user, name=_("Backup codes"), confirmed=True
            )
            codes = backup.replace_codes()
            # The device's own user: request.user is a lazy proxy, which the audit log ignores.
            log(instance=device.user, action="users.two_factor_setup", user=device.user)
        _passed(request, device)
        return render(request, "users/two_factor/backup_codes.html", {"codes": codes})
    context = {
        "form": form,
        "qr_code": _qr_svg(device.config_url),
        "key": _grouped(device.bin_key),
    }
    return render(
        request, "users/two_factor/setup.html", context, status=400 if form.is_bound else 200
    )


@_admin_only
def reset(request, user_id):
    """A superuser removes someone's devices (a lost phone): asked on GET, done on POST."""
    if not request.user.is_superuser:
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=user_id)
    if request.method != "POST":
        return render(request, "users/two_factor/confirm_reset.html", {"person": person})
    reset_devices(person, by=request.user)
    messages.success(
        request,
        _(
            "Two-factor sign-in has been reset for %(email)s. They will set it up again at their "
            "next sign-in."
        )
        % {"email": person.email},
    )
    return redirect("wagtailusers_users:index")


def _qr_svg(data):
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


def _grouped(binary_key):
    key = b32encode(binary_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
