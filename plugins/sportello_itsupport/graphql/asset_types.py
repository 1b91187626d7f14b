"""Assets (CMDB): GraphQL types."""

from __future__ import annotations

import datetime as dt
import enum

import strawberry
from strawberry import relay

from sportello import api
from sportello_itsupport import models


@strawberry.enum
class ItAssetKind(enum.Enum):
    HARDWARE = models.HARDWARE
    SOFTWARE = models.SOFTWARE
    NETWORK = models.NETWORK


@strawberry.enum
class ItAssetStatus(enum.Enum):
    IN_USE = "in_use"
    IN_STOCK = "in_stock"
    REPAIR = "repair"
    RETIRED = "retired"


@strawberry.enum
class ItAssetRelationKind(enum.Enum):
    DEPENDS_ON = "depends_on"
    CONNECTED_TO = "connected_to"
    INSTALLED_ON = "installed_on"


def _holder_id(root: models.AssetAssignment) -> strawberry.ID:
    return api.encode_id(root.holder_type, root.holder_id)


def _current(root: models.AssetAssignment) -> bool:
    return root.released_at is None


@strawberry.type(description="An asset held by a person, a site, a front desk or a counter.")
class ItAssetAssignment(api.ModelNode):
    __model__ = models.AssetAssignment
    __permission__ = "itsupport.view"
    __site_field__ = "asset__site_id"
    __site_optional__ = True  # assets of the whole organisation
    __needs__ = {
        "holder_id": api.needs("holder_type", "holder_id"),
        "current": api.needs("released_at"),
    }

    id: relay.NodeID[int]
    holder_type: str = strawberry.field(description="Party, Site, FrontDesk or Counter")
    assigned_at: dt.datetime
    released_at: dt.datetime | None
    holder_id: strawberry.ID = strawberry.field(
        resolver=_holder_id, description="The holder's global ID."
    )
    current: bool = strawberry.field(resolver=_current)


@strawberry.type(description="One asset depends on, is connected to or is installed on another.")
class ItAssetRelation(api.ModelNode):
    __model__ = models.AssetRelation
    __permission__ = "itsupport.view"
    __site_field__ = "source__site_id"
    __site_optional__ = True  # assets of the whole organisation

    id: relay.NodeID[int]
    kind: ItAssetRelationKind
    source: ItAsset
    target: ItAsset


@strawberry.type(description="A piece of hardware, a software licence or a network item.")
class ItAsset(api.ModelNode):
    __model__ = models.Asset
    __permission__ = "itsupport.view"
    __site_field__ = "site_id"
    __site_optional__ = True

    id: relay.NodeID[int]
    tag: str
    name: str
    kind: ItAssetKind
    model_type: str
    vendor: str
    serial: str
    status: ItAssetStatus
    seats: int | None = strawberry.field(description="A licence's seats (empty: not a licence).")
    seats_used: int
    notes: str
    created_at: dt.datetime
    site: api.Site | None
    assignments: list[ItAssetAssignment] = api.related(
        ItAssetAssignment,
        "asset",
        order_by=("assigned_at", "id"),
        description="Every assignment, the history first; `current` ones hold it now.",
    )
    relations: list[ItAssetRelation] = api.related(
        ItAssetRelation, "source", order_by=("id",), description="Relations from this asset."
    )
    inverse_relations: list[ItAssetRelation] = api.related(
        ItAssetRelation, "target", order_by=("id",), description="Relations to this asset."
    )
