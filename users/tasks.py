"""The accounts' own background work."""

from celery import shared_task
from django.utils import translation


@shared_task(ignore_result=True)
def send_admin_password_reset(email, domain, use_https, language):
    """The admin's password reset link, in the language it was asked for in."""
    from .admin_sign_in import mail_password_reset  # which itself hands work to this task

    with translation.override(language):
        mail_password_reset(email, domain, use_https)
