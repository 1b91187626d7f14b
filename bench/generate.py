"""A hotel for the benchmark: ``python -m bench.generate --db sqlite --size small``.

Sizes count reservations: small 2k, 10x 20k, 100x 200k (plus ``tiny`` for the smoke test). Every
room has one arrival on ``BENCH_DAY`` (so the arrivals list has at least ``rooms`` rows) and a
contiguous history of stays before and after it. One guest (a ``parties_party`` row) per
reservation. The database is recreated, migrated with ``sportello migrate`` semantics for the
bench profile (``bench/config/hotel.toml``), filled with bulk inserts, and given an admin user
with a long-lived access token (``bench@example.org``).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import time
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "bench" / "config" / "hotel.toml"
VAR = ROOT / "var" / "bench"
BENCH_DAY = dt.date(2026, 6, 15)
PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
EMAIL = "bench@example.org"
PASSWORD = "bench-password-not-secret"

#: size -> (reservations, rooms)
SIZES: dict[str, tuple[int, int]] = {
    "tiny": (60, 12),
    "small": (2_000, 250),
    "10x": (20_000, 400),
    "100x": (200_000, 500),
}
ROOM_TYPES = [
    ("STD", "Standard", 2),
    ("SUP", "Superior", 2),
    ("FAM", "Family", 4),
    ("STE", "Suite", 3),
]
GIVEN = ["Anna", "Marco", "Giulia", "Luca", "Sofia", "Nikos", "Elena", "Pablo", "Carmen", "Jonas"]
FAMILY = ["Rossi", "Bianchi", "Papadopoulos", "Garcia", "Muller", "Ricci", "Lopez", "Conti"]


def database_url(db: str, size: str, *, name: str | None = None) -> str:
    """Where a size's data lives. ``BENCH_DB_TAG`` (letters, digits, ``_``) is appended to the
    default names so that two bench runs at once each get their own databases."""
    tag = os.environ.get("BENCH_DB_TAG", "")
    if tag and not tag.replace("_", "").isalnum():
        raise SystemExit("BENCH_DB_TAG takes letters, digits and _ only")
    suffix = f"_{tag}" if tag else ""
    if db == "sqlite":
        return f"sqlite://{VAR / (name or f'hotel-{size}{suffix}')}.sqlite3"
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/{name or f'sportello_bench_{size}{suffix}'}"


async def recreate(url: str) -> None:
    """An empty database at ``url`` (a deleted SQLite file, or a dropped and created PG db)."""
    if url.startswith("sqlite://"):
        path = Path(url.removeprefix("sqlite://"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import asyncpg

    admin, name = url.rsplit("/", 1)
    conn = await asyncpg.connect(f"{admin}/postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def _runtime(url: str, config: Path) -> Any:
    os.environ["SPORTELLO_DATABASE_URL"] = url
    from sportello.runtime import Runtime
    from sportello.settings import load_settings

    return Runtime(load_settings(config))


def orm_config(runtime: Any) -> tuple[dict[str, Any], bool]:
    """The runtime's Tortoise config; the bench lodging tables are added when no plugin has them."""
    config = {**runtime.db_config, "apps": dict(runtime.db_config["apps"])}
    if "lodging" in config["apps"]:
        return config, False
    config["apps"]["lodging"] = {
        "models": ["bench.reference.models"],
        "default_connection": "default",
    }
    return config, True


async def generate(
    db: str, size: str, *, url: str | None = None, config: Path = CONFIG, meta_dir: Path = VAR
) -> dict[str, Any]:
    from tortoise import Tortoise

    from sportello.db import close_orm, init_orm, migrate

    reservations, rooms = SIZES[size]
    url = url or database_url(db, size)
    started = time.perf_counter()
    await recreate(url)
    runtime = _runtime(url, config)
    await migrate(runtime.db_config)
    await close_orm()
    config_dict, own_tables = orm_config(runtime)
    await init_orm(config_dict)
    try:
        if own_tables:
            await Tortoise.generate_schemas(safe=True)
        counts = await fill(reservations, rooms)
        if "counter" in Tortoise.apps:
            counts.update(await fill_counter(size, queue=max(60, rooms)))
        if "sales" in Tortoise.apps:
            counts.update(await fill_sales(size))
        if url.startswith("postgres"):
            await fix_sequences("sales" in Tortoise.apps)
        token = await admin_token(runtime)
        await analyze()
    finally:
        await close_orm()
    meta = {
        "db": db,
        "size": size,
        "url": url,
        "bench_day": BENCH_DAY.isoformat(),
        "token": token,
        "lodging_tables": "bench.reference.models" if own_tables else "sportello_lodging",
        "seconds": round(time.perf_counter() - started, 2),
        **counts,
    }
    meta_dir.mkdir(parents=True, exist_ok=True)
    (meta_dir / f"{db}-{size}.json").write_text(json.dumps(meta, indent=2))
    return meta


async def fill(reservations: int, rooms: int) -> dict[str, int]:
    from tortoise import Tortoise

    from sportello.parties.models import Party, Site

    lodging = Tortoise.apps["lodging"]
    RoomType, Room, Reservation = lodging["RoomType"], lodging["Room"], lodging["Reservation"]
    RoomStay = lodging.get("RoomStay")  # one segment per stay: what availability and the rack read

    rnd = random.Random(20261123)
    site = await Site.create(code="BENCH", name="Hotel Bench", kind="hotel")
    types = [
        await RoomType.create(id=i + 1, site_id=site.id, code=c, name=n, capacity=cap)
        for i, (c, n, cap) in enumerate(ROOM_TYPES)
    ]
    room_rows = [
        Room(
            id=i + 1,
            site_id=site.id,
            room_type_id=types[i % len(types)].id,
            number=f"{1 + i // 50}{i % 50 + 1:02d}",
            floor=1 + i // 50,
            occupancy="occupied" if rnd.random() < 0.7 else "vacant",
            cleanliness=rnd.choice(["clean", "dirty", "inspected"]),
        )
        for i in range(rooms)
    ]
    await Room.bulk_create(room_rows, batch_size=1000)
    parties: list[Any] = []
    stays: list[Any] = []
    segments: list[Any] = []
    per_room = [
        reservations // rooms + (1 if i < reservations % rooms else 0) for i in range(rooms)
    ]
    next_id = 1
    node_id = 0
    for room_index, count in enumerate(per_room):
        pivot = count // 2
        lengths = [rnd.randint(1, 4) for _ in range(count)]
        starts = [BENCH_DAY] * count
        for k in range(pivot - 1, -1, -1):
            starts[k] = starts[k + 1] - dt.timedelta(days=lengths[k])
        for k in range(pivot + 1, count):
            starts[k] = starts[k - 1] + dt.timedelta(days=lengths[k - 1])
        for k in range(count):
            given, family = rnd.choice(GIVEN), rnd.choice(FAMILY)
            parties.append(
                Party(
                    id=next_id,
                    display_name=f"{given} {family} {next_id}",
                    given_name=given,
                    family_name=family,
                    email=f"guest{next_id}@example.org",
                )
            )
            status = "checked_out" if starts[k] < BENCH_DAY else "confirmed"
            if starts[k] == BENCH_DAY and not node_id:
                node_id = next_id
            stays.append(
                Reservation(
                    id=next_id,
                    site_id=site.id,
                    room_id=room_index + 1,
                    room_type_id=room_rows[room_index].room_type_id,
                    guest_id=next_id,
                    arrival=starts[k],
                    departure=starts[k] + dt.timedelta(days=lengths[k]),
                    status=status,
                    adults=rnd.randint(1, 2),
                )
            )
            if RoomStay is not None:
                segments.append(
                    RoomStay(
                        id=next_id,
                        reservation_id=next_id,
                        room_id=room_index + 1,
                        start=starts[k],
                        end=starts[k] + dt.timedelta(days=lengths[k]),
                        holding=True,
                    )
                )
            next_id += 1
    # Interleave the bulk inserts so memory stays flat at 100x.
    for i in range(0, len(parties), 5000):
        await Party.bulk_create(parties[i : i + 5000], batch_size=1000)
        await Reservation.bulk_create(stays[i : i + 5000], batch_size=1000)
        if segments:
            await RoomStay.bulk_create(segments[i : i + 5000], batch_size=1000)
    return {
        "site_id": site.id,
        "node_reservation_id": node_id,
        "rooms": rooms,
        "reservations": len(stays),
        "guests": len(parties),
    }


#: size -> tickets per day at the town hall (a year of them, plus today's queue)
TICKETS_PER_DAY = {"tiny": 4, "small": 20, "10x": 200, "100x": 2000}
SERVICES = (("Registry office", "A"), ("Waste tax", "B"), ("Permits", "C"), ("Residency", "D"))


async def fill_counter(size: str, queue: int) -> dict[str, Any]:
    """A town hall's public counter: four services, three counters, a year of served tickets and
    today's queue of ``queue`` waiting tickets."""
    from tortoise import Tortoise

    from sportello.parties.models import Site

    counter = Tortoise.apps["counter"]
    Service, Counter, Ticket, Sequence = (
        counter["CounterService"],
        counter["Counter"],
        counter["Ticket"],
        counter["TicketSequence"],
    )
    rnd = random.Random(20261124)
    site = await Site.create(
        code="TOWNHALL", name="Town hall", kind="public_office", timezone="Europe/Rome"
    )
    hours = {str(d): [["00:00", "24:00"]] for d in range(7)}  # kiosks issue at any hour
    services = [
        await Service.create(site_id=site.id, name=name, prefix=prefix, opening_hours=hours)
        for name, prefix in SERVICES
    ]
    counters = [
        await Counter.create(
            site_id=site.id, name=f"Counter {i}", service_ids=[s.id for s in services]
        )
        for i in (1, 2, 3)
    ]
    zone = ZoneInfo(site.timezone)
    today = dt.datetime.now(zone).date()  # the counter's "today" is the site's local day
    per_day = TICKETS_PER_DAY[size]
    rows: list[Any] = []
    sequences: list[Any] = []
    total = 0

    async def flush() -> None:
        nonlocal rows
        if rows:
            await Ticket.bulk_create(rows, batch_size=1000)
            rows = []

    for back in range(365, -1, -1):
        day = today - dt.timedelta(days=back)
        opening = dt.datetime.combine(day, dt.time(8, 30), tzinfo=zone)
        count = queue if back == 0 else per_day
        numbers = {s.id: 0 for s in services}
        for i in range(count):
            service = services[i % len(services)] if back == 0 else rnd.choice(services)
            numbers[service.id] += 1
            n = numbers[service.id]
            issued = opening + dt.timedelta(seconds=(8 * 3600 * i) // max(count, 1))
            ticket = Ticket(
                site_id=site.id,
                service_id=service.id,
                numbered_service_id=service.id,
                day=day,
                number=n,
                code=f"{service.prefix}{n:03d}",
                status="waiting",
                issued_at=issued,
            )
            if back:
                called = issued + dt.timedelta(minutes=rnd.randint(1, 30))
                ticket.status = "done" if rnd.random() > 0.05 else "no_show"
                ticket.called_at = called
                ticket.counter_id = rnd.choice(counters).id
                if ticket.status == "done":
                    ticket.service_started_at = called + dt.timedelta(minutes=1)
                    ticket.finished_at = called + dt.timedelta(minutes=rnd.randint(3, 20))
                    ticket.resolved = rnd.random() > 0.1
            rows.append(ticket)
        total += count
        sequences += [
            Sequence(service_id=sid, day=day, last_number=last)
            for sid, last in numbers.items()
            if last
        ]
        if len(rows) >= 5000:
            await flush()
    await flush()
    await Sequence.bulk_create(sequences, batch_size=1000)
    return {
        "counter_site_id": site.id,
        "service_id": services[0].id,
        "tickets": total,
        "tickets_today": queue,
    }


#: size -> issued invoices of the hotel (three lines each: room nights, minibar, city tax)
INVOICES = {"tiny": 50, "small": 1000, "10x": 10000, "100x": 100000}


async def fill_sales(size: str) -> dict[str, Any]:
    """The hotel's issued invoices: one per guest (the first ones), numbered in series FT of
    this year, with their lines and tax summaries as the sales office computes them."""
    from tortoise import Tortoise

    from sportello.parties.models import Party

    sales = Tortoise.apps["sales"]
    TaxRate, Product, Series, Counter = (
        sales["TaxRate"], sales["Product"], sales["Series"], sales["SeriesCounter"]
    )  # fmt: skip
    Invoice, Line, Tax = sales["Invoice"], sales["InvoiceLine"], sales["InvoiceTax"]
    rates = {
        code: await TaxRate.create(code=code, name=code, rate=Decimal(rate), nature=nature)
        for code, rate, nature in (("IT10", "10", None), ("IT22", "22", None), ("N1", "0", "N1"))
    }
    catalogue = (
        ("ROOM_NIGHT", "Room night", "rooms", "IT10", Decimal("110.00")),
        ("MINIBAR", "Minibar", "food_beverage", "IT22", Decimal("6.10")),
        ("CITY_TAX", "City tax", "taxes", "N1", Decimal("3.50")),
    )
    products = [
        await Product.create(
            charge_code=code, name=name, category=cat, tax_rate_id=rates[tax].id, price=price
        )
        for code, name, cat, tax, price in catalogue
    ]
    series = await Series.create(code="FT", kind="invoice", name="FT")
    count = INVOICES[size]
    party_ids = await Party.all().order_by("id").limit(count).values_list("id", flat=True)
    today = dt.date.today()
    now = dt.datetime.now(dt.UTC)
    invoices: list[Any] = []
    lines: list[Any] = []
    taxes: list[Any] = []

    async def flush() -> None:
        nonlocal invoices, lines, taxes
        await Invoice.bulk_create(invoices, batch_size=1000)
        await Line.bulk_create(lines, batch_size=1000)
        await Tax.bulk_create(taxes, batch_size=1000)
        invoices, lines, taxes = [], [], []

    for i, party_id in enumerate(party_ids, start=1):
        nights = Decimal(1 + i % 4)
        # gross with tax: room nights at 10 %, one minibar at 22 %, city tax out of scope
        amounts = [
            (products[0], nights, Decimal(100) * nights, Decimal(10) * nights),
            (products[1], Decimal(1), Decimal("5.00"), Decimal("1.10")),
            (products[2], nights, Decimal("3.50") * nights, Decimal(0)),
        ]
        net = sum((a[2] for a in amounts), Decimal(0))
        tax = sum((a[3] for a in amounts), Decimal(0))
        invoices.append(
            Invoice(
                id=i, kind="invoice", status="issued", party_id=party_id, series_id=series.id,
                year=today.year, sequence=i, number=f"{today.year}/FT/{i:06d}",
                issue_date=today, due_date=today, currency="EUR", exchange_rate=Decimal(1),
                company_currency="EUR", rounding="total", prices_include_tax=True,
                net_total=net, tax_total=tax, total=net + tax, paid_total=net + tax,
                buyer={"kind": "person"}, seller={}, issued_at=now,
            )
        )  # fmt: skip
        for position, (product, qty, line_net, line_tax) in enumerate(amounts, start=1):
            lines.append(
                Line(
                    invoice_id=i, position=position, product_id=product.id,
                    charge_code=product.charge_code, category=product.category,
                    description=product.name, unit="piece", quantity=qty,
                    unit_price=(line_net + line_tax) / qty, tax_code=catalogue[position - 1][3],
                    tax_rate=rates[catalogue[position - 1][3]].rate,
                    tax_nature=rates[catalogue[position - 1][3]].nature,
                    net=line_net, tax=line_tax,
                )
            )  # fmt: skip
            taxes.append(
                Tax(
                    invoice_id=i, tax_code=catalogue[position - 1][3],
                    rate=rates[catalogue[position - 1][3]].rate,
                    nature=rates[catalogue[position - 1][3]].nature,
                    taxable=line_net, tax=line_tax,
                )
            )  # fmt: skip
        if len(invoices) >= 5000:
            await flush()
    await flush()
    await Counter.create(series_id=series.id, year=today.year, last_number=len(party_ids))
    return {"invoices": len(party_ids)}


async def admin_token(runtime: Any) -> str:
    from sportello.identity import tokens
    from sportello.identity.services import create_user
    from sportello.services import SYSTEM

    user = await create_user(
        SYSTEM,
        EMAIL,
        PASSWORD,
        roles=["admin"],
        known_roles=set(runtime.roles),
        all_sites=True,
        is_superuser=True,
    )
    raw, _ = await tokens.issue(user, "access", dt.timedelta(days=30), name="bench")
    return raw


async def fix_sequences(sales: bool = False) -> None:
    """Explicit ids leave PostgreSQL sequences behind: move them past the data."""
    from tortoise.connection import get_connection

    conn = get_connection("default")
    for table in (
        "parties_party",
        "parties_site",
        "lodging_room_type",
        "lodging_room",
        "lodging_reservation",
        "lodging_room_stay",
        *(("sales_invoice",) if sales else ()),
    ):
        await conn.execute_script(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )


async def analyze() -> None:
    """Planner statistics for the bulk-loaded tables, as autovacuum would gather in production:
    without them PostgreSQL guesses row counts and picks plans none of the apps would get."""
    from tortoise.connection import get_connection

    await get_connection("default").execute_script("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument(
        "--url", help="database URL (default: var/bench/... or sportello_bench_<size>)"
    )
    args = parser.parse_args()
    meta = asyncio.run(generate(args.db, args.size, url=args.url))
    print(json.dumps({k: v for k, v in meta.items() if k != "token"}))


if __name__ == "__main__":
    main()
