"""Demo users, one per built-in role; the admin's credentials are printed by `make run`.

The well-known password ``sportello-demo`` is used only with ``debug = true`` (the demo
profile). Otherwise the demo users get a random password, printed once by ``demo load``:
a demo loaded into a production-profile database must not open a superuser to the world.
"""

from __future__ import annotations

import secrets
from typing import Any

from sportello.identity.models import User
from sportello.identity.services import create_user
from sportello.parties.models import Site
from sportello.services import SYSTEM

DEMO_PASSWORD = "sportello-demo"
USERS = [
    ("admin@demo.example", ["admin"], True),
    ("desk@demo.example", ["front_desk"], False),
    ("office@demo.example", ["back_office"], False),
    ("manager@demo.example", ["manager"], False),
    ("auditor@demo.example", ["auditor"], False),
]
#: Users bound to one demo site (created when that site exists): they see only its records,
#: and only the parties known there (the hotel's guests, not the town hall's citizens).
SITE_USERS = [("hotel.desk@demo.example", ["front_desk"], "HOTEL")]


def demo_password(runtime: Any) -> str:
    debug = bool(getattr(getattr(runtime, "settings", None), "debug", False))
    return DEMO_PASSWORD if debug else secrets.token_urlsafe(18)


async def ensure_demo_users(runtime: Any, password: str | None = None) -> list[str]:
    """The demo users with every site (before the offices' demo data, which may staff units
    with them)."""
    lines = []
    password = password or demo_password(runtime)
    for email, roles, superuser in USERS:
        if await User.filter(email=email).exists():
            continue
        await create_user(
            SYSTEM,
            email,
            password,
            roles=roles,
            all_sites=True,
            is_superuser=superuser,
            display_name=email.split("@")[0].title(),
        )
        lines.append(f"demo user {email} / {password} ({', '.join(roles)})")
    return lines


async def ensure_site_demo_users(runtime: Any, password: str | None = None) -> list[str]:
    """The demo users bound to one site (after the demo data that creates the sites)."""
    lines = []
    password = password or demo_password(runtime)
    for email, roles, code in SITE_USERS:
        site = await Site.get_or_none(code=code)
        if site is None or await User.filter(email=email).exists():
            continue
        await create_user(
            SYSTEM,
            email,
            password,
            roles=roles,
            all_sites=False,
            site_ids=[site.id],
            display_name=email.split("@")[0].title(),
        )
        lines.append(f"demo user {email} / {password} ({', '.join(roles)}, site {code})")
    return lines
