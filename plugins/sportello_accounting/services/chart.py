"""The chart of accounts: installed from a template, then accounts added, renamed, archived;
an account is deleted only while no line uses it."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_accounting import charts
from sportello_accounting import models as m
from sportello_accounting.services import organisations


async def install_chart(actor: api.Actor, template: str, organisation_id: int) -> list[m.Account]:
    """Create the template's accounts and journals in the organisation's empty ledger."""
    rows = charts.TEMPLATES.get(template)
    if rows is None:
        raise api.ServiceError("INVALID", "accounting.unknown_template", "template")
    async with api.atomic():
        if await m.Account.filter(organisation_id=organisation_id).exists():
            raise api.ServiceError("CHART_INSTALLED", "accounting.chart_installed", "template")
        try:
            await m.Account.bulk_create(
                [
                    m.Account(organisation_id=organisation_id, code=c, name=n, type=t, role=r)
                    for c, n, t, r in rows
                ]
            )
            journals = m.Journal.filter(organisation_id=organisation_id)
            for code, kind, name in charts.JOURNALS[template]:
                if not await journals.filter(code=code).exists():
                    await m.Journal.create(
                        organisation_id=organisation_id, code=code, kind=kind, name=name
                    )
        except IntegrityError:
            raise api.ServiceError(
                "CHART_INSTALLED", "accounting.chart_installed", "template"
            ) from None
        accounts = await m.Account.filter(organisation_id=organisation_id).order_by("code")
        await api.record(
            actor,
            "accountChartInstall",
            accounts[0],
            after={"template": template, "organisation": organisation_id},
        )
    return accounts


def _check(type_: str | None, role: str | None) -> None:
    if type_ is not None and type_ not in m.TYPES:
        raise api.ServiceError("INVALID", "accounting.invalid", "type")
    if role and role not in m.ROLES:
        raise api.ServiceError("INVALID", "accounting.invalid", "role")


async def create(
    actor: api.Actor, organisation_id: int, code: str, name: str, type_: str, role: str = ""
) -> m.Account:
    code, name = code.strip(), name.strip()
    api.require(bool(code), "REQUIRED", "core.required", "code")
    api.require(bool(name), "REQUIRED", "core.required", "name")
    _check(type_, role)
    try:
        async with api.atomic():
            account = await m.Account.create(
                organisation_id=organisation_id, code=code, name=name, type=type_, role=role
            )
            await api.record(actor, "accountCreate", account, after={"code": code})
    except IntegrityError:
        raise api.ServiceError("CODE_TAKEN", "accounting.code_taken", "code") from None
    return account


async def _used(account_id: int) -> bool:
    return await m.EntryLine.filter(account_id=account_id).exists()


async def update(
    actor: api.Actor,
    account_id: int,
    name: str | None = None,
    role: str | None = None,
    archived: bool | None = None,
) -> m.Account:
    """Rename, change the role, archive or restore. The type of a used account never changes."""
    _check(None, role)
    async with api.atomic():
        account: m.Account = await api.get_or_error(m.Account, account_id, "id", lock=True)
        await organisations.check(actor, account.organisation_id, "id")
        before = {"name": account.name, "role": account.role, "archived": account.archived}
        if name is not None:
            api.require(bool(name.strip()), "REQUIRED", "core.required", "name")
            account.name = name.strip()
        if role is not None:
            account.role = role
        if archived is not None:
            account.archived = archived
        await account.save()
        after = {"name": account.name, "role": account.role, "archived": account.archived}
        await api.record(actor, "accountUpdate", account, before=before, after=after)
    return account


async def delete(actor: api.Actor, account_id: int) -> m.Account:
    """Delete an account no line ever used (a used one can only be archived)."""
    async with api.atomic():
        account: m.Account = await api.get_or_error(m.Account, account_id, "id", lock=True)
        await organisations.check(actor, account.organisation_id, "id")
        if await _used(account_id):
            raise api.ServiceError("ACCOUNT_IN_USE", "accounting.account_in_use", "id")
        await api.record(actor, "accountDelete", account, before={"code": account.code})
        await account.delete()
    return account


async def by_role(role: str, organisation_id: int) -> m.Account | None:
    return (
        await m.Account.filter(organisation_id=organisation_id, role=role, archived=False)
        .order_by("code")
        .first()
    )


async def journal_by_kind(kind: str, organisation_id: int, field: str = "journal") -> int:
    """The organisation's first open journal of a kind (sales, bank, cash ...)."""
    journal = (
        await m.Journal.filter(organisation_id=organisation_id, kind=kind, archived=False)
        .order_by("code")
        .first()
    )
    if journal is None:
        raise api.ServiceError("INVALID", "accounting.invalid", field)
    return journal.id


async def journal_create(
    actor: api.Actor, organisation_id: int, code: str, name: str, kind: str
) -> m.Journal:
    code, name = code.strip(), name.strip()
    api.require(bool(code), "REQUIRED", "core.required", "code")
    api.require(bool(name), "REQUIRED", "core.required", "name")
    if kind not in m.JOURNAL_KINDS:
        raise api.ServiceError("INVALID", "accounting.invalid", "kind")
    try:
        async with api.atomic():
            journal = await m.Journal.create(
                organisation_id=organisation_id, code=code, name=name, kind=kind
            )
            await api.record(actor, "journalCreate", journal, after={"code": code})
    except IntegrityError:
        raise api.ServiceError("CODE_TAKEN", "accounting.code_taken", "code") from None
    return journal
