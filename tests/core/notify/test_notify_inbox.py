"""In-app notifications: each user's inbox, marking read, the live ``notificationReceived``
stream (through graphql-ws, the JavaScript client browsers use), query counts of the lists,
and erasure of a party's notifications."""

from __future__ import annotations

from typing import Any

import ntplugin
import pytest
from jsclients import node_script, require_node
from nthelpers import SmtpServer, consent, eventually, party, send, staff

from sportello.graphql.ids import encode_id
from sportello.notify import models
from sportello.testing import count_queries

PLUGINS = [ntplugin]
INBOX = """
query($n: Int!, $unread: Boolean! = false) {
  notifications(first: $n, unreadOnly: $unread) {
    totalCount
    edges { node { id kind title body read readAt createdAt } }
  }
}
"""
MARK = """
mutation($i: NotificationMarkReadInput!) {
  notificationMarkRead(input: $i) {
    notifications { id read }
    errors { field code message }
  }
}
"""
NODE = "query($id: ID!) { node(id: $id) { ... on Notification { id title } } }"
WAIT = 30.0


@pytest.fixture
def smtp():
    server = SmtpServer()
    ntplugin.reset()
    server.start()
    yield server
    server.stop()


async def inbox(h: Any, token: str, unread: bool = False) -> list[dict[str, Any]]:
    data = await h.ok(INBOX, {"n": 50, "unread": unread}, token=token)
    return [e["node"] for e in data["notifications"]["edges"]]


async def test_each_user_reads_and_marks_their_own_inbox(sportello_app, smtp) -> None:
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        anna, anna_token = await staff(h, ["back_office"], language="it", email="anna@t.example")
        ben, ben_token = await staff(h, ["front_desk"], email="ben@t.example")
        await send("ntest.visitor_arrived", user_ids=[anna], params={"visitor": "Ugo"})
        await send("ntest.visitor_arrived", user_ids=[anna, ben], params={"visitor": "Eva"})

        mine = await inbox(h, anna_token)
        assert [n["title"] for n in mine] == [
            "Il tuo ospite Eva è arrivato",
            "Il tuo ospite Ugo è arrivato",
        ]
        assert all(n["read"] is False and n["readAt"] is None for n in mine)
        [bens] = await inbox(h, ben_token)
        assert bens["title"] == "Your visitor Eva has arrived"

        # Ben cannot mark, nor read, Anna's notification
        denied = await h.ok(MARK, {"i": {"ids": [mine[0]["id"]]}}, token=ben_token)
        assert denied["notificationMarkRead"] == {
            "notifications": None,
            "errors": [{"field": "ids.0", "code": "NOT_FOUND", "message": "Not found."}],
        }
        assert (await h.ok(NODE, {"id": mine[0]["id"]}, token=ben_token))["node"] is None
        assert (await h.ok(NODE, {"id": mine[0]["id"]}, token=anna_token))["node"] is not None

        marked = await h.ok(MARK, {"i": {"ids": [mine[1]["id"]]}}, token=anna_token)
        assert marked["notificationMarkRead"]["errors"] == []
        assert marked["notificationMarkRead"]["notifications"] == [
            {"id": mine[1]["id"], "read": True}
        ]
        unread = await inbox(h, anna_token, unread=True)
        assert [n["id"] for n in unread] == [mine[0]["id"]]
        # typed errors: a malformed id, an empty list, in Italian for an Italian client
        bad = await h.ok(MARK, {"i": {"ids": ["nope"]}}, token=anna_token)
        assert bad["notificationMarkRead"]["errors"][0]["code"] == "INVALID_ID"
        empty = await h.ok(
            MARK, {"i": {"ids": []}}, token=anna_token, headers={"accept-language": "it"}
        )
        assert empty["notificationMarkRead"]["errors"] == [
            {"field": "ids", "code": "REQUIRED", "message": "Campo obbligatorio."}
        ]


async def test_the_inbox_and_the_delivery_log_load_in_fixed_queries(sportello_app, smtp) -> None:
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        user, token = await staff(h, ["admin"], email="counted@t.example")
        for n in range(60):
            await send(
                "ntest.visitor_arrived",
                user_ids=[user],
                params={"visitor": f"V{n}"},
                channels=["email", "in_app"],
            )
        await h.settle()
        # the sweeper and the event dispatcher query in the background: leave them out
        sweeper = h.runtime.state["notify"].task
        sweeper.cancel()
        log = """
        query($n: Int!) { notificationDeliveries(first: $n) { edges { node {
          id kind channel status address subject attempts errorClass userId partyId siteId
          attemptLog { number ok errorClass latencyMs }
        } } } }
        """
        for query, field in ((INBOX, "notifications"), (log, "notificationDeliveries")):
            counts = []
            for size in (1, 50):
                with count_queries() as statements:
                    data = await h.ok(query, {"n": size}, token=token)
                assert len(data[field]["edges"]) == size
                counts.append(
                    len([s for s in statements if "identity_" not in s and "events_" not in s])
                )
            assert counts[0] == counts[1], (field, counts, statements)
            assert counts[0] <= 2, (field, counts, statements)


async def test_notification_received_streams_to_its_user_only(sportello_app, smtp) -> None:
    require_node()
    async with sportello_app(["ntest"], PLUGINS, live=True, **smtp.settings()) as h:
        anna, anna_token = await staff(h, ["back_office"], email="live-anna@t.example")
        ben, _ = await staff(h, ["back_office"], email="live-ben@t.example")
        url = h.base_url.replace("http://", "ws://") + "/graphql"
        query = "subscription { notificationReceived { id kind title read } }"
        async with node_script("subscribe.mjs", url, anna_token, query, "1") as js:
            assert await js.line(WAIT) == {"event": "connected"}
            broker = h.runtime.state["events"].broker
            await eventually(lambda: _async(bool(broker.subscribers)))  # registered, not hoped
            await send("ntest.visitor_arrived", user_ids=[ben], params={"visitor": "Not yours"})
            await send("ntest.visitor_arrived", user_ids=[anna], params={"visitor": "Yours"})
            got = await js.line(WAIT)
            note = await models.Notification.get(user_id=anna)
            assert got == {
                "event": "next",
                "payload": {
                    "data": {
                        "notificationReceived": {
                            "id": encode_id("Notification", note.id),
                            "kind": "ntest.visitor_arrived",
                            "title": "Your visitor Yours has arrived",
                            "read": False,
                        }
                    }
                },
            }, js.lines
            assert await js.line(WAIT) == {"event": "complete"}


async def test_erasing_a_party_erases_its_notifications(sportello_app, smtp) -> None:
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        guest = await party(h, givenName="Eli", familyName="Sand", email="eli@mail.example")
        await consent(h, guest, "notify.email", True)
        await send("ntest.booking_confirmed", party_ids=[guest], params={"day": "9/9"})
        await h.settle()
        gid = encode_id("Party", guest)
        exported = await h.ok("query($id: ID!) { partyDataExport(id: $id) }", {"id": gid})
        rows = exported["partyDataExport"]["offices"]["notify"]["deliveries"]
        assert {(r["channel"], r["address"]) for r in rows} == {
            ("email", "eli@mail.example"),
            ("sms", None),
        }
        erased = await h.ok(
            """mutation($i: PartyEraseInput!) {
                 partyErase(input: $i) { reports { plugin erased } errors { code } } }""",
            {"i": {"id": gid}},
        )
        reports = {r["plugin"]: r["erased"] for r in erased["partyErase"]["reports"]}
        assert "notify_delivery.address" in reports["notify"]
        rows = await models.Delivery.filter(party_id=guest).values("address", "subject", "body")
        assert rows and all(r["address"] is None for r in rows)
        assert all(
            "Eli" not in r["body"] and r["subject"] != "Your booking is confirmed" for r in rows
        )


async def _async(value: Any) -> Any:
    return value
