"""Users and sessions: create users, log in, refresh, revoke.

A module per job; the names below keep ``services.<name>`` working for the rest of the code.
Modules of this package import each other, never this package.
"""

from __future__ import annotations

from sportello.identity.services.grants import (
    Managed,
    check_grant,
    manageable_ids,
    may_manage,
)
from sportello.identity.services.privacy import erase_party_users, party_user_data
from sportello.identity.services.roles import ROLE_NAME, create_role, delete_role, update_role
from sportello.identity.services.service_accounts import (
    create_api_token,
    create_service_account,
    revoke_api_token,
)
from sportello.identity.services.sessions import (
    Session,
    login,
    open_session,
    refresh,
    revoke_all,
    user_actor,
)
from sportello.identity.services.users import (
    MIN_PASSWORD,
    create_user,
    update_user,
    user_exists,
    user_party_ids,
)

__all__ = [
    "MIN_PASSWORD",
    "ROLE_NAME",
    "Managed",
    "Session",
    "check_grant",
    "create_api_token",
    "create_role",
    "create_service_account",
    "create_user",
    "delete_role",
    "erase_party_users",
    "login",
    "manageable_ids",
    "may_manage",
    "open_session",
    "party_user_data",
    "refresh",
    "revoke_all",
    "revoke_api_token",
    "update_role",
    "update_user",
    "user_actor",
    "user_exists",
    "user_party_ids",
]
