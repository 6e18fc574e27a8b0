"""Checks of an organization's (or an education authority's) codes, as the letterhead prints them.

A code typed with one wrong digit would be printed on every letter and consent; the control digits of
ИНН and ОГРН (python-stdnum) and of ОКПО catch most such typos. КПП and the postal code have no control
digit: only their shape is checked.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as NumberError
from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn

WRONG_CONTROL_DIGIT = _("The control digit does not match: check the number.")


def validate_inn(value: str) -> None:
    if not re.fullmatch(r"\d{10}(\d{2})?", value):
        raise ValidationError(_("10 or 12 digits."), code="format")
    try:
        stdnum_inn.validate(value)
    except NumberError as error:
        raise ValidationError(WRONG_CONTROL_DIGIT, code="checksum") from error


def validate_ogrn(value: str) -> None:
    if not re.fullmatch(r"\d{13}(\d{2})?", value):
        raise ValidationError(_("13 or 15 digits."), code="format")
    if len(value) == 15:
        # ОГРНИП: the remainder by 13, its last digit (python-stdnum compares the whole remainder, which
        # refuses valid numbers whose remainder is 10, 11 or 12).
        valid = int(value[:-1]) % 13 % 10 == int(value[-1])
    else:
        try:
            stdnum_ogrn.validate(value)
            valid = True
        except InvalidChecksum:
            valid = False
        except NumberError as error:  # the first digit says what is registered: 1 or 5 for a legal entity
            raise ValidationError(_("An OGRN of a legal entity starts with 1 or 5."), code="format") from error
    if not valid:
        raise ValidationError(WRONG_CONTROL_DIGIT, code="checksum")


def okpo_control_digit(digits: str) -> int:
    """The control digit of ОКПО (Rosstat's method): the sum of the digits weighted 1, 2, 3… modulo 11;
    if it is 10, again with the weights 3, 4, 5…; if it is 10 again, the digit is 0."""
    for first_weight in (1, 3):
        remainder = sum(int(digit) * ((first_weight + index - 1) % 10 + 1) for index, digit in enumerate(digits)) % 11
        if remainder < 10:
            return remainder
    return 0


def validate_okpo(value: str) -> None:
    if not re.fullmatch(r"\d{8}(\d{2})?", value):
        raise ValidationError(_("8 or 10 digits."), code="format")
    if okpo_control_digit(value[:-1]) != int(value[-1]):
        raise ValidationError(WRONG_CONTROL_DIGIT, code="checksum")


def validate_kpp(value: str) -> None:
    # The code of the tax office (4 digits), the reason (2 digits or capital Latin letters), a number (3 digits).
    if not re.fullmatch(r"\d{4}[\dA-Z]{2}\d{3}", value):
        raise ValidationError(_("9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits."), code="format")


def validate_postal_code(value: str) -> None:
    if not re.fullmatch(r"\d{6}", value):
        raise ValidationError(_("6 digits."), code="format")
