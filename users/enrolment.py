"""The second proof a member of staff needs to set up their second factor.

A password alone must not be enough to scan a new QR code: whoever guessed or phished a new or
reset colleague's password would own their admin. So setting up needs, besides the signed-in
session, a single-use link mailed to the account's own address. Signing in with the password
and having no device sends it; a superuser's reset (in the admin, or `reset_two_factor`) sends
a fresh one. Only a keyed hash of the link's token is stored; a newer link replaces the older,
and following it spends it. The embedded mode writes the email under $VAR_DIR/mail/ and to the
console, so the first superuser of a fresh installation enrols the same way."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_admin_base_url

LINK_LIFETIME_HOURS = 24
LINK_LIFETIME = timedelta(hours=LINK_LIFETIME_HOURS)
SESSION_KEY = "users:two_factor_enrolment"


def _digest(token):
    return salted_hmac("users.two-factor-enrolment", token, algorithm="sha256").hexdigest()


class EnrolmentLink(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_link"
    )
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("two-factor enrolment link")

    def __str__(self):
        return f"Enrolment link of {self.user}"

    @property
    def expired(self):
        return self.created_at + LINK_LIFETIME <= timezone.now()


def send_enrolment_link(user):
    """A new link to `user`'s address; any earlier link stops working."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        EnrolmentLink.objects.update_or_create(
            user=user, defaults={"digest": _digest(token), "created_at": timezone.now()}
        )
        url = get_admin_base_url() + reverse("two_factor_enrol", args=[token])
        context = {
            "url": url,
            "hours": LINK_LIFETIME_HOURS,
            "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        }
        message = EmailMultiAlternatives(
            subject=render_to_string("users/email/two_factor_enrolment_subject.txt", context)
            .strip()
            .replace("\n", " "),
            body=render_to_string("users/email/two_factor_enrolment_message.txt", context),
            to=[user.email],
        )
        message.send()


def link_pending(user):
    """Whether a link sent to `user` can still be followed."""
    link = EnrolmentLink.objects.filter(user=user).first()
    return link is not None and not link.expired


def spend_enrolment_link(request, token):
    """The signed-in user follows their link: true, and this session may set up a device, if
    the link is their latest and unexpired. Following it spends it."""
    with transaction.atomic():
        link = EnrolmentLink.objects.select_for_update().filter(user=request.user).first()
        if link is None or not constant_time_compare(link.digest, _digest(token)):
            return False
        link.delete()
        if link.expired:
            return False
    request.session[SESSION_KEY] = request.user.pk
    return True


def may_enrol(request):
    return request.session.get(SESSION_KEY) == request.user.pk


def enrolled(request):
    request.session.pop(SESSION_KEY, None)
