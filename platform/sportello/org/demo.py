"""Demo units: a hotel's reception and housekeeping, a town hall's offices, an organisation-wide
IT department with its service desk; staffed with the demo users. Running it twice changes
nothing."""

from __future__ import annotations

from sportello.identity.models import User
from sportello.org.models import DEPARTMENT, TEAM, Department, Member
from sportello.parties.models import Site

#: (name, code, kind, site code or None for organisation-wide, parent code, manager, members)
UNITS: list[tuple[str, str, str, str | None, str | None, str | None, tuple[str, ...]]] = [
    ("IT", "IT", DEPARTMENT, None, None, "manager@demo.example", ()),
    (
        "IT — Service desk",
        "IT-SD",
        TEAM,
        None,
        "IT",
        None,
        ("admin@demo.example", "office@demo.example"),
    ),
    ("Reception", "REC", DEPARTMENT, "HOTEL", None, "manager@demo.example", ("desk@demo.example",)),
    ("Housekeeping", "HK", DEPARTMENT, "HOTEL", None, None, ("office@demo.example",)),
    ("Anagrafe", "ANAG", DEPARTMENT, "TOWNHALL", None, None, ("desk@demo.example",)),
    (
        "Tributi",
        "TRIB",
        DEPARTMENT,
        "TOWNHALL",
        None,
        "manager@demo.example",
        ("office@demo.example",),
    ),
    ("Ufficio tecnico", "UT", DEPARTMENT, "TOWNHALL", None, None, ("office@demo.example",)),
]


async def load() -> None:
    sites = {s.code: s.id for s in await Site.all()}
    users = {u.email: u.id for u in await User.filter(email__endswith="@demo.example")}
    ids: dict[str, int] = {}
    for name, code, kind, site, parent, manager, members in UNITS:
        if site is not None and site not in sites:
            continue
        parent_id = ids.get(parent) if parent else None
        if parent and parent_id is None:
            continue
        unit, _ = await Department.get_or_create(
            code=code,
            parent_id=parent_id,
            defaults={
                "name": name,
                "kind": kind,
                "site_id": sites.get(site) if site else None,
                "manager_id": users.get(manager) if manager else None,
            },
        )
        ids[code] = unit.id
        for email in members:
            if email in users:
                await Member.get_or_create(department_id=unit.id, user_id=users[email])
