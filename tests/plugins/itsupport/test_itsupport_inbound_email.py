"""Email into the help desk through the core's inbound route: a message to the IT mailbox
opens a ticket for its sender's party with its files listed (an oversized one by name and
size only); the requester's reply to the notification they received threads back to the
ticket by In-Reply-To and reopens it; with the CRM on too, each office keeps its own mail."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from itsupport_helpers import MODULES, REPLY, SET_STATUS, ok

TOKEN = "inbound-secret-token-1234"
HELPDESK = "helpdesk@hotel.example"
SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } } }"
TICKETS = """
query { supportTickets(first: 2) { edges { node {
  id reference status channel reopened subject description requester { id }
  attachments { filename contentType size stored }
  messages { body fromRequester attachments { filename size stored } }
} } } }
"""


def _email(
    sender: str,
    to: str,
    subject: str,
    body: str,
    *,
    reply_to: str | None = None,
    files: tuple[tuple[str, bytes], ...] = (),
) -> tuple[bytes, str]:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    message_id = make_msgid(domain="mail.example")
    msg["Message-ID"] = message_id
    if reply_to:
        msg["In-Reply-To"] = reply_to
        msg["References"] = reply_to
    msg.set_content(body)
    for name, content in files:
        msg.add_attachment(content, maintype="application", subtype="pdf", filename=name)
    return msg.as_bytes(), message_id


async def _post(h: Any, raw: bytes) -> Any:
    response = await h.client.post(
        "/inbound/email",
        content=raw,
        headers={"content-type": "message/rfc822", "authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200, response.text
    return response.json()


def _settings(mail_server: Any = None) -> dict[str, Any]:
    extra = mail_server.settings() if mail_server else {}
    return {**extra, "inbound": {"token": TOKEN, "max_attachment_bytes": 1000}}


def _mailboxes(*addresses: str) -> None:
    """``[modules.itsupport] mailboxes`` (the conftest puts the settings back after the test)."""
    from sportello_itsupport.services import _common
    from sportello_itsupport.settings import ItSupportSettings

    _common.configure(ItSupportSettings(mailboxes=list(addresses)))


async def _tickets(h: Any) -> list[dict[str, Any]]:
    data = await h.ok(TICKETS, as_="back_office")
    return [e["node"] for e in data["supportTickets"]["edges"]]


async def _sent(mail_server: Any, count: int, subject_part: str) -> Any:
    """The latest message whose subject contains ``subject_part``, once ``count`` arrived."""
    messages = await mail_server.received(count)
    found = [m for m in messages if subject_part in m["Subject"]]
    assert found, [m["Subject"] for m in messages]
    return found[-1]


async def test_mail_to_the_help_desk_opens_a_ticket_and_the_reply_reopens_it(
    sportello_app, mail_server
) -> None:
    from sportello import api

    async with sportello_app(MODULES, **_settings(mail_server)) as h:
        _mailboxes("HelpDesk@Hotel.example")
        giulia = await api.find_or_create_person(
            api.SYSTEM, "Giulia Rossi", "giulia.rossi@hotel.example"
        )
        raw, first_id = _email(
            "Giulia Rossi <Giulia.Rossi@hotel.example>",
            f"IT desk <{HELPDESK}>",
            "Key-card encoder does not write cards",
            "The encoder at the front desk beeps and writes nothing.",
            files=(("photo.pdf", b"%PDF small"), ("log.pdf", b"x" * 5000)),
        )
        answer = await _post(h, raw)
        assert answer == {
            "status": "accepted",
            "messageId": first_id.strip("<>"),
            "office": "itsupport",
        }
        [ticket] = await _tickets(h)
        assert ticket["requester"] == {"id": api.encode_id("Party", giulia.id)}
        assert (ticket["channel"], ticket["status"]) == ("EMAIL", "NEW")
        assert ticket["subject"] == "Key-card encoder does not write cards"
        assert ticket["description"].startswith("The encoder at the front desk")
        # Under the cap: kept; over it: only its name and size.
        assert ticket["attachments"] == [
            {"filename": "photo.pdf", "contentType": "application/pdf", "size": 10, "stored": True},
            {
                "filename": "log.pdf",
                "contentType": "application/pdf",
                "size": 5000,
                "stored": False,
            },
        ]
        received = await _sent(mail_server, 1, ticket["reference"])
        assert received["To"] == "giulia.rossi@hotel.example"

        # An agent answers and resolves it: two more emails to Giulia.
        await ok(h, REPLY, {"id": ticket["id"], "body": "Please restart the encoder."})
        await ok(h, SET_STATUS, {"id": ticket["id"], "status": "RESOLVED"})
        resolved = await _sent(mail_server, 3, "Resolved")
        assert resolved["Message-ID"] and resolved["Message-ID"] != received["Message-ID"]

        # Her mail client drops the reference from the subject: In-Reply-To still threads it.
        raw, _ = _email(
            "giulia.rossi@hotel.example",
            "it-notifications@hotel.example",
            "Re: the encoder",
            "Still nothing after the restart.",
            reply_to=resolved["Message-ID"],
            files=(("again.pdf", b"x" * 2000),),
        )
        assert (await _post(h, raw))["office"] == "itsupport"
        [ticket] = await _tickets(h)
        assert (ticket["status"], ticket["reopened"]) == ("OPEN", 1)
        assert ticket["messages"][-1] == {
            "body": "Still nothing after the restart.",
            "fromRequester": True,
            "attachments": [{"filename": "again.pdf", "size": 2000, "stored": False}],
        }

        # A reply to the first notification (the "received" one) threads too.
        raw, _ = _email(
            "giulia.rossi@hotel.example",
            "no-reply@hotel.example",
            "Re: received",
            "Any news?",
            reply_to=received["Message-ID"],
        )
        assert (await _post(h, raw))["office"] == "itsupport"
        [ticket] = await _tickets(h)
        assert ticket["messages"][-1]["body"] == "Any news?"


async def test_with_the_crm_on_each_office_keeps_its_own_mail(sportello_app) -> None:
    cases = "query { cases(first: 10) { edges { node { subject } } } }"
    async with sportello_app(["crm", *MODULES], **_settings()) as h:
        await h.ok(SITE, {"i": {"code": "HQ", "name": "Town hall", "timezone": "Europe/Rome"}})
        raw, _ = _email("anna@mail.example", HELPDESK, "Printer jam", "Room 12 printer jams.")
        # No IT mailbox configured yet: a message to it is nobody's in particular: the CRM's.
        assert (await _post(h, raw))["office"] == "crm"
        _mailboxes(HELPDESK)

        raw, _ = _email("anna@mail.example", HELPDESK, "Printer jam again", "Still jams.")
        assert (await _post(h, raw))["office"] == "itsupport"
        raw, _ = _email("marco@mail.example", "urp@comune.example", "Waste tax", "Billed twice.")
        assert (await _post(h, raw))["office"] == "crm"
        # A subject naming an existing ticket is IT's, whatever the address.
        [ticket] = await _tickets(h)
        raw, _ = _email(
            "anna@mail.example",
            "urp@comune.example",
            f"Re: [{ticket['reference']}] Printer jam again",
            "Fixed, thanks.",
        )
        assert (await _post(h, raw))["office"] == "itsupport"
        # A reference to no ticket is not enough.
        raw, _ = _email("anna@mail.example", "urp@comune.example", "[IT-999999] hello", "Hello.")
        assert (await _post(h, raw))["office"] == "crm"

        [ticket] = await _tickets(h)
        assert ticket["subject"] == "Printer jam again"
        assert [m["body"] for m in ticket["messages"]] == ["Fixed, thanks."]
        crm = await h.ok(cases)
        subjects = sorted(e["node"]["subject"] for e in crm["cases"]["edges"])
        assert subjects == ["Printer jam", "Waste tax", "[IT-999999] hello"]
