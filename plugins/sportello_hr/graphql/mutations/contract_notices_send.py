from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_hr import services
from sportello_hr.graphql.types import HrError

ContractNoticesSendPayload = api.payload(
    name="ContractNoticesSendPayload",
    errors=HrError,
    sent=int,
    descriptions={"sent": "How many contracts were announced in this run"},
)


@api.mutation(
    "hr.manage",
    ContractNoticesSendPayload,
    description=(
        "Tell managers and HR of the contracts ending within [modules.hr]"
        " contract_notice_days: what a daily job calls. Each contract is announced once."
    ),
)
async def contract_notices_send(
    info: strawberry.Info, contract_id: strawberry.ID | None = strawberry.UNSET
) -> dict[str, Any]:
    contract = None
    if contract_id is not strawberry.UNSET:
        contract = api.decode_optional(contract_id, "Contract", "contractId")
    return {"sent": await services.notices.send_due(info.context.actor, contract_id=contract)}
