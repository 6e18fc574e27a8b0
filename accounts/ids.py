"""Ids a browser sends: a whole number in the range of the database's id column, or refused.

Django guards a single id (``pk=`` gives no row when the number is out of range), but
ModelMultipleChoiceField hands every value to ``pk__in``, where SQLite cannot bind an integer beyond
64 bits (OverflowError: a server error); and a text of digits may still not be a number Python
reads (``"²"``, a string longer than ``int`` accepts). Every id a form or a view reads goes through
``parse_id`` first, so no such value reaches a query on any database.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models, router


def id_range(model: type[models.Model], field_name: str | None = None) -> tuple[int, int] | None:
    """The ids the column can hold (sequences start at 1); None for a key that is not a number."""
    field = model._meta.get_field(field_name) if field_name else model._meta.pk
    if not isinstance(field, models.IntegerField):
        return None
    low, high = connections[router.db_for_read(model)].ops.integer_field_range(field.get_internal_type())
    return max(low if low is not None else 1, 1), high


def parse_id(value: object, model: type[models.Model], field_name: str | None = None) -> int | None:
    """The id in ``value`` (ASCII digits, or an int), or None when it cannot be one of ``model``'s."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return None
    low, high = id_range(model, field_name)
    # Compared as text first: int() refuses (ValueError) texts of more than 4300 digits.
    if len(value) > len(str(high)):
        return None
    number = int(value)
    return number if low <= number <= high else None


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses a value that cannot be an id before any query."""

    def _check_values(self, value):
        key = self.to_field_name
        if not isinstance(value, list | tuple) or id_range(self.queryset.model, key) is None:
            return super()._check_values(value)
        ids = []
        for item in value:
            if isinstance(item, str):
                self.validate_no_null_characters(item)
            parsed = parse_id(item, self.queryset.model, key)
            if parsed is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
            ids.append(parsed)
        return super()._check_values(ids)
