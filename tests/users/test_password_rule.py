"""The seed's password rule: 12+ characters, no spaces, upper, lower, digit and symbol."""

import string

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from users.passwords import NewsroomPasswordValidator

validator = NewsroomPasswordValidator()


def problems(password):
    try:
        validator.validate(password)
    except ValidationError as error:
        return {item.code for item in error.error_list}
    return set()


@pytest.mark.parametrize(
    "password, expected",
    [
        ("Correct-Horse-9", set()),
        ("Short-1a", {"password_too_short"}),
        ("Correct Horse-9", {"password_space"}),
        ("correct-horse-9", {"password_no_upper"}),
        ("CORRECT-HORSE-9", {"password_no_lower"}),
        ("Correct-Horse-X", {"password_no_digit"}),
        ("CorrectHorse99", {"password_no_symbol"}),
        (
            "",
            {
                "password_too_short",
                "password_no_upper",
                "password_no_lower",
                "password_no_digit",
                "password_no_symbol",
            },
        ),
    ],
)
def test_each_part_of_the_rule_has_its_own_message(password, expected):
    assert problems(password) == expected


def test_long_passwords_are_welcome():
    assert problems("Aa1!" * 32) == set()
    assert problems("Aa1!" * 2500) == set()


def test_the_rule_is_explained_with_the_seed_wording():
    assert validator.get_help_text() == (
        "The password must be at least 12 characters long, no spaces, include "
        "upper/lowercase letters, numbers and symbols."
    )


@pytest.mark.django_db
def test_the_rule_is_one_of_the_site_validators():
    with pytest.raises(ValidationError):
        validate_password("alllowercase-1")


SYMBOLS = "!#$%&*+-=?@^_~"


@given(st.text(alphabet=string.ascii_letters + string.digits + SYMBOLS, min_size=12, max_size=200))
def test_any_password_with_every_kind_of_character_is_accepted(body):
    password = f"Aa1!{body}"
    assert problems(password) == set()


@given(st.text(min_size=0, max_size=300))
def test_every_accepted_password_really_follows_the_rule(password):
    if not problems(password):
        assert len(password) >= 12
        assert not any(character.isspace() for character in password)
        assert any(character.isupper() for character in password)
        assert any(character.islower() for character in password)
        assert any(character.isdigit() for character in password)
        assert any(not character.isalnum() for character in password)
