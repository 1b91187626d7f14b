"""The police guest registry: ISO 3166 countries, families under their head, the Alloggiati
Web file of the day, and documents readable only with ``lodging.registry``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from lodging_helpers import CHECK_IN, MODULES, REGISTER, TODAY, book, hotel

FILE = """
query($site: ID!, $day: Date!) {
  alloggiatiFile(siteId: $site, day: $day) {
    filename content records problems { reservationId fullName code message }
  }
}
"""
REGISTRATIONS = """
query($id: ID!) {
  node(id: $id) { ... on Reservation { registryComplete registrations {
    fullName surname role sex documentNumber birthCountry birthPlace birthProvince headName
  } } }
}
"""
#: The Polizia di Stato's record, field by field (widths from the published layout).
WIDTHS = [2, 10, 2, 50, 30, 1, 10, 9, 2, 9, 9, 5, 20, 9]
ROMA = "412058091"

HEAD = {
    "fullName": "Giulia Maria Rossi",
    "surname": "Rossi",
    "role": "HEAD_OF_FAMILY",
    "sex": "F",
    "birthDate": "1985-04-12",
    "birthCountry": "it",
    "birthPlace": ROMA,
    "birthProvince": "rm",
    "nationality": "IT",
    "documentType": "id_card",
    "documentNumber": "CA1234567",
    "issuingCountry": "IT",
    "issuingPlace": ROMA,
}
CHILD = {
    "fullName": "Luca Rossi",
    "role": "FAMILY_MEMBER",
    "sex": "M",
    "birthDate": "2016-06-01",
    "birthCountry": "IT",
    "birthPlace": ROMA,
    "birthProvince": "RM",
    "nationality": "IT",
}
SPOUSE = {
    "fullName": "Hans Müller",
    "role": "FAMILY_MEMBER",
    "sex": "M",
    "birthDate": "1980-02-01",
    "birthCountry": "DE",
    "nationality": "DE",
}
TRAVELLER = {
    "fullName": "John Smith",
    "sex": "M",
    "birthDate": "1990-07-04",
    "birthCountry": "US",
    "nationality": "US",
    "documentType": "passport",
    "documentNumber": "X1234567",
    "issuingCountry": "US",
}


def fields(line: str) -> list[str]:
    out, at = [], 0
    for width in WIDTHS:
        out.append(line[at : at + width])
        at += width
    return out


async def check_in(h: Any, rid: str, guests: list[dict[str, Any]], as_: str = "front_desk") -> Any:
    data = await h.ok(CHECK_IN, {"i": {"id": rid, "guests": guests}}, as_=as_)
    return data["reservationCheckIn"]


async def test_countries_are_iso_3166_and_members_need_their_head(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=1, capacity=3))["rooms"][0]["id"]
        rid = (await book(h, room, 0, 2, adults=2, children=1))["reservation"]["id"]
        bad = [
            ({**HEAD, "nationality": "XX"}, "guests.0.nationality", "INVALID"),
            (
                {**HEAD, "issuingCountry": "ZZ", "issuingPlace": ""},
                "guests.0.issuingCountry",
                "INVALID",
            ),
            (
                {**CHILD, "birthCountry": "EU", "birthPlace": "", "birthProvince": ""},
                "guests.0.birthCountry",
                "INVALID",
            ),
            ({**HEAD, "birthCountry": "FR"}, "guests.0.birthPlace", "INVALID"),
            ({**HEAD, "birthPlace": "Roma"}, "guests.0.birthPlace", "INVALID"),
            ({**HEAD, "issuingPlace": "12345"}, "guests.0.issuingPlace", "INVALID"),
            ({**HEAD, "surname": "Bianchi"}, "guests.0.surname", "INVALID"),
            ({**HEAD, "documentNumber": ""}, "guests.0.documentNumber", "REQUIRED"),
            ({**TRAVELLER, "documentType": ""}, "guests.0.documentType", "INVALID"),
        ]
        for guest, field, code in bad:
            refused = await check_in(h, rid, [guest, CHILD, SPOUSE])
            assert refused["reservation"] is None
            assert [(e["field"], e["code"]) for e in refused["errors"]] == [(field, code)], guest
        refused = await check_in(h, rid, [{**HEAD, "nationality": "XX"}, CHILD, SPOUSE])
        assert refused["errors"][0]["message"] == (
            "Use an ISO 3166 two-letter country code, e.g. IT."
        )
        # A family member is registered under the head of family of the room, not alone.
        orphan = await check_in(h, rid, [{**HEAD, "role": "SINGLE"}, CHILD, SPOUSE])
        assert [(e["field"], e["code"]) for e in orphan["errors"]] == [
            ("guests.1.role", "HEAD_REQUIRED")
        ]
        two = await check_in(
            h, rid, [HEAD, {**HEAD, "fullName": "Anna Rossi", "documentNumber": "CA7"}, CHILD]
        )
        assert two["errors"][0]["code"] == "TOO_MANY_HEADS"
        # Nothing was written by the refused attempts.
        node = (await h.ok(REGISTRATIONS, {"id": rid}, as_="front_desk"))["node"]
        assert node == {"registryComplete": False, "registrations": []}

        # The child and the spouse need no document of their own.
        done = await check_in(h, rid, [CHILD, HEAD, SPOUSE])
        assert done["errors"] == [] and done["reservation"]["registryComplete"] is True
        node = (await h.ok(REGISTRATIONS, {"id": rid}, as_="front_desk"))["node"]
        assert [
            (r["fullName"], r["surname"], r["role"], r["sex"], r["documentNumber"], r["headName"])
            for r in node["registrations"]
        ] == [
            ("Luca Rossi", "", "FAMILY_MEMBER", "M", "", "Giulia Maria Rossi"),
            ("Giulia Maria Rossi", "Rossi", "HEAD_OF_FAMILY", "F", "CA1234567", None),
            ("Hans Müller", "", "FAMILY_MEMBER", "M", "", "Giulia Maria Rossi"),
        ]
        assert node["registrations"][1]["birthProvince"] == "RM"


async def test_alloggiati_file_of_the_day_record_by_record(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        from sportello_lodging.services import config
        from sportello_lodging.settings import LodgingSettings

        setup = await hotel(h, rooms=4, capacity=3)
        site = setup["site"]["id"]
        family, single, incomplete, later = (r["id"] for r in setup["rooms"])
        fam = (await book(h, family, 0, 2, adults=2, children=1))["reservation"]["id"]
        assert (await check_in(h, fam, [CHILD, HEAD, SPOUSE]))["errors"] == []
        one = (await book(h, single, 0, 45, name="John Smith"))["reservation"]["id"]
        assert (await check_in(h, one, [TRAVELLER]))["errors"] == []
        # A guest with data missing for the police: left out of the file, named in problems.
        gap = (await book(h, incomplete, 0, 1, name="Aigerim Bekova"))["reservation"]["id"]
        # Aruba: an ISO country the Polizia di Stato's table has no entry for.
        aruban = {
            **TRAVELLER,
            "fullName": "Aigerim Bekova",
            "sex": None,
            "nationality": "AW",
            "birthCountry": "AW",
            "issuingCountry": "AW",
        }
        assert (await check_in(h, gap, [aruban]))["errors"] == []
        # Expected tomorrow, or not yet arrived: not in today's file.
        await book(h, later, 1, 2, name="Nikos Papadopoulos")

        found = (await h.ok(FILE, {"site": site, "day": TODAY.isoformat()}, as_="front_desk"))[
            "alloggiatiFile"
        ]
        assert found["filename"] == f"alloggiati-HOTEL-{TODAY.isoformat()}.txt"
        assert found["records"] == 4
        lines = found["content"].split("\r\n")
        assert not found["content"].endswith("\n")
        assert [len(line) for line in lines] == [168] * 4
        arrival = TODAY.strftime("%d/%m/%Y")
        blank = [" " * 5, " " * 20, " " * 9]
        assert [fields(line) for line in lines] == [
            [
                "17",
                arrival,
                "02",
                "Rossi".ljust(50),
                "Giulia Maria".ljust(30),
                "2",
                "12/04/1985",
                ROMA,
                "RM",
                "100000100",
                "100000100",
                "IDENT",
                "CA1234567".ljust(20),
                ROMA,
            ],
            [
                "19",
                arrival,
                "02",
                "Rossi".ljust(50),
                "Luca".ljust(30),
                "1",
                "01/06/2016",
                ROMA,
                "RM",
                "100000100",
                "100000100",
                *blank,
            ],
            [
                "19",
                arrival,
                "02",
                "Muller".ljust(50),
                "Hans".ljust(30),
                "1",
                "01/02/1980",
                " " * 9,
                "  ",
                "100000216",
                "100000216",
                *blank,
            ],
            [
                "16",
                arrival,
                "30",  # 45 nights: the portal takes 30 at most
                "Smith".ljust(50),
                "John".ljust(30),
                "1",
                "04/07/1990",
                " " * 9,
                "  ",
                "100000536",
                "100000536",
                "PASOR",
                "X1234567".ljust(20),
                "100000536",
            ],
        ]
        assert sorted((p["fullName"], p["code"]) for p in found["problems"]) == [
            ("Aigerim Bekova", "MISSING_SEX"),
            ("Aigerim Bekova", "UNKNOWN_STATE"),
            ("Aigerim Bekova", "UNKNOWN_STATE"),
            ("Aigerim Bekova", "UNKNOWN_STATE"),
        ]
        assert {p["reservationId"] for p in found["problems"]} == {gap}
        italian = await h.gql(
            FILE,
            {"site": site, "day": TODAY.isoformat()},
            as_="front_desk",
            headers={"accept-language": "it"},
        )
        assert "Sesso mancante." in json.dumps(italian)

        # The desk completes the entry (the same document: corrected in place) and the
        # hotel adds the country's code from the official table: the guest goes in the file.
        fixed = {**aruban, "sex": "F"}
        again = await h.ok(REGISTER, {"i": {"id": gap, "guests": [fixed]}}, as_="front_desk")
        assert again["reservationGuestsRegister"]["errors"] == []
        settings = LodgingSettings(alloggiati_state_codes={"AW": "100000735"})
        monkeypatch.setattr(config, "_settings", settings)
        found = (await h.ok(FILE, {"site": site, "day": TODAY.isoformat()}, as_="front_desk"))[
            "alloggiatiFile"
        ]
        assert fields(found["content"].split("\r\n")[-1])[9:] == [
            "100000735",
            "100000735",
            "PASOR",
            "X1234567".ljust(20),
            "100000735",
        ]
        assert found["records"] == 5 and found["problems"] == []
        other_day = (TODAY - dt.timedelta(days=1)).isoformat()
        empty = await h.ok(FILE, {"site": site, "day": other_day}, as_="front_desk")
        assert empty["alloggiatiFile"]["content"] == ""


async def test_documents_and_the_police_file_need_lodging_registry(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=1, capacity=3)
        rid = (await book(h, setup["rooms"][0]["id"], 0, 2, adults=2, children=1))["reservation"][
            "id"
        ]
        assert (await check_in(h, rid, [HEAD, CHILD, SPOUSE]))["errors"] == []
        variables = {"site": setup["site"]["id"], "day": TODAY.isoformat()}

        # The back office sees the stay and that its registry is complete, not the documents.
        back = await h.gql(REGISTRATIONS, {"id": rid}, as_="back_office")
        assert "errors" not in back
        assert back["data"]["node"] == {"registryComplete": True, "registrations": None}
        denied = await h.gql(FILE, variables, as_="back_office")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        assert denied["data"] is None

        desk = (await h.ok(REGISTRATIONS, {"id": rid}, as_="front_desk"))["node"]
        assert [r["documentNumber"] for r in desk["registrations"]] == ["CA1234567", "", ""]
        assert (await h.ok(FILE, variables, as_="front_desk"))["alloggiatiFile"]["records"] == 3
        assert (await h.ok(FILE, variables, as_="manager"))["alloggiatiFile"]["records"] == 3


async def test_party_export_and_erase_cover_the_police_fields(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        from sportello_lodging.services import check_out, clock

        setup = await hotel(h, rooms=1, capacity=3)
        created = await book(
            h, setup["rooms"][0]["id"], 0, 1, adults=2, children=1, name="Giulia Maria Rossi"
        )
        rid = created["reservation"]["id"]
        assert (await check_in(h, rid, [HEAD, CHILD, SPOUSE]))["errors"] == []
        guest = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Reservation { guest { id } } } }", {"id": rid}
        )
        party = guest["node"]["guest"]["id"]

        export = (await h.ok("query($id: ID!) { partyDataExport(id: $id) }", {"id": party}))[
            "partyDataExport"
        ]
        [entry] = export["offices"]["lodging"]["guest_registry"]
        assert (entry["sex"], entry["birth_place"], entry["birth_province"]) == ("F", ROMA, "RM")
        assert (entry["role"], entry["issuing_place"]) == ("head_of_family", ROMA)

        erase = (
            "mutation($i: PartyEraseInput!) { partyErase(input: $i) "
            "{ reports { plugin erased retained } errors { code } } }"
        )
        first = (await h.ok(erase, {"i": {"id": party}}))["partyErase"]
        report = next(r for r in first["reports"] if r["plugin"] == "lodging")
        police = {
            f"lodging_guest_registration.{f}"
            for f in ("sex", "birth_place", "birth_province", "birth_country", "issuing_place")
        }
        # In the retention period the law keeps them, and the report says so.
        assert police <= set(report["retained"]) and not police & set(report["erased"])

        from sportello.services import SYSTEM

        await check_out(SYSTEM, (await _pk(rid)), allow_unpaid=True)
        later = clock.today() + dt.timedelta(days=4 * 365)
        monkeypatch.setattr(clock, "today", lambda timezone=None: later)
        second = (await h.ok(erase, {"i": {"id": party}}))["partyErase"]
        report = next(r for r in second["reports"] if r["plugin"] == "lodging")
        assert police <= set(report["erased"])
        from sportello_lodging import models as m

        head = await m.GuestRegistration.get(role="head_of_family")
        assert (head.sex, head.birth_place, head.issuing_place, head.surname) == ("", "", "", "")


async def _pk(global_id: str) -> int:
    from strawberry import relay

    return int(relay.GlobalID.from_id(global_id).node_id)
