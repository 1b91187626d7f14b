"""Helpers of the notification tests: a real SMTP server (aiosmtpd), people, waiting."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections.abc import Awaitable, Callable
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from sportello.testing import free_port


class Collector:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        self.messages.append(msg)
        return "250 OK"


class SmtpServer:
    """A real SMTP server on a local port (started when the test says so)."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.handler = Collector()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def settings(self, **extra: Any) -> dict[str, Any]:
        return {
            "smtp": {
                "host": "127.0.0.1",
                "port": self.port,
                "security": "none",
                "sender": "Sportello <desk@test.example>",
                "timeout": 5,
            },
            "notify": {"retry_seconds": 0.05, "sweep_seconds": 0.05, **extra},
        }


async def eventually(check: Callable[[], Awaitable[Any]], within: float = 20.0) -> Any:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        result = await check()
        if result:
            return result
        if loop.time() > deadline:
            raise AssertionError(f"condition not met in {within}s: last {result!r}")
        await asyncio.sleep(0.03)


PARTY = """
mutation($i: PartyCreateInput!) {
  partyCreate(input: $i) { party { id } errors { field code message } }
}
"""
CONSENT = """
mutation($i: PartyConsentSetInput!) {
  partyConsentSet(input: $i) { consent { purpose granted } errors { field code message } }
}
"""
SITE = """
mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }
"""


async def party(h: Any, **fields: Any) -> int:
    """A party through the API; its database id."""
    from sportello.graphql.ids import decode_id

    data = await h.ok(PARTY, {"i": fields})
    assert data["partyCreate"]["errors"] == [], data
    return decode_id(data["partyCreate"]["party"]["id"], "Party", "id")


async def consent(h: Any, party_id: int, purpose: str, granted: bool) -> None:
    from sportello.graphql.ids import encode_id

    data = await h.ok(
        CONSENT,
        {"i": {"partyId": encode_id("Party", party_id), "purpose": purpose, "granted": granted}},
    )
    assert data["partyConsentSet"]["errors"] == [], data


async def site(h: Any, code: str) -> tuple[str, int]:
    from sportello.graphql.ids import decode_id

    data = await h.ok(SITE, {"i": {"code": code, "name": f"Site {code}"}})
    gid = data["siteCreate"]["site"]["id"]
    return gid, decode_id(gid, "Site", "id")


async def staff(
    h: Any,
    roles: list[str],
    language: str = "en",
    sites: list[int] | None = None,
    email: str | None = None,
) -> tuple[int, str]:
    """A user with a token; its party speaks ``language``. Returns (user id, token)."""
    from sportello.identity.models import Token
    from sportello.identity.tokens import digest
    from sportello.parties.models import Party

    token = await h.token(roles=roles, sites=sites, email=email)
    row = await Token.get(digest=digest(token)).prefetch_related("user")
    await Party.filter(id=row.user.party_id).update(preferred_language=language)
    return row.user.id, token


async def send(kind: str, **kw: Any) -> int:
    """What an office does: ``api.notify`` inside the transaction of its change."""
    from sportello import api

    async with api.atomic():
        return await api.notify(kind, **kw)


def self_signed(directory: Any) -> tuple[str, str]:
    """A certificate for 127.0.0.1 and its key (openssl), for a STARTTLS server."""
    import subprocess
    from pathlib import Path

    cert, key = Path(directory) / "smtp.pem", Path(directory) / "smtp.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return str(cert), str(key)
