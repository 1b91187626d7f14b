"""A small seaside hotel at the demo site HOTEL: idempotent (skipped once rooms exist)."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from decimal import Decimal

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.group_models import MASTER
from sportello_lodging.services import clock, config, groups, money
from sportello_lodging.services.booking import GuestInput
from sportello_lodging.services.lifecycle import HOLDING
from sportello_lodging.services.nights import city_tax_persons

ROOM_TYPES = [
    ("SGL", "Camera singola", 1, "75.00", ["wifi", "shower"]),
    ("DBL", "Camera doppia", 2, "110.00", ["wifi", "shower", "balcony"]),
    ("TRP", "Camera tripla", 3, "140.00", ["wifi", "bath", "balcony"]),
    ("SUI", "Suite vista mare", 4, "220.00", ["wifi", "bath", "sea view", "minibar"]),
]
#: Room types of the ten rooms on each floor.
FLOOR_PLAN = ["SGL", "SGL", "DBL", "DBL", "DBL", "DBL", "DBL", "TRP", "TRP", "SUI"]

#: Italian guests' places of birth: the Polizia di Stato's comune codes (4, the region, then
#: ISTAT's comune code) of Roma, Firenze, Bologna, Milano, Napoli and Torino.
COMUNI = [
    ("412058091", "RM"),
    ("409048017", "FI"),
    ("408037006", "BO"),
    ("403015146", "MI"),
    ("415063049", "NA"),
    ("401001272", "TO"),
]
FEMALE = {
    "Giulia",
    "Francesca",
    "Chiara",
    "Sara",
    "Elena",
    "Valentina",
    "Lucía",
    "Carmen",
    "Marta",
    "Laura",
    "Ana",
    "Maria",
    "Eleni",
    "Dimitra",
    "Katerina",
}
GUESTS = [
    ("Giulia", "Rossi", "IT"),
    ("Marco", "Bianchi", "IT"),
    ("Francesca", "Romano", "IT"),
    ("Alessandro", "Colombo", "IT"),
    ("Chiara", "Ricci", "IT"),
    ("Lorenzo", "Marino", "IT"),
    ("Sara", "Greco", "IT"),
    ("Matteo", "Bruno", "IT"),
    ("Elena", "Gallo", "IT"),
    ("Davide", "Conti", "IT"),
    ("Valentina", "De Luca", "IT"),
    ("Simone", "Esposito", "IT"),
    ("Lucía", "García", "ES"),
    ("Javier", "Fernández", "ES"),
    ("Carmen", "López", "ES"),
    ("Alejandro", "Martínez", "ES"),
    ("Marta", "Sánchez", "ES"),
    ("Pablo", "Pérez", "ES"),
    ("Laura", "Gómez", "ES"),
    ("Diego", "Martín", "ES"),
    ("Ana", "Jiménez", "ES"),
    ("Sergio", "Ruiz", "ES"),
    ("Maria", "Papadopoulou", "GR"),
    ("Nikos", "Papadopoulos", "GR"),
    ("Eleni", "Georgiou", "GR"),
    ("Giorgos", "Oikonomou", "GR"),
    ("Dimitra", "Nikolaou", "GR"),
    ("Kostas", "Dimitriou", "GR"),
    ("Katerina", "Vlachou", "GR"),
    ("Yannis", "Karalis", "GR"),
]
CHANNELS = ["direct", "direct", "booking", "expedia", "phone", "email"]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return ascii_text.lower().replace(" ", "")


async def load() -> None:
    site, _ = await api.SiteModel.get_or_create(
        code="HOTEL",
        defaults={"name": "Hotel Bellavista", "kind": "hotel", "address": "Lungomare 12, Rimini"},
    )
    if await m.Room.filter(site=site).exists():
        return
    rng = random.Random(20260601)
    types = {}
    for code, name, capacity, rate, amenities in ROOM_TYPES:
        types[code], _ = await m.RoomType.get_or_create(
            site=site,
            code=code,
            defaults={
                "name": name,
                "capacity": capacity,
                "base_rate": Decimal(rate),
                "amenities": amenities,
            },
        )
    rooms = []
    for floor in (1, 2, 3):
        for i, code in enumerate(FLOOR_PLAN, start=1):
            room = await m.Room.create(
                site=site, room_type=types[code], number=f"{floor}{i:02d}", floor=floor
            )
            rooms.append(room)
    guests = []
    for given, family, country in GUESTS:
        email = f"{_slug(given)}.{_slug(family)}@guest.example"
        party, _ = await api.PartyModel.get_or_create(
            email=email,
            defaults={
                "display_name": f"{given} {family}",
                "given_name": given,
                "family_name": family,
                "preferred_language": {"IT": "it", "ES": "es", "GR": "el"}[country],
            },
        )
        guests.append((party, country))

    today = clock.today(site.timezone)
    start, end = today - dt.timedelta(days=10), today + dt.timedelta(days=20)
    tax = money(config.settings().city_tax_per_person_night)
    # One room stays out of order for a few days.
    await m.RoomClosure.create(
        room=rooms[-1],
        start=today + dt.timedelta(days=3),
        end=today + dt.timedelta(days=6),
        reason="Rifacimento bagno",
    )
    for room in rooms[:-1]:
        rt = types[FLOOR_PLAN[(int(room.number) % 100) - 1]]
        day = start + dt.timedelta(days=rng.randint(0, 3))
        while day < end:
            nights = rng.randint(1, 6)
            arrival, departure = day, day + dt.timedelta(days=nights)
            party, country = rng.choice(guests)
            adults = rng.randint(1, rt.capacity)
            children = rng.randint(0, rt.capacity - adults)
            if departure <= today:
                status = m.CHECKED_OUT
            elif arrival <= today < departure:
                status = m.CHECKED_IN if arrival < today or rng.random() < 0.5 else m.CONFIRMED
            else:
                status = m.CONFIRMED
            if status == m.CONFIRMED and rng.random() < 0.05:
                status = m.CANCELLED
            res = await m.Reservation.create(
                site=site,
                room=room,
                room_type=rt,
                guest=party,
                arrival=arrival,
                departure=departure,
                adults=adults,
                children=children,
                rate=rt.base_rate,
                channel=rng.choice(CHANNELS),
                status=status,
                checked_in_at=dt.datetime.combine(arrival, dt.time(15, 30), dt.UTC)
                if status in (m.CHECKED_IN, m.CHECKED_OUT)
                else None,
                checked_out_at=dt.datetime.combine(departure, dt.time(10, 15), dt.UTC)
                if status == m.CHECKED_OUT
                else None,
            )
            await api.link_party_to_site(party.id, site.id)  # a guest of this hotel
            await m.RoomStay.create(
                reservation=res,
                room=room,
                start=arrival,
                end=departure,
                holding=status in HOLDING,
            )
            if status in (m.CHECKED_IN, m.CHECKED_OUT):
                _, _, family = party.display_name.partition(" ")
                # Everyone in the room is in the guest registry, the booker first.
                births = []
                head_id = 0
                for k in range(adults + children):
                    adult = k < adults
                    born = dt.date(
                        rng.randint(1950, 2002) if adult else today.year - rng.randint(1, 16),
                        rng.randint(1, 12),
                        rng.randint(1, 28),
                    )
                    births.append(born)
                    given = party.display_name.partition(" ")[0] if k == 0 else ""
                    given = given or rng.choice(GUESTS)[0]
                    # A family shares a room: the booker heads it, the others need no document.
                    head = k == 0 and adults + children > 1
                    document = k == 0
                    place, province = rng.choice(COMUNI) if country == "IT" else ("", "")
                    row = await m.GuestRegistration.create(
                        reservation=res,
                        party=party if k == 0 else None,
                        full_name=party.display_name if k == 0 else f"{given} {family}",
                        surname=family,
                        document_type=rng.choice(["passport", "id_card"]) if document else "",
                        document_number=f"{country}{rng.randint(1000000, 9999999)}"
                        if document
                        else "",
                        issuing_country=country if document else "",
                        nationality=country,
                        birth_date=born,
                        sex="F" if given in FEMALE else "M",
                        birth_country=country,
                        role="head_of_family" if head else "single" if k == 0 else "family_member",
                        head_id=head_id if k > 0 and head_id else None,
                        birth_place=place,
                        birth_province=province,
                        issuing_place=place if document and country == "IT" else "",
                    )
                    if k == 0:
                        head_id = row.id if head else 0
                lines = []
                for night in clock.nights(arrival, departure):
                    persons = city_tax_persons(adults, children, night, births)
                    lines.append(
                        m.FolioLine(
                            reservation=res,
                            kind=m.ROOM,
                            charge_code=m.ROOM_NIGHT,
                            description=f"Room night {night.isoformat()}",
                            night=night,
                            unit_amount=rt.base_rate,
                            amount=rt.base_rate,
                        )
                    )
                    if tax > 0 and persons > 0:
                        lines.append(
                            m.FolioLine(
                                reservation=res,
                                kind=m.CITY_TAX,
                                charge_code=m.CITY_TAX_CODE,
                                description=f"City tax {night.isoformat()}",
                                night=night,
                                quantity=persons,
                                unit_amount=tax,
                                amount=tax * persons,
                            )
                        )
                if rng.random() < 0.6:
                    lines.append(
                        m.FolioLine(
                            reservation=res,
                            kind=m.EXTRA,
                            charge_code="BREAKFAST",
                            description="Colazione",
                            quantity=adults * nights,
                            unit_amount=Decimal("12.00"),
                            amount=Decimal("12.00") * adults * nights,
                        )
                    )
                await m.FolioLine.bulk_create(lines)
                total = sum((line.amount for line in lines), Decimal(0))
                paid = total if status == m.CHECKED_OUT else money(total / 3)
                method = rng.choice(["card", "card", "card", "cash", "bank_transfer"])
                label = "Payment" if status == m.CHECKED_OUT else "Deposit"
                await m.FolioLine.create(
                    reservation=res,
                    kind=m.PAYMENT if status == m.CHECKED_OUT else m.DEPOSIT,
                    method=method,
                    description=f"{label} ({method})",
                    unit_amount=paid,
                    amount=paid,
                )
            if status == m.CHECKED_IN:
                room.occupancy = m.OCCUPIED
            elif status == m.CHECKED_OUT and departure == today:
                room.cleanliness = m.DIRTY
            day = departure + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2, 3]))
        if room.occupancy == m.OCCUPIED and rng.random() < 0.4:
            room.cleanliness = m.DIRTY
        await room.save()
    await _tour_group(site.id, types["DBL"].id, today)


async def _tour_group(site_id: int, room_type_id: int, today: dt.date) -> None:
    """A tour operator's group of four double rooms a month ahead, billed to the operator."""
    arrival = today + dt.timedelta(days=28)
    departure = arrival + dt.timedelta(days=3)
    names = ["Hans Müller", "Ingrid Schmidt", "Klaus Weber", "Petra Fischer"]
    await groups.create_group(
        api.SYSTEM,
        site_id=site_id,
        name="Alpenreisen: Costiera in autunno",
        holder=GuestInput("Alpenreisen GmbH", "gruppen@alpenreisen.example"),
        billing=MASTER,
        booking_reference="AR-2611",
        rooms=[
            groups.GroupRoom(
                arrival=arrival,
                departure=departure,
                room_type_id=room_type_id,
                adults=2,
                guest=GuestInput(name),
            )
            for name in names
        ],
    )
