"""Column limits checked in Python before any SQL, derived from the model fields.

A string longer than its ``CharField``, an integer outside its column's range or a decimal
with more digits than its ``DecimalField`` would otherwise reach the database, which refuses
it on PostgreSQL (a masked internal error) and stores it on SQLite (a row PostgreSQL could not
hold). Tortoise runs a field's validators whenever it encodes a value, for writes and filters
alike; the core gives every field of every enabled plugin the validators below, so no office
repeats its columns' sizes in its input checks. ``ColumnLimit`` carries what a typed error
needs (``sportello.graphql.mutations`` turns it into ``errors { field code message }``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from tortoise import fields
from tortoise.exceptions import ValidationError
from tortoise.models import Model
from tortoise.validators import MaxLengthValidator, Validator

INT_RANGES: dict[type, tuple[int, int]] = {
    fields.SmallIntField: (-(2**15), 2**15 - 1),
    fields.BigIntField: (-(2**63), 2**63 - 1),
    fields.IntField: (-(2**31), 2**31 - 1),
}


class ColumnLimit(ValidationError):
    """A value its column cannot hold: ``code`` is TOO_LONG or OUT_OF_RANGE, ``limit`` the bound."""

    def __init__(self, code: str, limit: int | str, value: Any) -> None:
        super().__init__(f"{code} ({limit})")
        self.code = code
        self.limit = limit
        self.value = value


class MaxLength(Validator):
    def __init__(self, max_length: int) -> None:
        self.max_length = max_length

    def __call__(self, value: Any) -> None:
        if value is not None and len(value) > self.max_length:
            raise ColumnLimit("TOO_LONG", self.max_length, value)


class IntRange(Validator):
    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def __call__(self, value: Any) -> None:
        if isinstance(value, int) and not self.low <= value <= self.high:
            raise ColumnLimit("OUT_OF_RANGE", self.high, value)


class DecimalDigits(Validator):
    """At most ``max_digits - decimal_places`` digits before the point (PostgreSQL's numeric
    overflow); further decimal places are rounded by the column, as they always were."""

    def __init__(self, max_digits: int, decimal_places: int) -> None:
        self.whole = max_digits - decimal_places
        self.bound = Decimal(10) ** self.whole

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        try:
            number = Decimal(value)
            finite = number.is_finite()
        except (InvalidOperation, TypeError, ValueError):
            raise ColumnLimit("OUT_OF_RANGE", f"{self.whole} digits", value) from None
        if not finite or abs(number) >= self.bound:
            raise ColumnLimit("OUT_OF_RANGE", f"{self.whole} digits", value)


def _int_range(field: fields.Field[Any]) -> tuple[int, int] | None:
    for kind, bounds in INT_RANGES.items():
        if isinstance(field, kind):
            return bounds
    return None


def guard(model: type[Model]) -> None:
    """Give ``model``'s fields the column validators (once: a model is guarded at most once)."""
    if getattr(model, "_sportello_guarded", False):
        return
    for field in model._meta.fields_map.values():
        validators = field.validators
        if isinstance(field, fields.CharField):
            validators[:] = [v for v in validators if not isinstance(v, MaxLengthValidator)]
            validators.append(MaxLength(field.max_length))
        elif isinstance(field, fields.DecimalField):
            validators.append(DecimalDigits(field.max_digits, field.decimal_places))
        else:
            bounds = _int_range(field)
            if bounds is not None:
                validators.append(IntRange(*bounds))
    model._sportello_guarded = True  # type: ignore[attr-defined]  # a marker on the class


def pk_fits(model: type[Model], pk: int) -> bool:
    """Whether ``pk`` fits ``model``'s primary key column (a larger one names no row)."""
    bounds = _int_range(model._meta.pk)
    return bounds is None or bounds[0] <= pk <= bounds[1]
