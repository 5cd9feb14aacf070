"""The email address is the login; passwords are hashed with Argon2."""

import uuid

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import IntegrityError

from cms.settings import base


def test_the_user_model_is_ours_and_logs_in_by_email():
    user_model = get_user_model()
    assert user_model._meta.label == "users.User"
    assert user_model.USERNAME_FIELD == "email"
    assert not hasattr(user_model, "username")


def test_argon2_is_the_password_hasher():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_a_user_signs_in_with_their_email_in_any_case():
    get_user_model().objects.create_user("Reporter@Example.org", "Correct-Horse-9-Battery")

    assert authenticate(email="reporter@example.org", password="Correct-Horse-9-Battery")
    assert authenticate(username="REPORTER@example.org", password="Correct-Horse-9-Battery")
    assert authenticate(email="reporter@example.org", password="wrong") is None


@pytest.mark.django_db
def test_two_accounts_cannot_share_an_address_differing_only_in_case():
    users = get_user_model().objects
    users.create_user("desk@example.org", "x")
    with pytest.raises(IntegrityError):
        users.create_user("DESK@example.org", "x")


@pytest.mark.django_db
def test_superusers_are_staff():
    admin = get_user_model().objects.create_superuser("admin@example.org", "x")
    assert admin.is_staff and admin.is_superuser


def test_the_accepted_terms_version_fits_any_revision_of_the_terms():
    """A version is the terms page's translation key and its live revision's id; the column
    held 40 characters, so acceptance failed on PostgreSQL from revision 1,000 on."""
    longest = f"{uuid.uuid4()}:{2**63 - 1}"
    assert len(longest) <= get_user_model()._meta.get_field("terms_version").max_length
