"""An erasure racing a booking for the same guest, over real HTTP: both serialise on the party
row, so no reservation with personal notes is ever left behind for an erased party."""

from __future__ import annotations

import asyncio

from lodging_helpers import CREATE, MODULES, day, hotel

PARTY = """
mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }
"""
ERASE = """
mutation($i: PartyEraseInput!) { partyErase(input: $i) { reports { plugin } errors { code } } }
"""
ROUNDS = 15


def _pk(global_id: str) -> int:
    from strawberry import relay

    return int(relay.GlobalID.from_id(global_id).node_id)


async def test_erasure_racing_a_booking_leaves_no_personal_notes(sportello_app) -> None:
    from sportello.parties.models import Party
    from sportello_lodging import models as m

    async with sportello_app(MODULES, live=True) as h:
        room_id = (await hotel(h, rooms=1))["rooms"][0]["id"]
        desk = await h.token(roles=["front_desk"])
        admin = await h.token(roles=["admin"])
        outcomes: set[str] = set()
        for n in range(ROUNDS):
            made = await h.ok(PARTY, {"i": {"displayName": f"Guest {n}", "givenName": "Anna"}})
            party_id = made["partyCreate"]["party"]["id"]
            booking = {
                "roomId": room_id,
                "guestId": party_id,
                "arrival": day(2 * n),
                "departure": day(2 * n + 1),
                "notes": f"Guest {n} is allergic to feathers",
            }
            booked, erased = await asyncio.gather(
                h.gql(CREATE, {"i": booking}, token=desk),
                h.gql(ERASE, {"i": {"id": party_id}}, token=admin),
            )
            assert not booked.get("errors") and not erased.get("errors"), (booked, erased)
            assert erased["data"]["partyErase"]["errors"] == [], erased
            party = await Party.get(id=_pk(party_id))
            assert party.anonymised_at is not None
            notes = await m.Reservation.filter(guest_id=party.id).values_list("notes", flat=True)
            # Whichever committed first, no personal note survives the erasure.
            assert all(note == "" for note in notes), (notes, booked)
            payload = booked["data"]["reservationCreate"]
            if payload["errors"]:
                outcomes.add("erased first")
                assert payload["errors"] == [
                    {
                        "field": "guestId",
                        "code": "NOT_FOUND",
                        "message": payload["errors"][0]["message"],
                    }
                ], booked
                assert notes == []
            else:
                outcomes.add("booked first")
                assert len(notes) == 1
        assert outcomes


async def test_erasure_racing_a_cancellation_with_a_reason_leaves_no_note(sportello_app) -> None:
    """A cancellation's reason is free text about the guest: it never outlives the erasure in
    the reservation's notes, and a cancellation after the erasure does not audit it either."""
    from sportello.identity.models import AuditEntry
    from sportello_lodging import models as m

    cancel = """
    mutation($i: ReservationCancelInput!) {
      reservationCancel(input: $i) { reservation { id status } errors { code } }
    }
    """
    async with sportello_app(MODULES, live=True) as h:
        room_id = (await hotel(h, rooms=1))["rooms"][0]["id"]
        desk = await h.token(roles=["front_desk"])
        admin = await h.token(roles=["admin"])
        for n in range(ROUNDS):
            made = await h.ok(PARTY, {"i": {"displayName": f"Guest {n}"}})
            party_id = made["partyCreate"]["party"]["id"]
            booking = {
                "roomId": room_id,
                "guestId": party_id,
                "arrival": day(2 * n),
                "departure": day(2 * n + 1),
            }
            created = await h.ok(CREATE, {"i": booking}, token=desk)
            rid = created["reservationCreate"]["reservation"]["id"]
            reason = f"Guest {n} is in hospital"
            cancelled, erased = await asyncio.gather(
                h.gql(cancel, {"i": {"id": rid, "reason": reason}}, token=desk),
                h.gql(ERASE, {"i": {"id": party_id}}, token=admin),
            )
            assert not cancelled.get("errors") and not erased.get("errors"), (cancelled, erased)
            assert cancelled["data"]["reservationCancel"]["errors"] == [], cancelled
            res = await m.Reservation.get(id=_pk(rid))
            assert res.status == "cancelled" and res.notes == "", res.notes
            entry = await AuditEntry.get(operation="reservationCancel", object_id=str(res.id))
            erasure = await AuditEntry.get(operation="partyErase", object_id=str(_pk(party_id)))
            if erasure.id < entry.id:  # cancelled after the erasure: the reason is not kept
                assert reason not in str(entry.changes), entry.changes
        # And in order: erased first, then cancelled with a reason.
        made = await h.ok(PARTY, {"i": {"displayName": "Late Guest"}})
        party_id = made["partyCreate"]["party"]["id"]
        booking = {"roomId": room_id, "guestId": party_id, "arrival": day(40), "departure": day(41)}
        rid = (await h.ok(CREATE, {"i": booking}, token=desk))["reservationCreate"]["reservation"]
        assert (await h.ok(ERASE, {"i": {"id": party_id}}))["partyErase"]["errors"] == []
        done = await h.ok(cancel, {"i": {"id": rid["id"], "reason": "Late Guest is ill"}})
        assert done["reservationCancel"]["errors"] == []
        assert (await m.Reservation.get(id=_pk(rid["id"]))).notes == ""
        entry = await AuditEntry.get(operation="reservationCancel", object_id=str(_pk(rid["id"])))
        assert "Late Guest is ill" not in str(entry.changes)
