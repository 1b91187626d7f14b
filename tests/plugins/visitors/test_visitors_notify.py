"""The host hears of their visitor's arrival: an email through a real SMTP server, in the host's
language, and an in-app notification when the host has a login."""

from __future__ import annotations

import asyncio

from test_visitors_visits import CHECK_IN, MODULES, PLAN, SITE, now

PARTY = """
mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }
"""
KIND = """
mutation($i: NotificationKindSettingUpdateInput!) {
  notificationKindSettingUpdate(input: $i) { errors { field code } }
}
"""
DELIVERIES = """
{ notificationDeliveries(first: 20) { edges { node { kind channel status address language } } } }
"""


async def _visit(h, site: str, host: str, name: str) -> str:
    plan = {"siteId": site, "hostId": host, "visitorName": name, "expectedAt": now()}
    data = await h.ok(PLAN, {"i": {**plan, "company": "ACME"}}, as_="front_desk")
    assert data["visitPlan"]["errors"] == [], data
    return data["visitPlan"]["visit"]["id"]


async def test_check_in_emails_the_host_in_their_language(sportello_app, mail_server) -> None:
    async with sportello_app(MODULES, **mail_server.settings()) as h:
        site = {"code": "HQ", "name": "Sede centrale", "timezone": "Europe/Rome"}
        site_id = (await h.ok(SITE, {"i": site}))["siteCreate"]["site"]["id"]
        host = {
            "displayName": "Giulia Bianchi",
            "email": "giulia@test.example",
            "preferredLanguage": "it",
        }
        host_id = (await h.ok(PARTY, {"i": host}))["partyCreate"]["party"]["id"]
        visit = await _visit(h, site_id, host_id, "Anna Schmidt")
        # Planning tells nobody; the check-in does, after its commit.
        await asyncio.sleep(0.3)
        assert mail_server.messages == []
        await h.ok(CHECK_IN, {"i": {"id": visit, "badgeNumber": "B7"}}, as_="front_desk")
        [msg] = await mail_server.received(1)
        assert msg["To"] == "giulia@test.example"
        assert msg["Subject"] == "Il tuo visitatore Anna Schmidt è arrivato"
        assert msg.get_content().strip() == (
            "Anna Schmidt (ACME) ti aspetta alla reception di Sede centrale (badge B7)."
        )
        # The server took the message; the log says so once the sender recorded it.
        log = []
        for _ in range(200):
            log = [e["node"] for e in (await h.ok(DELIVERIES))["notificationDeliveries"]["edges"]]
            if log and log[0]["status"] != "QUEUED":
                break
            await asyncio.sleep(0.05)
        assert [(d["kind"], d["channel"], d["status"], d["language"]) for d in log] == [
            ("visitors.visitor_arrived", "EMAIL", "SENT", "it")
        ]

        # Switched off at the site: the next arrival tells nobody.
        await h.ok(
            KIND, {"i": {"kind": "visitors.visitor_arrived", "siteId": site_id, "enabled": False}}
        )
        second = await _visit(h, site_id, host_id, "Luca Verdi")
        await h.ok(CHECK_IN, {"i": {"id": second, "badgeNumber": "B8"}}, as_="front_desk")
        await asyncio.sleep(0.5)
        assert len(mail_server.messages) == 1


async def test_a_host_who_withdrew_email_consent_gets_no_email(sportello_app, mail_server) -> None:
    async with sportello_app(MODULES, **mail_server.settings()) as h:
        site = {"code": "HQ", "name": "Headquarters", "timezone": "UTC"}
        site_id = (await h.ok(SITE, {"i": site}))["siteCreate"]["site"]["id"]
        host = {
            "displayName": "Marco Rossi",
            "email": "marco@test.example",
            "consents": [{"purpose": "notify.email", "granted": False}],
        }
        host_id = (await h.ok(PARTY, {"i": host}))["partyCreate"]["party"]["id"]
        visit = await _visit(h, site_id, host_id, "Eva Novak")
        checked = await h.ok(CHECK_IN, {"i": {"id": visit, "badgeNumber": "B1"}}, as_="front_desk")
        assert checked["visitCheckIn"]["errors"] == []
        await asyncio.sleep(0.5)
        assert mail_server.messages == []
        log = [e["node"] for e in (await h.ok(DELIVERIES))["notificationDeliveries"]["edges"]]
        assert [d["status"] for d in log if d["channel"] == "EMAIL"] == ["SKIPPED"]
