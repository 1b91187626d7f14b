"""Inbound email: a message posted by the mail provider becomes a case of the party who sent
it; the department's reply goes out threaded to it; the party's answer reopens the case."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

from crm_helpers import (
    CASE,
    MODULES,
    RESOLVE,
    TRANSFER,
    department,
    ok_payload,
    party,
    site,
)

TOKEN = "inbound-secret-token-1234"
REPLY = f"""
mutation($i: CaseReplyInput!) {{
  caseReply(input: $i) {{ case {{ {CASE} }} errors {{ field code message }} }}
}}
"""
CASES = f"query {{ cases(first: 10) {{ edges {{ node {{ {CASE} }} }} }} }}"
EMAILS = """
query($c: ID) { interactions(first: 10, caseId: $c, channel: EMAIL) { edges { node {
  direction subject body contact messageId party { id }
  attachments { filename contentType size stored }
} } } }
"""


def _email(
    sender: str,
    subject: str,
    body: str,
    *,
    reply_to: str | None = None,
    files: tuple[tuple[str, bytes], ...] = (),
) -> tuple[bytes, str]:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "urp@comune.example"
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


async def _sent(mail_server, subject_start: str):
    """The message whose subject starts so, once the SMTP server has it."""
    for n in range(1, 20):
        messages = await mail_server.received(n)
        found = [m for m in messages if m["Subject"].startswith(subject_start)]
        if found:
            return found[0]
    raise AssertionError(f"no message {subject_start!r}")


async def _post(h, raw: bytes, token: str | None = TOKEN, **kw):
    headers = {"content-type": "message/rfc822"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    return await h.client.post("/inbound/email", content=raw, headers=headers, **kw)


def _settings(mail_server=None, **inbound) -> dict:
    extra = mail_server.settings() if mail_server else {}
    return {**extra, "inbound": {"token": TOKEN, "max_attachment_bytes": 1000, **inbound}}


async def test_an_email_becomes_a_case_is_answered_threaded_and_reopened(
    sportello_app, mail_server
) -> None:
    async with sportello_app(MODULES, **_settings(mail_server)) as h:
        hq = await site(h)
        tributi = await department(h, "Tributi", hq)
        maria = await party(h, "Maria Rossi", email="Maria.Rossi@Mail.Example")
        raw, first_id = _email(
            "Maria Rossi <maria.rossi@mail.example>",
            "Waste tax billed twice",
            "I was billed twice, see the receipts.",
            files=(("receipt.pdf", b"%PDF small"), ("scan.pdf", b"x" * 5000)),
        )
        response = await _post(h, raw)
        assert response.status_code == 200, response.text
        assert response.json() == {
            "status": "accepted",
            "messageId": first_id.strip("<>"),
            "office": "crm",
        }
        # The provider retries: acknowledged, not filed twice.
        again = await _post(h, raw)
        assert again.json()["status"] == "duplicate"

        [case] = [e["node"] for e in (await h.ok(CASES))["cases"]["edges"]]
        assert case["party"] == {"id": maria}  # matched by address, whatever the case
        assert case["subject"] == "Waste tax billed twice" and case["status"] == "OPEN"
        [email] = [
            e["node"] for e in (await h.ok(EMAILS, {"c": case["id"]}))["interactions"]["edges"]
        ]
        assert email["contact"] == "maria.rossi@mail.example"
        assert email["body"].strip() == "I was billed twice, see the receipts."
        # Attachments under the cap are stored, the one over it only named.
        assert email["attachments"] == [
            {
                "filename": "receipt.pdf",
                "contentType": "application/pdf",
                "size": 10,
                "stored": True,
            },
            {
                "filename": "scan.pdf",
                "contentType": "application/pdf",
                "size": 5000,
                "stored": False,
            },
        ]

        await ok_payload(h, TRANSFER, "caseTransfer", {"id": case["id"], "departmentId": tributi})
        replied = await ok_payload(
            h,
            REPLY,
            "caseReply",
            {"id": case["id"], "body": "The second bill is cancelled."},
            as_="back_office",
        )
        assert replied["case"]["history"][-1]["action"] == "replied"
        out = await _sent(mail_server, "Re: Waste tax billed twice")
        assert out["To"] == "maria.rossi@mail.example"
        assert out["In-Reply-To"] == first_id and out["References"] == first_id
        assert out.get_content().strip() == "The second bill is cancelled."

        await ok_payload(h, RESOLVE, "caseResolve", {"id": case["id"], "outcome": "Cancelled"})
        # Maria answers our reply: threaded by In-Reply-To, the case is reopened at Tributi.
        answer, _ = _email(
            "maria.rossi@mail.example",
            "Re: Waste tax billed twice",
            "I still see both bills online.",
            reply_to=out["Message-ID"],
        )
        response = await _post(h, answer)
        assert response.json()["status"] == "accepted"
        [case] = [e["node"] for e in (await h.ok(CASES))["cases"]["edges"]]
        assert case["status"] == "TRANSFERRED" and case["reopenedCount"] == 1
        assert case["department"]["id"] == tributi
        emails = [
            e["node"] for e in (await h.ok(EMAILS, {"c": case["id"]}))["interactions"]["edges"]
        ]
        assert [e["direction"] for e in emails] == ["IN", "OUT", "IN"]


async def test_an_unknown_sender_still_gets_a_case_without_a_party(sportello_app) -> None:
    async with sportello_app(MODULES, **_settings()) as h:
        await site(h)
        raw, _ = _email("someone@else.example", "Opening hours", "When are you open?")
        response = await h.client.post(
            f"/inbound/email?token={TOKEN}",
            content=raw,
            headers={"content-type": "application/octet-stream"},
        )
        assert response.json()["status"] == "accepted"
        [case] = [e["node"] for e in (await h.ok(CASES))["cases"]["edges"]]
        assert case["party"] is None and case["subject"] == "Opening hours"


async def test_the_route_wants_the_token_and_an_email(sportello_app) -> None:
    from sportello_crm.models import Case, Interaction

    async with sportello_app(MODULES, **_settings()) as h:
        await site(h)
        raw, _ = _email("maria@mail.example", "Hello", "Hi")
        assert (await _post(h, raw, token=None)).status_code == 401
        assert (await _post(h, raw, token="wrong-token-wrong-token")).status_code == 401
        assert (await _post(h, b"this is not an email at all")).status_code == 400
        assert (await _post(h, b"")).status_code == 400
        assert await Case.all().count() == 0 and await Interaction.all().count() == 0


async def test_without_a_token_the_route_is_off(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        raw, _ = _email("maria@mail.example", "Hello", "Hi")
        assert (await _post(h, raw)).status_code == 404
