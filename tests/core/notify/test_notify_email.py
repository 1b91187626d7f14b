"""Email notifications through a real SMTP server (aiosmtpd): languages, consent, retries.

``api.notify`` is what offices call (the test office ``ntest`` declares the kinds); what
admins see goes through the GraphQL API. SQLite always, PostgreSQL when configured.
"""

from __future__ import annotations

from typing import Any

import ntplugin
import pytest
from nthelpers import SmtpServer, consent, eventually, party, send, staff

from sportello import api
from sportello.notify import models

PLUGINS = [ntplugin]
DELIVERIES = """
query($status: NotificationDeliveryStatus, $kind: String) {
  notificationDeliveries(first: 50, status: $status, kind: $kind) {
    edges { node {
      id kind channel status address language subject attempts errorClass sentAt
      attemptLog { number ok errorClass }
    } }
  }
}
"""


@pytest.fixture
def smtp():
    server = SmtpServer()
    ntplugin.reset()
    yield server
    server.stop()


async def deliveries(h: Any, **variables: Any) -> list[dict[str, Any]]:
    data = await h.ok(DELIVERIES, variables)
    return [e["node"] for e in data["notificationDeliveries"]["edges"]]


async def test_the_host_gets_an_email_in_their_language(sportello_app, smtp) -> None:
    smtp.start()
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        host, _ = await staff(h, ["back_office"], language="it", email="host@test.example")
        count = await send(
            "ntest.visitor_arrived",
            user_ids=[host],
            params={"visitor": "Marco Bianchi"},
            channels=["email"],
        )
        assert count == 1
        await eventually(lambda: _async(len(smtp.messages) == 1))
        [msg] = smtp.messages
        assert msg["To"] == "host@test.example"
        assert msg["From"] == "Sportello <desk@test.example>"
        assert msg["Subject"] == "Il tuo ospite Marco Bianchi è arrivato"
        assert msg.get_content().strip() == "Marco Bianchi ti aspetta alla reception."

        async def sent() -> list[dict[str, Any]]:
            rows = await deliveries(h, status="SENT")
            return rows if rows else []

        [row] = await eventually(sent)
        assert row["kind"] == "ntest.visitor_arrived"
        assert row["channel"] == "EMAIL"
        assert row["language"] == "it"
        assert row["address"] == "host@test.example"
        assert row["attemptLog"] == [{"number": 1, "ok": True, "errorClass": None}]


async def test_a_party_gets_the_template_of_its_language_with_fallback(sportello_app, smtp) -> None:
    """Greek for a Greek speaker, English for an English one (the default language)."""
    smtp.start()
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        greek = await party(
            h,
            givenName="Eleni",
            familyName="Pappa",
            email="eleni@mail.example",
            preferredLanguage="el",
        )
        english = await party(h, givenName="Ann", familyName="Lee", email="ann@mail.example")
        for who in (greek, english):
            await consent(h, who, "notify.email", True)
        count = await send(
            "ntest.booking_confirmed", party_ids=[greek, english], params={"day": "12/5"}
        )
        assert count == 2  # email only: neither has a phone
        await eventually(lambda: _async(len(smtp.messages) == 2))
        by_to = {m["To"]: m for m in smtp.messages}
        assert by_to["eleni@mail.example"]["Subject"] == "Η κράτησή σας επιβεβαιώθηκε"
        assert by_to["ann@mail.example"]["Subject"] == "Your booking is confirmed"
        skipped = await deliveries(h, status="SKIPPED")
        assert {(r["channel"], r["errorClass"]) for r in skipped} == {("SMS", "no_consent")}


async def test_without_consent_a_channel_gets_nothing(sportello_app, smtp) -> None:
    smtp.start()
    settings = smtp.settings(sms_adapter="ntest")
    async with sportello_app(["ntest"], PLUGINS, **settings) as h:
        # party audience: a consent must have been given, per channel
        nobody = await party(
            h,
            givenName="No",
            familyName="Consent",
            email="no@mail.example",
            phone="+39 333 111 2222",
        )
        mail_only = await party(
            h,
            givenName="Mail",
            familyName="Only",
            email="mail@mail.example",
            phone="+39 333 111 3333",
        )
        await consent(h, mail_only, "notify.email", True)
        await consent(h, mail_only, "notify.sms", False)
        count = await send(
            "ntest.booking_confirmed", party_ids=[nobody, mail_only], params={"day": "1/6"}
        )
        assert count == 1
        # staff audience: only an explicit withdrawal blocks the channel
        host, _ = await staff(h, ["back_office"], email="quiet-host@test.example")
        user = await api.PartyModel.get(users__id=host)
        await consent(h, user.id, "notify.email", False)
        assert await send("ntest.visitor_arrived", user_ids=[host], params={"visitor": "Ada"}) == 1
        await eventually(lambda: _async(len(smtp.messages) == 1))
        await h.settle()
        assert [m["To"] for m in smtp.messages] == ["mail@mail.example"]
        assert ntplugin.SMS == []
        skipped = await deliveries(h, status="SKIPPED")
        assert sorted((r["address"], r["channel"], r["errorClass"]) for r in skipped) == [
            (None, "EMAIL", "no_consent"),
            (None, "EMAIL", "no_consent"),
            (None, "SMS", "no_address"),
            (None, "SMS", "no_consent"),
            (None, "SMS", "no_consent"),
        ]
        # the withdrawn host still has the in-app notification
        inbox = await models.Notification.filter(user_id=host).count()
        assert inbox == 1


async def test_a_down_smtp_server_is_retried_and_logged_then_delivered(sportello_app, smtp) -> None:
    """Nobody listens on the port at first: attempts fail with the class ``connection``,
    with backoff; once the server is up, the next attempt delivers it, once."""
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings(max_attempts=50)) as h:
        host, _ = await staff(h, ["back_office"], email="waiting@test.example")
        await send(
            "ntest.visitor_arrived", user_ids=[host], params={"visitor": "Bo"}, channels=["email"]
        )

        async def failed_twice() -> bool:
            row = await models.Delivery.get(user_id=host, channel="email")
            return row.attempts >= 2 and row.status == models.QUEUED

        await eventually(failed_twice)
        [row] = await deliveries(h, status="QUEUED")
        assert row["errorClass"] == "connection"
        assert row["attemptLog"][:2] == [
            {"number": 1, "ok": False, "errorClass": "connection"},
            {"number": 2, "ok": False, "errorClass": "connection"},
        ]
        smtp.start()

        async def sent() -> list[dict[str, Any]]:
            return await deliveries(h, status="SENT")

        [row] = await eventually(sent)
        assert row["errorClass"] is None
        log = row["attemptLog"]
        assert log[-1]["ok"] is True
        assert all(not a["ok"] and a["errorClass"] == "connection" for a in log[:-1])
        assert [a["number"] for a in log] == list(range(1, len(log) + 1))
        assert len(smtp.messages) == 1


async def test_attempts_stop_at_max_attempts(sportello_app, smtp) -> None:
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings(max_attempts=2)) as h:
        host, _ = await staff(h, ["back_office"], email="never@test.example")
        await send(
            "ntest.visitor_arrived", user_ids=[host], params={"visitor": "Cy"}, channels=["email"]
        )

        async def failed() -> list[dict[str, Any]]:
            return await deliveries(h, status="FAILED")

        [row] = await eventually(failed)
        assert row["attempts"] == 2
        assert row["errorClass"] == "connection"
        assert [a["errorClass"] for a in row["attemptLog"]] == ["connection", "connection"]


async def test_sms_goes_through_the_chosen_adapter_with_retries(sportello_app, smtp) -> None:
    ntplugin.SMS_FAILS[0] = 1
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings(sms_adapter="ntest")) as h:
        guest = await party(
            h, givenName="Sam", familyName="Ruiz", phone="+34 612 345 678", preferredLanguage="es"
        )
        await consent(h, guest, "notify.sms", True)
        assert await send("ntest.booking_confirmed", party_ids=[guest], params={"day": "3/7"}) == 1
        await eventually(lambda: _async(len(ntplugin.SMS) == 1))
        assert ntplugin.SMS == [("+34612345678", "Nos vemos el 3/7.")]

        async def sent() -> list[dict[str, Any]]:
            return await deliveries(h, status="SENT")

        [row] = await eventually(sent)
        assert [(a["ok"], a["errorClass"]) for a in row["attemptLog"]] == [
            (False, "provider_down"),
            (True, None),
        ]


async def test_nothing_is_queued_when_the_change_rolls_back(sportello_app, smtp) -> None:
    smtp.start()
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        host, _ = await staff(h, ["back_office"], email="rollback@test.example")
        with pytest.raises(RuntimeError):
            async with api.atomic():
                await api.notify(
                    "ntest.visitor_arrived", user_ids=[host], params={"visitor": "Ghost"}
                )
                raise RuntimeError("the office's change failed")
        await h.settle()
        assert await models.Delivery.all().count() == 0
        assert await models.Notification.all().count() == 0
        assert smtp.messages == []


async def test_scheduled_deliveries_can_be_cancelled_by_key(sportello_app, smtp) -> None:
    import datetime as dt

    smtp.start()
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        host, _ = await staff(h, ["back_office"], email="reminded@test.example")
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        await send(
            "ntest.visitor_arrived",
            user_ids=[host],
            params={"visitor": "Di"},
            channels=["email"],
            not_before=later,
            key="reminder:1",
        )
        async with api.atomic():
            assert await api.notify_cancel("reminder:1") == 1
            assert await api.notify_cancel("reminder:1") == 0
        await h.settle()
        rows = await deliveries(h, kind="ntest.visitor_arrived")
        assert [r["status"] for r in rows] == ["CANCELLED"]
        assert smtp.messages == []


async def test_calls_an_office_cannot_mean_are_errors(sportello_app, smtp) -> None:
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        host, _ = await staff(h, ["back_office"], email="errs@test.example")
        with pytest.raises(api.NotificationError, match="unknown notification kind"):
            await send("ntest.nope", user_ids=[host])
        with pytest.raises(api.NotificationError, match="missing params visitor"):
            await send("ntest.visitor_arrived", user_ids=[host])
        with pytest.raises(api.NotificationError, match="in_app"):
            await send(
                "ntest.booking_confirmed", party_ids=[1], params={"day": "x"}, channels=["in_app"]
            )
        assert await models.Delivery.all().count() == 0


async def _async(value: Any) -> Any:
    return value


async def test_concurrent_sweeps_send_a_delivery_once(sportello_app, smtp) -> None:
    """Sweepers of several processes race for the same due delivery: one claim wins."""
    import asyncio
    import datetime as dt

    from sportello.notify.services import send_one

    smtp.start()
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        core = h.runtime.state["notify"]
        core.task.cancel()  # this test is the only sweeper
        host, _ = await staff(h, ["back_office"], email="raced@test.example")
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        await send(
            "ntest.visitor_arrived",
            user_ids=[host],
            params={"visitor": "Race"},
            channels=["email"],
            not_before=later,
        )
        row = await models.Delivery.get(user_id=host)
        await models.Delivery.filter(id=row.id).update(
            next_attempt_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        )
        results = await asyncio.gather(*(send_one(core, row.id) for _ in range(6)))
        assert results.count(True) == 1
        assert len(smtp.messages) == 1
        row = await models.Delivery.get(id=row.id)
        assert (row.status, row.attempts) == (models.SENT, 1)
        assert await models.DeliveryAttempt.filter(delivery_id=row.id).count() == 1


async def test_starttls_with_credentials(sportello_app, tmp_path, monkeypatch) -> None:
    """A server that insists on STARTTLS and a login: the settings' credentials go through
    the upgraded connection; a wrong password is logged as ``auth_failed``."""
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult
    from nthelpers import Collector, self_signed

    from sportello.testing import free_port

    cert, key = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", cert)  # the client trusts this certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        good = auth_data.login == b"desk" and auth_data.password == b"s3cret"
        return AuthResult(success=good, handled=False)

    collector = Collector()
    port = free_port()
    controller = Controller(
        collector,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
    )
    controller.start()
    try:
        for password, expected in (("wrong", "auth_failed"), ("s3cret", None)):
            smtp = {
                "host": "127.0.0.1",
                "port": port,
                "security": "starttls",
                "username": "desk",
                "password": password,
                "sender": "desk@test.example",
                "timeout": 5,
            }
            notify = {"retry_seconds": 60, "sweep_seconds": 0.05}
            async with sportello_app(["ntest"], PLUGINS, smtp=smtp, notify=notify) as h:
                host, _ = await staff(h, ["back_office"], email="tls@test.example")
                await send(
                    "ntest.visitor_arrived",
                    user_ids=[host],
                    params={"visitor": "Tl"},
                    channels=["email"],
                )

                async def settled(host: int = host) -> Any:
                    row = await models.Delivery.get(user_id=host)
                    done = row.status == models.SENT or row.error_class is not None
                    return row if done else None

                row = await eventually(settled)
                assert row.error_class == expected, row.error_class
        assert len(collector.messages) == 1
        assert collector.messages[0]["To"] == "tls@test.example"
    finally:
        controller.stop()
