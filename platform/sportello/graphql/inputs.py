"""Input no field of any office can mean, refused once for every operation.

- NUL characters: PostgreSQL cannot store them in text, SQLite would keep a string PostgreSQL
  refuses. A variable or a literal holding one is refused before execution (``BAD_USER_INPUT``
  naming the variable). Lone surrogates never get this far: the JSON decoder and the GraphQL
  lexer refuse them.
- Dates and date-times outside ``MIN_DATE``..``MAX_DATE``: date arithmetic near year 1 or 9999
  overflows, and no office plans a stay or a shift in those years.
- Decimals that are not finite (``NaN``, ``sNaN``, ``Infinity``) or have more than
  ``DECIMAL_WHOLE_DIGITS`` digits before the point or ``DECIMAL_PLACES`` after it.

The scalars replace strawberry's under the same names, so clients see the same schema; their
errors are the usual "Variable got invalid value" / validation errors. Limits that depend on
a column (its length, its digits) are checked where rows are written (``sportello.columns``).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterator
from typing import Any

from graphql import DocumentNode, GraphQLError, StringValueNode, Visitor, visit
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.schema.types.base_scalars import DateDefinition, DateTimeDefinition
from strawberry.schema.types.base_scalars import DecimalDefinition as _Decimal
from strawberry.types.scalar import ScalarDefinition

MIN_DATE = dt.date(1800, 1, 1)
MAX_DATE = dt.date(2999, 12, 31)
DECIMAL_WHOLE_DIGITS = 15
DECIMAL_PLACES = 12


def _refuse(kind: str, value: object, why: str) -> StrawberryInputCoercionError:
    return StrawberryInputCoercionError(f'Value cannot represent a {kind}: "{value}". {why}')


def _in_range(kind: str, raw: object, day: dt.date) -> None:
    if not MIN_DATE <= day <= MAX_DATE:
        raise _refuse(kind, raw, f"Use a date from {MIN_DATE} to {MAX_DATE}.")


def parse_date(value: object) -> dt.date:
    if not isinstance(value, str):
        raise _refuse("Date", value, "Expected a string.")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise _refuse("Date", value, str(exc)) from None
    _in_range("Date", value, day)
    return day


def parse_datetime(value: object) -> dt.datetime:
    if not isinstance(value, str):
        raise _refuse("DateTime", value, "Expected a string.")
    try:
        moment = dt.datetime.fromisoformat(value)
    except (ValueError, OverflowError) as exc:
        raise _refuse("DateTime", value, str(exc)) from None
    _in_range("DateTime", value, moment.date())
    return moment


def parse_decimal(value: object) -> decimal.Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _refuse("Decimal", value, "Expected a string or a number.")
    try:
        number = decimal.Decimal(str(value).strip())
    except decimal.DecimalException:
        raise _refuse("Decimal", value, "Not a number.") from None
    if not number.is_finite():
        raise _refuse("Decimal", value, "Not a finite number.")
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if number and number.adjusted() >= DECIMAL_WHOLE_DIGITS:
        raise _refuse("Decimal", value, f"At most {DECIMAL_WHOLE_DIGITS} digits before the point.")
    if -exponent > DECIMAL_PLACES:
        raise _refuse("Decimal", value, f"At most {DECIMAL_PLACES} decimal places.")
    return number


def _replace(base: ScalarDefinition, parse: Any) -> ScalarDefinition:
    return ScalarDefinition(
        name=base.name,
        description=base.description,
        specified_by_url=base.specified_by_url,
        serialize=base.serialize,
        parse_value=parse,
        parse_literal=None,
        origin=base.origin,
    )


#: Handed to ``StrawberryConfig(scalar_map=...)``.
SCALARS: dict[object, ScalarDefinition] = {
    dt.date: _replace(DateDefinition, parse_date),
    dt.datetime: _replace(DateTimeDefinition, parse_datetime),
    decimal.Decimal: _replace(_Decimal, parse_decimal),
}


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, path)
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}.{i}")


class _Literals(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: StringValueNode | None = None

    def enter_string_value(self, node: StringValueNode, *_: Any) -> Any:
        if "\x00" in node.value:
            self.found = node
            return self.BREAK
        return None


_LITERALS: dict[int, tuple[StringValueNode | None, DocumentNode]] = {}


def _literal_with_nul(document: DocumentNode) -> StringValueNode | None:
    """Once per parsed document (the parser cache hands the same one back); the entry keeps
    the document alive so its id is not reused."""
    hit = _LITERALS.get(id(document))
    if hit is not None:
        return hit[0]
    literals = _Literals()
    visit(document, literals)
    if len(_LITERALS) >= 4096:
        _LITERALS.clear()
    _LITERALS[id(document)] = (literals.found, document)
    return literals.found


def nul_error(document: DocumentNode, variables: dict[str, Any] | None) -> GraphQLError | None:
    """The refusal of an operation carrying a NUL character in a variable or a literal."""
    for path, text in _strings(variables or {}, ""):
        if "\x00" in text:
            name = path.lstrip(".").split(".", 1)[0]
            return GraphQLError(
                f"Variable '${name}' holds a NUL character.",
                extensions={"code": "BAD_USER_INPUT", "variable": name, "path": path.lstrip(".")},
            )
    found = _literal_with_nul(document)
    if found is not None:
        return GraphQLError(
            "A string holds a NUL character.",
            found,
            extensions={"code": "BAD_USER_INPUT"},
        )
    return None
