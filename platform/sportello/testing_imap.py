"""A real IMAP server for tests (pymap, its in-memory backend): the mailbox the inbound IMAP
poller reads. Started in the test's event loop; ``settings()`` points an app at it.

Like ``sportello.testing`` it imports nothing of the application at the top.
"""

from __future__ import annotations

import argparse
import asyncio
import imaplib
from typing import Any

USER = "inbox@comune.example"
PASSWORD = "imap-test-password"


class ImapServer:
    """pymap's dict backend on a local port, one user; ``append`` puts a message in a
    mailbox, ``flags`` and ``count`` tell what the poller left there."""

    def __init__(self) -> None:
        self.port = 0
        self._server: asyncio.AbstractServer | None = None

    async def start(self) -> None:
        from proxyprotocol.reader import ProxyProtocolReader  # lazy: test dependencies
        from pymap.backend.dict import DictBackend
        from pymap.imap import IMAPServer

        args = argparse.Namespace(
            host="127.0.0.1",
            port="0",
            debug=False,
            cert=None,
            key=None,
            tls=False,
            demo_data=False,
            demo_user=USER,
            demo_password=PASSWORD,
            inherited_sockets=None,
            proxy_protocol=None,
            passlib_cfg=None,
        )
        backend, config = await DictBackend.init(args, secure_auth=False, invalid_user_sleep=0.0)
        config.apply_context()
        callback = ProxyProtocolReader(config.proxy_protocol).get_callback(
            IMAPServer(backend.login, config)
        )
        self._server = await asyncio.start_server(callback, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def settings(self, **imap: Any) -> dict[str, Any]:
        """The ``[inbound.imap]`` table for ``sportello_app(..., inbound={...})``."""
        return {
            "host": "127.0.0.1",
            "port": self.port,
            "security": "none",
            "user": USER,
            "password": PASSWORD,
            "timeout": 5,
            "background": False,
            **imap,
        }

    # -- the test's side (a client of its own) ----------------------------------------------
    def _session(self, fn: Any) -> Any:
        conn = imaplib.IMAP4("127.0.0.1", self.port, timeout=5)
        try:
            conn.login(USER, PASSWORD)
            return fn(conn)
        finally:
            conn.logout()

    async def append(self, raw: bytes, mailbox: str = "INBOX") -> None:
        def run(conn: imaplib.IMAP4) -> None:
            status, data = conn.append(f'"{mailbox}"', "", None, raw)
            assert status == "OK", data

        await asyncio.to_thread(self._session, run)

    async def create(self, mailbox: str) -> None:
        await asyncio.to_thread(self._session, lambda conn: conn.create(f'"{mailbox}"'))

    async def flags(self, mailbox: str = "INBOX") -> list[set[str]]:
        """The flags of every message in ``mailbox``, in order."""

        def run(conn: imaplib.IMAP4) -> list[set[str]]:
            conn.select(f'"{mailbox}"', readonly=True)
            status, data = conn.fetch("1:*", "(FLAGS)")
            if status != "OK" or data == [None]:
                return []
            found = []
            for line in data:
                if line is None:
                    continue
                text = line.decode() if isinstance(line, bytes) else line[0].decode()
                inner = text.partition("FLAGS (")[2].partition(")")[0]
                found.append(set(inner.split()) - {"\\Recent"})
            return found

        result: list[set[str]] = await asyncio.to_thread(self._session, run)
        return result
