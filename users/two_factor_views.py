"""Setting up and passing the admin's second factor, and a superuser resetting someone's."""

import io
from base64 import b32encode

import qrcode
import qrcode.image.svg
from allauth.core import ratelimit
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
from .enrolment import (
    LINK_LIFETIME_HOURS,
    enrolled,
    link_pending,
    may_enrol,
    send_enrolment_link,
    spend_enrolment_link,
)
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
    """Once the emailed link has been followed (users/enrolment.py): a QR code and its key for
    an authenticator app; a code from the app confirms it, and the backup codes are shown,
    once. Before that, the page says where the link went, and sends a new one on request."""
    if any(isinstance(device, TOTPDevice) for device in confirmed_devices(request.user)):
        messages.info(request, _("Two-factor sign-in is already set up for your account."))
        return redirect("two_factor_verify")
    if not may_enrol(request):
        return _enrolment_link_sent(request)
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
        enrolled(request)
        _passed(request, device)
        context = {"codes": codes, "codes_file": "\n".join(codes)}
        return render(request, "users/two_factor/backup_codes.html", context)
    context = {
        "form": form,
        "qr_code": _qr_svg(device.config_url),
        "key": _grouped(device.bin_key),
    }
    return render(
        request, "users/two_factor/setup.html", context, status=400 if form.is_bound else 200
    )


def _enrolment_link_sent(request):
    user, status = request.user, 200
    if request.method == "POST" and "send_link" in request.POST:
        if ratelimit.consume(request, action="two_factor_enrolment", key=str(user.pk)):
            send_enrolment_link(user)
            messages.success(request, _("We have sent you a new link."))
            return redirect("two_factor_setup")
        status = 429
        messages.error(request, _("A link has just been sent. Wait a minute before asking again."))
    elif not link_pending(user):
        send_enrolment_link(user)
    return render(
        request,
        "users/two_factor/enrolment_link_sent.html",
        {"email": user.email, "hours": LINK_LIFETIME_HOURS},
        status=status,
    )


@_admin_only
def enrol(request, token):
    """The emailed link: this session may now set up a device."""
    if spend_enrolment_link(request, token):
        return redirect("two_factor_setup")
    messages.error(
        request, _("This link has expired or has been used already. We can send you a new one.")
    )
    return redirect("two_factor_setup")


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
            "Two-factor sign-in has been reset for %(email)s. We have sent them a link to set it "
            "up again."
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
