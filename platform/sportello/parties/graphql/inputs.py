"""Inputs shared by the party mutations."""

from __future__ import annotations

import enum
from typing import Any

import strawberry

from sportello.parties.graphql.types import AddressKind, ContactKind


@strawberry.input(description="An email address or a phone number.")
class ContactPointInput:
    value: str
    kind: ContactKind = ContactKind.OTHER
    primary: bool = strawberry.field(
        default=False, description="At most one per list; none marked: the first one is primary."
    )


@strawberry.input(description="A postal address; `country` is an ISO 3166-1 alpha-2 code.")
class AddressInput:
    kind: AddressKind = AddressKind.OTHER
    line1: str | None = None
    line2: str | None = None
    postcode: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    primary: bool = False
    street: str | None = strawberry.field(default=None, deprecation_reason="Use line1.")


@strawberry.input(description="A consent given (granted: true) or withdrawn (granted: false).")
class ConsentInput:
    purpose: str
    granted: bool
    source: str = ""


def plain(value: Any) -> Any:
    """Input objects and enums as the dicts and strings services take."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "__strawberry_definition__"):
        return {k: plain(v) for k, v in vars(value).items()}
    return value


def input_values(data: object) -> dict[str, Any]:
    """The fields given (not null), minus the ``id``."""
    return {k: plain(v) for k, v in vars(data).items() if v is not None and k != "id"}
