"""Follow-ups made by other offices' events are promotional contacts: only for parties whose
latest word on marketing is yes, one open at a time per party; a sale brings one too."""

from __future__ import annotations

from crm_helpers import party, pk, site

from sportello import api

ACTIVITIES = """
{ activities(first: 50, done: false) { edges { node { title kind party { id } } } } }
"""
CONSENT = """
mutation($i: PartyConsentSetInput!) { partyConsentSet(input: $i) { errors { code } } }
"""


async def _publish(name: str, payload: dict, site_id: int | None, n: int) -> None:
    async with api.atomic():
        await api.publish(name, payload, aggregate=f"test:{n}", site_id=site_id)


async def _open(h) -> list[tuple[str, str]]:
    edges = (await h.ok(ACTIVITIES))["activities"]["edges"]
    return sorted((e["node"]["title"], e["node"]["party"]["id"]) for e in edges)


async def test_only_consenting_parties_get_a_follow_up_and_one_at_a_time(sportello_app) -> None:
    async with sportello_app(["reception", "lodging", "crm"]) as h:
        hq = pk(await site(h))
        yes = await party(h, "Anna Yes", consents=[{"purpose": "marketing", "granted": True}])
        never = await party(h, "Bruno Never")
        withdrew = await party(
            h, "Carla Withdrew", consents=[{"purpose": "marketing", "granted": True}]
        )
        await h.ok(CONSENT, {"i": {"partyId": withdrew, "purpose": "marketing", "granted": False}})
        for n, guest in enumerate((yes, never, withdrew, yes)):
            payload = {"reservation_id": n, "room_id": 3, "guest_party_id": pk(guest)}
            await _publish("lodging.reservation.checked_out", payload, hq, n)
        await h.settle()
        # Anna's second checkout finds her first follow-up still open: still one.
        assert await _open(h) == [("Ask how the stay went", yes)]


async def test_an_issued_invoice_brings_a_follow_up_when_sales_is_on(sportello_app) -> None:
    from sportello_crm.models import Activity

    async with sportello_app(["sales", "crm"]) as h:
        names = set(h.runtime.state["events"].handlers)
        assert "crm.follow_up.sales.invoice.issued" in names
        hq = pk(await site(h))
        buyer = await party(h, "Dario Buyer", consents=[{"purpose": "marketing", "granted": True}])
        other = await party(h, "Elena Other")
        for n, who in enumerate((buyer, other)):
            await _publish("sales.invoice.issued", _issued(n, pk(who)), None, n)
        await h.settle()
        assert await _open(h) == [("Ask how the purchase went", buyer)]
        activity = await Activity.get(party_id=pk(buyer))
        assert activity.site_id == hq  # an invoice has no site: the desk's site


def _issued(n: int, party_id: int) -> dict:
    return {
        "invoice_id": 100 + n,
        "kind": "invoice",
        "number": f"2026/FT/{n:06d}",
        "series": "FT",
        "year": 2026,
        "issue_date": "2026-12-01",
        "due_date": None,
        "party_id": party_id,
        "currency": "EUR",
        "exchange_rate": "1",
        "company_currency": "EUR",
        "net_total": "100.00",
        "tax_total": "22.00",
        "total": "122.00",
        "taxes": [],
        "categories": [],
    }
