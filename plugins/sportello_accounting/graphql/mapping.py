"""The account mapping: where other offices' postings go, per key, edited by the accountant."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import AsyncIterable
from decimal import Decimal

import strawberry
from strawberry import relay

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.organisation import OrganisationArg, organisation
from sportello_accounting.graphql.types import VIEW, Account, AccountingError, ledger_scope
from sportello_accounting.services import mapping

MANAGE = "accounting.manage"


@strawberry.type(
    description=(
        "A key (receivable, advances, revenue, vat, method, cash_difference, charge:CODE,"
        " category:name, vat:CODE, method:name) mapped to an account of the chart."
    )
)
class AccountMapping(api.ModelNode):
    __model__ = models.AccountMapping
    __site_field__ = ledger_scope("organisation_id")
    __permission__ = VIEW

    id: relay.NodeID[int]
    key: str
    account: Account
    tax_rate: Decimal | None = strawberry.field(
        description="On a charge code: the VAT rate (percent) its prices include"
    )
    updated_at: dt.datetime


@strawberry.enum(description="Where a key's account comes from.")
class MappingSource(enum.Enum):
    MAPPING = "mapping"
    SETTING = "setting"
    DEFAULT = "default"


@strawberry.type(description="The account a key resolves to today.")
class MappingResolution:
    key: str
    account: Account
    source: MappingSource


AccountMappingPayload = api.payload(AccountMapping, errors=AccountingError)


@api.mutation(
    MANAGE,
    AccountMappingPayload,
    description=(
        "Map a key to an account (replacing its mapping): the account must exist, be active"
        " and have a type that fits the key (WRONG_ACCOUNT_TYPE); a charge code may carry the"
        " VAT rate its prices include."
    ),
)
async def account_mapping_set(
    info: strawberry.Info,
    key: str,
    account_id: strawberry.ID,
    tax_rate: Decimal | None = None,
    organisation_id: strawberry.ID | None = None,
) -> models.AccountMapping:
    org = await organisation(info, organisation_id)
    return await mapping.set_mapping(
        info.context.actor, org, key, api.decode_id(account_id, "Account", "accountId"), tax_rate
    )


@api.mutation(
    MANAGE,
    AccountMappingPayload,
    description="Remove a key's mapping: its postings go back to the configured or default account.",
)
async def account_mapping_delete(
    info: strawberry.Info, key: str, organisation_id: strawberry.ID | None = None
) -> models.AccountMapping:
    org = await organisation(info, organisation_id)
    return await mapping.delete_mapping(info.context.actor, org, key)


@strawberry.type
class MappingQueries:
    @api.connection(
        api.Connection[AccountMapping], VIEW, description="The account mappings by key."
    )
    async def account_mappings(
        self, info: strawberry.Info, organisation_id: OrganisationArg = None
    ) -> AsyncIterable[models.AccountMapping]:
        org = await organisation(info, organisation_id)
        return models.AccountMapping.filter(organisation_id=org).order_by("key")

    @api.query(
        VIEW,
        description=(
            "The account a posting under this key goes to: its mapping, the setting or the"
            " template's default (a charge code falls back to revenue, a method to method)."
        ),
    )
    async def account_mapping_resolve(
        self, info: strawberry.Info, key: str, organisation_id: OrganisationArg = None
    ) -> MappingResolution:
        key = key.strip()
        org = await organisation(info, organisation_id)
        account_id, source = await mapping.Accounts(org).resolve(*mapping.chain(key))
        account = await models.Account.get(id=account_id)
        return MappingResolution(key=key, account=account, source=MappingSource(source))  # type: ignore[arg-type]  # a model row served as its node type
