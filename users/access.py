"""What the site asks of a person before it hands them something: a verified address, and the
current terms of use accepted. videos/access.py makes of them the rule for downloading."""

from allauth.account.models import EmailAddress

from .models import TermsOfUsePage


def has_verified_email(user):
    """Signed in to an active account whose email address is verified."""
    if not user.is_authenticated or not user.is_active:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def terms_to_accept(user):
    """The published terms this user has not yet accepted in their current version, if any:
    each new version is accepted once before the next download."""
    version = TermsOfUsePage.current_version()
    if not version or user.terms_version == version:
        return None
    return TermsOfUsePage.current()
