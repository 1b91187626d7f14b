"""Lists of plain objects are completed in one pass (``sportello.graphql.flat``) and answer
exactly what graphql-core's field-by-field completion answers: values, aliases, directives,
``__typename``, and the errors of values a leaf type refuses, of a field that raises and of a
null where none may be, at their place."""

from __future__ import annotations

from typing import Any

import flat_plugin
import pytest

from sportello.graphql.flat import FlatListExecutor

FLAT = "{ flatRows(n: 6) { n name shade ratio ok day maybe big label double __typename } }"
QUERIES = {
    "flat": FLAT,
    "aliases and directives": """query($skip: Boolean!) { flatRows(n: 5) {
        a: n b: n name @skip(if: $skip) shade @include(if: $skip) kind: __typename ...F } }
        fragment F on FlatRow { label ok }""",
    "a nested object": "{ flatRows(n: 4) { n inner { n } } }",
    "nested objects": "{ flatRows(n: 4) { n inner { n shade } maybeInner { n __typename } } }",
    "objects two levels down": "{ flatBoxes(n: 3) { label row { n inner { n shade } } } }",
    "a nested field that raises": "{ flatRows(n: 5) { n inner { fragile } } }",
    "a null object where none may be": "{ flatRows(n: 4) { n requiredInner { n } } }",
    "an object resolved asynchronously": "{ flatRows(n: 3) { n laterInner { n } } }",
    "a field with arguments": "{ flatRows(n: 4) { n times(k: 3) } }",
    "a value Int refuses": "{ flatRows(n: 4, huge: true) { n big } }",
    "a field that raises": "{ flatRows(n: 5) { n fragile } }",
    "a null item where one may be": "{ flatHoles(n: 3) { n name } }",
    "a null item where none may be": "{ flatRequired(n: 3) { n name } }",
    "lists of leaves in rows": "{ flatRows(n: 6) { n tags shades scores counted } }",
    "lists of objects in rows": """{ flatRows(n: 5) {
        n inners { n shade tags __typename } maybeInners { n } } }""",
    "lists of lists in rows": "{ flatRows(n: 4) { n grid innerGrid { n tags } } }",
    "lists in objects in rows": "{ flatBoxes(n: 3) { row { inner { tags } inners { tags } } } }",
    "a null item in a list where none may be": "{ flatRows(n: 4) { n strictTags } }",
    "a list whose getter raises": "{ flatRows(n: 5) { n fragileList } }",
    "a value Int refuses in a list": "{ flatRows(n: 4, huge: true) { n bigList } }",
    "a field that raises in a list's objects": "{ flatRows(n: 2) { n inners { fragile } } }",
}


async def _answers(h: Any, query: str) -> dict[str, Any]:
    result: dict[str, Any] = await h.gql(query, {"skip": True}, as_=None)
    for error in result.get("errors", []):
        error.get("extensions", {}).pop("requestId", None)  # one per request
    return result


@pytest.fixture
def field_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The fields graphql-core resolves one by one."""
    calls: list[str] = []
    execute_field = FlatListExecutor.execute_field

    def counted(self: Any, parent_type: Any, source: Any, details: Any, *args: Any) -> Any:
        calls.append(details[0].node.name.value)
        return execute_field(self, parent_type, source, details, *args)

    monkeypatch.setattr(FlatListExecutor, "execute_field", counted)
    return calls


async def test_flat_lists_answer_what_graphql_core_answers(
    sportello_app, monkeypatch: pytest.MonkeyPatch, field_calls: list[str]
) -> None:
    async with sportello_app(["flatprobe"], plugins=[flat_plugin]) as h:
        flat = {name: await _answers(h, q) for name, q in QUERIES.items()}
        with monkeypatch.context() as m:
            m.setattr(FlatListExecutor, "_flat_rows", lambda *a, **k: None)
            plain = {name: await _answers(h, q) for name, q in QUERIES.items()}
        assert flat == plain
        rows = flat["flat"]["data"]["flatRows"]
        assert rows[1] == {
            "n": 1,
            "name": "row 1",
            "shade": "DARK",
            "ratio": 0.25,
            "ok": False,
            "day": "2026-01-02",
            "maybe": None,
            "big": 1,
            "label": "L1",
            "double": 2,
            "__typename": "FlatRow",
        }
        assert flat["aliases and directives"]["data"]["flatRows"][0] == {
            "a": 0,
            "b": 0,
            "shade": "LIGHT",
            "kind": "FlatRow",
            "label": "L0",
            "ok": True,
        }
        errors = {name: [e["path"] for e in r.get("errors", [])] for name, r in flat.items()}
        assert errors["a value Int refuses"] == [["flatRows", 2, "big"]]
        assert errors["a field that raises"] == [["flatRows", 3, "fragile"]]
        assert errors["a nested field that raises"] == [["flatRows", 3, "inner", "fragile"]]
        assert errors["a null object where none may be"] == [["flatRows", 2, "requiredInner"]]
        assert flat["nested objects"]["data"]["flatRows"][:2] == [
            {
                "n": 0,
                "inner": {"n": 0, "shade": "LIGHT"},
                "maybeInner": {"n": 0, "__typename": "Inner"},
            },
            {"n": 1, "inner": {"n": 1, "shade": "DARK"}, "maybeInner": None},
        ]
        assert flat["objects two levels down"]["data"]["flatBoxes"][2] == {
            "label": "box 2",
            "row": {"n": 2, "inner": {"n": 2, "shade": "LIGHT"}},
        }
        assert flat["an object resolved asynchronously"]["data"]["flatRows"][2] == {
            "n": 2,
            "laterInner": {"n": 2},
        }
        assert flat["a null item where one may be"]["data"]["flatHoles"][1] is None
        assert errors["a null item where none may be"] == [["flatRequired", 1]]
        assert flat["lists of leaves in rows"]["data"]["flatRows"][:2] == [
            {"n": 0, "tags": ["t0", "row 0"], "shades": ["LIGHT", "LIGHT"],
             "scores": [0, None, 0], "counted": []},
            {"n": 1, "tags": ["t1", "row 1"], "shades": ["DARK", "LIGHT"], "scores": None,
             "counted": [0]},
        ]  # fmt: skip
        assert flat["lists of objects in rows"]["data"]["flatRows"][1] == {
            "n": 1,
            "inners": [
                {"n": 1, "shade": "DARK", "tags": ["i1", "inner"], "__typename": "Inner"},
                {"n": 2, "shade": "LIGHT", "tags": ["i2", "inner"], "__typename": "Inner"},
                {"n": 3, "shade": "DARK", "tags": ["i3", "inner"], "__typename": "Inner"},
            ],
            "maybeInners": [{"n": 1}, None],
        }
        assert flat["lists of lists in rows"]["data"]["flatRows"][3] == {
            "n": 3,
            "grid": [[3, 0], [3, 1], [3, 2]],
            "innerGrid": [
                [{"n": 3, "tags": ["i3", "inner"]}, None],
                [{"n": 4, "tags": ["i4", "inner"]}],
            ],
        }
        assert errors["a null item in a list where none may be"] == [
            ["flatRows", 2, "strictTags", 1]
        ]
        assert errors["a list whose getter raises"] == [["flatRows", 3, "fragileList"]]
        assert errors["a value Int refuses in a list"] == [["flatRows", 2, "bigList", 1]]
        assert errors["a field that raises in a list's objects"] == [
            ["flatRows", 1, "inners", 2, "fragile"]
        ]


async def test_a_flat_list_resolves_no_field_one_by_one(sportello_app, field_calls) -> None:
    async with sportello_app(["flatprobe"], plugins=[flat_plugin]) as h:
        await h.ok("{ flatRows(n: 50) { n name shade double } }", as_=None)
        assert field_calls == ["flatRows"]
        field_calls.clear()
        await h.ok("{ flatRows(n: 50) { n inner { n shade } maybeInner { n } } }", as_=None)
        assert field_calls == ["flatRows"]  # objects below a row are rows too
        field_calls.clear()
        await h.ok("{ flatBoxes(n: 50) { label row { n inner { n } } } }", as_=None)
        assert field_calls == ["flatBoxes"]
        field_calls.clear()
        await h.ok(
            "{ flatRows(n: 50) { n tags shades scores inners { n tags } maybeInners { n }"
            " grid innerGrid { n } } }",
            as_=None,
        )
        assert field_calls == ["flatRows"]  # and so are lists inside a row
        field_calls.clear()
        await h.ok("{ flatRows(n: 50) { n counted } }", as_=None)  # a generator: graphql-core's
        assert len(field_calls) == 1 + 50 * 2
        field_calls.clear()
        await h.ok("{ flatRows(n: 50) { n laterInner { n } } }", as_=None)
        assert len(field_calls) == 1 + 50 * 2 + 50  # each row's n and laterInner, its n


RACK = """query($s: ID!, $f: Date!) { roomRack(siteId: $s, from: $f, days: 5, first: 10) {
  edges { node {
    room { number roomType { name } }
    cells { date closed reservation { id guest { displayName } } }
    spans { start nights closed reservation { id guest { displayName } } }
  } } } }"""


async def test_the_room_racks_rows_are_completed_in_one_pass(
    sportello_app, monkeypatch: pytest.MonkeyPatch, field_calls: list[str]
) -> None:
    import datetime as dt

    from sportello.graphql.ids import encode_id
    from sportello.parties.models import Party, Site
    from sportello_lodging import models as m

    async with sportello_app(["reception", "lodging"]) as h:
        site = await Site.create(code="RACK", name="Rack", timezone="Europe/Rome")
        rt = await m.RoomType.create(site=site, code="STD", name="Std", capacity=2, base_rate=90)
        rooms = [await m.Room.create(site=site, room_type=rt, number=f"{i}") for i in range(3)]
        day = dt.date(2026, 6, 15)
        for i, room in enumerate(rooms[:2]):
            guest = await Party.create(display_name=f"Guest {i}")
            stay = await m.Reservation.create(
                site=site, room=room, room_type=rt, guest=guest, rate=90,
                arrival=day + dt.timedelta(days=i), departure=day + dt.timedelta(days=3),
            )  # fmt: skip
            await m.RoomStay.create(
                reservation=stay, room=room, start=stay.arrival, end=stay.departure
            )
        await m.RoomClosure.create(room=rooms[2], start=day, end=day + dt.timedelta(days=1))
        variables = {"s": encode_id("Site", site.id), "f": day.isoformat()}
        field_calls.clear()
        flat = await h.ok(RACK, variables, as_="front_desk")
        assert field_calls == ["roomRack", "edges"]  # the rows, their cells and spans: one pass
        with monkeypatch.context() as patched:
            patched.setattr(FlatListExecutor, "_flat_rows", lambda *a, **k: None)
            assert await h.ok(RACK, variables, as_="front_desk") == flat
        first = flat["roomRack"]["edges"][0]["node"]
        assert [c["reservation"]["guest"]["displayName"] for c in first["cells"][:3]] == [
            "Guest 0"
        ] * 3
        assert [s["nights"] for s in first["spans"]] == [3, 2]
