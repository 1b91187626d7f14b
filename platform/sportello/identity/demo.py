"""Demo users, one per built-in role; the admin's credentials are printed by `make run`."""

from __future__ import annotations

from typing import Any

from sportello.identity.models import User
from sportello.identity.services import create_user
from sportello.services import SYSTEM

DEMO_PASSWORD = "sportello-demo"
USERS = [
    ("admin@demo.example", ["admin"], True),
    ("desk@demo.example", ["front_desk"], False),
    ("office@demo.example", ["back_office"], False),
    ("manager@demo.example", ["manager"], False),
    ("auditor@demo.example", ["auditor"], False),
]


async def ensure_demo_users(runtime: Any) -> list[str]:
    lines = []
    for email, roles, superuser in USERS:
        if await User.filter(email=email).exists():
            continue
        await create_user(
            SYSTEM,
            email,
            DEMO_PASSWORD,
            roles=roles,
            all_sites=True,
            is_superuser=superuser,
            display_name=email.split("@")[0].title(),
        )
        lines.append(f"demo user {email} / {DEMO_PASSWORD} ({', '.join(roles)})")
    return lines
