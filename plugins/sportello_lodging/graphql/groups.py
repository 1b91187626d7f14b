"""Group bookings as GraphQL: the group, its reservations, ``Reservation.group`` (added to
``Reservation`` with ``type_fields``) and the groups list. A page of groups loads its statuses,
accounts and a page of every group's reservations in a fixed number of queries (the groups share
a ``GroupPage``, whose loaders ask for all of them at once); a page of reservations their groups
in one, and those groups share a ``GroupPage`` too."""

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
from sportello_lodging import group_models as g
from sportello_lodging import models, services
from sportello_lodging.graphql.types import LodgingError, Reservation
from sportello_lodging.services import groups, groups_pages


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


#: A stretch of one group's reservations: (group id, offset, limit).
PageKey = tuple[int, int, int]


async def _load_rooms(keys: list[PageKey], info: strawberry.Info) -> list[list[Any]]:
    """One page of reservations per stretch (offset and limit) asked for, whatever the groups
    asking: the ids in one query, the reservations as a connection's page loads them."""
    stretches: dict[tuple[int, int], list[int]] = {}
    for group_id, offset, limit in keys:
        stretches.setdefault((offset, limit), []).append(group_id)
    found: dict[PageKey, list[Any]] = {}
    for (offset, limit), ids in stretches.items():
        pages = await groups_pages.reservation_pages(ids, offset, limit)
        wanted = [pk for page in pages.values() for pk in page]
        loaded = {}
        if wanted:
            qs = models.Reservation.filter(id__in=wanted)
            rows = await api.load_selected(qs, info, Reservation, api.node_selections)
            loaded = {row.id: row for row in rows}
        for group_id in ids:
            page = pages.get(group_id, [])
            found[(group_id, offset, limit)] = [loaded[pk] for pk in page if pk in loaded]
    return [found[key] for key in keys]


class GroupPage:
    """What the groups shown together load for all of them at once: a stretch of every group's
    reservations (one query for the ids, one page of reservations), their counts, statuses and
    accounts. Shared by a page of groups, or by the groups of a page of reservations."""

    def __init__(self) -> None:
        self._rooms: dict[tuple[str, ...], DataLoader[PageKey, list[Any]]] = {}
        self.counts: DataLoader[int, int] = DataLoader(load_fn=self._counts)
        self.statuses: DataLoader[int, list[str]] = DataLoader(load_fn=self._statuses)
        self.accounts: DataLoader[int, GroupAccount] = DataLoader(load_fn=self._accounts)

    def rooms(self, info: strawberry.Info) -> DataLoader[PageKey, list[Any]]:
        """The reservations' loader of one field of the document (its path, list positions
        left out): two aliases of ``reservations`` may select different fields."""
        at: list[str] = []
        path: Any = info.path
        while path is not None:
            if isinstance(path.key, str):
                at.append(path.key)
            path = path.prev
        key = tuple(at)
        loader = self._rooms.get(key)
        if loader is None:
            loader = self._rooms[key] = DataLoader(load_fn=lambda keys: _load_rooms(keys, info))
        return loader

    @staticmethod
    async def _counts(ids: list[int]) -> list[int]:
        found = await groups_pages.room_counts(ids)
        return [found.get(i, 0) for i in ids]

    @staticmethod
    async def _statuses(ids: list[int]) -> list[list[str]]:
        found = await groups.statuses(ids)
        return [found[i] for i in ids]

    @staticmethod
    async def _accounts(ids: list[int]) -> list[GroupAccount]:
        found = await groups.totals(ids)
        currency = services.settings().currency
        return [
            GroupAccount(total=s.total, paid=s.paid, balance=s.balance, currency=currency)
            for s in (found[i] for i in ids)
        ]


@dataclass(frozen=True)
class GroupReservations:
    """One group's reservations as its connection pages them (an ``api.PagedSource``)."""

    group_id: int
    page: GroupPage

    async def count(self) -> int:
        return await self.page.counts.load(self.group_id)

    async def fetch(self, info: strawberry.Info, offset: int, limit: int) -> list[Any]:
        return await self.page.rooms(info).load((self.group_id, offset, limit))


def share_page(page: list[Any]) -> None:
    """The groups of a page share one ``GroupPage`` (no query until a field asks)."""
    shared = GroupPage()
    for group in page:
        group.__dict__.setdefault("lodging_group_page", shared)


async def load_page(page: list[Any]) -> None:
    share_page(page)


def _page(root: Any) -> GroupPage:
    """The page the group is shown in; a group shown alone is a page of one."""
    found: GroupPage | None = root.__dict__.get("lodging_group_page")
    if found is None:
        found = root.__dict__["lodging_group_page"] = GroupPage()
    return found


async def load_statuses(page: list[Any]) -> None:
    found = await groups.statuses([group.id for group in page])
    for group in page:
        group.__dict__["lodging_group_statuses"] = found.get(group.id, [])


async def _status_later(root: Any) -> GroupStatus:
    return GroupStatus(groups.status_of(await _page(root).statuses.load(root.id)))


def _status(root: strawberry.Parent[g.ReservationGroup]) -> Any:
    found = root.__dict__.get("lodging_group_statuses")
    if found is None:
        return _status_later(root)
    return GroupStatus(groups.status_of(found))


async def load_accounts(page: list[Any]) -> None:
    found = await groups.totals([group.id for group in page])
    currency = services.settings().currency
    for group in page:
        sums = found[group.id]
        group.__dict__["lodging_group_account"] = GroupAccount(
            total=sums.total, paid=sums.paid, balance=sums.balance, currency=currency
        )


def _account(root: strawberry.Parent[g.ReservationGroup]) -> Any:
    found = root.__dict__.get("lodging_group_account")
    return _page(root).accounts.load(root.id) if found is None else found


def _reservations(root: strawberry.Parent[g.ReservationGroup]) -> AsyncIterable[models.Reservation]:
    # A PagedSource, which the connection pages; strawberry wants an iterable annotation.
    return cast("AsyncIterable[models.Reservation]", GroupReservations(root.id, _page(root)))


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
        "reservations": api.needs(batch=load_page),
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
    share_page(list(found.values()))


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
