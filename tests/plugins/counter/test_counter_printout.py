"""The kiosk's printed ticket: a PDF page and ESC/POS bytes for thermal printers, in the
caller's language, with the tickets ahead and the estimated wait."""

from __future__ import annotations

import base64

import pytest
from counter_helpers import MODULES, issue, office

PRINT = """
query($id: ID!, $f: TicketPrintFormat!) {
  queueTicketPrint(id: $id, format: $f) { contentType filename data }
}
"""
LABELS = {
    "en": ("Your number", "Ahead of you: 1", "Estimated wait: 10 min"),
    "it": ("Il suo numero", "Persone prima di lei: 1", "Attesa stimata: 10 min"),
    "es": ("Su número", "Personas delante: 1", "Espera estimada: 10 min"),
    "el": ("Ο αριθμός σας", "Πριν από εσάς: 1", "Εκτιμώμενη αναμονή: 10 λεπτά"),
}


@pytest.mark.parametrize("lang", sorted(LABELS))
async def test_a_kiosk_prints_the_ticket(sportello_app, lang) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h, service_minutes=10)
        a = setup["services"]["A"]
        await issue(h, a)
        ticket = (await issue(h, a))["ticket"]["id"]
        kiosk = await h.token(roles=["kiosk"])
        header = {"accept-language": lang}
        pdf = (await h.ok(PRINT, {"id": ticket, "f": "PDF"}, token=kiosk, headers=header))[
            "queueTicketPrint"
        ]
        assert pdf["contentType"] == "application/pdf"
        assert pdf["filename"].endswith("-A002.pdf")
        data = base64.b64decode(pdf["data"])
        assert data.startswith(b"%PDF-") and b"DejaVu" in data  # a Unicode font for Greek
        raw = (await h.ok(PRINT, {"id": ticket, "f": "ESCPOS"}, token=kiosk, headers=header))[
            "queueTicketPrint"
        ]
        assert raw["contentType"] == "application/vnd.escpos"
        printed = base64.b64decode(raw["data"])
        assert b"A002" in printed and printed.endswith(b"\x1dV\x00")  # the number, then a cut
        assert b"\x1b!0" in printed  # double height and width for the number

        # The lines themselves (the service behind the query), in the caller's language.
        from sportello import api
        from sportello_counter.services import printout

        def t(key: str, **params: object) -> str:
            return h.runtime.catalog.gettext(key, lang, **params)

        _, text = await printout.ticket_text(
            api.SYSTEM, int(api.decode_id(ticket, "QueueTicket", "id")), t
        )
        assert (text.title, text.number, text.service) == (LABELS[lang][0], "A002", "Service A")
        assert (text.ahead, text.wait) == LABELS[lang][1:]
        assert text.office == "Comune COMUNE"
        if lang == "it":
            assert b"Il suo numero" in printed
        # Without counter.issue, nothing is printed; another site's ticket is not found.
        denied = await h.gql(PRINT, {"id": ticket, "f": "PDF"}, as_="back_office")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
