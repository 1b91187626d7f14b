"""A party's accounts in export and erasure: run from the privacy hooks, not from a mutation,
and kept out of the account writes they must not change."""

from __future__ import annotations

from sportello.contract import ErasureReport
from sportello.identity import tokens
from sportello.identity.models import Token, User


async def party_user_data(party_id: int) -> dict[str, object] | None:
    users = await User.filter(party_id=party_id)
    if not users:
        return None
    return {
        "users": [
            {
                "email": u.email,
                "roles": u.roles,
                "active": u.is_active,
                "created_at": u.created_at.isoformat(),
                "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
            }
            for u in users
        ]
    }


async def erase_party_users(party_id: int) -> ErasureReport:
    """Accounts of an erased party: email replaced, password removed, sessions revoked."""
    for user in await User.filter(party_id=party_id):
        user.email = f"erased-{user.id}@erased.invalid"
        user.password_hash = ""
        user.is_active = False
        await user.save(update_fields=["email", "password_hash", "is_active"])
        await Token.filter(user_id=user.id, revoked_at=None).update(revoked_at=tokens.now())
    return ErasureReport("identity", erased=("identity_user.email", "identity_user.password_hash"))
