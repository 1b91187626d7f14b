"""A test office that claims inbound email sent to desk@ and the replies threaded to it."""

from __future__ import annotations

from sportello import api

CLAIMED: list[tuple[str, api.MailThread | None]] = []


async def claim(message: api.InboundEmail, thread: api.MailThread | None) -> api.MailThread | None:
    CLAIMED.append((message.message_id, thread))
    if thread is not None:
        return thread
    if not any(to.startswith("desk@") for to in message.to):
        return None
    return api.MailThread("claimer", "ticket", len(CLAIMED))


async def never(message: api.InboundEmail, thread: api.MailThread | None) -> None:
    return None


office = api.Office(name="claimer", title="Mail claimer")


@api.hookimpl
def sportello_inbound_mail_handlers() -> list[api.InboundMailHandler]:
    return [api.InboundMailHandler("bystander", never), api.InboundMailHandler("claimer", claim)]
