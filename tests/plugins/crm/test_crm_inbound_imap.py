"""Inbound email read from a real IMAP server (pymap): the poller hands each new message to the
offices exactly as the inbound route does; once per message, whatever the rounds and pollers."""

from __future__ import annotations

import asyncio
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from crm_helpers import CASE, MODULES, site

from sportello.testing_imap import ImapServer

CASES = f"query {{ cases(first: 10) {{ edges {{ node {{ {CASE} }} }} }} }}"
EMAILS = """
query($c: ID) { interactions(first: 10, caseId: $c, channel: EMAIL) { edges { node {
  direction subject body contact messageId attachments { filename size stored }
} } } }
"""


@pytest.fixture
async def imap_server():
    server = ImapServer()
    await server.start()
    yield server
    await server.stop()


def _email(
    sender: str, subject: str, body: str, *, reply_to: str | None = None, big: int = 0
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
    if big:
        msg.add_attachment(b"x" * big, maintype="application", subtype="pdf", filename="a.pdf")
    return msg.as_bytes(), message_id


def _inbound(imap_server: ImapServer, **imap) -> dict:
    return {"inbound": {"max_attachment_bytes": 1000, "imap": imap_server.settings(**imap)}}


async def _poll(h):
    from sportello.inbound import imap

    return await imap.poll_once(h.runtime.settings.inbound, h.runtime.state["inbound_handlers"])


async def _cases(h) -> list[dict]:
    return [e["node"] for e in (await h.ok(CASES))["cases"]["edges"]]


async def test_mail_in_the_mailbox_becomes_cases_and_a_reply_threads(
    sportello_app, imap_server
) -> None:
    async with sportello_app(MODULES, **_inbound(imap_server)) as h:
        await site(h)
        first, first_id = _email(
            "maria.rossi@mail.example", "Waste tax billed twice", "Billed twice.", big=5000
        )
        await imap_server.append(first)
        await imap_server.append(_email("luca@mail.example", "Opening hours", "When?")[0])
        report = await _poll(h)
        assert (report.accepted, report.duplicate, report.failed) == (2, 0, [])
        cases = await _cases(h)
        assert sorted(c["subject"] for c in cases) == ["Opening hours", "Waste tax billed twice"]
        assert await imap_server.flags() == [{"\\Seen"}, {"\\Seen"}]
        [waste] = [c for c in cases if c["subject"].startswith("Waste")]
        [email] = [
            e["node"] for e in (await h.ok(EMAILS, {"c": waste["id"]}))["interactions"]["edges"]
        ]
        assert email["body"].strip() == "Billed twice."
        assert email["attachments"] == [{"filename": "a.pdf", "size": 5000, "stored": False}]

        # Maria answers in the same thread: it joins her case, no new one.
        await imap_server.append(
            _email("maria.rossi@mail.example", "Re: Waste tax", "Still two.", reply_to=first_id)[0]
        )
        report = await _poll(h)
        assert report.accepted == 1
        assert len(await _cases(h)) == 2
        emails = [
            e["node"] for e in (await h.ok(EMAILS, {"c": waste["id"]}))["interactions"]["edges"]
        ]
        assert sorted(e["body"].strip() for e in emails) == ["Billed twice.", "Still two."]

        # Nothing new: a round imports nothing.
        report = await _poll(h)
        assert report.imported == 0 and len(await _cases(h)) == 2


async def test_a_message_fetched_again_is_not_filed_twice(sportello_app, imap_server) -> None:
    from sportello_crm.models import Interaction

    async with sportello_app(MODULES, **_inbound(imap_server)) as h:
        await site(h)
        raw, _ = _email("maria@mail.example", "Hello", "Hi")
        await imap_server.append(raw)
        assert (await _poll(h)).accepted == 1
        # As if the process died before flagging it: the same message is new again.
        await imap_server.append(raw)
        report = await _poll(h)
        assert (report.accepted, report.duplicate) == (0, 1)
        assert await Interaction.all().count() == 1
        assert len(await _cases(h)) == 1


async def test_a_malformed_message_is_skipped_and_reported(sportello_app, imap_server) -> None:
    async with sportello_app(MODULES, **_inbound(imap_server)) as h:
        await site(h)
        await imap_server.append(b"this is not an email at all\r\n")
        await imap_server.append(_email("maria@mail.example", "Hello", "Hi")[0])
        report = await _poll(h)
        assert report.accepted == 1
        [(uid, reason)] = report.failed
        assert "not an email" in reason
        assert [c["subject"] for c in await _cases(h)] == ["Hello"]
        # Left in place for a person, flagged, not read again.
        assert await imap_server.flags() == [{"\\Seen", "\\Flagged"}, {"\\Seen"}]
        again = await _poll(h)
        assert again.failed == [] and again.imported == 0


@pytest.mark.parametrize("after", ["move", "delete"])
async def test_imported_mail_is_moved_or_deleted(sportello_app, imap_server, after) -> None:
    await imap_server.create("Imported")
    settings = _inbound(imap_server, after_import=after, move_to="Imported")
    async with sportello_app(MODULES, **settings) as h:
        await site(h)
        await imap_server.append(_email("maria@mail.example", "Hello", "Hi")[0])
        await imap_server.append(_email("luca@mail.example", "Ciao", "Hi")[0])
        assert (await _poll(h)).accepted == 2
        assert await imap_server.flags() == []
        assert len(await imap_server.flags("Imported")) == (2 if after == "move" else 0)
        assert (await _poll(h)).imported == 0
        assert len(await _cases(h)) == 2


async def test_one_poller_at_a_time(sportello_app, imap_server, monkeypatch) -> None:
    """Pollers racing for one mailbox: the one that takes the lease holds it until every other
    has tried (a barrier), so the others must find it held, whatever the timing."""
    from sportello.inbound import imap

    pollers = 4
    tried: set[str] = set()
    everyone_tried = asyncio.Event()
    take = imap.take_lease

    async def take_and_hold(name: str, holder: str, seconds: float) -> bool:
        got = await take(name, holder, seconds)
        first = holder not in tried
        tried.add(holder)
        if len(tried) == pollers:
            everyone_tried.set()
        if got and first:
            await asyncio.wait_for(everyone_tried.wait(), 60)
        return got

    async with sportello_app(MODULES, **_inbound(imap_server)) as h:
        await site(h)
        for n in range(3):
            await imap_server.append(_email(f"p{n}@mail.example", f"Question {n}", "?")[0])
        inbound = h.runtime.settings.inbound
        handlers = h.runtime.state["inbound_handlers"]
        for _ in range(2):  # the lease row new, then the row of a released lease
            tried.clear()
            everyone_tried.clear()
            with monkeypatch.context() as patch:
                patch.setattr(imap, "take_lease", take_and_hold)
                reports = await asyncio.gather(
                    *(imap.poll_once(inbound, handlers) for _ in range(pollers))
                )
            assert sorted(r.busy for r in reports) == [False] + [True] * (pollers - 1)
        assert sum(r.accepted for r in reports) == 0  # all three taken in the first race
        # Released at the end of a round: the next poller takes it at once.
        assert not (await _poll(h)).busy


async def test_a_held_lease_is_not_taken_by_a_clock_running_ahead(
    sportello_app, imap_server, monkeypatch
) -> None:
    """The database's clock decides when a lease expires, not a poller's (another host's
    clock may run ahead)."""
    import datetime as dt

    from sportello.inbound import imap

    async with sportello_app(MODULES, **_inbound(imap_server)):
        assert await imap.take_lease("box", "first", 60)
        assert not await imap.take_lease("box", "second", 60)

        real = dt.datetime

        class Ahead(real):
            @classmethod
            def now(cls, tz=None):  # type: ignore[override]
                return real.now(tz) + dt.timedelta(hours=2)

        monkeypatch.setattr(dt, "datetime", Ahead)
        assert not await imap.take_lease("box", "second", 60)
        monkeypatch.undo()
        assert await imap.take_lease("box", "first", 60)  # renewed by its holder
        await imap.release_lease("box", "first")
        assert await imap.take_lease("box", "second", 60)
        assert not await imap.take_lease("box", "first", 60)


async def test_racing_pollers_import_each_message_once(sportello_app, imap_server) -> None:
    from sportello.inbound import imap
    from sportello_crm.models import Interaction

    async with sportello_app(MODULES, **_inbound(imap_server)) as h:
        await site(h)
        for n in range(6):
            await imap_server.append(_email(f"p{n}@mail.example", f"Question {n}", "?")[0])
        inbound = h.runtime.settings.inbound
        handlers = h.runtime.state["inbound_handlers"]
        # Pollers at once import each message once (whichever took the lease).
        reports = await asyncio.gather(*(imap.poll_once(inbound, handlers) for _ in range(4)))
        assert sum(r.accepted for r in reports) == 6
        assert await Interaction.all().count() == 6
        assert len(await _cases(h)) == 6
        # Without the lease (two mailboxes' pollers, or a lease expired): still once each.
        for n in range(6, 9):
            await imap_server.append(_email(f"p{n}@mail.example", f"Question {n}", "?")[0])
        await imap_server.append(_email("p0@mail.example", "Question 0b", "?")[0])
        reports = await asyncio.gather(*(_poll_without_lease(inbound, handlers) for _ in range(3)))
        assert sum(r.accepted for r in reports) == 4
        assert await Interaction.all().count() == 10


async def _poll_without_lease(inbound, handlers):
    from sportello.inbound import imap

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(imap, "take_lease", _always)
        return await imap.poll_once(inbound, handlers)


async def _always(*args, **kwargs) -> bool:
    return True


async def test_the_command_polls_once(sportello_app, imap_server, capsys) -> None:
    import argparse

    from sportello.inbound import commands

    async with sportello_app(MODULES, **_inbound(imap_server)) as h:
        await site(h)
        await imap_server.append(_email("maria@mail.example", "Hello", "Hi")[0])
        status = await commands.POLL.run(argparse.Namespace(once=True), h.runtime)
        assert status == 0
        assert "accepted 1" in capsys.readouterr().out
        assert len(await _cases(h)) == 1


async def test_the_server_polls_in_the_background(sportello_app, imap_server) -> None:
    settings = _inbound(imap_server, background=True, interval=0.1)
    async with sportello_app(MODULES, **settings) as h:
        await site(h)
        await imap_server.append(_email("maria@mail.example", "Hello", "Hi")[0])
        for _ in range(200):
            if await _cases(h):
                break
            await asyncio.sleep(0.05)
        assert [c["subject"] for c in await _cases(h)] == ["Hello"]
        assert await imap_server.flags() == [{"\\Seen"}]
