"""Group bookings as GraphQL: the group, its reservations, ``Reservation.group`` (added to
``Reservation`` with ``type_fields``) and the groups list. A page of groups loads its statuses in
one query; a page of reservations their groups in one."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import AsyncIterable
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay

from sportello import api
from sportello_lodging import group_models as g
from sportello_lodging import models, services
from sportello_lodging.graphql.types import LodgingError, Reservation
from sportello_lodging.services import groups


@strawberry.enum(description="Who pays a group's rooms.")
class GroupBilling(enum.Enum):
    MASTER = g.MASTER
    INDIVIDUAL = g.INDIVIDUAL
    ROOMS_TO_MASTER = g.ROOMS_TO_MASTER


@strawberry.enum(description="Where a group stands, from its rooms' statuses.")
class GroupStatus(enum.Enum):
    BOOKED = groups.BOOKED
    IN_HOUSE = groups.IN_HOUSE
    DEPARTED = groups.DEPARTED
    CANCELLED = groups.CANCELLED


async def load_statuses(page: list[Any]) -> None:
    found = await groups.statuses([group.id for group in page])
    for group in page:
        group.__dict__["lodging_group_statuses"] = found.get(group.id, [])


async def _status_now(root: Any) -> GroupStatus:
    await load_statuses([root])
    return GroupStatus(groups.status_of(root.__dict__["lodging_group_statuses"]))


def _status(root: strawberry.Parent[g.ReservationGroup]) -> Any:
    found = root.__dict__.get("lodging_group_statuses")
    if found is None:
        return _status_now(root)
    return GroupStatus(groups.status_of(found))


@strawberry.type(
    description=(
        "What a group's folios add up to: with MASTER billing, what the holder owes for the "
        "whole group (each room's folio is billed to it)."
    )
)
class GroupAccount:
    total: Decimal
    paid: Decimal
    balance: Decimal
    currency: str


async def load_accounts(page: list[Any]) -> None:
    found = await groups.totals([group.id for group in page])
    currency = services.settings().currency
    for group in page:
        sums = found[group.id]
        group.__dict__["lodging_group_account"] = GroupAccount(
            total=sums.total, paid=sums.paid, balance=sums.balance, currency=currency
        )


async def _account_now(root: Any) -> GroupAccount:
    await load_accounts([root])
    account: GroupAccount = root.__dict__["lodging_group_account"]
    return account


def _account(root: strawberry.Parent[g.ReservationGroup]) -> Any:
    found = root.__dict__.get("lodging_group_account")
    return _account_now(root) if found is None else found


def _reservations(root: strawberry.Parent[g.ReservationGroup]) -> AsyncIterable[models.Reservation]:
    # A QuerySet, which the connection pages; strawberry wants an iterable annotation.
    qs: Any = models.Reservation.filter(group_link__group_id=root.id).order_by("arrival", "id")
    return qs  # type: ignore[no-any-return]


@strawberry.type(
    description=(
        "Several rooms booked together under one holder (a tour operator, a company, a "
        "wedding's organiser), billed to the holder or to each guest."
    )
)
class ReservationGroup(api.ModelNode):
    __model__ = g.ReservationGroup
    __permission__ = "lodging.view"
    __site_field__ = "site_id"
    __needs__ = {
        "status": api.needs(batch=load_statuses),
        "account": api.needs(batch=load_accounts),
    }

    id: relay.NodeID[int]
    site: api.Site
    name: str
    holder: api.Party
    booking_reference: str | None = strawberry.field(
        description="The holder's own reference for the booking (a voucher number), if any"
    )
    billing: GroupBilling = strawberry.field(
        description=(
            "MASTER: the holder pays every room's folio; ROOMS_TO_MASTER: the holder pays room "
            "nights and city tax, each guest the rest; INDIVIDUAL: each guest pays their own"
        )
    )
    notes: str
    created_at: dt.datetime
    cancelled_at: dt.datetime | None = strawberry.field(
        description="When the whole group was cancelled"
    )

    status = strawberry.field(resolver=_status, graphql_type=GroupStatus)
    account = strawberry.field(
        resolver=_account,
        graphql_type=GroupAccount,
        description="The group's folios summed: charges, payments and what is still due",
    )
    reservations = relay.connection(
        api.Connection[Reservation],
        resolver=_reservations,
        description="The group's reservations by arrival, a page at a time.",
    )


async def load_groups(page: list[Any]) -> None:
    found = await groups.groups_of([res.id for res in page])
    for res in page:
        res.__dict__["lodging_group"] = found.get(res.id)


async def _group_now(root: Any) -> g.ReservationGroup | None:
    await load_groups([root])
    group: g.ReservationGroup | None = root.__dict__["lodging_group"]
    return group


def _group(root: Any) -> Any:
    if "lodging_group" not in root.__dict__:
        return _group_now(root)
    return root.__dict__["lodging_group"]


@strawberry.type
class ReservationGroupFields:
    __needs__ = {"group": api.needs(batch=load_groups)}

    group = strawberry.field(
        resolver=_group,
        graphql_type=ReservationGroup | None,
        permission_classes=[api.requires("lodging.view")],
        description="The group the stay was booked in, if any",
    )


ReservationGroupPayload = api.payload(ReservationGroup, errors=LodgingError)
