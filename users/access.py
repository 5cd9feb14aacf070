"""The one rule for "may this user download broadcast-quality video?"."""

from allauth.account.models import EmailAddress

from .models import TermsOfUsePage


def may_download(user):
    """Logged in, and the account's email address verified."""
    if not user.is_authenticated or not user.is_active:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def terms_to_accept(user):
    """The published terms this user has not yet accepted in their current version, if any:
    each new version is accepted once before the next download."""
    terms = TermsOfUsePage.current()
    if terms is None or user.terms_version == terms.version:
        return None
    return terms
