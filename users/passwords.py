"""The password rule of the seed: at least 12 characters, no spaces, upper- and lowercase
letters, digits and symbols."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MINIMUM_LENGTH = 12


class NewsroomPasswordValidator:
    def validate(self, password, user=None):
        problems = []
        if len(password) < MINIMUM_LENGTH:
            problems.append(
                ValidationError(
                    _("The password must be at least %(length)d characters long."),
                    code="password_too_short",
                    params={"length": MINIMUM_LENGTH},
                )
            )
        if any(character.isspace() for character in password):
            problems.append(
                ValidationError(_("The password must not contain spaces."), code="password_space")
            )
        if not any(character.isupper() for character in password):
            problems.append(
                ValidationError(
                    _("The password must include an uppercase letter."), code="password_no_upper"
                )
            )
        if not any(character.islower() for character in password):
            problems.append(
                ValidationError(
                    _("The password must include a lowercase letter."), code="password_no_lower"
                )
            )
        if not any(character.isdigit() for character in password):
            problems.append(
                ValidationError(_("The password must include a number."), code="password_no_digit")
            )
        if all(character.isalnum() or character.isspace() for character in password):
            problems.append(
                ValidationError(
                    _("The password must include a symbol, such as ! or #."),
                    code="password_no_symbol",
                )
            )
        if problems:
            raise ValidationError(problems)

    def get_help_text(self):
        return _(
            "The password must be at least 12 characters long, no spaces, include "
            "upper/lowercase letters, numbers and symbols."
        )
