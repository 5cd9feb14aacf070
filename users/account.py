"""What the account page does with a person's data: export it, or delete it."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string


def personal_data(user):
    """Everything the platform holds about a person, as plain JSON-ready values. Other apps
    add what they hold through ACCOUNT_DATA_EXPORTERS, functions of the user returning a dict."""
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "organisation": user.organisation,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "terms_version": user.terms_version,
        "terms_accepted_at": user.terms_accepted_at.isoformat() if user.terms_accepted_at else None,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
    }
    for exporter in settings.ACCOUNT_DATA_EXPORTERS:
        data.update(import_string(exporter)(user))
    return data


@transaction.atomic
def delete_account(user):
    """Remove the person and everything that names them. Apps that keep anonymous figures
    (download counts) detach their rows from the user on delete rather than losing them."""
    user.delete()
