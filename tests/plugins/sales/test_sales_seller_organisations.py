"""Each organisation sells under its own name: an invoice's PDF and FatturaPA XML show the
issuing organisation's billing data, frozen at issue; a document of no organisation, or of one
without a billing profile, shows the settings' seller."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from sales_setup import MODULES, PLUGINS, issued, party
from test_sales_documents_api import BILLING, DOCUMENTS, HOTEL, pdf_text

from sportello import api
from sportello_sales.services import _common
from sportello_sales.services.documents.fatturapa import validate_fatturapa
from sportello_sales.settings import SalesSettings

LINE = [{"description": "Consulting", "unitPrice": "100", "quantity": "1", "taxCode": "IT22"}]
ORGANISATIONS = {
    "Terme di Saturnia S.p.A.": {
        "vatId": "02345678901",
        "street": "Via della Follonata 1",
        "postcode": "58014",
        "city": "Manciano",
        "province": "GR",
    },
    "Lago Maggiore Resort S.r.l.": {
        "vatId": "03456789012",
        "street": "Corso Umberto I 20",
        "postcode": "28838",
        "city": "Stresa",
        "province": "VB",
    },
}


async def _organisation(h: Any, name: str, profile: dict[str, str] | None) -> str:
    row = await api.PartyModel.create(kind="organisation", display_name=name, legal_name=name)
    gid = str(api.encode_id("Party", row.id))
    if profile is not None:
        data = {"partyId": gid, "kind": "COMPANY", "name": name, "country": "IT", **profile}
        made = await h.ok(BILLING, {"i": data})
        assert made["billingProfileSet"]["errors"] == [], made
    return gid


def _seller(xml: str) -> tuple[str | None, str | None, str | None]:
    root = ET.fromstring(xml)
    seller = root.find("FatturaElettronicaHeader/CedentePrestatore")
    assert seller is not None
    return (
        seller.findtext("DatiAnagrafici/Anagrafica/Denominazione"),
        seller.findtext("DatiAnagrafici/IdFiscaleIVA/IdCodice"),
        seller.findtext("Sede/Comune"),
    )


async def _documents(h: Any, invoice_id: str) -> tuple[str, str]:
    node = (await h.ok(DOCUMENTS, {"id": invoice_id}))["node"]
    xml = node["fatturapaXml"]
    assert xml is not None
    assert validate_fatturapa(xml.encode()) == []
    response = await h.client.get(node["pdfUrl"])
    assert response.status_code == 200
    return xml, " ".join(pdf_text(response.content).split())


async def test_each_organisation_sells_under_its_own_billing_data(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        _common.configure(SalesSettings(seller=HOTEL))
        buyer = await party(h, "Giulia Verdi")
        sellers = {name: await _organisation(h, name, data) for name, data in ORGANISATIONS.items()}
        bare = await _organisation(h, "Ostello Sole", None)
        for name, org in sellers.items():
            invoice = await issued(h, buyer, LINE, organisationId=org)
            xml, text = await _documents(h, invoice["id"])
            profile = ORGANISATIONS[name]
            assert _seller(xml) == (name, profile["vatId"], profile["city"])
            assert name in text and profile["vatId"] in text and profile["street"] in text
            assert HOTEL.name not in text and HOTEL.vat_id not in xml
            # Each organisation numbers its own invoices.
            assert invoice["number"].endswith("/FT/000001")
        # No organisation, or one without a billing profile: the settings' seller.
        for kw in ({}, {"organisationId": bare}):
            invoice = await issued(h, buyer, LINE, **kw)
            xml, text = await _documents(h, invoice["id"])
            assert _seller(xml) == (HOTEL.name, HOTEL.vat_id, HOTEL.city)
            assert HOTEL.name in text


async def test_the_seller_is_frozen_at_issue(sportello_app: Callable[..., Any]) -> None:
    """The organisation moves after an invoice was issued: that invoice keeps the address it
    was issued with; the next one shows the new address."""
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        _common.configure(SalesSettings(seller=HOTEL))
        buyer = await party(h, "Giulia Verdi")
        name = "Terme di Saturnia S.p.A."
        old = ORGANISATIONS[name]
        org = await _organisation(h, name, old)
        before = await issued(h, buyer, LINE, organisationId=org)
        moved = {**old, "street": "Via Aurelia 5", "postcode": "58100", "city": "Grosseto"}
        data = {"partyId": org, "kind": "COMPANY", "name": name, "country": "IT", **moved}
        changed = await h.ok(BILLING, {"i": data})
        assert changed["billingProfileSet"]["errors"] == [], changed
        after = await issued(h, buyer, LINE, organisationId=org)
        xml, text = await _documents(h, before["id"])
        assert _seller(xml) == (name, old["vatId"], "Manciano")
        assert old["street"] in text and "Via Aurelia" not in text
        xml, text = await _documents(h, after["id"])
        assert _seller(xml) == (name, old["vatId"], "Grosseto")
        assert "Via Aurelia 5" in text
