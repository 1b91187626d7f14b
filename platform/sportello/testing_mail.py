"""A real SMTP server for tests (aiosmtpd): what a notification test reads its mail from.

Plugin authors get it through ``sportello.testing`` (``MailServer`` and the ``mail_server``
fixture). Like ``sportello.testing`` it imports nothing of the application at the top.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any


def free_port() -> int:
    """A TCP port nothing listens on now (for a test server)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class MailServer:
    """A real SMTP server (aiosmtpd) on a local port that keeps what it accepts: the test side of
    notifications. ``settings()`` is the configuration pointing an app at it."""

    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list[Any] = []
        self._controller: Any = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import email
        import email.policy

        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"

    def start(self) -> None:
        from aiosmtpd.controller import Controller  # lazy: a test dependency

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def settings(self) -> dict[str, Any]:
        return {
            "smtp": {"host": "127.0.0.1", "port": self.port, "security": "none", "timeout": 5},
            "notify": {"retry_seconds": 0.05, "sweep_seconds": 0.05},
        }

    async def received(self, count: int = 1, within: float = 20.0) -> list[Any]:
        """Wait until ``count`` messages arrived; all of them."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while len(self.messages) < count:
            if loop.time() > deadline:
                raise AssertionError(f"{len(self.messages)} of {count} messages in {within}s")
            await asyncio.sleep(0.03)
        return self.messages
