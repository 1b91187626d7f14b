"""Polling a mailbox over IMAP: each new message goes through ``services.receive``, the code
path of the inbound route (threading, attachments, the offices' claims), then is flagged
``\\Seen``, moved or deleted as ``[inbound.imap] after_import`` says.

- Once per message: ``receive`` stores a message once per Message-ID, so a message fetched
  twice (the process died between storing it and flagging it) is acknowledged as a duplicate
  and only flagged this time.
- One poller at a time: a round runs under a lease row (``inbound_poll_lease``, unique by
  mailbox) taken by one atomic upsert that writes only when the lease is expired or the
  caller's, its expiry read and written by the database's clock; another process finding it
  held skips its round. A poller that died frees the mailbox when its lease expires.
- A message that is not an email (``BadMessage``) is reported, flagged ``\\Seen \\Flagged``
  and left where it is for a person to look at; the others go on. A message whose handling
  failed otherwise (the database) stays as it was and is tried again next round.

The IMAP client is the standard library's ``imaplib`` (implicit TLS, STARTTLS), its blocking
calls run in a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import imaplib
import logging
import re
import ssl
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sportello.inbound import models, services
from sportello.inbound.contract import InboundMailHandler
from sportello.inbound.parse import BadMessage

log = logging.getLogger("sportello.inbound.imap")

_UID = re.compile(rb"UID (\d+)")


@dataclass
class PollReport:
    """What one round did: counts by outcome, and the messages it could not take."""

    busy: bool = False
    accepted: int = 0
    unclaimed: int = 0
    duplicate: int = 0
    #: (UID, reason) of each message skipped
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.accepted + self.unclaimed

    def summary(self) -> str:
        if self.busy:
            return "another poller holds the mailbox: nothing done"
        text = (
            f"accepted {self.accepted}, unclaimed {self.unclaimed}, "
            f"duplicate {self.duplicate}, failed {len(self.failed)}"
        )
        for uid, reason in self.failed:
            text += f"\n  UID {uid}: {reason}"
        return text


class ImapError(Exception):
    """The server refused a command or could not be reached."""


# -- the lease ------------------------------------------------------------------------------


def lease_name(settings: Any) -> str:
    return f"{settings.user}@{settings.host}:{settings.effective_port}/{settings.mailbox}"[:300]


# The database's clock decides, never a process's: pollers on hosts whose clocks differ (or one
# that jumped) would otherwise each find the other's lease expired. One statement takes, renews
# or refuses the lease: an upsert that updates the row only when it is expired or already the
# caller's, atomically (PostgreSQL locks the row and re-reads it; SQLite writes one at a time).
_PG_NOW = "clock_timestamp()"
_PG_TAKE = f"""
INSERT INTO inbound_poll_lease (name, holder, expires_at)
VALUES ($1, $2, {_PG_NOW} + make_interval(secs => $3))
ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
WHERE inbound_poll_lease.expires_at <= {_PG_NOW} OR inbound_poll_lease.holder = EXCLUDED.holder
RETURNING holder
"""
_PG_RELEASE = (
    f"UPDATE inbound_poll_lease SET expires_at = {_PG_NOW} WHERE name = $1 AND holder = $2"
)
# SQLite stores datetimes as ISO text in UTC (``2026-12-04 17:14:24.044000+00:00``): the
# database's clock written the same way compares as text.
_LITE_NOW = "strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now'{})"
_LITE_TAKE = f"""
INSERT INTO inbound_poll_lease (name, holder, expires_at)
VALUES (?, ?, {_LITE_NOW.format(", ?")})
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
WHERE inbound_poll_lease.expires_at <= {_LITE_NOW.format("")}
   OR inbound_poll_lease.holder = excluded.holder
RETURNING holder
"""
_LITE_RELEASE = (
    f"UPDATE inbound_poll_lease SET expires_at = {_LITE_NOW.format('')} "
    "WHERE name = ? AND holder = ?"
)


def _postgres() -> tuple[Any, bool]:
    conn = models.PollLease._meta.db
    return conn, conn.capabilities.dialect == "postgres"


async def take_lease(name: str, holder: str, seconds: float) -> bool:
    """The mailbox for ``holder`` until ``seconds`` from now (the database's now), if free,
    expired or already its own; False when another poller holds it."""
    conn, postgres = _postgres()
    if postgres:
        rows = await conn.execute_query_dict(_PG_TAKE, [name, holder, float(seconds)])
    else:
        rows = await conn.execute_query_dict(_LITE_TAKE, [name, holder, f"+{seconds:.6f} seconds"])
    return bool(rows) and rows[0]["holder"] == holder


async def release_lease(name: str, holder: str) -> None:
    """Frees the mailbox now, if ``holder`` still holds it."""
    conn, postgres = _postgres()
    await conn.execute_query(_PG_RELEASE if postgres else _LITE_RELEASE, [name, holder])


# -- the IMAP session (blocking, in a thread) ------------------------------------------------


def _check(response: tuple[str, Any], what: str) -> Any:
    status, data = response
    if status != "OK":
        raise ImapError(f"{what}: {status} {data!r}")
    return data


class _Mailbox:
    """One IMAP connection to the configured mailbox (blocking calls)."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.conn: imaplib.IMAP4 | None = None

    def open(self) -> None:
        s = self.settings
        context = ssl.create_default_context()
        if s.security == "tls":
            conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                s.host, s.effective_port, ssl_context=context, timeout=s.timeout
            )
        else:
            conn = imaplib.IMAP4(s.host, s.effective_port, timeout=s.timeout)
            if s.security == "starttls":
                conn.starttls(ssl_context=context)
        self.conn = conn
        password = s.password.get_secret_value() if s.password is not None else ""
        _check(conn.login(s.user, password), "LOGIN")
        _check(conn.select(_quote(s.mailbox)), f"SELECT {s.mailbox}")

    def close(self) -> None:
        if self.conn is None:
            return
        with contextlib.suppress(Exception):
            if self.conn.state == "SELECTED":
                self.conn.close()  # expunges what was flagged \Deleted
        with contextlib.suppress(Exception):
            self.conn.logout()
        self.conn = None

    def new_uids(self) -> list[str]:
        assert self.conn is not None
        # Flagged only by the poller itself when a message is not an email (in "move" and
        # "delete" modes, where a message read by someone in a mail client is still new).
        query = "UNSEEN" if self.settings.after_import == "seen" else "UNDELETED UNFLAGGED"
        data = _check(self.conn.uid("SEARCH", query), "UID SEARCH")
        uids = [u.decode() for u in (data[0] or b"").split()]
        return sorted(uids, key=int)[: self.settings.batch]

    def fetch(self, uid: str) -> bytes | None:
        assert self.conn is not None
        data = _check(self.conn.uid("FETCH", uid, "(BODY.PEEK[])"), f"UID FETCH {uid}")
        for part in data:
            if isinstance(part, tuple) and _UID.search(part[0]) is not None:
                return bytes(part[1])
        for part in data:
            if isinstance(part, tuple):
                return bytes(part[1])
        return None  # gone meanwhile (another client expunged it)

    def done(self, uid: str) -> None:
        """What ``after_import`` says, once the message is stored."""
        assert self.conn is not None
        mode = self.settings.after_import
        if mode == "seen":
            _check(self.conn.uid("STORE", uid, "+FLAGS.SILENT", r"(\Seen)"), "UID STORE")
        elif mode == "move" and "MOVE" in self.conn.capabilities:
            _check(self.conn.uid("MOVE", uid, _quote(self.settings.move_to)), "UID MOVE")
        else:
            if mode == "move":
                _check(self.conn.uid("COPY", uid, _quote(self.settings.move_to)), "UID COPY")
            _check(self.conn.uid("STORE", uid, "+FLAGS.SILENT", r"(\Deleted)"), "UID STORE")

    def rejected(self, uid: str) -> None:
        """A message that is not an email: left in place, out of the next searches."""
        assert self.conn is not None
        _check(self.conn.uid("STORE", uid, "+FLAGS.SILENT", r"(\Seen \Flagged)"), "UID STORE")


def _quote(name: str | None) -> str:
    name = name or "INBOX"
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


# -- a round --------------------------------------------------------------------------------


async def poll_once(
    inbound: Any,
    handlers: Sequence[InboundMailHandler],
    *,
    holder: str | None = None,
) -> PollReport:
    """One round over ``inbound.imap``'s mailbox (``inbound``: the ``[inbound]`` settings)."""
    settings = inbound.imap
    if not settings.enabled:
        raise ImapError("[inbound.imap] host is not set")
    holder = holder or uuid.uuid4().hex
    name = lease_name(settings)
    lease_seconds = max(settings.timeout * 4, 120.0)
    report = PollReport()
    if not await take_lease(name, holder, lease_seconds):
        report.busy = True
        return report
    box = _Mailbox(settings)
    try:
        try:
            await asyncio.to_thread(box.open)
            uids = await asyncio.to_thread(box.new_uids)
        except (OSError, imaplib.IMAP4.error) as exc:
            raise ImapError(f"{settings.host}: {exc}") from exc
        for uid in uids:
            await _one(box, uid, inbound, handlers, report)
            if not await take_lease(name, holder, lease_seconds):
                log.warning("inbound imap: lost the lease on %s, stopping the round", name)
                break
    finally:
        await asyncio.to_thread(box.close)
        await release_lease(name, holder)
    return report


async def _one(
    box: _Mailbox,
    uid: str,
    inbound: Any,
    handlers: Sequence[InboundMailHandler],
    report: PollReport,
) -> None:
    raw = await asyncio.to_thread(box.fetch, uid)
    if raw is None:
        return
    try:
        if not raw.strip():
            raise BadMessage("empty message")
        outcome = await services.receive(
            raw,
            handlers,
            max_attachment_bytes=inbound.max_attachment_bytes,
            max_attachments=inbound.max_attachments,
        )
    except BadMessage as exc:
        log.warning("inbound imap: UID %s is not an email (%s): flagged, left in place", uid, exc)
        report.failed.append((uid, f"not an email: {exc}"))
        await asyncio.to_thread(box.rejected, uid)
        return
    except Exception as exc:  # the database: the message stays new, tried next round
        log.exception("inbound imap: UID %s could not be handled", uid)
        report.failed.append((uid, f"{type(exc).__name__}: {exc}"))
        return
    setattr(report, outcome.status, getattr(report, outcome.status) + 1)
    await asyncio.to_thread(box.done, uid)


# -- the background service ------------------------------------------------------------------


class Poller:
    """The poll loop of one serving process (started with the core when configured)."""

    def __init__(self, inbound: Any, handlers: Sequence[InboundMailHandler]) -> None:
        self.inbound = inbound
        self.handlers = handlers
        self.holder = uuid.uuid4().hex
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.task = asyncio.create_task(self._loop(), name="sportello-inbound-imap")

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.task

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.inbound.imap.interval)
            try:
                report = await poll_once(self.inbound, self.handlers, holder=self.holder)
            except asyncio.CancelledError:
                raise
            except Exception:  # server or database unreachable: tried again next round
                log.exception("inbound imap: poll failed")
                continue
            if report.imported or report.failed:
                log.info("inbound imap: %s", report.summary())
