"""The ``organisationId`` argument every accounting query and creating mutation takes."""

from __future__ import annotations

from typing import Annotated

import strawberry

from sportello import api
from sportello_accounting.services import organisations

OrganisationArg = Annotated[
    strawberry.ID | None,
    strawberry.argument(
        description=(
            "Whose ledger (a Party of kind ORGANISATION): default the only organisation with"
            " a ledger; ORGANISATION_REQUIRED when there are several."
        )
    ),
]
ORGANISATION_HELP = (
    "Whose ledger (a Party of kind ORGANISATION): default the only organisation with a ledger;"
    " ORGANISATION_REQUIRED when there are several."
)


async def organisation(info: strawberry.Info, organisation_id: strawberry.ID | None) -> int:
    """The organisation a request works in (see ``services.organisations.resolve``)."""
    return await organisations.resolve(
        info.context.actor, api.decode_optional(organisation_id, "Party", organisations.FIELD)
    )
