"""The one rule for "may this user download broadcast-quality video?"."""

from allauth.account.models import EmailAddress


def may_download(user):
    """Logged in, and the account's email address verified."""
    if not user.is_authenticated or not user.is_active:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
