"""The core's inbound email route with an office that claims messages: stored once, threaded
by In-Reply-To and References, attachments capped, the thread's office asked first."""

from __future__ import annotations

import base64
from email.message import EmailMessage

import mail_claimer
import pytest

TOKEN = "a-long-inbound-token-0001"


def _email(to: str, message_id: str, *, refs: str | None = None, attachment: bytes = b"") -> bytes:
    msg = EmailMessage()
    msg["From"] = "Pat <Pat@Example.org>"
    msg["To"] = to
    msg["Subject"] = "Printer"
    msg["Message-ID"] = message_id
    if refs:
        msg["References"] = refs
    msg.set_content("It jams.")
    if attachment:
        msg.add_attachment(attachment, maintype="image", subtype="png", filename="jam.png")
    return msg.as_bytes()


@pytest.fixture(autouse=True)
def _reset() -> None:
    mail_claimer.CLAIMED.clear()


async def test_claimed_threaded_and_stored_once(sportello_app) -> None:
    from sportello import api
    from sportello.inbound.models import InboundAttachment, InboundMessage

    settings = {"inbound": {"token": TOKEN, "max_attachment_bytes": 10}}
    async with sportello_app(["claimer"], [mail_claimer], **settings) as h:
        auth = {"authorization": "Basic " + base64.b64encode(f"x:{TOKEN}".encode()).decode()}
        first = _email("Desk@Example.org", "<one@mail.example>", attachment=b"0123456789ab")
        answer = await h.client.post("/inbound/email", content=first, headers=auth)
        assert answer.json() == {
            "status": "accepted",
            "messageId": "one@mail.example",
            "office": "claimer",
        }
        row = await InboundMessage.get(message_id="one@mail.example")
        assert (row.from_address, row.office, row.item_type) == (
            "pat@example.org",
            "claimer",
            "ticket",
        )
        [file] = await InboundAttachment.filter(message_id=row.id)
        assert (file.size, file.content) == (12, None)  # over the 10-byte cap

        # Our reply is recorded; the answer to it threads back, the claimer asked first.
        async with api.atomic():
            await api.mail_thread_add(
                "<reply-1@sportello.example>", api.MailThread("claimer", "ticket", 1)
            )
        second = _email(
            "other@example.org",
            "<two@mail.example>",
            refs="<unknown@x> <reply-1@sportello.example>",
        )
        form = {"content-type": "application/x-www-form-urlencoded"}
        from urllib.parse import urlencode

        answer = await h.client.post(
            f"/inbound/email?token={TOKEN}",
            content=urlencode({"email": second.decode()}),
            headers=form,
        )
        assert answer.json()["status"] == "accepted"
        assert mail_claimer.CLAIMED[-1] == (
            "two@mail.example",
            api.MailThread("claimer", "ticket", 1),
        )
        assert await api.mail_thread_find(["<two@mail.example>"]) == api.MailThread(
            "claimer", "ticket", 1
        )

        # Not for anyone: kept, unclaimed; posted again: a duplicate.
        third = _email("sales@example.org", "<three@mail.example>")
        headers = {"authorization": f"Bearer {TOKEN}"}
        answer = await h.client.post("/inbound/email", content=third, headers=headers)
        assert answer.json()["status"] == "unclaimed"
        answer = await h.client.post("/inbound/email", content=third, headers=headers)
        assert answer.json()["status"] == "duplicate"
        assert await InboundMessage.all().count() == 3


async def test_a_sender_s_mail_is_exported_and_erased(sportello_app) -> None:
    from sportello.inbound.models import InboundAttachment, InboundMessage

    settings = {"inbound": {"token": TOKEN}}
    async with sportello_app(["claimer"], [mail_claimer], **settings) as h:
        made = await h.ok(
            'mutation { partyCreate(input: {displayName: "Pat", email: "pat@example.org"}) '
            "{ party { id } } }"
        )
        pat = made["partyCreate"]["party"]["id"]
        raw = _email("desk@example.org", "<gdpr@mail.example>", attachment=b"png")
        headers = {"authorization": f"Bearer {TOKEN}"}
        assert (await h.client.post("/inbound/email", content=raw, headers=headers)).is_success
        exported = await h.ok("query($id: ID!) { partyDataExport(id: $id) }", {"id": pat})
        [message] = exported["partyDataExport"]["offices"]["inbound"]["messages"]
        assert message["subject"] == "Printer" and message["attachments"][0]["size"] == 3
        erased = await h.ok(
            "mutation($i: PartyEraseInput!) { partyErase(input: $i) { errors { code } } }",
            {"i": {"id": pat}},
        )
        assert erased["partyErase"]["errors"] == []
        row = await InboundMessage.get(message_id="gdpr@mail.example")
        assert "pat" not in row.from_address.lower() and row.subject != "Printer"
        [file] = await InboundAttachment.filter(message_id=row.id)
        assert file.content is None and file.filename != "jam.png"
