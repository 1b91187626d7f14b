"""Interactions on every channel, linked to other offices' objects, the desk's inbox."""

from __future__ import annotations

from crm_helpers import (
    HANDLE,
    INTERACTION,
    LOG,
    MODULES,
    codes,
    ok_payload,
    party,
    site,
)

from sportello.testing import count_queries

PARTY_TIMELINE = f"""
query($id: ID!, $n: Int) {{ node(id: $id) {{ ... on Party {{
  interactions(first: $n) {{ totalCount edges {{ node {{ {INTERACTION} }} }} }}
}} }} }}
"""
INBOX = f"""
query($n: Int) {{ interactionInbox(first: $n) {{ totalCount edges {{ node {{ {INTERACTION} }} }} }} }}
"""
LIST = f"""
query($n: Int, $c: Channel) {{
  interactions(first: $n, channel: $c) {{ edges {{ node {{ {INTERACTION} }} }} }}
}}
"""


async def test_a_party_timeline_across_channels_and_the_inbox(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        maria = await party(h, "Maria Rossi", email="maria@test.example")
        calls = [
            {"channel": "PHONE", "filterNote": "Asks about her tax bill, for Tributi"},
            {"channel": "EMAIL", "subject": "Tax bill", "body": "Why so high?"},
            {"channel": "COUNTER", "subject": "Brought the receipt", "handled": True},
            {"channel": "WEB", "subject": "Form: change of address"},
            {"channel": "CHAT", "body": "Hello?"},
            {"channel": "LETTER", "subject": "Registered letter"},
            {"channel": "SOCIAL", "body": "Mentioned us on a social network"},
            {"channel": "EMAIL", "direction": "OUT", "subject": "Re: Tax bill"},
        ]
        for n, extra in enumerate(calls):
            at = f"2026-12-03T{9 + n:02d}:00:00+00:00"
            logged = await ok_payload(
                h,
                LOG,
                "interactionLog",
                {"siteId": hq, "partyId": maria, "occurredAt": at, **extra},
                as_="front_desk",
            )
            assert logged["interaction"]["party"]["id"] == maria

        data = await h.ok(PARTY_TIMELINE, {"id": maria, "n": 20}, as_="front_desk")
        timeline = data["node"]["interactions"]
        assert timeline["totalCount"] == 8
        nodes = [e["node"] for e in timeline["edges"]]
        # Newest first, every channel, the switchboard's note kept.
        assert [n["channel"] for n in nodes] == [
            "EMAIL",
            "SOCIAL",
            "LETTER",
            "CHAT",
            "WEB",
            "COUNTER",
            "EMAIL",
            "PHONE",
        ]
        assert nodes[-1]["filterNote"] == "Asks about her tax bill, for Tributi"
        assert nodes[0]["direction"] == "OUT"

        # The inbox: inbound, not handled, oldest first (the counter visit was handled and
        # the outgoing email needs no handling).
        inbox = (await h.ok(INBOX, {"n": 20}, as_="front_desk"))["interactionInbox"]
        assert inbox["totalCount"] == 6
        first = inbox["edges"][0]["node"]
        assert first["channel"] == "PHONE" and first["handled"] is False
        handled = await ok_payload(h, HANDLE, "interactionHandle", {"id": first["id"]})
        assert handled["interaction"]["handled"] is True
        again = (await h.ok(HANDLE, {"i": {"id": first["id"]}}))["interactionHandle"]
        assert codes(again) == [("id", "ALREADY_HANDLED")]
        inbox = (await h.ok(INBOX, {"n": 20}, as_="front_desk"))["interactionInbox"]
        assert inbox["totalCount"] == 5

        emails = (await h.ok(LIST, {"n": 10, "c": "EMAIL"}))["interactions"]["edges"]
        assert len(emails) == 2


async def test_an_interaction_links_to_any_office_object_by_global_id(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        other = await site(h, "B2")
        maria = await party(h)
        logged = await ok_payload(
            h,
            LOG,
            "interactionLog",
            {"siteId": hq, "partyId": maria, "channel": "PHONE", "links": [{"objectId": other}]},
        )
        assert logged["interaction"]["links"] == [{"objectType": "Site", "objectId": other}]

        # An id naming nothing, a type that is not a node, garbage: typed errors, nothing kept.
        for bad in ("U2l0ZTo5OTk=", "Tm9wZTox", "not-an-id"):
            refused = (
                await h.ok(
                    LOG,
                    {
                        "i": {
                            "siteId": hq,
                            "channel": "PHONE",
                            "partyId": maria,
                            "links": [{"objectId": bad}],
                        }
                    },
                )
            )["interactionLog"]
            assert codes(refused) == [("links", "UNKNOWN_OBJECT")], bad
        # A clerk of one site cannot link an object of another (it is not found for them).
        clerk = await h.token(roles=["front_desk"], sites=[_pk(hq)])
        refused = (
            await h.ok(
                LOG,
                {
                    "i": {
                        "siteId": hq,
                        "channel": "PHONE",
                        "subject": "x",
                        "links": [{"objectId": other}],
                    }
                },
                token=clerk,
            )
        )["interactionLog"]
        assert codes(refused) == [("links", "UNKNOWN_OBJECT")]


def _pk(global_id: str) -> int:
    from crm_helpers import pk

    return pk(global_id)


async def test_bad_input_is_typed_and_writes_nothing(sportello_app) -> None:
    from sportello_crm.models import Interaction

    async with sportello_app(MODULES) as h:
        hq = await site(h)
        empty = (await h.ok(LOG, {"i": {"siteId": hq, "channel": "PHONE"}}))["interactionLog"]
        assert codes(empty) == [("subject", "REQUIRED")]
        long = (await h.ok(LOG, {"i": {"siteId": hq, "channel": "PHONE", "subject": "x" * 201}}))[
            "interactionLog"
        ]
        assert codes(long) == [("subject", "TOO_LONG")]
        bad_party = (await h.ok(LOG, {"i": {"siteId": hq, "channel": "PHONE", "partyId": hq}}))[
            "interactionLog"
        ]
        assert codes(bad_party) == [("partyId", "INVALID_ID")]
        assert await Interaction.all().count() == 0


async def test_lists_cost_the_same_sql_at_page_sizes_1_and_50(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        maria = await party(h)
        for n in range(50):
            await ok_payload(
                h,
                LOG,
                "interactionLog",
                {
                    "siteId": hq,
                    "partyId": maria,
                    "channel": "PHONE",
                    "subject": f"call {n}",
                    "links": [{"objectId": hq}],
                },
            )
        token = await h.token(roles=["front_desk"])
        await h.settle()
        counts = {}
        for query, variables in ((LIST, {}), (INBOX, {}), (PARTY_TIMELINE, {"id": maria})):
            await h.ok(query, {**variables, "n": 1}, token=token)  # the token is looked up
            for size in (1, 50):
                with count_queries() as statements:
                    await h.ok(query, {**variables, "n": size}, token=token)
                counts[(query, size)] = len(statements)
            assert counts[(query, 1)] == counts[(query, 50)], counts
