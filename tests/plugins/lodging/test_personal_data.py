from __future__ import annotations

import datetime as dt

from lodging_helpers import CHECK_IN, GUESTS, MODULES, book, hotel


async def test_export_and_erase_keep_what_the_law_requires(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        from sportello.privacy import erase_party, export_party
        from sportello.services import SYSTEM
        from sportello_lodging import models as m
        from sportello_lodging import services
        from sportello_lodging.services import clock

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
        registry_fields = {
            f"lodging_guest_registration.{f}"
            for f in (
                "full_name",
                "document_type",
                "document_number",
                "issuing_country",
                "nationality",
                "birth_date",
            )
        }
        # The stay is in progress: the law keeps every registry column, and says so.
        assert registry_fields <= set(report.retained)
        assert "TULPS" in report.retained["lodging_guest_registration.nationality"]
        assert not registry_fields & set(report.erased)
        assert (await m.Reservation.get(id=res.id)).notes == ""
        reg = await m.GuestRegistration.get(party_id=guest_id)
        assert reg.document_number == "CA1234567"  # the stay is in progress: kept

        await services.check_out(SYSTEM, res.id, allow_unpaid=True)
        later = clock.today() + dt.timedelta(days=4 * 365)
        monkeypatch.setattr(clock, "today", lambda timezone=None: later)
        reports = await erase_party(h.runtime, SYSTEM, guest_id)
        report = next(r for r in reports if r.plugin == "lodging")
        assert registry_fields <= set(report.erased)
        assert not registry_fields & set(report.retained)
        reg = await m.GuestRegistration.get(id=reg.id)
        assert (reg.full_name, reg.document_number, reg.birth_date) == (
            "[erased]",
            "[erased]",
            None,
        )
        assert (reg.document_type, reg.issuing_country, reg.nationality) == ("", "", "")
        # Marco, in the room but without a party of his own, is left to the retention purge.
        marco = await m.GuestRegistration.get(reservation_id=res.id, full_name="Marco Rossi")
        assert marco.erased_at is None
        assert await services.purge_registry() == 1
        # Amounts stay for the books.
        assert await m.FolioLine.filter(reservation_id=res.id).count() > 0
