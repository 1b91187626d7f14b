"""A raw RFC 822 message into what offices read: addresses, thread ids, text, attachments."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import html
import re
from dataclasses import dataclass, field
from email.message import EmailMessage

_MSGID = re.compile(r"<([^<>\s]+)>")
_TAGS = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"\n{3,}")


class BadMessage(ValueError):
    """Not an email anyone can read (no sender, not RFC 822)."""


@dataclass
class RawAttachment:
    filename: str
    content_type: str
    content: bytes


@dataclass
class Parsed:
    message_id: str | None
    in_reply_to: str | None
    references: list[str]
    from_address: str
    from_name: str
    to: list[str]
    subject: str
    text: str
    date: dt.datetime | None
    attachments: list[RawAttachment] = field(default_factory=list)


def message_ids(value: str | None) -> list[str]:
    """The message ids of a header (``<a@b> <c@d>``), without angle brackets, in order."""
    if not value:
        return []
    found = _MSGID.findall(str(value))
    if not found and str(value).strip():
        found = [str(value).strip().strip("<>")]
    return [f[:300] for f in found]


def _text_of_html(markup: str) -> str:
    text = re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", markup)
    return _BLANKS.sub("\n\n", html.unescape(_TAGS.sub("", text))).strip()


def parse(raw: bytes) -> Parsed:
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; anything it raises means garbage
        raise BadMessage("not an RFC 822 message") from exc
    assert isinstance(msg, EmailMessage)
    name, address = email.utils.parseaddr(str(msg.get("From", "")))
    if "@" not in address:
        raise BadMessage("no sender address")
    ids = message_ids(msg.get("Message-ID"))
    reply_to = message_ids(msg.get("In-Reply-To"))
    date = None
    if msg.get("Date"):
        try:
            date = email.utils.parsedate_to_datetime(str(msg["Date"]))
        except (TypeError, ValueError):
            date = None
    text = ""
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is not None:
        content = body.get_content()
        text = _text_of_html(content) if body.get_content_type() == "text/html" else content
    attachments = []
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        attachments.append(
            RawAttachment(
                filename=(part.get_filename() or "attachment")[:255],
                content_type=part.get_content_type()[:127],
                content=payload,
            )
        )
    to = [a for _, a in email.utils.getaddresses([str(v) for v in msg.get_all("To", [])]) if a]
    return Parsed(
        message_id=ids[0] if ids else None,
        in_reply_to=reply_to[0] if reply_to else None,
        references=message_ids(msg.get("References")),
        from_address=address.strip().lower()[:254],
        from_name=name.strip()[:200],
        to=[a.lower() for a in to],
        subject=str(msg.get("Subject", "")).strip()[:300],
        text=text.strip(),
        date=date if date is None or date.tzinfo else date.replace(tzinfo=dt.UTC),
        attachments=attachments,
    )
