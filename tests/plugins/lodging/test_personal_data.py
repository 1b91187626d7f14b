from __future__ import annotations

import datetime as dt

from lodging_helpers import CHECK_IN, GUESTS, MODULES, book, hotel


async def test_export_and_erase_keep_what_the_law_requires(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        from sportello.privacy import erase_party, export_party
        from sportello.services import SYSTEM
        from sportello_lodging import models as m
        from sportello_lodging import services

        room_id = (await hotel(h, rooms=1))["rooms"][0]["id"]
        created = await book(h, room_id, 0, 1, adults=2, notes="Allergic to feathers")
        rid = created["reservation"]["id"]
        checked = await h.ok(CHECK_IN, {"i": {"id": rid, "guests": GUESTS}}, as_="front_desk")
        assert checked["reservationCheckIn"]["errors"] == []
        res = await m.Reservation.get(status="checked_in")
        guest_id = res.guest_id

        exported = await export_party(h.runtime, SYSTEM, guest_id)
        lodging = exported["offices"]["lodging"]
        assert lodging["reservations"][0]["notes"] == "Allergic to feathers"
        # The registry entry whose name matches the guest is linked to the guest's party.
        assert [g["document_number"] for g in lodging["guest_registry"]] == ["CA1234567"]

        reports = await erase_party(h.runtime, SYSTEM, guest_id)
        report = next(r for r in reports if r.plugin == "lodging")
        assert "lodging_reservation.notes" in report.erased
        assert "lodging_guest_registration.document_number" in report.retained
        assert (await m.Reservation.get(id=res.id)).notes == ""
        reg = await m.GuestRegistration.get(party_id=guest_id)
        assert reg.document_number == "CA1234567"  # the stay is in progress: kept

        await services.check_out(SYSTEM, res.id, allow_unpaid=True)
        later = dt.date.today() + dt.timedelta(days=4 * 365)
        monkeypatch.setattr(services, "today", lambda: later)
        reports = await erase_party(h.runtime, SYSTEM, guest_id)
        report = next(r for r in reports if r.plugin == "lodging")
        assert "lodging_guest_registration.document_number" in report.erased
        reg = await m.GuestRegistration.get(id=reg.id)
        assert reg.document_number == "[erased]" and reg.birth_date is None
        # Amounts stay for the books.
        assert await m.FolioLine.filter(reservation_id=res.id).count() > 0
