"""Demo data: a hotel's front desk and housekeeping staff with this week's roster, a town
hall's counter clerks; contracts, leave balances, an approved and a pending leave request, a
shift swap waiting for the manager. Running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sportello import api
from sportello_hr import models as m
from sportello_hr.services import (
    allocations,
    contracts,
    employees,
    leave,
    shifts,
    stations,
    training,
)
from sportello_hr.services import swaps as swap_rules

SYSTEM = api.SYSTEM

#: (site, department code, name or login email, job title, station kind, part-time days)
STAFF: list[tuple[str, str, str, str, str, list[int] | None]] = [
    ("HOTEL", "REC", "manager@demo.example", "Front office manager", "front_desk", None),
    ("HOTEL", "REC", "desk@demo.example", "Receptionist", "front_desk", None),
    ("HOTEL", "REC", "Giulia Rossi", "Receptionist", "front_desk", None),
    ("HOTEL", "REC", "Luca Bianchi", "Night auditor", "front_desk", None),
    ("HOTEL", "REC", "Sofia Greco", "Receptionist", "front_desk", None),
    ("HOTEL", "HK", "office@demo.example", "Head housekeeper", "housekeeping", None),
    ("HOTEL", "HK", "Elena Costa", "Room attendant", "housekeeping", None),
    ("HOTEL", "HK", "Marco Ferri", "Room attendant", "housekeeping", [0, 1, 2]),
    ("TOWNHALL", "ANAG", "Paolo Esposito", "Registry clerk", "counter", None),
    ("TOWNHALL", "ANAG", "Chiara Romano", "Registry clerk", "counter", [0, 2, 4]),
    ("TOWNHALL", "TRIB", "Nikos Papadakis", "Tax clerk", "counter", None),
]
#: (code, name, months valid, names in other languages)
COURSES: list[tuple[str, str, int | None, dict[str, str]]] = [
    (
        "FIRE_SAFETY",
        "Fire safety",
        60,
        {"it": "Antincendio", "es": "Prevención de incendios", "el": "Πυρασφάλεια"},
    ),
    (
        "GDPR",
        "Data protection (GDPR)",
        24,
        {"it": "Privacy (GDPR)", "es": "Protección de datos (RGPD)", "el": "Προστασία δεδομένων"},
    ),
    (
        "FIRST_AID",
        "First aid",
        36,
        {"it": "Primo soccorso", "es": "Primeros auxilios", "el": "Πρώτες βοήθειες"},
    ),
]
#: (site, station, kind, required course)
STATIONS = [
    ("HOTEL", "Front desk", m.FRONT_DESK, ""),
    ("HOTEL", "Night desk", m.FRONT_DESK, "FIRE_SAFETY"),
    ("HOTEL", "Housekeeping, floors 1-2", m.HOUSEKEEPING, ""),
    ("HOTEL", "Housekeeping, floors 3-4", m.HOUSEKEEPING, ""),
    ("TOWNHALL", "Sportello 1", m.COUNTER, ""),
    ("TOWNHALL", "Sportello 2", m.COUNTER, ""),
]
#: (site, template, start, end, station)
TEMPLATES = [
    ("HOTEL", "Morning", 7 * 60, 15 * 60, "Front desk"),
    ("HOTEL", "Afternoon", 15 * 60, 23 * 60, "Front desk"),
    ("HOTEL", "Night", 23 * 60, 7 * 60, "Night desk"),
    ("HOTEL", "Rooms", 8 * 60, 14 * 60, "Housekeeping, floors 1-2"),
    ("TOWNHALL", "Counter morning", 8 * 60 + 30, 12 * 60 + 30, "Sportello 1"),
]


async def _department(site_id: int, code: str) -> int | None:
    # The core's Department model, reached through hr's own foreign key to it.
    field: Any = m.Employee._meta.fields_map["department"]
    department: Any = field.related_model
    found = await department.filter(code=code, site_id=site_id).first()
    return None if found is None else int(found.id)


async def _login(email: str) -> tuple[int, int] | None:
    """(party id, user id) of a demo login."""
    rows = await api.PartyModel.filter(users__email=email).values_list("id", "users__id")
    return (int(rows[0][0]), int(rows[0][1])) if rows else None


async def load(runtime: api.RuntimeView | None = None) -> None:
    if await m.Employee.exists():
        return
    sites = dict(
        await api.SiteModel.filter(code__in=["HOTEL", "TOWNHALL"]).values_list("code", "id")
    )
    if len(sites) < 2:
        return
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    made: dict[str, m.Employee] = {}
    for site, code, who, title, _, part_time in STAFF:
        department = await _department(sites[site], code)
        if department is None:
            continue
        login = await _login(who) if "@" in who else None
        if "@" in who and login is None:
            continue
        employee = await employees.create(
            SYSTEM,
            department_id=department,
            site_ids=[sites[site]],
            full_name=None if login else who,
            user_id=login[1] if login else None,
            job_title=title,
            work_email=who if login else who.lower().replace(" ", ".") + "@demo.example",
            work_phone="+39 0541 555" + str(100 + len(made)),
            start_date=dt.date(today.year - 3, 3, 1),
        )
        made[who] = employee
        await contracts.create(
            SYSTEM,
            employee.id,
            kind=m.FIXED_TERM if who == "Sofia Greco" else m.PERMANENT,
            start=employee.start_date,
            end=today + dt.timedelta(days=20) if who == "Sofia Greco" else None,
            hours_per_week=Decimal(24) if part_time else None,
            work_days=part_time,
        )
    boss = made.get("manager@demo.example")
    if boss is not None:
        for employee in made.values():
            if employee.site_id == boss.site_id and employee.id != boss.id:
                await employees.update(SYSTEM, employee.id, manager_id=boss.id)
    first = next(iter(made.values()), None)
    if first is not None:
        await employees.set_personal_data(
            SYSTEM,
            first.id,
            {
                "home_address": "Via Flaminia 20, 47921 Rimini",
                "birth_date": dt.date(1982, 4, 17),
                "id_document_kind": "Carta d'identità",
                "id_document_number": "CA00000AA",
                "emergency_contact_name": "Laura Manager",
                "emergency_contact_phone": "+39 333 0000000",
            },
        )
    await _leave(made, today)
    await _roster(made, sites, monday)


async def _leave(made: dict[str, m.Employee], today: dt.date) -> None:
    annual = await allocations.create_type(SYSTEM, "ANNUAL", "Annual leave")
    await allocations.create_type(SYSTEM, "SICK", "Sick leave", uses_allocation=False)
    permit = await allocations.create_type(SYSTEM, "ROL", "Reduced working hours (ROL)")
    await allocations.create_type(SYSTEM, "UNPAID", "Unpaid leave", uses_allocation=False)
    for employee in made.values():
        for year in (today.year, today.year + 1):
            # 26 days full time; the part-timers working 3 days a week get 3/5 of them.
            await allocations.set_allocation(
                SYSTEM, employee.id, annual.id, year, Decimal(26), prorate=True
            )
            await allocations.set_allocation(
                SYSTEM, employee.id, permit.id, year, Decimal(4), m.MONTHLY
            )
    # A pending request for the manager to decide, an approved one in the past month.
    desk = made.get("desk@demo.example")
    if desk is not None:
        start = today + dt.timedelta(days=35)
        await _try(leave.request(SYSTEM, desk.id, annual.id, start, start + dt.timedelta(days=4)))
    giulia = made.get("Giulia Rossi")
    if giulia is not None:
        start = today + dt.timedelta(days=60)
        asked = await _try(leave.request(SYSTEM, giulia.id, annual.id, start, start))
        if asked is not None:
            await leave.decide(SYSTEM, asked.id, approve=True)


async def _try(work: Any) -> Any:
    try:
        return await work
    except api.ServiceError:
        return None


async def _roster(made: dict[str, m.Employee], sites: dict[str, int], monday: dt.date) -> None:
    courses = await _training(made, monday)
    by_name: dict[str, m.Station] = {}
    for site, name, kind, course in STATIONS:
        by_name[name] = await stations.create_station(
            SYSTEM, sites[site], name, kind, required_course_id=courses[course] if course else None
        )
    templates: dict[str, m.ShiftTemplate] = {}
    for site, name, first_minute, last_minute, station_name in TEMPLATES:
        templates[name] = await stations.create_template(
            SYSTEM, sites[site], name, first_minute, last_minute, by_name[station_name].id
        )
    night = made.get("Luca Bianchi")
    front = [made[w] for w in ("desk@demo.example", "Giulia Rossi", "Sofia Greco") if w in made]
    rooms = [made[w] for w in ("Elena Costa", "Marco Ferri", "office@demo.example") if w in made]
    clerks = [made[w] for w in ("Paolo Esposito", "Chiara Romano") if w in made]
    plan: list[tuple[str, m.Employee, dt.date, str | None]] = []
    for n in range(7):
        day = monday + dt.timedelta(days=n)
        if front:
            plan.append(("Morning", front[n % len(front)], day, None))
            plan.append(("Afternoon", front[(n + 1) % len(front)], day, None))
        if night is not None and n < 5:
            plan.append(("Night", night, day, None))
        for k, person in enumerate(rooms):
            if n < 6:
                floors = "Housekeeping, floors 1-2" if k % 2 == 0 else "Housekeeping, floors 3-4"
                plan.append(("Rooms", person, day, floors))
        if n < 5:
            for k, person in enumerate(clerks):
                plan.append(("Counter morning", person, day, f"Sportello {k + 1}"))
    first_shift: dict[int, m.Shift] = {}
    for template_name, person, day, where in plan:
        template, start, end = await shifts.times_of_template(templates[template_name].id, day)
        station_id = by_name[where].id if where else template.station_id
        assert station_id is not None
        done = await _try(
            shifts.assign(SYSTEM, person.id, station_id, start, end, template_id=template.id)
        )
        if done is not None and day > monday + dt.timedelta(days=2):
            first_shift.setdefault(person.id, done)
    # Giulia asks Sofia to take one of her shifts later this week.
    giulia, sofia = made.get("Giulia Rossi"), made.get("Sofia Greco")
    if giulia is not None and sofia is not None and giulia.id in first_shift:
        await _try(swap_rules.request(SYSTEM, first_shift[giulia.id].id, sofia.id))


async def _training(made: dict[str, m.Employee], monday: dt.date) -> dict[str, int]:
    """Everyone did the GDPR course; the night auditor and the head housekeeper hold fire
    safety and first aid; a receptionist's GDPR training runs out within the month."""
    ids: dict[str, int] = {}
    for code, name, months, names in COURSES:
        ids[code] = (await training.create_course(SYSTEM, code, name, months, names)).id
    year_ago = monday - dt.timedelta(days=380)
    for who, employee in made.items():
        done = monday - dt.timedelta(days=700) if who == "Giulia Rossi" else year_ago
        await training.record(
            SYSTEM,
            employee.id,
            ids["GDPR"],
            done,
            certificate_ref=f"GDPR-{done.year}-{employee.id:03d}",
        )
    for who in ("Luca Bianchi", "office@demo.example", "desk@demo.example"):
        if who in made:
            for code in ("FIRE_SAFETY", "FIRST_AID"):
                await training.record(
                    SYSTEM,
                    made[who].id,
                    ids[code],
                    monday - dt.timedelta(days=400),
                    certificate_ref=f"{code}-{made[who].id:03d}",
                )
    return ids
