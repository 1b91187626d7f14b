"""A test plugin serving lists of plain objects: scalars, enums, a method, nested objects (one
that may be null, one that must not be, one resolved asynchronously, objects two levels down),
lists inside the rows (of leaves, of objects, of lists; nullable; with null items; a tuple, a
generator), a field with arguments, values a leaf type refuses and fields that raise."""

from __future__ import annotations

import datetime as dt
import enum

import strawberry

from sportello import hookimpl
from sportello.api import PluginInfo, list_size
from sportello.identity.permissions import Public


@strawberry.enum
class Shade(enum.Enum):
    LIGHT = "light"
    DARK = "dark"


@strawberry.type
class Inner:
    n: int

    @strawberry.field
    def shade(self) -> Shade:
        return Shade.DARK if self.n % 2 else Shade.LIGHT

    @strawberry.field
    def fragile(self) -> str:
        if self.n == 3:
            raise ValueError("inner 3 breaks")
        return "fine"

    @strawberry.field(metadata=list_size(3))
    def tags(self) -> list[str]:
        return [f"i{self.n}", "inner"]


@strawberry.type
class FlatRow:
    n: int
    name: str
    shade: Shade
    ratio: float
    ok: bool
    day: dt.date
    maybe: int | None
    big: int
    label: strawberry.ID

    @strawberry.field
    def double(self) -> int:
        return self.n * 2

    @strawberry.field
    def fragile(self) -> str:
        if self.n == 3:
            raise ValueError("row 3 breaks")
        return "fine"

    @strawberry.field
    def times(self, k: int) -> int:
        return self.n * k

    @strawberry.field
    def inner(self) -> Inner:
        return Inner(n=self.n)

    @strawberry.field
    def maybe_inner(self) -> Inner | None:
        return None if self.n % 2 else Inner(n=self.n)

    @strawberry.field
    def required_inner(self) -> Inner:
        return None if self.n == 2 else Inner(n=self.n)  # type: ignore[return-value]  # a None

    @strawberry.field
    async def later_inner(self) -> Inner:
        return Inner(n=self.n)

    @strawberry.field(metadata=list_size(3))
    def tags(self) -> list[str]:
        return [f"t{self.n}", self.name]

    @strawberry.field(metadata=list_size(3))
    def shades(self) -> tuple[Shade, ...]:
        return (self.shade, Shade.LIGHT)

    @strawberry.field(metadata=list_size(3))
    def scores(self) -> list[int | None] | None:
        if self.n % 3 == 1:
            return None
        return [self.n, None, self.n * 2]

    @strawberry.field(metadata=list_size(3))
    def strict_tags(self) -> list[str]:
        return ["a", None, "c"] if self.n == 2 else ["a"]  # type: ignore[list-item]  # a None

    @strawberry.field(metadata=list_size(3))
    def fragile_list(self) -> list[int]:
        if self.n == 3:
            raise ValueError("row 3's list breaks")
        return [self.n]

    @strawberry.field(metadata=list_size(3))
    def big_list(self) -> list[int]:
        return [self.n, self.big]

    @strawberry.field(metadata=list_size(3))
    def counted(self) -> list[int]:
        return (i for i in range(self.n))  # type: ignore[return-value]  # any iterable will do

    @strawberry.field(metadata=list_size(3))
    def inners(self) -> list[Inner]:
        return [Inner(n=self.n + i) for i in range(3)]

    @strawberry.field(metadata=list_size(3))
    def maybe_inners(self) -> list[Inner | None] | None:
        return [Inner(n=self.n), None] if self.n % 2 else None

    @strawberry.field(metadata=list_size(3))
    def grid(self) -> list[list[int]]:
        return [[self.n, i] for i in range(3)]

    @strawberry.field(metadata=list_size(3))
    def inner_grid(self) -> list[list[Inner | None]]:
        return [[Inner(n=self.n), None], [Inner(n=self.n + 1)]]


@strawberry.type
class Box:
    row: FlatRow
    label: str


def rows(n: int, *, huge: bool = False, holes: bool = False) -> list[FlatRow | None]:
    out: list[FlatRow | None] = [
        FlatRow(
            n=i,
            name=f"row {i}",
            shade=Shade.DARK if i % 2 else Shade.LIGHT,
            ratio=i / 4,
            ok=i % 3 == 0,
            day=dt.date(2026, 1, 1) + dt.timedelta(days=i),
            maybe=None if i % 2 else i,
            big=2**40 if huge and i == 2 else i,
            label=strawberry.ID(f"L{i}"),
        )
        for i in range(n)
    ]
    if holes:
        out[1] = None
    return out


@strawberry.type
class FlatQueries:
    @strawberry.field(permission_classes=[Public])
    def flat_rows(self, n: int, huge: bool = False) -> list[FlatRow]:
        return rows(n, huge=huge)  # type: ignore[return-value]

    @strawberry.field(permission_classes=[Public])
    def flat_boxes(self, n: int) -> list[Box]:
        return [Box(row=row, label=f"box {row.n}") for row in rows(n) if row is not None]

    @strawberry.field(permission_classes=[Public])
    def flat_holes(self, n: int) -> list[FlatRow | None]:
        return rows(n, holes=True)

    @strawberry.field(permission_classes=[Public])
    def flat_required(self, n: int) -> list[FlatRow]:
        return rows(n, holes=True)  # type: ignore[return-value]  # a None where none may be


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="flatprobe", title="Flat lists probe", version="0.0.1")


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [FlatQueries]
