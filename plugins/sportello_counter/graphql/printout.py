"""The printed ticket of a kiosk, as a query: the file travels base64-encoded."""

from __future__ import annotations

import base64
import enum

import strawberry

from sportello import api
from sportello_counter.services import printout


@strawberry.enum(description="PDF for ordinary printers, ESCPOS bytes for thermal printers.")
class TicketPrintFormat(enum.Enum):
    PDF = printout.PDF
    ESCPOS = printout.ESCPOS


@strawberry.type(description="A printable ticket: the file, base64-encoded.")
class TicketPrintout:
    content_type: str
    filename: str
    data: str = strawberry.field(description="The file's bytes, base64-encoded.")


@strawberry.type
class PrintoutQueries:
    @api.query(
        "counter.issue",
        description=(
            "The ticket to hand out (a kiosk's printer): the office, the number in large print,"
            " the service, the issue time, the tickets ahead and the estimated wait, in the"
            " caller's language."
        ),
    )
    async def queue_ticket_print(
        self,
        info: strawberry.Info,
        id: strawberry.ID,
        format: TicketPrintFormat = TicketPrintFormat.PDF,
    ) -> TicketPrintout:
        catalog, language = info.context.runtime.catalog, info.context.language

        def t(key: str, **params: object) -> str:
            text: str = catalog.gettext(key, language, **params)
            return text

        found = await printout.ticket_printout(
            info.context.actor, api.decode_id(id, "QueueTicket", "id"), format.value, t
        )
        return TicketPrintout(
            content_type=found.content_type,
            filename=found.filename,
            data=base64.b64encode(found.data).decode(),
        )


__all__ = ["PrintoutQueries", "TicketPrintFormat", "TicketPrintout"]
