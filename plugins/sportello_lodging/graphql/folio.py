"""The folio as GraphQL shows it: totals summed in SQL, the lines a paged connection.

A page of reservations loads the totals of its folios in one query (the ``folio`` field's batch)
and one page of lines for all of them in another, whatever the page sizes: the folios of a page
share a ``FolioPages``, whose loader asks for the same stretch of every folio at once. A single
reservation (a mutation's payload, ``node``) is a page of one.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import AsyncIterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.labels import folio_label


@strawberry.enum
class FolioLineKind(enum.Enum):
    ROOM = "room"
    CITY_TAX = "city_tax"
    EXTRA = "extra"
    FEE = "fee"
    PAYMENT = "payment"
    DEPOSIT = "deposit"


def _voided(root: strawberry.Parent[models.FolioLine]) -> bool:
    return root.voided_at is not None


def _reverses_id(root: strawberry.Parent[models.FolioLine]) -> strawberry.ID | None:
    reverses: int | None = root.reverses_id
    return None if reverses is None else api.encode_id("FolioLine", reverses)


def _method(root: strawberry.Parent[models.FolioLine]) -> str | None:
    return root.method or None


def _description(root: strawberry.Parent[models.FolioLine], info: strawberry.Info) -> str:
    return folio_label(
        info.context.language,
        kind=root.kind,
        charge_code=root.charge_code,
        description=root.description,
        night=root.night,
        method=root.method,
        reverses=root.reverses_id is not None,
    )


@strawberry.type(
    description=(
        "A charge or a payment. Lines are never deleted: a void adds a reversing line "
        "(negative quantity and amount) and marks the original voided; a refund is a negative "
        "payment or deposit line."
    )
)
class FolioLine(api.ModelNode):
    __model__ = models.FolioLine
    __permission__ = "lodging.view"
    __site_field__ = "reservation__site_id"
    __needs__ = {
        "voided": api.needs("voided_at"),
        "reverses_id": api.needs("reverses_id"),
        "method": api.needs("method"),
        "description": api.needs(
            "kind", "charge_code", "description", "night", "method", "reverses_id"
        ),
    }

    id: relay.NodeID[int]
    night: dt.date | None
    quantity: int
    unit_amount: Decimal
    amount: Decimal
    created_at: dt.datetime
    kind: FolioLineKind
    charge_code: str = strawberry.field(
        description="ROOM_NIGHT, CITY_TAX, CANCELLATION_FEE, NO_SHOW_FEE or an extra's code "
        "(EXTRA, MINIBAR, ...); empty on payments"
    )
    reason: str = strawberry.field(description="Why the line voids or refunds another")
    voided_at: dt.datetime | None

    description = strawberry.field(
        resolver=_description,
        description=(
            "As printed on the folio, in the client's language for the lines lodging posts "
            "(room nights, city tax, fees, payments); an extra's text as entered"
        ),
    )
    voided = strawberry.field(resolver=_voided, description="Taken off by a reversing line")
    reverses_id = strawberry.field(
        resolver=_reverses_id, description="The line this void or refund reverses"
    )
    method = strawberry.field(
        resolver=_method, description="How a payment, deposit or refund was made"
    )


#: A stretch of one folio's lines: (reservation id, offset, limit).
PageKey = tuple[int, int, int]


class FolioPages:
    """The lines of the folios shown together, loaded a stretch at a time for all of them."""

    def __init__(self) -> None:
        self.loader: DataLoader[PageKey, list[models.FolioLine]] = DataLoader(load_fn=self._load)

    @staticmethod
    async def _load(keys: list[PageKey]) -> list[list[models.FolioLine]]:
        """One query per stretch (offset and limit) asked for, whatever the folios asking."""
        stretches: dict[tuple[int, int], list[int]] = {}
        for reservation_id, offset, limit in keys:
            stretches.setdefault((offset, limit), []).append(reservation_id)
        found: dict[PageKey, list[models.FolioLine]] = {}
        for (offset, limit), ids in stretches.items():
            pages = await services.line_pages(ids, offset, limit)
            for reservation_id in ids:
                found[(reservation_id, offset, limit)] = pages.get(reservation_id, [])
        return [found[key] for key in keys]


@dataclass(frozen=True)
class FolioLines:
    """One folio's lines as its connection pages them (an ``api.PagedSource``)."""

    reservation_id: int
    size: int
    pages: FolioPages

    async def count(self) -> int:
        return self.size

    async def fetch(self, info: strawberry.Info, offset: int, limit: int) -> list[Any]:
        page: list[Any] = await self.pages.loader.load((self.reservation_id, offset, limit))
        return page


def _lines(root: strawberry.Parent[Any]) -> AsyncIterable[models.FolioLine]:
    # A PagedSource, which the connection pages; strawberry wants an iterable annotation.
    return cast("AsyncIterable[models.FolioLine]", root.source)


@strawberry.type(description="What the guest owes: charges, payments and the balance.")
class Folio:
    total: Decimal
    paid: Decimal
    balance: Decimal
    currency: str
    source: strawberry.Private[FolioLines]

    lines = relay.connection(
        api.Connection[FolioLine],
        resolver=_lines,
        description=(
            "The charges and payments in posting order, a page at a time (`first`, `after`; at "
            "most the server's page size); `totalCount` tells how many there are."
        ),
    )


async def load_folios(reservations: list[Any]) -> None:
    """The folios of a page of reservations: totals in one query, lines paged together."""
    totals = await services.folio_totals([res.id for res in reservations])
    pages = FolioPages()
    for res in reservations:
        sums = totals.get(res.id) or services.Totals()
        res.loaded_folio = Folio(
            total=sums.total,
            paid=sums.paid,
            balance=sums.balance,
            currency=res.currency,
            source=FolioLines(res.id, sums.lines, pages),
        )
