"""Every message a client shows comes in its language (``Accept-Language``): the core's
permission and cost refusals, the counter's status words and the refusals that name them."""

from __future__ import annotations

import pytest
from counter_helpers import ISSUE, MODULES, call, issue, office, release, ticket_mutation

LANGUAGES = {
    "en": (
        "Permission denied: counter.issue required",
        "Query cost {cost} exceeds the limit of {maxCost}.",
        "served",
        "This ticket is served: this is not possible now.",
    ),
    "it": (
        "Permesso negato: serve counter.issue.",
        "Il costo della query, {cost}, supera il limite di {maxCost}.",
        "servito",
        "Questo biglietto è servito: ora non è possibile.",
    ),
    "es": (
        "Permiso denegado: se requiere counter.issue.",
        "El coste de la consulta, {cost}, supera el límite de {maxCost}.",
        "atendido",
        "Este turno está atendido: ahora no es posible.",
    ),
    "el": (
        "Δεν επιτρέπεται: απαιτείται το δικαίωμα counter.issue.",
        "Το κόστος του ερωτήματος, {cost}, υπερβαίνει το όριο των {maxCost}.",
        "εξυπηρετήθηκε",
        "Το εισιτήριο είναι σε κατάσταση «εξυπηρετήθηκε»: αυτό δεν είναι δυνατό τώρα.",
    ),
}
TICKET = """
query($id: ID!) { node(id: $id) { ... on QueueTicket { status statusLabel } } }
"""
#: Twelve full pages: over a cost limit of 1,000 however lists are costed.
_PAGES = " ".join(
    f"l{n}: queueTickets(first: 100) {{ edges {{ node {{ id }} }} }}" for n in range(12)
)
LIST = "{ " + _PAGES + " }"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
async def test_refusals_and_status_words_in_the_clients_language(sportello_app, lang) -> None:
    """Regression: permission and cost errors and status words stayed English."""
    denied, cost, word, refusal = LANGUAGES[lang]
    header = {"accept-language": f"{lang},en;q=0.5"}
    async with sportello_app(MODULES, graphql={"max_cost": 1000}) as h:
        setup = await office(h)
        a, desk = setup["services"]["A"], setup["counters"][0]
        refused = await h.gql(ISSUE, {"i": {"serviceId": a}}, as_="back_office", headers=header)
        [error] = refused["errors"]
        assert error["extensions"]["code"] == "PERMISSION_DENIED"
        assert error["message"] == denied
        too_big = await h.gql(LIST, headers=header)
        [error] = too_big["errors"]
        assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
        assert error["extensions"]["maxCost"] == 1000
        assert error["message"] == cost.format(**error["extensions"])

        ticket = (await issue(h, a))["ticket"]["id"]
        await call(h, desk)
        await release(h, ticket, as_="front_desk")
        seen = await h.ok(TICKET, {"id": ticket}, headers=header)
        assert seen["node"] == {"status": "DONE", "statusLabel": word}
        again = await h.ok(
            ticket_mutation("queueTicketCancel"), {"i": {"ticketId": ticket}}, headers=header
        )
        assert again["queueTicketCancel"]["errors"] == [
            {"field": "ticketId", "code": "INVALID_TRANSITION", "message": refusal}
        ]
