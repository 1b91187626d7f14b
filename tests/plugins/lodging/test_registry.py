"""The guest registry: required at check-in, completed later, purged after retention."""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lodging_helpers import (
    CANCEL,
    CHECK_IN,
    CHECK_OUT,
    MODULES,
    REGISTER,
    book,
    hotel,
    registry,
    travel,
)

IN_HOUSE = "{ lodgingInHouse(first: 10) { edges { node { id registryComplete } } } }"
REGISTRATIONS = """
query($id: ID!) {
  node(id: $id) { ... on Reservation { registryComplete registrations { fullName documentNumber
    documentType issuingCountry nationality birthDate } } }
}
"""


async def run(h: Any, query: str, name: str, i: dict[str, Any], as_: str = "front_desk") -> Any:
    return (await h.ok(query, {"i": i}, as_=as_))[name]


async def test_check_in_refuses_an_incomplete_registry_by_default(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=1, capacity=3))["rooms"][0]["id"]
        rid = (await book(h, room, 0, 2, adults=2, children=1))["reservation"]["id"]
        for guests in ([], registry(2)):
            refused = await run(h, CHECK_IN, "reservationCheckIn", {"id": rid, "guests": guests})
            assert refused["reservation"] is None
            assert refused["errors"] == [
                {
                    "field": "guests",
                    "code": "GUEST_REGISTRY_INCOMPLETE",
                    "message": "Register every guest in the room (3).",
                }
            ]
        too_many = await run(h, CHECK_IN, "reservationCheckIn", {"id": rid, "guests": registry(4)})
        assert too_many["errors"][0]["code"] == "TOO_MANY_GUESTS"
        assert (await h.ok(IN_HOUSE, as_="front_desk"))["lodgingInHouse"]["edges"] == []

        checked = await run(h, CHECK_IN, "reservationCheckIn", {"id": rid, "guests": registry(3)})
        assert checked["errors"] == []
        assert checked["reservation"]["registryComplete"] is True
        in_house = (await h.ok(IN_HOUSE, as_="front_desk"))["lodgingInHouse"]["edges"]
        assert in_house == [{"node": {"id": rid, "registryComplete": True}}]


async def test_guests_registered_after_check_in(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        from sportello.identity.models import AuditEntry
        from sportello_lodging.services import config
        from sportello_lodging.settings import LodgingSettings

        # Where no registry law applies the setting may be turned off: check-in without guests.
        monkeypatch.setattr(config, "_settings", LodgingSettings(require_guest_registry=False))
        setup = await hotel(h, rooms=2)
        room, other = (r["id"] for r in setup["rooms"])
        rid = (await book(h, room, 0, 2, adults=2))["reservation"]["id"]
        checked = await run(h, CHECK_IN, "reservationCheckIn", {"id": rid})
        assert checked["errors"] == [] and checked["reservation"]["registryComplete"] is False
        in_house = (await h.ok(IN_HOUSE, as_="front_desk"))["lodgingInHouse"]["edges"]
        assert in_house == [{"node": {"id": rid, "registryComplete": False}}]

        first, second = registry(2)
        bad = await run(
            h,
            REGISTER,
            "reservationGuestsRegister",
            {"id": rid, "guests": [{**first, "nationality": "ITA"}]},
        )
        assert bad["errors"][0]["field"] == "guests.0.nationality"
        one = await run(h, REGISTER, "reservationGuestsRegister", {"id": rid, "guests": [first]})
        assert one["errors"] == [] and one["reservation"]["registryComplete"] is False
        # The same document again corrects the entry instead of adding a guest.
        fixed = {**first, "fullName": "Giulia Maria Rossi", "birthDate": "1985-04-13"}
        again = await run(h, REGISTER, "reservationGuestsRegister", {"id": rid, "guests": [fixed]})
        assert again["errors"] == [] and again["reservation"]["registryComplete"] is False
        both = await run(h, REGISTER, "reservationGuestsRegister", {"id": rid, "guests": [second]})
        assert both["reservation"]["registryComplete"] is True
        node = (await h.ok(REGISTRATIONS, {"id": rid}, as_="front_desk"))["node"]
        assert node["registryComplete"] is True
        assert [
            (r["fullName"], r["documentNumber"], r["birthDate"]) for r in node["registrations"]
        ] == [
            ("Giulia Maria Rossi", "CA1234567", "1985-04-13"),
            ("Marco Rossi", "YA7654321", "1983-09-30"),
        ]
        extra = registry(3)[2]
        full = await run(h, REGISTER, "reservationGuestsRegister", {"id": rid, "guests": [extra]})
        assert full["errors"][0]["code"] == "TOO_MANY_GUESTS"
        empty = await run(h, REGISTER, "reservationGuestsRegister", {"id": rid, "guests": []})
        assert empty["errors"][0]["code"] == "REQUIRED" and empty["errors"][0]["field"] == "guests"
        denied = await h.gql(
            "mutation($i: ReservationGuestsRegisterInput!) {"
            " reservationGuestsRegister(input: $i) { errors { code } } }",
            {"i": {"id": rid, "guests": [extra]}},
            as_="housekeeping",
        )
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"

        # After checkout the registry can still be completed; a cancelled stay has none.
        late = (await book(h, other, 0, 1, name="Nikos Papadopoulos"))["reservation"]["id"]
        await run(h, CHECK_IN, "reservationCheckIn", {"id": late})
        await run(h, CHECK_OUT, "reservationCheckOut", {"id": late, "allowUnpaid": True}, "manager")
        after = await run(
            h, REGISTER, "reservationGuestsRegister", {"id": late, "guests": registry(1)}
        )
        assert after["errors"] == [] and after["reservation"]["registryComplete"] is True
        gone = (await book(h, other, 3, 4, name="Carmen García"))["reservation"]["id"]
        await run(h, CANCEL, "reservationCancel", {"id": gone})
        closed = await run(
            h, REGISTER, "reservationGuestsRegister", {"id": gone, "guests": registry(1)}
        )
        assert closed["errors"][0]["code"] == "INVALID_TRANSITION"

        entries = await AuditEntry.filter(operation="reservationGuestsRegister").order_by("id")
        assert len(entries) == 4
        assert {e.site_id for e in entries} == {int(_pk(setup["site"]["id"]))}
        assert entries[1].changes["after"]["corrected"] == 1


async def _finished_stay_long_ago(h: Any, monkeypatch: Any, room: str, days_ago: int) -> str:
    travel(monkeypatch, -days_ago)
    rid = (await book(h, room, -days_ago, 2 - days_ago, adults=2))["reservation"]["id"]
    await run(h, CHECK_IN, "reservationCheckIn", {"id": rid, "guests": registry(2)})
    travel(monkeypatch, 2 - days_ago)
    await run(h, CHECK_OUT, "reservationCheckOut", {"id": rid, "allowUnpaid": True}, "manager")
    travel(monkeypatch, 0)
    return rid


async def test_purge_anonymises_expired_registry_entries_linked_or_not(
    sportello_app, monkeypatch, capsys
) -> None:
    async with sportello_app(MODULES) as h:
        from sportello.identity.models import AuditEntry
        from sportello_lodging import cli
        from sportello_lodging import models as m

        rooms = [r["id"] for r in (await hotel(h, rooms=3))["rooms"]]
        old = await _finished_stay_long_ago(h, monkeypatch, rooms[0], 40)
        recent = await _finished_stay_long_ago(h, monkeypatch, rooms[1], 10)
        now = (await book(h, rooms[2], 0, 2))["reservation"]["id"]
        await run(h, CHECK_IN, "reservationCheckIn", {"id": now, "guests": registry(1)})
        # Giulia's entry is linked to her party (her name is the guest's), Marco's is not.
        assert await m.GuestRegistration.filter(party_id=None).count() == 2

        runtime = h.runtime
        assert await cli._run_purge(argparse.Namespace(days=None), runtime) == 0
        assert "0 entries anonymised" in capsys.readouterr().out  # default: three years
        assert await cli._run_purge(argparse.Namespace(days=30), runtime) == 0
        assert "2 entries anonymised" in capsys.readouterr().out

        for rid, erased in ((old, True), (recent, False), (now, False)):
            node = (await h.ok(REGISTRATIONS, {"id": rid}, as_="front_desk"))["node"]
            assert (node["registrations"] == []) is erased
            # The registry was complete: erasure does not make it incomplete after the fact.
            assert node["registryComplete"] is True
        rows = await m.GuestRegistration.filter(reservation_id=int(_pk(old)))
        assert {
            (r.full_name, r.document_type, r.document_number, r.issuing_country, r.nationality)
            for r in rows
        } == {("[erased]", "", "[erased]", "", "")}
        assert all(r.birth_date is None and r.party_id is None and r.erased_at for r in rows)
        purges = await AuditEntry.filter(operation="lodgingRegistryPurge").order_by("id")
        assert [p.changes["after"]["erased"] for p in purges] == [0, 2]
        assert await cli._run_purge(argparse.Namespace(days=5), runtime) == 0
        assert "2 entries anonymised" in capsys.readouterr().out
        assert await m.GuestRegistration.filter(erased_at=None).count() == 1  # the stay in house


def test_purge_command_is_a_sportello_subcommand(tmp_path: Path, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("the command itself is database-agnostic; SQLite suffices")
    db = tmp_path / "lodging.sqlite3"
    config = tmp_path / "sportello.toml"
    config.write_text(
        f'database_url = "sqlite://{db}"\n[modules.reception]\n'
        "[modules.lodging]\nguest_registry_retention_days = 2\n"
    )
    assert _sportello(config, "demo", "load").returncode == 0
    import sqlite3

    conn = sqlite3.connect(db)
    count = (
        "SELECT count(*) FROM lodging_guest_registration g JOIN lodging_reservation r"
        " ON r.id = g.reservation_id WHERE g.erased_at IS NULL AND r.status = 'checked_out'"
        " AND r.departure < ?"
    )
    # The command runs unpatched: its retention counts from the real UTC day, not the tests' one.
    cutoff = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=2)).isoformat()
    expired = conn.execute(count, (cutoff,)).fetchone()[0]
    assert expired > 0
    result = _sportello(config, "lodging-registry-purge")
    assert result.returncode == 0, result.stderr
    assert f"{expired} entries anonymised" in result.stdout
    assert conn.execute(count, (cutoff,)).fetchone()[0] == 0
    kept = conn.execute(
        "SELECT count(*) FROM lodging_guest_registration WHERE erased_at IS NULL"
    ).fetchone()[0]
    assert kept > 0  # stays in house and recent ones
    conn.close()


def _sportello(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("sportello")
    return subprocess.run(
        [str(exe), "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _pk(global_id: str) -> str:
    from strawberry import relay

    return relay.GlobalID.from_id(global_id).node_id
