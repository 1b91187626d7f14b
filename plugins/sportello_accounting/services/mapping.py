"""Which account another office's amount goes to, by key: the accountant's mapping (edited
through the API, audited) over the installation's ``sales_accounts`` setting over the chart
template's role defaults.

Keys: ``receivable``, ``advances`` (money taken before a document: a liability), ``revenue``
(a line with no better match), ``charge:<CHARGE_CODE>``, ``category:<category>``, ``vat`` or
``vat:<tax code>``, ``method`` or ``method:<payment method>``, ``cash_difference``. A mapping
is checked against the chart: the account exists, is not archived and has a type that fits
its key (revenue to income, money to assets ...).
"""

from __future__ import annotations

import re
from decimal import Decimal

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services._common import settings

#: Default roles by key: the chart templates give each role an account.
DEFAULTS: dict[str, str] = {
    "receivable": "receivable",
    "advances": "customer_advances",
    "revenue": "sales",
    "vat": "vat_output",
    "charge:ROOM_NIGHT": "revenue_rooms",
    "charge:CANCELLATION_FEE": "revenue_rooms",
    "charge:NO_SHOW_FEE": "revenue_rooms",
    "category:rooms": "revenue_rooms",
    "charge:MINIBAR": "revenue_food",
    "charge:BREAKFAST": "revenue_food",
    "category:food_beverage": "revenue_food",
    "charge:CITY_TAX": "city_tax",
    "method:cash": "cash",
    "method:card": "card_clearing",
    "method": "bank",
    "cash_difference": "cash_difference",
}

_KEY = re.compile(
    r"^(?:(receivable|advances|revenue|vat|method|cash_difference)"
    r"|(charge):[A-Z0-9_]{1,40}|(category):[a-z0-9_]{1,40}"
    r"|(vat):[A-Za-z0-9_.]{1,20}|(method):[a-z0-9_]{1,40})$"
)
#: The account types each kind of key accepts (city tax is collected for the municipality:
#: a charge may go to a liability).
TYPES: dict[str, tuple[str, ...]] = {
    "receivable": (m.ASSET,),
    "advances": (m.LIABILITY,),
    "revenue": (m.INCOME, m.LIABILITY),
    "charge": (m.INCOME, m.LIABILITY),
    "category": (m.INCOME, m.LIABILITY),
    "vat": (m.LIABILITY,),
    "method": (m.ASSET,),
    "cash_difference": (m.EXPENSE, m.INCOME),
}


def key_kind(key: str) -> str:
    """The kind of a key (``charge`` for ``charge:MINIBAR``); INVALID_KEY if malformed."""
    found = _KEY.match(key)
    if found is None:
        raise api.ServiceError("INVALID_KEY", "accounting.mapping_key", "key")
    return next(g for g in found.groups() if g)


#: What a key falls back to when neither mapped, configured nor defaulted (as postings do).
FALLBACK = {"charge": "revenue", "category": "revenue", "vat": "vat", "method": "method"}


def chain(key: str) -> tuple[str, ...]:
    """The keys a posting tries for ``key``, in order (``charge:SPA``, then ``revenue``)."""
    kind = key_kind(key)
    fallback = FALLBACK.get(kind)
    return (key,) if fallback is None or fallback == key else (key, fallback)


class Accounts:
    """Resolves keys to account ids for one posting: the mapping rows read once, the rest
    cached."""

    def __init__(self, organisation_id: int) -> None:
        self.organisation_id = organisation_id
        self._mapped: dict[str, tuple[int, Decimal | None]] | None = None
        self._by_code: dict[str, int | None] = {}
        self._by_role: dict[str, int | None] = {}

    async def _mappings(self) -> dict[str, tuple[int, Decimal | None]]:
        if self._mapped is None:
            rows = await m.AccountMapping.filter(organisation_id=self.organisation_id).values_list(
                "key", "account_id", "tax_rate"
            )
            self._mapped = {str(k): (int(a), t) for k, a, t in rows}
        return self._mapped

    async def _code(self, code: str) -> int | None:
        if code not in self._by_code:
            account = await m.Account.filter(
                organisation_id=self.organisation_id, code=code, archived=False
            ).first()
            self._by_code[code] = account.id if account else None
        return self._by_code[code]

    async def _role(self, role: str) -> int | None:
        if role not in self._by_role:
            account = (
                await m.Account.filter(
                    organisation_id=self.organisation_id, role=role, archived=False
                )
                .order_by("code")
                .first()
            )
            self._by_role[role] = account.id if account else None
        return self._by_role[role]

    async def first(self, *keys: str) -> int:
        """The account of the first key mapped, configured or defaulted; a typed error if none."""
        return (await self.resolve(*keys))[0]

    async def resolve(self, *keys: str) -> tuple[int, str]:
        """(account, where it came from: mapping, setting or default) of the first key found."""
        mapped = await self._mappings()
        configured = settings().sales_accounts
        for key in keys:
            if key in mapped:
                return mapped[key][0], "mapping"
            if key in configured:
                found = await self._code(configured[key])
                if found is None:
                    raise api.ServiceError(
                        "NO_ACCOUNT", "accounting.no_mapped_account", key, account=configured[key]
                    )
                return found, "setting"
            if key in DEFAULTS:
                found = await self._role(DEFAULTS[key])
                if found is not None:
                    return found, "default"
        raise api.ServiceError(
            "NO_ACCOUNT", "accounting.no_role_account", keys[-1], role=DEFAULTS.get(keys[-1], "")
        )

    async def tax_rate(self, charge_code: str) -> Decimal | None:
        """The VAT rate included in a charge code's prices: mapped, else configured, else none."""
        mapped = (await self._mappings()).get(f"charge:{charge_code}")
        if mapped is not None and mapped[1] is not None:
            return Decimal(mapped[1])
        configured = settings().charge_vat_rates.get(charge_code)
        return Decimal(configured) if configured is not None else None


async def _check_account(account_id: int, kind: str, organisation_id: int) -> m.Account:
    account: m.Account = await api.get_or_error(m.Account, account_id, "accountId")
    if account.organisation_id != organisation_id:
        raise api.ServiceError("OTHER_ORGANISATION", "accounting.other_organisation", "accountId")
    if account.archived:
        raise api.ServiceError("ACCOUNT_ARCHIVED", "accounting.account_archived", "accountId")
    if account.type not in TYPES[kind]:
        raise api.ServiceError(
            "WRONG_ACCOUNT_TYPE",
            "accounting.mapping_type",
            "accountId",
            types=", ".join(TYPES[kind]),
        )
    return account


def _check_rate(kind: str, tax_rate: Decimal | None) -> Decimal | None:
    if tax_rate is None:
        return None
    if kind != "charge":
        raise api.ServiceError("INVALID", "accounting.mapping_rate_charge", "taxRate")
    if (
        not tax_rate.is_finite()
        or not Decimal(0) <= tax_rate <= Decimal(100)
        or tax_rate != tax_rate.quantize(Decimal("0.01"))
    ):
        raise api.ServiceError("INVALID", "accounting.invalid", "taxRate")
    return tax_rate


async def set_mapping(
    actor: api.Actor,
    organisation_id: int,
    key: str,
    account_id: int,
    tax_rate: Decimal | None = None,
) -> m.AccountMapping:
    """Create or replace the mapping of a key (one row per key: UNIQUE)."""
    key = key.strip()
    kind = key_kind(key)
    rate = _check_rate(kind, tax_rate)
    for attempt in (1, 2):
        try:
            async with api.atomic():
                account = await _check_account(account_id, kind, organisation_id)
                row = (
                    await m.AccountMapping.filter(organisation_id=organisation_id, key=key)
                    .select_for_update()
                    .first()
                )
                before = None
                if row is None:
                    row = await m.AccountMapping.create(
                        organisation_id=organisation_id,
                        key=key,
                        account_id=account.id,
                        tax_rate=rate,
                    )
                else:
                    before = {"account": row.account_id, "taxRate": _s(row.tax_rate)}
                    row.account_id, row.tax_rate = account.id, rate
                    await row.save(update_fields=["account_id", "tax_rate", "updated_at"])
                await api.record(
                    actor,
                    "accountMappingSet",
                    row,
                    before=before,
                    after={"key": key, "account": account.code, "taxRate": _s(rate)},
                )
                return row
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


async def delete_mapping(actor: api.Actor, organisation_id: int, key: str) -> m.AccountMapping:
    """Forget a key's mapping: postings go back to the configured or default account."""
    key = key.strip()
    key_kind(key)
    async with api.atomic():
        row = (
            await m.AccountMapping.filter(organisation_id=organisation_id, key=key)
            .select_for_update()
            .first()
        )
        if row is None:
            raise api.ServiceError("NOT_FOUND", "core.not_found", "key")
        await api.record(
            actor,
            "accountMappingDelete",
            row,
            before={"key": key, "account": row.account_id, "taxRate": _s(row.tax_rate)},
        )
        await row.delete()
    return row


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
