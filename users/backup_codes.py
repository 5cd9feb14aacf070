"""Single-use backup codes for the admin's second factor, kept as keyed hashes.

django-otp's own static device stores its tokens in clear; these are the same idea behind its
`Device` interface (so `django_otp.verify_token`, throttling and `user.is_verified()` work as
for TOTP), with only an HMAC of each code in the database. The codes are random, so a keyed
fast hash is enough: there is nothing to guess from it without the secret key."""

import hmac
import secrets

from django.db import models, transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

CODE_COUNT = 10
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
CODE_LENGTH = 10


def _digest(code):
    normalised = "".join(code.lower().split()).replace("-", "")
    return salted_hmac("users.backup-code", normalised, algorithm="sha256").hexdigest()


def new_code():
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


class BackupCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    class Meta:
        verbose_name = _("backup codes")

    def get_throttle_factor(self):
        return 1

    @transaction.atomic
    def replace_codes(self):
        """New codes, returned once to be shown once; any earlier codes stop working."""
        self.codes.all().delete()
        codes = [new_code() for _ in range(CODE_COUNT)]
        BackupCode.objects.bulk_create([BackupCode(device=self, digest=_digest(c)) for c in codes])
        return codes

    def verify_token(self, token):
        allowed, _details = self.verify_is_allowed()
        if not allowed or not isinstance(token, str):
            return False
        digest = _digest(token)
        with transaction.atomic():
            for stored in self.codes.select_for_update():
                if hmac.compare_digest(stored.digest, digest):
                    stored.delete()
                    self.throttle_reset(commit=False)
                    self.set_last_used_timestamp(commit=False)
                    self.save()
                    return True
        self.throttle_increment()
        return False


class BackupCode(models.Model):
    device = models.ForeignKey(BackupCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64)

    def __str__(self):
        return f"Backup code of {self.device.user}"
