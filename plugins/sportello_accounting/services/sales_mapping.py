"""Which account a sales amount goes to: the installation's ``sales_accounts`` setting (an
account code per key) over defaults found by the chart template's roles."""

from __future__ import annotations

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services._common import settings

#: Default roles by key: the chart templates give each role an account.
DEFAULTS: dict[str, str] = {
    "receivable": "receivable",
    "revenue": "sales",
    "vat": "vat_output",
    "charge:ROOM_NIGHT": "revenue_rooms",
    "category:rooms": "revenue_rooms",
    "charge:MINIBAR": "revenue_food",
    "charge:BREAKFAST": "revenue_food",
    "category:food_beverage": "revenue_food",
    "charge:CITY_TAX": "city_tax",
    "method:cash": "cash",
    "method:card": "card_clearing",
    "method": "bank",
}


class Accounts:
    """Resolves keys to account ids once per posting (a few queries, cached)."""

    def __init__(self) -> None:
        self._by_code: dict[str, int | None] = {}
        self._by_role: dict[str, int | None] = {}

    async def _code(self, code: str) -> int | None:
        if code not in self._by_code:
            account = await m.Account.filter(code=code, archived=False).first()
            self._by_code[code] = account.id if account else None
        return self._by_code[code]

    async def _role(self, role: str) -> int | None:
        if role not in self._by_role:
            account = await m.Account.filter(role=role, archived=False).order_by("code").first()
            self._by_role[role] = account.id if account else None
        return self._by_role[role]

    async def first(self, *keys: str) -> int:
        """The account of the first key configured or defaulted; a typed error if none."""
        configured = settings().sales_accounts
        for key in keys:
            if key in configured:
                found = await self._code(configured[key])
                if found is None:
                    raise api.ServiceError(
                        "NO_ACCOUNT", "accounting.no_mapped_account", key, account=configured[key]
                    )
                return found
            if key in DEFAULTS:
                found = await self._role(DEFAULTS[key])
                if found is not None:
                    return found
        raise api.ServiceError(
            "NO_ACCOUNT", "accounting.no_role_account", keys[-1], role=DEFAULTS.get(keys[-1], "")
        )
