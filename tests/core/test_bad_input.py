"""Input no client could mean gets a typed error and writes nothing (issue: hardening, bad input).

Debug off, over HTTP, on SQLite and PostgreSQL: huge integer ids, decimals that are not finite
or do not fit their column, dates near year 1 or 9999, NUL characters, strings longer than
their column or than ``graphql.max_text_length``. None of them may reach the database or come
back as a masked internal error."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
from strawberry import relay

from sportello.graphql.inputs import MAX_DATE, MIN_DATE

MODULES = ["reception", "lodging", "counter", "visitors"]

IDS = """
{
  sites(first: 1) { edges { node { id } } }
  rooms(first: 1) { edges { node { id } } }
  reservations(first: 50) { edges { node { id status } } }
  counterServices(first: 1) { edges { node { id } } }
}
"""
CREATE = """
mutation($i: ReservationCreateInput!) {
  reservationCreate(input: $i) { reservation { id } errors { field code message } }
}
"""
CHARGE = """
mutation($i: FolioChargeAddInput!) {
  folioChargeAdd(input: $i) { line { amount } errors { field code message } }
}
"""
PAYMENT = """
mutation($i: FolioPaymentAddInput!) {
  folioPaymentAdd(input: $i) { reservation { id } errors { field code message } }
}
"""
TICKET = """
mutation($i: QueueTicketIssueInput!) {
  queueTicketIssue(input: $i) { ticket { id } errors { field code message } }
}
"""
VISIT = """
mutation($i: VisitPlanInput!) {
  visitPlan(input: $i) { visit { id } errors { field code message } }
}
"""
APPOINTMENT_CANCEL = """
mutation($i: AppointmentCancelInput!) {
  appointmentCancel(input: $i) { appointment { id } errors { field code message } }
}
"""
COUNT = "{ reservations(first: 1) { totalCount } }"


def _no_internal_error(result: dict[str, Any]) -> None:
    for error in result.get("errors") or []:
        assert error.get("extensions", {}).get("code") != "INTERNAL_SERVER_ERROR", error
        assert "Unexpected error" not in error["message"], error


def _payload_errors(result: dict[str, Any], field: str) -> list[dict[str, Any]]:
    _no_internal_error(result)
    assert not result.get("errors"), result
    payload = result["data"][field]
    assert all(v is None for k, v in payload.items() if k != "errors"), payload
    errors: list[dict[str, Any]] = payload["errors"]
    return errors


def _first(data: dict[str, Any], key: str) -> str:
    node_id: str = data[key]["edges"][0]["node"]["id"]
    return node_id


async def _demo(h: Any) -> dict[str, Any]:
    await h.load_demo()
    data = await h.ok(IDS)
    in_house = [
        e["node"]["id"]
        for e in data["reservations"]["edges"]
        if e["node"]["status"] == "CHECKED_IN"
    ]
    return {
        "site": _first(data, "sites"),
        "room": _first(data, "rooms"),
        "stay": in_house[0],
        "service": _first(data, "counterServices"),
    }


async def _count(h: Any) -> int:
    total: int = (await h.ok(COUNT))["reservations"]["totalCount"]
    return total


async def test_strings_longer_than_their_column_or_the_text_cap_are_typed_errors(
    sportello_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sportello_counter import services as counter

    # A Tuesday morning: the demo's counter services are open.
    monkeypatch.setattr(counter, "now", lambda: dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC))
    async with sportello_app(MODULES, debug=False) as h:
        ids = await _demo(h)
        before = await _count(h)
        stay = {
            "roomId": ids["room"],
            "arrival": str(dt.date.today() + dt.timedelta(days=40)),
            "departure": str(dt.date.today() + dt.timedelta(days=42)),
            "guest": {"fullName": "Ada Long"},
        }
        # A column's length: reservation channel (a CharField).
        result = await h.gql(CREATE, {"i": {**stay, "channel": "x" * 500}})
        errors = _payload_errors(result, "reservationCreate")
        assert [(e["field"], e["code"]) for e in errors] == [("channel", "TOO_LONG")]
        assert "characters at most" in errors[0]["message"]
        # Free text without a column length: the text cap (10,000 characters by default).
        result = await h.gql(CREATE, {"i": {**stay, "notes": "n" * 10_001}})
        errors = _payload_errors(result, "reservationCreate")
        assert [(e["field"], e["code"]) for e in errors] == [("notes", "TOO_LONG")]
        # A nested field, in the language of the request.
        result = await h.gql(
            CREATE,
            {"i": {**stay, "guest": {"fullName": "g" * 10_001}}},
            headers={"accept-language": "it"},
        )
        errors = _payload_errors(result, "reservationCreate")
        assert [(e["field"], e["code"]) for e in errors] == [("guest.fullName", "TOO_LONG")]
        assert errors[0]["message"] == "Troppo lungo (al massimo 10000 caratteri)."
        assert await _count(h) == before  # nothing half-written

        # The columns the fuzzer found: folio description and payment method, a ticket's
        # name, a visitor's name, a booking code looked up.
        long = "y" * 2_000
        result = await h.gql(
            CHARGE, {"i": {"reservationId": ids["stay"], "description": long, "unitAmount": "5"}}
        )
        assert [e["code"] for e in _payload_errors(result, "folioChargeAdd")] == ["TOO_LONG"]
        result = await h.gql(
            PAYMENT, {"i": {"reservationId": ids["stay"], "amount": "5", "method": long}}
        )
        errors = _payload_errors(result, "folioPaymentAdd")
        # Payment methods are a fixed list now: an overlong one is an unknown method.
        assert [(e["field"], e["code"]) for e in errors] == [("method", "INVALID_METHOD")]
        result = await h.gql(TICKET, {"i": {"serviceId": ids["service"], "partyName": long}})
        errors = _payload_errors(result, "queueTicketIssue")
        assert [(e["field"], e["code"]) for e in errors] == [("partyName", "TOO_LONG")]
        result = await h.gql(
            VISIT,
            {
                "i": {
                    "siteId": ids["site"],
                    "visitorName": long,
                    "expectedAt": "2031-03-01T10:00:00+00:00",
                }
            },
        )
        errors = _payload_errors(result, "visitPlan")
        assert [(e["field"], e["code"]) for e in errors] == [("visitorName", "TOO_LONG")]
        result = await h.gql(APPOINTMENT_CANCEL, {"i": {"code": long}})
        errors = _payload_errors(result, "appointmentCancel")
        assert [(e["field"], e["code"]) for e in errors] == [("code", "TOO_LONG")]


async def test_decimals_that_are_not_finite_or_do_not_fit_are_refused(sportello_app) -> None:
    async with sportello_app(MODULES, debug=False) as h:
        ids = await _demo(h)
        charge = {"reservationId": ids["stay"], "description": "Minibar"}
        for bad in ("NaN", "sNaN", "-Infinity", "Infinity", "1e999999", "0.0000000000001"):
            result = await h.gql(CHARGE, {"i": {**charge, "unitAmount": bad}})
            _no_internal_error(result)
            assert result.get("data") is None, (bad, result)
            assert "Decimal" in result["errors"][0]["message"], (bad, result)
        # Finite, but more digits than the amount column holds: a typed payload error.
        result = await h.gql(CHARGE, {"i": {**charge, "unitAmount": "123456789012.5"}})
        errors = _payload_errors(result, "folioChargeAdd")
        assert [e["code"] for e in errors] == ["OUT_OF_RANGE"]
        # A literal in the document is refused the same way.
        stay = ids["stay"]
        literal = (
            f'mutation {{ folioChargeAdd(input: {{reservationId: "{stay}", description: "x", '
            'unitAmount: "NaN"}) { errors { code } } }'
        )
        result = await h.gql(literal)
        _no_internal_error(result)
        assert result.get("data") is None and result["errors"], result
        # A sane amount still goes through.
        result = await h.gql(CHARGE, {"i": {**charge, "unitAmount": "4.50"}})
        assert result["data"]["folioChargeAdd"]["errors"] == [], result


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1799-12-31", "3000-01-01"])
async def test_dates_outside_the_supported_years_are_refused(sportello_app, day: str) -> None:
    async with sportello_app(["reception", "lodging"], debug=False) as h:
        for query, variables in [
            ("query($d: Date!) { lodgingArrivals(day: $d) { totalCount } }", {"d": day}),
            ("query($d: Date) { reservations(from: $d, first: 5) { totalCount } }", {"d": day}),
            ("{ lodgingArrivals(day: " + f'"{day}"' + ") { totalCount } }", None),
        ]:
            result = await h.gql(query, variables)
            _no_internal_error(result)
            assert result.get("data") is None, result
            message = result["errors"][0]["message"]
            assert f"{MIN_DATE} to {MAX_DATE}" in message, message
        # The edges themselves are fine.
        for edge in (str(MIN_DATE), str(MAX_DATE)):
            data = await h.ok(
                "query($d: Date!) { lodgingArrivals(day: $d) { totalCount } }", {"d": edge}
            )
            assert data["lodgingArrivals"]["totalCount"] == 0


async def test_nul_characters_never_reach_the_database(sportello_app) -> None:
    async with sportello_app(["reception", "lodging"], debug=False) as h:
        create_site = """
        mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }
        """
        count = "{ sites(first: 1) { totalCount } }"
        before = (await h.ok(count))["sites"]["totalCount"]
        variables = {"i": {"name": "Hotel\x00Nul", "code": "nul", "timezone": "Europe/Rome"}}
        result = await h.gql(create_site, variables)
        assert result.get("data") is None, result
        error = result["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["extensions"]["variable"] == "i"
        # As an escape in a literal, and deep in a search argument.
        literal = (
            'mutation { siteCreate(input: {name: "a\\u0000b", code: "nul2", '
            'timezone: "Europe/Rome"}) { errors { code } } }'
        )
        result = await h.gql(literal)
        assert result.get("data") is None
        assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        search = "query($s: String) { parties(search: $s, first: 5) { totalCount } }"
        result = await h.gql(search, {"s": "\x00"})
        assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert (await h.ok(count))["sites"]["totalCount"] == before


async def test_huge_integer_ids_are_not_found_or_invalid(sportello_app) -> None:
    async with sportello_app(MODULES, debug=False) as h:
        ids = await _demo(h)
        for pk in (2**31, 2**63 - 1, 2**63, 10**30, 0, -5):
            gid = str(relay.GlobalID("Reservation", str(pk)))
            data = await h.ok("query($id: ID!) { node(id: $id) { id } }", {"id": gid})
            assert data["node"] is None, pk
            data = await h.ok("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [gid]})
            assert data["nodes"] == [None], pk
            result = await h.gql(
                CHARGE, {"i": {"reservationId": gid, "description": "x", "unitAmount": "1"}}
            )
            errors = _payload_errors(result, "folioChargeAdd")
            assert [(e["field"], e["code"]) for e in errors] == [("reservationId", "INVALID_ID")]
            site = str(relay.GlobalID("Site", str(pk)))
            result = await h.gql(
                "query($s: ID) { reservations(siteId: $s, first: 1) { totalCount } }", {"s": site}
            )
            _no_internal_error(result)
        # A real id still works.
        data = await h.ok("query($id: ID!) { node(id: $id) { id } }", {"id": ids["stay"]})
        assert data["node"] == {"id": ids["stay"]}


def _cursor(position: object) -> str:
    return base64.b64encode(f"arrayconnection:{position}".encode()).decode()


async def test_cursors_no_list_can_have_are_bad_input(sportello_app) -> None:
    """Found by the fuzzer (docs/fuzzing.md): a cursor encoding a huge or negative position
    reached the database as an OFFSET (PostgreSQL: out of int64 range; SQLite: Python int too
    large), a masked internal error. Queryset lists and computed ones (the room rack) alike."""
    async with sportello_app(MODULES, debug=False) as h:
        ids = await _demo(h)
        lists = [
            (
                "query($a: String, $b: String, $l: Int) { reservations(after: $a, before: $b,"
                " last: $l) { totalCount edges { cursor } } }",
                {},
            ),
            (
                "query($a: String, $b: String, $l: Int) { notificationDeliveries(after: $a,"
                " before: $b, last: $l) { edges { cursor } } }",
                {},
            ),
            (
                "query($s: ID!, $a: String, $b: String, $l: Int) { roomRack(siteId: $s,"
                ' from: "2026-06-01", after: $a, before: $b, last: $l) { edges { cursor } } }',
                {"s": ids["site"]},
            ),
        ]
        bad = [2**31, 2**63, 10**30, -2, -100]
        for query, extra in lists:
            for position in bad:
                for variables in (
                    {"a": _cursor(position)},
                    {"b": _cursor(position)},
                    {"b": _cursor(position), "l": 5},
                ):
                    result = await h.gql(query, {**extra, **variables})
                    _no_internal_error(result)
                    assert result["data"] is None, (position, variables, result)
                    error = result["errors"][0]
                    assert error["extensions"]["code"] == "BAD_USER_INPUT", result
            # The server's own cursors still page.
            first = await h.ok(query, {**extra})
            edges = next(iter(first.values()))["edges"]
            if len(edges) > 1:
                page = await h.ok(query, {**extra, "a": edges[0]["cursor"]})
                assert next(iter(page.values()))["edges"][0] == edges[1]
