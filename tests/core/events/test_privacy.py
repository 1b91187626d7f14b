"""GDPR: event payloads that name a party are exported with its data and scrubbed on erasure."""

from __future__ import annotations

import evplugin
from evhelpers import emit, eventually, fast

from sportello.events.models import EventDelivery, OutboxEvent
from sportello.graphql.ids import decode_id

PLUGINS = [evplugin]
CREATE = """mutation($input: PartyCreateInput!) {
  partyCreate(input: $input) { party { id } errors { code } } }"""
ERASE = """mutation($input: PartyEraseInput!) {
  partyErase(input: $input) { reports { plugin erased } errors { code } } }"""
EXPORT = "query($id: ID!) { partyDataExport(id: $id) }"
EVENTS = "query { events(first: 50) { edges { node { aggregate payload } } } }"


async def _party(h, **fields) -> tuple[str, int]:
    data = await h.ok(CREATE, {"input": fields})
    gid = data["partyCreate"]["party"]["id"]
    return gid, decode_id(gid, "Party", "id")


async def test_erasure_scrubs_the_partys_values_from_event_payloads(sportello_app):
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        gid, maria = await _party(
            h,
            displayName="Maria Bianchi",
            givenName="Maria",
            familyName="Bianchi",
            email="maria.bianchi@example.org",
            phone="+39 333 1234567",
        )
        _, anna = await _party(h, displayName="Anna Verdi", givenName="Anna")
        # references Maria by id: her values go, weak ones (given name) included
        await emit(
            "evtest.thing.happened",
            {"guest_party_id": maria, "guest": "Maria Bianchi", "first": "Maria", "room": "101"},
            "reservation:1",
        )
        # only mentions her full name (a visitor's name copied into the payload)
        await emit(
            "evtest.thing.happened",
            {"host_party_id": anna, "visitor_name": "Maria Bianchi", "note": "Maria"},
            "visit:1",
        )
        # about her (aggregate), values nested in lists
        await emit(
            "evtest.thing.happened",
            {"contact": {"emails": ["maria.bianchi@example.org", "desk@example.org"]}},
            f"party:{maria}",
        )
        # someone else's, and an id under a key that is not a party reference: untouched
        await emit(
            "evtest.thing.happened",
            {"guest_party_id": anna, "guest": "Anna Verdi", "first": "Maria"},
            "reservation:2",
        )
        await emit("evtest.thing.happened", {"ticket_id": maria, "first": "Maria"}, "ticket:1")
        # a failing handler whose error text quotes her name
        doomed = await emit(
            "evtest.doomed", {"guest_party_id": maria, "who": "Maria Bianchi"}, "d:1"
        )

        async def parked():
            d = await EventDelivery.get_or_none(handler="evtest.always_fails", event_id=doomed.id)
            return d if d and d.status == "parked" else None

        d = await eventually(parked)
        assert "Maria Bianchi" in d.last_error

        exported = (await h.ok(EXPORT, {"id": gid}))["partyDataExport"]
        listed = exported["offices"]["events"]["events"]
        assert sorted(e["aggregate"] for e in listed) == [
            "d:1", f"party:{maria}", "reservation:1", "visit:1"
        ]  # fmt: skip

        erased = await h.ok(ERASE, {"input": {"id": gid}})
        assert erased["partyErase"]["errors"] == []
        reports = {r["plugin"]: r["erased"] for r in erased["partyErase"]["reports"]}
        assert reports["events"] == ["events_outbox.payload"]

        rows = await h.ok(EVENTS)
        payloads = {e["node"]["aggregate"]: e["node"]["payload"] for e in rows["events"]["edges"]}
        assert payloads["reservation:1"] == {
            "guest_party_id": maria, "guest": "[erased]", "first": "[erased]", "room": "101"
        }  # fmt: skip
        assert payloads["visit:1"] == {
            "host_party_id": anna, "visitor_name": "[erased]", "note": "Maria"
        }  # fmt: skip
        assert payloads[f"party:{maria}"] == {
            "contact": {"emails": ["[erased]", "desk@example.org"]}
        }
        assert payloads["reservation:2"] == {
            "guest_party_id": anna, "guest": "Anna Verdi", "first": "Maria"
        }  # fmt: skip
        assert payloads["ticket:1"] == {"ticket_id": maria, "first": "Maria"}
        assert payloads["d:1"] == {"guest_party_id": maria, "who": "[erased]"}
        await d.refresh_from_db()
        assert "Maria Bianchi" not in d.last_error and "[erased]" in d.last_error
        again = (await h.ok(EXPORT, {"id": gid}))["partyDataExport"]["offices"]["events"]
        assert "Maria Bianchi" not in str(again)


async def test_values_under_erased_columns_go_too_when_the_erasure_names_them(sportello_app):
    """A visitor's company is no identifier of the party, but the visitors office erases that
    column: the erasure hands the column names over and the events found lose those values.
    (Services level: the erasure's call sequence, erase hook first, column names after.)"""
    from sportello.events import privacy
    from sportello.services import atomic

    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        _, maria = await _party(h, displayName="Maria Bianchi", email="mb@example.org")
        visit = await emit(
            "evtest.thing.happened",
            {"host_party_id": 99, "visitor_name": "Maria Bianchi", "company": "Quixfeather"},
            "visit:7",
        )
        other = await emit(
            "evtest.thing.happened", {"visitor_name": "Ugo", "company": "Keep Srl"}, "visit:8"
        )
        async with atomic():
            assert await privacy.erase(maria)
            assert await privacy.scrub_erased_keys(maria, {"company", "purpose"})
        rows = {r.id: r.payload for r in await OutboxEvent.all()}
        assert rows[visit.id] == {
            "host_party_id": 99, "visitor_name": "[erased]", "company": "[erased]"
        }  # fmt: skip
        assert rows[other.id] == {"visitor_name": "Ugo", "company": "Keep Srl"}
