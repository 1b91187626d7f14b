"""GDPR acceptance: one export document across every office; erasure anonymises everywhere.

With every built-in office on, the marker party (a person with unmistakable values) gets a
login account, a lodging stay checked in with a guest registry entry, a visit checked in and
a counter appointment checked in (a queue ticket). The export must carry a section for every
office that holds their data; after ``partyErase`` a scan of every text and JSON column of
every enabled plugin's tables finds none of their values outside the declared retained
columns, and no row was deleted (the books still add up).

Depends on work of other engineers: the counter's ``sportello_party_data`` /
``sportello_party_erase`` hooks (the ``counter`` section, and no name left in
``counter_appointment``/``counter_ticket``) and the events core's outbox scrub (no visitor
name left in ``events_outbox.payload``; erased columns such as a visit's company scrubbed by
``sportello.events.privacy.scrub_erased_keys``).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from identity_helpers import require_builtin_offices, table_counts
from tortoise import Tortoise, fields

#: The day everything happens (the offices' clocks are pinned to it).
DAY = dt.date(2031, 3, 12)
NOW = dt.datetime(2031, 3, 12, 7, 0, tzinfo=dt.UTC)
ALL_DAY = {str(d): [["00:00", "24:00"]] for d in range(7)}
MARKERS = {
    "givenName": "Zebulon",
    "familyName": "Quixfeather",
    "displayName": "Zebulon Quixfeather",
    "email": "zq.marker@example.org",
    "phone": "+39 0555 123987",
    "taxCode": "QXFZBL80A01H501Z",
}
DOCUMENT = "YQ7788991"
USER_EMAIL = "zq.user@example.org"
NEW_PHONE = "+39 0555 999111"
STREET = "Via Quixfeather 1"
ALL_MARKERS = set(MARKERS.values()) | {DOCUMENT, USER_EMAIL, NEW_PHONE, "Via Quixfeather"}


@pytest.fixture
def pinned_clocks(monkeypatch: pytest.MonkeyPatch) -> None:
    from sportello_counter import services as counter
    from sportello_lodging import services as lodging
    from sportello_visitors import services as visitors

    monkeypatch.setattr(lodging, "today", lambda timezone=None: DAY)
    monkeypatch.setattr(counter, "now", lambda: NOW)
    monkeypatch.setattr(visitors, "now", lambda: NOW)


def _text_columns(model) -> list[str]:
    kinds = (fields.CharField, fields.TextField, fields.JSONField)
    return [
        name
        for name, f in model._meta.fields_map.items()
        if isinstance(f, kinds) and name in model._meta.db_fields
    ]


async def scan(markers: set[str]) -> dict[str, set[str]]:
    """``table.column`` -> markers still found, over every text/JSON column of every table."""
    hits: dict[str, set[str]] = {}
    lowered = {m: m.lower() for m in markers}
    for app in Tortoise.apps.values():
        for model in app.values():
            columns = _text_columns(model)
            if not columns:
                continue
            for row in await model.all().values(*columns):
                for column, value in row.items():
                    text = (value if isinstance(value, str) else json.dumps(value)).lower()
                    found = {m for m, low in lowered.items() if low in text}
                    if found:
                        key = f"{model._meta.db_table}.{model._meta.fields_map[column].source_field or column}"
                        hits.setdefault(key, set()).update(found)
    return hits


def _plugin_of(table: str) -> str:
    for label, app in Tortoise.apps.items():
        if any(m._meta.db_table == table for m in app.values()):
            return label
    raise AssertionError(table)


async def _setup(h, company: str = "Harbour Freight Ltd") -> dict[str, str]:
    """The marker party's life across the offices; returns the IDs the test needs."""
    site = await h.ok(
        'mutation { siteCreate(input: {code: "H", name: "Harbour"}) { site { id } errors { code } } }'
    )
    site_id = site["siteCreate"]["site"]["id"]
    party = await h.ok(
        "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }",
        {"i": {**MARKERS, "addresses": [{"street": STREET}]}},
    )
    party_id = party["partyCreate"]["party"]["id"]
    host = await h.ok(
        'mutation { partyCreate(input: {displayName: "Helga Host"}) { party { id } errors { code } } }'
    )
    host_id = host["partyCreate"]["party"]["id"]
    if h.runtime.pm.get_plugin("hr") is not None:  # with hr on, a host is an employee
        unit = await h.ok(
            "mutation($i: DepartmentCreateInput!) { departmentCreate(input: $i) "
            "{ department { id } errors { code } } }",
            {"i": {"name": "Front office", "siteId": site_id}},
        )
        hired = await h.ok(
            "mutation($i: EmployeeCreateInput!) { employeeCreate(input: $i) "
            "{ errors { code field } } }",
            {
                "i": {
                    "partyId": host_id,
                    "departmentId": unit["departmentCreate"]["department"]["id"],
                    "siteIds": [site_id],
                }
            },
        )
        assert hired["employeeCreate"]["errors"] == [], hired

    # identity: a login account, used once to change the party's phone (audited).
    await h.ok(
        "mutation($i: UserCreateInput!) { userCreate(input: $i) { user { id } errors { code } } }",
        {
            "i": {
                "email": USER_EMAIL,
                "password": "a long password",
                "partyId": party_id,
                "roles": ["front_desk"],
                "allSites": True,
            }
        },
    )
    login = await h.ok(
        "mutation($i: TokenCreateInput!) { tokenCreate(input: $i) { accessToken errors { code } } }",
        {"i": {"email": USER_EMAIL, "password": "a long password"}},
        as_=None,
    )
    await h.ok(
        "mutation($id: ID!, $p: String) { partyUpdate(input: {id: $id, phone: $p}) "
        "{ party { id } errors { code } } }",
        {"id": party_id, "p": NEW_PHONE},
        token=login["tokenCreate"]["accessToken"],
    )

    # lodging: a stay checked in with the guest registry entry.
    room_type = await h.ok(
        'mutation($s: ID!) { roomTypeCreate(input: {siteId: $s, code: "DBL", name: "Double", '
        'baseRate: "100.00"}) { roomType { id } errors { code field } } }',
        {"s": site_id},
    )
    room = await h.ok(
        'mutation($t: ID!) { roomCreate(input: {roomTypeId: $t, number: "101"}) '
        "{ room { id } errors { code field } } }",
        {"t": room_type["roomTypeCreate"]["roomType"]["id"]},
    )
    stay = await h.ok(
        "mutation($i: ReservationCreateInput!) { reservationCreate(input: $i) "
        "{ reservation { id } errors { code field message } } }",
        {
            "i": {
                "roomId": room["roomCreate"]["room"]["id"],
                "arrival": DAY.isoformat(),
                "departure": (DAY + dt.timedelta(days=2)).isoformat(),
                "guestId": party_id,
                "notes": f"{MARKERS['displayName']} asks for a quiet room",
            }
        },
    )
    assert stay["reservationCreate"]["errors"] == [], stay
    checked_in = await h.ok(
        "mutation($i: ReservationCheckInInput!) { reservationCheckIn(input: $i) "
        "{ reservation { id } errors { code field message } } }",
        {
            "i": {
                "id": stay["reservationCreate"]["reservation"]["id"],
                "guests": [
                    {
                        "fullName": MARKERS["displayName"],
                        "documentType": "passport",
                        "documentNumber": DOCUMENT,
                        "issuingCountry": "IT",
                        "nationality": "IT",
                        "birthDate": "1980-01-01",
                        "partyId": party_id,
                    }
                ],
            }
        },
    )
    assert checked_in["reservationCheckIn"]["errors"] == [], checked_in

    # visitors: a visit planned for the party and checked in.
    visit = await h.ok(
        "mutation($i: VisitPlanInput!) { visitPlan(input: $i) { visit { id } errors { code field } } }",
        {
            "i": {
                "siteId": site_id,
                "hostId": host_id,
                "visitorId": party_id,
                "visitorName": MARKERS["displayName"],
                "expectedAt": NOW.isoformat(),
                "company": company,
                "purpose": "Meeting",
            }
        },
    )
    assert visit["visitPlan"]["errors"] == [], visit
    arrived = await h.ok(
        "mutation($i: VisitCheckInInput!) { visitCheckIn(input: $i) { visit { id } errors { code } } }",
        {"i": {"id": visit["visitPlan"]["visit"]["id"], "badgeNumber": "B-17"}},
    )
    assert arrived["visitCheckIn"]["errors"] == [], arrived

    # counter: an appointment for the party, checked in (a queue ticket).
    service = await h.ok(
        "mutation($i: CounterServiceCreateInput!) { counterServiceCreate(input: $i) "
        "{ counterService { id } errors { code field } } }",
        {"i": {"siteId": site_id, "name": "Registry", "prefix": "A", "openingHours": ALL_DAY}},
    )
    service_id = service["counterServiceCreate"]["counterService"]["id"]
    await h.ok(
        "mutation($i: CounterCreateInput!) { counterCreate(input: $i) { counter { id } errors { code } } }",
        {"i": {"siteId": site_id, "name": "Desk 1", "serviceIds": [service_id]}},
    )
    slots = await h.ok(
        "query($s: ID!, $d: Date!) { appointmentSlots(serviceId: $s, day: $d) { start available } }",
        {"s": service_id, "d": DAY.isoformat()},
    )
    slot = next(
        s["start"]
        for s in slots["appointmentSlots"]
        if s["available"] and dt.datetime.fromisoformat(s["start"]) > NOW
    )
    booked = await h.ok(
        "mutation($i: AppointmentBookInput!) { appointmentBook(input: $i) "
        "{ appointment { id code } errors { code field } } }",
        {
            "i": {
                "serviceId": service_id,
                "slotAt": slot,
                "partyName": MARKERS["displayName"],
                "partyId": party_id,
            }
        },
    )
    assert booked["appointmentBook"]["errors"] == [], booked
    ticket = await h.ok(
        "mutation($i: AppointmentCheckInInput!) { appointmentCheckIn(input: $i) "
        "{ ticket { id } errors { code field } } }",
        {"i": {"code": booked["appointmentBook"]["appointment"]["code"]}},
    )
    assert ticket["appointmentCheckIn"]["errors"] == [], ticket
    return {"party": party_id}


async def test_export_then_erase_leaves_no_personal_data(sportello_app, pinned_clocks) -> None:
    offices = require_builtin_offices()
    async with sportello_app(offices) as h:
        ids = await _setup(h)
        party_id = ids["party"]
        before = await scan(ALL_MARKERS)
        holders = {_plugin_of(column.split(".")[0]) for column in before}
        # Every office the party went through holds their data now.
        assert {"parties", "identity", "lodging", "visitors", "counter"} <= holders, before

        denied = await h.gql(
            "query($id: ID!) { partyDataExport(id: $id) }", {"id": party_id}, as_="front_desk"
        )
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        export = (await h.ok("query($id: ID!) { partyDataExport(id: $id) }", {"id": party_id}))[
            "partyDataExport"
        ]
        sections = export["offices"]
        # A section for every enabled office holding the party's data (the events core's
        # section lists the outbox events about them). Reception holds no personal data.
        assert holders <= set(sections), (holders, sorted(sections))
        assert sections["parties"]["party"]["email"] == MARKERS["email"]
        assert sections["identity"]["users"][0]["email"] == USER_EMAIL
        assert DOCUMENT in json.dumps(sections["lodging"])
        assert MARKERS["displayName"] in json.dumps(sections["lodging"])
        assert [v["status"] for v in sections["visitors"]["visits"]] == ["checked_in"]
        counter = sections["counter"]  # (counter party_data hook)
        assert [a["party_name"] for a in counter["appointments"]] == [MARKERS["displayName"]]
        assert [t["party_name"] for t in counter["tickets"]] == [MARKERS["displayName"]]

        counts_before = await table_counts()
        erased = await h.ok(
            "mutation($i: PartyEraseInput!) { partyErase(input: $i) "
            "{ reports { plugin erased retained } errors { code } } }",
            {"i": {"id": party_id}},
        )
        assert erased["partyErase"]["errors"] == []
        reports = erased["partyErase"]["reports"]
        # Anonymised in place: no row deleted anywhere, so every ledger still adds up.
        counts_after = await table_counts()
        changed = {t for t in counts_after if counts_after[t] != counts_before[t]}
        assert changed <= {"identity_audit_entry"}, changed
        assert {"parties", "identity", "lodging", "visitors", "counter"} <= {
            r["plugin"] for r in reports
        }
        retained = {column for r in reports for column in (r["retained"] or {})}
        # The stay is in progress: the police guest registry keeps the document by law.
        assert "lodging_guest_registration.document_number" in retained
        # What is left is only the registry's, which the law keeps, and declared so: a report
        # that declared everything retained would not excuse a leftover anywhere else.
        found = await scan(ALL_MARKERS)
        assert "lodging_guest_registration.document_number" in found
        leftover = {
            k: v for k, v in found.items() if not k.startswith("lodging_guest_registration.")
        }
        assert leftover == {}, leftover
        assert set(found) <= retained, set(found) - retained

        audit = await h.ok(
            'query($id: ID!) { auditEntries(object: $id, operation: "partyErase") '
            "{ edges { node { operation } } } }",
            {"id": party_id},
            as_="auditor",
        )
        assert audit["auditEntries"]["edges"]
        # The erased person can no longer log in.
        again = await h.ok(
            "mutation($i: TokenCreateInput!) { tokenCreate(input: $i) { errors { code } } }",
            {"i": {"email": USER_EMAIL, "password": "a long password"}},
            as_=None,
        )
        assert again["tokenCreate"]["errors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_erased_columns_leave_the_event_payloads_too(sportello_app, pinned_clocks) -> None:
    """The visitors office erases a visit's company: its copy in the visitor.arrived event goes
    too (events core's ``scrub_erased_keys``, called by ``erase_party``)."""
    async with sportello_app(require_builtin_offices()) as h:
        ids = await _setup(h, company="Quixfeather Consulting")
        await h.ok(
            "mutation($i: PartyEraseInput!) { partyErase(input: $i) { errors { code } } }",
            {"i": {"id": ids["party"]}},
        )
        leftover = await scan({"Quixfeather Consulting"})
        assert "visitors_visit.company" not in leftover  # the office itself erased it
        assert leftover == {}, leftover
