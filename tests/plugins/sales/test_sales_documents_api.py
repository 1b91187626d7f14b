"""An issued invoice's documents through the API: the FatturaPA XML (validated against the
official schema) and the PDF behind its signed link, in the reader's language."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from pypdf import PdfReader
from sales_setup import MODULES, PAYMENT_REGISTER, PLUGINS, draft, hotel_catalogue, issued, party

from sportello import api
from sportello_sales.services import _common
from sportello_sales.services.documents import formatting
from sportello_sales.services.documents.fatturapa import validate_fatturapa
from sportello_sales.services.invoices import links
from sportello_sales.settings import SalesSettings, Seller

BILLING = """
mutation($i: BillingProfileSetInput!) {
  billingProfileSet(input: $i) { errors { field code message } }
}
"""
DOCUMENTS = """
query($id: ID!, $lang: String) {
  node(id: $id) { ... on Invoice { id number status total fatturapaXml pdfUrl(language: $lang) } }
}
"""
STAY = [
    {"chargeCode": "ROOM_NIGHT", "quantity": "3"},
    {"chargeCode": "MINIBAR", "quantity": "2"},
    {"chargeCode": "CITY_TAX", "quantity": "3"},
]
HOTEL = Seller(
    name="Hotel Bellavista S.r.l.",
    vat_id="01234567890",
    street="Via Nazionale 12",
    postcode="00184",
    city="Roma",
    province="RM",
    country="IT",
)


def pdf_text(body: bytes) -> str:
    assert body.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(body), strict=True)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace("\xa0", " ").replace("\u202f", " ")


async def _company(h: Any) -> str:
    company = await party(h, "Acme Viaggi S.p.A.")
    data = await h.ok(
        BILLING,
        {
            "i": {
                "partyId": company,
                "kind": "COMPANY",
                "name": "Acme Viaggi S.p.A.",
                "vatId": "09876543210",
                "street": "Corso Buenos Aires 1",
                "postcode": "20124",
                "city": "Milano",
                "province": "MI",
                "country": "IT",
                "sdiCode": "ABC1234",
            }
        },
    )
    assert data["billingProfileSet"]["errors"] == []
    return company


async def _hotel_invoice(h: Any) -> dict[str, Any]:
    await hotel_catalogue(h)
    company = await _company(h)
    invoice = await issued(h, company, STAY, pricesIncludeTax=True)
    paid = await h.ok(
        PAYMENT_REGISTER, {"i": {"invoiceId": invoice["id"], "amount": "100.00", "method": "card"}}
    )
    assert paid["paymentRegister"]["errors"] == []
    return invoice


async def test_fatturapa_of_an_issued_hotel_invoice_validates(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        _common.configure(SalesSettings(seller=HOTEL))
        invoice = await _hotel_invoice(h)
        node = (await h.ok(DOCUMENTS, {"id": invoice["id"]}))["node"]
        xml = node["fatturapaXml"]
        assert xml is not None
        assert validate_fatturapa(xml.encode()) == []
        assert f"<Numero>{invoice['number']}</Numero>" in xml
        assert "<ImportoTotaleDocumento>352.70</ImportoTotaleDocumento>" in xml
        assert "<IdCodice>09876543210</IdCodice>" in xml
        assert "<CodiceDestinatario>ABC1234</CodiceDestinatario>" in xml
        # The seller is frozen at issue: a later change of the settings changes nothing.
        _common.configure(SalesSettings(seller=Seller(name="Other", country="ES")))
        again = (await h.ok(DOCUMENTS, {"id": invoice["id"]}))["node"]
        assert again["fatturapaXml"] == xml


async def test_no_fatturapa_for_a_foreign_seller_nor_documents_for_a_draft(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        _common.configure(SalesSettings(seller=HOTEL.model_copy(update={"country": "ES"})))
        await hotel_catalogue(h)
        guest = await party(h)
        foreign = await issued(h, guest, STAY)
        node = (await h.ok(DOCUMENTS, {"id": foreign["id"]}))["node"]
        assert node["fatturapaXml"] is None
        assert node["pdfUrl"] is not None
        made = await draft(h, guest, STAY)
        node = (await h.ok(DOCUMENTS, {"id": made["invoice"]["id"]}))["node"]
        assert (node["status"], node["number"], node["fatturapaXml"], node["pdfUrl"]) == (
            "DRAFT",
            None,
            None,
            None,
        )
        # Even a correctly signed link to a draft finds no document.
        response = await h.client.get(links.pdf_url(_pk(made["invoice"]["id"]), "en"))
        assert response.status_code == 404


def _pk(gid: str) -> int:
    return api.decode_id(gid, "Invoice", "id")


async def test_pdf_link_serves_the_language_and_refuses_the_unauthorised(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        _common.configure(SalesSettings(seller=HOTEL))
        invoice = await _hotel_invoice(h)
        number = invoice["number"]
        # The requester's language (Accept-Language) by default, or the one asked for.
        for language, header in (("it", "it-IT,it;q=0.9"), ("el", "el"), ("en", "en-GB")):
            data = await h.ok(DOCUMENTS, {"id": invoice["id"]}, headers={"accept-language": header})
            url = data["node"]["pdfUrl"]
            assert parse_qs(urlsplit(url).query)["lang"] == [language]
            response = await h.client.get(url)
            assert response.status_code == 200, response.text
            assert response.headers["content-type"] == "application/pdf"
            text = pdf_text(response.content)
            assert number in text
            total = formatting.money(Decimal(invoice["total"]), "EUR", language)
            assert total.replace("\xa0", " ").replace("\u202f", " ") in text
        es = (await h.ok(DOCUMENTS, {"id": invoice["id"], "lang": "es"}))["node"]["pdfUrl"]
        assert "352,70 €" in pdf_text((await h.client.get(es)).content)

        # Without sales.view there is no link at all.
        anonymous = await h.gql(DOCUMENTS, {"id": invoice["id"]}, as_=None)
        assert not (anonymous.get("data") or {}).get("node")
        # A link altered, re-targeted, stripped or expired is refused.
        parts = urlsplit(es)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        pk = _pk(invoice["id"])
        tampered = [
            f"{parts.path}?{urlencode({**query, 'lang': 'en'})}",
            f"{parts.path}?{urlencode({**query, 'expires': int(query['expires']) + 3600})}",
            f"{parts.path}?{urlencode({**query, 'sig': '0' * 64})}",
            parts.path.replace(str(pk), str(pk + 1)) + f"?{parts.query}",
            parts.path,
            links.pdf_url(pk, "en", now=time.time() - 3600),
        ]
        for url in tampered:
            response = await h.client.get(url)
            assert response.status_code == 403, url
            assert not response.content.startswith(b"%PDF")


CREDIT_NOTE = """
mutation($i: CreditNoteCreateInput!) {
  creditNoteCreate(input: $i) { creditNote { id } errors { field code } }
}
"""
ISSUE = """
mutation($i: InvoiceIssueInput!) {
  invoiceIssue(input: $i) { invoice { id number total } errors { field code } }
}
"""
LINES = "query($id: ID!) { node(id: $id) { ... on Invoice { issueDate lines { id chargeCode } } } }"


async def test_a_credit_note_s_documents_reference_the_invoice_it_corrects(
    sportello_app: Callable[..., Any],
) -> None:
    """Through the API: the credit note of one minibar item is a TD04 (valid against the
    official schema) naming the corrected invoice, and its PDF says so in each language."""
    import xml.etree.ElementTree as ET

    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        _common.configure(SalesSettings(seller=HOTEL))
        invoice = await _hotel_invoice(h)
        original = (await h.ok(LINES, {"id": invoice["id"]}))["node"]
        (minibar,) = (x["id"] for x in original["lines"] if x["chargeCode"] == "MINIBAR")
        credit = {
            "invoiceId": invoice["id"],
            "lines": [{"invoiceLineId": minibar, "quantity": "1"}],
        }
        made = (await h.ok(CREDIT_NOTE, {"i": credit}))["creditNoteCreate"]
        assert made["errors"] == [], made
        out = (await h.ok(ISSUE, {"i": {"id": made["creditNote"]["id"]}}))["invoiceIssue"]
        assert out["errors"] == [], out
        note = out["invoice"]
        assert note["number"].split("/")[1] == "NC" and note["total"] == "6.10"

        node = (await h.ok(DOCUMENTS, {"id": note["id"]}))["node"]
        xml = node["fatturapaXml"]
        assert xml is not None and validate_fatturapa(xml.encode()) == []
        root = ET.fromstring(xml.encode())
        for element in root.iter():  # the namespace of the root only: strip it
            element.tag = element.tag.rpartition("}")[2]
        general = "FatturaElettronicaBody/DatiGenerali"
        assert root.findtext(f"{general}/DatiGeneraliDocumento/TipoDocumento") == "TD04"
        assert root.findtext(f"{general}/DatiGeneraliDocumento/Numero") == note["number"]
        assert root.findtext(f"{general}/DatiGeneraliDocumento/ImportoTotaleDocumento") == "6.10"
        assert root.findtext(f"{general}/DatiFattureCollegate/IdDocumento") == invoice["number"]
        assert root.findtext(f"{general}/DatiFattureCollegate/Data") == original["issueDate"]

        for language, title, corrects in (
            ("it", "Nota di credito", "Rettifica la fattura"),
            ("en", "Credit note", "Corrects invoice"),
            ("es", "Factura rectificativa", "Rectifica la factura"),
            ("el", "Πιστωτικό τιμολόγιο", "Διορθώνει το τιμολόγιο"),
        ):
            data = await h.ok(DOCUMENTS, {"id": note["id"], "lang": language})
            response = await h.client.get(data["node"]["pdfUrl"])
            assert response.status_code == 200, response.text
            assert response.headers["content-type"] == "application/pdf"
            text = " ".join(pdf_text(response.content).split())  # wrapped, justified lines
            assert title in text and note["number"] in text, (language, text)
            assert f"{corrects} {invoice['number']}" in text, (language, text)
