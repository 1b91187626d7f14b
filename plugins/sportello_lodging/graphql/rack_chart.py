"""The room rack as a tape chart (``roomRackChart``): the days, a page of rooms and one flat list
of bars indexing both. Every object is built complete before GraphQL sees it (plain attributes,
no resolver per item), so a 500-room fortnight answers in a few milliseconds of completion."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import Cleanliness, Occupancy, ReservationStatus

#: What the cost limit counts the bars as, over the whole chart: ten per room of a 100-room page.
#: A fortnight's row holds two to four (stays run for nights); plain values, built before
#: GraphQL completes them, so a row of one-night stays over 31 days still costs little work.
_BARS_COUNTED = 1000


@strawberry.enum(description="What a rack bar shows.")
class RackBarKind(enum.Enum):
    STAY = "stay"
    CLOSURE = "closure"


@strawberry.type(description="A room on the rack chart, with what its row label shows.")
class RackChartRoom:
    id: strawberry.ID
    number: str
    floor: int
    room_type_id: strawberry.ID
    room_type_name: str
    occupancy: Occupancy
    cleanliness: Cleanliness


@strawberry.type(
    description=(
        "Consecutive nights of one room held by one reservation (STAY) or out of order"
        " (CLOSURE). `room` indexes the chart's rooms, `start` its days; a night may carry a"
        " stay bar and a closure bar, and a free night no bar."
    )
)
class RackBar:
    room: int = strawberry.field(description="Index of the room in `rooms`")
    start: int = strawberry.field(description="Index of the first night in `days`")
    nights: int
    kind: RackBarKind
    reservation_id: strawberry.ID | None = strawberry.field(
        description="The reservation's global id (STAY only; fetch more with `node`)"
    )
    status: ReservationStatus | None = strawberry.field(description="The reservation's status")
    guest_name: str | None = strawberry.field(description="The guest's display name")


@strawberry.type(
    description=(
        "Rooms by nights as a tape chart: the days, a page of rooms, and the bars over them."
        " Pass `endCursor` as `after` while `hasNextPage`."
    )
)
class RoomRackChart:
    days: list[dt.date]
    rooms: list[RackChartRoom]
    bars: list[RackBar] = strawberry.field(
        metadata=api.list_size(_BARS_COUNTED, total=True),
        description="Stay bars, then closure bars, room by room, each in night order.",
    )
    has_next_page: bool
    end_cursor: str | None


_CURSOR = "RackChart"


def _offset(after: str | None) -> int:
    """The rooms before the page: ``after`` is a previous page's ``endCursor``."""
    return api.decode_id(after, _CURSOR, "after") if after else 0


#: A bar's status (None for a closure's) as the enum's member.
_STATUS: dict[str | None, ReservationStatus | None] = {
    None: None,
    **{s.value: s for s in ReservationStatus},
}
_OCCUPANCY = {s.value: s for s in Occupancy}
_CLEANLINESS = {s.value: s for s in Cleanliness}


@strawberry.type
class RackChartQueries:
    @api.query(
        "lodging.view",
        description=(
            "Rooms by nights (up to 31 from `from`) as one flat chart: the days, a page of rooms"
            " (`first`, at most the page cap) and the bars of stays and closures over them."
        ),
    )
    async def room_rack_chart(
        self,
        info: strawberry.Info,
        site_id: strawberry.ID,
        from_: Annotated[dt.date, strawberry.argument(name="from")],
        days: int = 14,
        first: int | None = None,
        after: str | None = None,
    ) -> RoomRackChart:
        site = api.decode_id(site_id, "Site", "siteId")
        days = services.rack_days(from_, days)
        cap = info.schema.config.relay_max_results
        limit = max(1, min(first if first is not None else cap, cap))
        offset = _offset(after)
        rooms = api.scoped(models.Room.filter(site_id=site), info.context.actor)
        chart = await services.rack_chart(rooms, from_, days, offset, limit)
        stay, closure, encode = RackBarKind.STAY, RackBarKind.CLOSURE, api.encode_id
        types = {r.room_type_id: encode("RoomType", r.room_type_id) for r in chart.rooms}
        return RoomRackChart(
            days=[from_ + dt.timedelta(days=i) for i in range(days)],
            rooms=[
                RackChartRoom(
                    id=encode("Room", r.id),
                    number=r.number,
                    floor=r.floor,
                    room_type_id=types[r.room_type_id],
                    room_type_name=r.room_type_name,
                    occupancy=_OCCUPANCY[r.occupancy],
                    cleanliness=_CLEANLINESS[r.cleanliness],
                )
                for r in chart.rooms
            ],
            bars=[
                RackBar(
                    room=room,
                    start=start,
                    nights=nights,
                    kind=closure,
                    reservation_id=None,
                    status=None,
                    guest_name=None,
                )
                if reservation is None
                else RackBar(
                    room=room,
                    start=start,
                    nights=nights,
                    kind=stay,
                    reservation_id=encode("Reservation", reservation),
                    status=_STATUS[status],
                    guest_name=guest_name,
                )
                for room, start, nights, reservation, status, guest_name in chart.bars
            ],
            has_next_page=chart.has_next,
            end_cursor=api.encode_id(_CURSOR, offset + len(chart.rooms)) if chart.rooms else None,
        )
