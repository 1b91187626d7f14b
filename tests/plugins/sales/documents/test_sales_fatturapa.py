"""The FatturaPA XML of sales documents, checked against the official 1.2.2 schema."""

from __future__ import annotations

import socket
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from sales_document_samples import GUEST, HOTEL, hotel_invoice, minibar_credit_note

from sportello_sales.services.documents import fatturapa
from sportello_sales.services.documents.fatturapa import render_fatturapa, validate_fatturapa
from sportello_sales.services.documents.model import Address, DocLine, DocTax

D = Decimal


def texts(root: ET.Element, path: str) -> list[str | None]:
    return [element.text for element in root.findall(path)]


def test_the_hotel_invoice_validates_against_the_official_schema() -> None:
    xml = render_fatturapa(hotel_invoice())
    assert validate_fatturapa(xml) == []
    root = ET.fromstring(xml)
    assert root.tag == f"{{{fatturapa.NAMESPACE}}}FatturaElettronica"
    assert root.get("versione") == "FPR12"
    header = "FatturaElettronicaHeader"
    assert root.findtext(f"{header}/DatiTrasmissione/CodiceDestinatario") == "0000000"
    seller = f"{header}/CedentePrestatore/DatiAnagrafici"
    assert root.findtext(f"{seller}/IdFiscaleIVA/IdCodice") == "01234567897"
    assert root.findtext(f"{seller}/RegimeFiscale") == "RF01"
    buyer = f"{header}/CessionarioCommittente/DatiAnagrafici"
    assert root.findtext(f"{buyer}/CodiceFiscale") == "RSSMRA80A01H501U"
    assert texts(root, f"{buyer}/Anagrafica/*") == ["Mario", "Rossi"]
    general = "FatturaElettronicaBody/DatiGenerali/DatiGeneraliDocumento"
    assert root.findtext(f"{general}/TipoDocumento") == "TD01"
    assert root.findtext(f"{general}/Divisa") == "EUR"
    assert root.findtext(f"{general}/Data") == "2027-03-14"
    assert root.findtext(f"{general}/Numero") == "2027/FT/000123"
    assert root.findtext(f"{general}/ImportoTotaleDocumento") == "1307.97"
    goods = "FatturaElettronicaBody/DatiBeniServizi"
    assert texts(root, f"{goods}/DettaglioLinee/PrezzoTotale") == ["1125.00", "13.50", "54.00"]
    assert texts(root, f"{goods}/DettaglioLinee/AliquotaIVA") == ["10.00", "22.00", "0.00"]
    # The city tax is out of the scope of VAT (art. 15): nature N1, on the line and in the summary.
    assert texts(root, f"{goods}/DettaglioLinee/Natura") == ["N1"]
    summary = [
        (r.findtext("AliquotaIVA"), r.findtext("Natura"), r.findtext("ImponibileImporto"))
        + (r.findtext("Imposta"),)
        for r in root.findall(f"{goods}/DatiRiepilogo")
    ]
    assert summary == [
        ("10.00", None, "1125.00", "112.50"),
        ("22.00", None, "13.50", "2.97"),
        ("0.00", "N1", "54.00", "0.00"),
    ]
    payments = "FatturaElettronicaBody/DatiPagamento"
    assert root.findtext(f"{payments}/CondizioniPagamento") == "TP01"
    assert texts(root, f"{payments}/DettaglioPagamento/ModalitaPagamento") == ["MP08", "MP01"]
    assert texts(root, f"{payments}/DettaglioPagamento/ImportoPagamento") == [
        "300.00",
        "1007.97",
    ]


def test_the_credit_note_is_a_td04_naming_the_invoice_it_corrects() -> None:
    xml = render_fatturapa(minibar_credit_note())
    assert validate_fatturapa(xml) == []
    root = ET.fromstring(xml)
    general = "FatturaElettronicaBody/DatiGenerali"
    assert root.findtext(f"{general}/DatiGeneraliDocumento/TipoDocumento") == "TD04"
    assert root.findtext(f"{general}/DatiGeneraliDocumento/ImportoTotaleDocumento") == "5.49"
    assert root.findtext(f"{general}/DatiFattureCollegate/IdDocumento") == "2027/FT/000123"
    assert root.findtext(f"{general}/DatiFattureCollegate/Data") == "2027-03-14"
    assert root.findtext("FatturaElettronicaBody/DatiPagamento/CondizioniPagamento") == "TP02"


def test_a_public_administration_gets_an_fpa12() -> None:
    town_hall = replace(
        GUEST,
        name="Comune di Roma",
        is_company=True,
        first_name=None,
        last_name=None,
        fiscal_code="02438750586",
        sdi_code="ufabcd",
    )
    xml = render_fatturapa(hotel_invoice(buyer=town_hall))
    assert validate_fatturapa(xml) == []
    root = ET.fromstring(xml)
    assert root.get("versione") == "FPA12"
    transmission = "FatturaElettronicaHeader/DatiTrasmissione"
    assert root.findtext(f"{transmission}/FormatoTrasmissione") == "FPA12"
    assert root.findtext(f"{transmission}/CodiceDestinatario") == "UFABCD"
    buyer = "FatturaElettronicaHeader/CessionarioCommittente/DatiAnagrafici/Anagrafica"
    assert root.findtext(f"{buyer}/Denominazione") == "Comune di Roma"


def test_a_foreign_company_and_an_italian_company_with_a_code_or_a_pec() -> None:
    foreign = replace(
        GUEST,
        name="Muster Reisen GmbH",
        is_company=True,
        first_name=None,
        last_name=None,
        fiscal_code=None,
        vat_id="123456789",
        vat_country="DE",
        address=Address(
            street="Unter den Linden 1", postcode="D-10117", city="Berlin", country="DE"
        ),
    )
    root = ET.fromstring(xml := render_fatturapa(hotel_invoice(buyer=foreign)))
    assert validate_fatturapa(xml) == []
    assert root.findtext("FatturaElettronicaHeader/DatiTrasmissione/CodiceDestinatario") == (
        "XXXXXXX"
    )
    sede = "FatturaElettronicaHeader/CessionarioCommittente/Sede"
    assert root.findtext(f"{sede}/CAP") == "00000"
    assert root.findtext(f"{sede}/Nazione") == "DE"
    assert root.find(f"{sede}/Provincia") is None
    vat = "FatturaElettronicaHeader/CessionarioCommittente/DatiAnagrafici/IdFiscaleIVA"
    assert texts(root, f"{vat}/*") == ["DE", "123456789"]

    company = replace(foreign, vat_id="12345678903", vat_country="IT", address=GUEST.address)
    with_code = render_fatturapa(hotel_invoice(buyer=replace(company, sdi_code="M5UXCR1")))
    assert validate_fatturapa(with_code) == []
    assert b"<CodiceDestinatario>M5UXCR1</CodiceDestinatario>" in with_code
    with_pec = render_fatturapa(hotel_invoice(buyer=replace(company, pec="fatture@pec.example.it")))
    assert validate_fatturapa(with_pec) == []
    assert b"<CodiceDestinatario>0000000</CodiceDestinatario>" in with_pec
    assert b"<PECDestinatario>fatture@pec.example.it</PECDestinatario>" in with_pec


def test_a_seller_without_vat_id_fails_with_a_readable_message() -> None:
    xml = render_fatturapa(hotel_invoice(seller=replace(HOTEL, vat_id=None)))
    problems = validate_fatturapa(xml)
    assert len(problems) == 1
    assert problems[0].startswith(
        "/p:FatturaElettronica/FatturaElettronicaHeader/CedentePrestatore/DatiAnagrafici: "
    )
    assert "Tag 'IdFiscaleIVA' expected" in problems[0]


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        pytest.param(
            {"buyer": replace(GUEST, address=replace(GUEST.address, postcode="2012"))},
            "CessionarioCommittente/Sede/CAP",
            "'2012'",
            id="italian postcode of four digits",
        ),
        pytest.param(
            {"seller": replace(HOTEL, address=replace(HOTEL.address, province="Roma"))},
            "CedentePrestatore/Sede/Provincia",
            "'ROMA'",
            id="province spelled out",
        ),
        pytest.param(
            {"number": "2027/FT/000123/ROOMS-AND-EXTRAS"},
            "DatiGeneraliDocumento/Numero",
            "ROOMS-AND-EXTRAS",
            id="number over 20 characters",
        ),
        pytest.param(
            {"currency": "EURO"},
            "DatiGeneraliDocumento/Divisa",
            "'EURO'",
            id="currency not ISO 4217",
        ),
    ],
)
def test_schema_errors_name_the_element_and_the_value(
    change: dict[str, Any], where: str, words: str
) -> None:
    problems = validate_fatturapa(render_fatturapa(hotel_invoice(**change)))
    assert problems, "the schema should refuse this document"
    assert any(where in problem and words in problem for problem in problems), problems


def test_a_zero_rate_without_nature_and_a_nature_with_a_rate_are_refused() -> None:
    doc = hotel_invoice()
    no_nature = replace(doc.lines[2], tax_nature=None)
    with_nature = replace(doc.lines[1], tax_nature="N4")
    bad = replace(doc, lines=(doc.lines[0], with_nature, no_nature))
    problems = validate_fatturapa(render_fatturapa(bad))
    assert problems[:2] == [
        "/p:FatturaElettronica/FatturaElettronicaBody[1]/DatiBeniServizi/DettaglioLinee[2]: "
        "Natura N4 is only for a 0.00 VAT rate, not 22.00.",
        "/p:FatturaElettronica/FatturaElettronicaBody[1]/DatiBeniServizi/DettaglioLinee[3]: "
        "a 0.00 VAT rate needs a Natura (N1 to N7).",
    ]


SUMMARY = "/p:FatturaElettronica/FatturaElettronicaBody[1]/DatiBeniServizi"


def test_line_totals_and_the_tax_summary_must_add_up() -> None:
    doc = hotel_invoice()
    room, minibar, city_tax = doc.lines
    rooms_tax, minibar_tax, city = doc.taxes

    wrong_line = replace(doc, lines=(room, replace(minibar, net_amount=D("13.60")), city_tax))
    assert validate_fatturapa(render_fatturapa(wrong_line)) == [
        f"{SUMMARY}/DettaglioLinee[2]/PrezzoTotale: 13.60 is not the unit price times the "
        "quantity less discounts (13.50)."
    ]
    wrong_taxable = replace(
        doc, taxes=(replace(rooms_tax, taxable=D("1100.00"), tax=D("110.00")), minibar_tax, city)
    )
    assert validate_fatturapa(render_fatturapa(wrong_taxable)) == [
        f"{SUMMARY}/DatiRiepilogo[1]/ImponibileImporto: 1100.00 is not the sum of the lines at "
        "this rate (1125.00)."
    ]
    wrong_tax = replace(doc, taxes=(replace(rooms_tax, tax=D("120.00")), minibar_tax, city))
    assert validate_fatturapa(render_fatturapa(wrong_tax)) == [
        f"{SUMMARY}/DatiRiepilogo[1]/Imposta: 120.00 is not 10.00 % of 1125.00 (112.50)."
    ]
    missing_rate = replace(doc, taxes=(rooms_tax, city))
    assert validate_fatturapa(render_fatturapa(missing_rate)) == [
        f"{SUMMARY}: no DatiRiepilogo for the lines at 22.00 %."
    ]
    # Tax rounded per line may differ from the rounded total by a few cents: still valid.
    per_line = replace(doc, taxes=(replace(rooms_tax, tax=D("112.53")), minibar_tax, city))
    assert validate_fatturapa(render_fatturapa(per_line)) == []


def test_a_recipient_code_must_fit_the_format() -> None:
    xml = render_fatturapa(hotel_invoice()).replace(
        b"<CodiceDestinatario>0000000<", b"<CodiceDestinatario>000000<"
    )
    assert validate_fatturapa(xml) == [
        "/p:FatturaElettronica/FatturaElettronicaHeader/DatiTrasmissione/CodiceDestinatario: "
        "a FPR12 file needs a 7-character code, not '000000'."
    ]


def test_what_is_not_xml_is_one_readable_problem() -> None:
    problems = validate_fatturapa(b"<p:FatturaElettronica")
    assert len(problems) == 1
    assert problems[0].startswith("not a well-formed XML document:")


def test_amounts_have_the_decimals_the_schema_requires() -> None:
    doc = hotel_invoice()
    line = DocLine(
        number=4,
        description="Parcheggio, sconto fedeltà",
        quantity=D("1.125"),
        unit_price=D("10.123456789"),
        net_amount=D("10.25"),
        tax_rate=D("22"),
        unit="giorni",
        discount_percent=D("10"),
    )
    taxes = (*doc.taxes[:1], DocTax(rate=D("22"), taxable=D("23.75"), tax=D("5.225")), doc.taxes[2])
    xml = render_fatturapa(replace(doc, lines=(*doc.lines, line), taxes=taxes))
    assert validate_fatturapa(xml) == []
    detail = ET.fromstring(xml).findall("FatturaElettronicaBody/DatiBeniServizi/DettaglioLinee")[3]
    assert detail.findtext("Quantita") == "1.125"
    assert detail.findtext("PrezzoUnitario") == "10.12345679"
    assert detail.findtext("AliquotaIVA") == "22.00"
    assert texts(detail, "ScontoMaggiorazione/*") == ["SC", "10.00"]
    assert detail.findtext("Descrizione") == "Parcheggio, sconto fedeltà"
    assert b"<Imposta>5.23</Imposta>" in xml  # two decimals, rounded half up


def test_typography_becomes_latin_and_other_scripts_are_reported() -> None:
    doc = hotel_invoice()
    coffee = replace(
        doc.lines[1], description="Caff\u00e8 \u2013 \u201cespresso\u201d a 2\u00a0\u20ac"
    )
    xml = render_fatturapa(replace(doc, lines=(doc.lines[0], coffee, doc.lines[2])))
    assert validate_fatturapa(xml) == []
    assert 'Caff\u00e8 - "espresso" a 2 EUR' in xml.decode()
    greek = replace(GUEST, first_name="\u0393\u03b9\u03ce\u03c1\u03b3\u03bf\u03c2")
    problems = validate_fatturapa(render_fatturapa(hotel_invoice(buyer=greek)))
    assert len(problems) == 1
    assert "CessionarioCommittente/DatiAnagrafici/Anagrafica/Nome" in problems[0]
    assert "\u0393\u03b9\u03ce\u03c1\u03b3\u03bf\u03c2" in problems[0]


def test_validation_never_goes_to_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("validation tried to open a connection")

    fatturapa._schema.cache_clear()
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    try:
        assert validate_fatturapa(render_fatturapa(hotel_invoice())) == []
    finally:
        fatturapa._schema.cache_clear()


def test_the_stored_schema_is_the_official_one() -> None:
    schema = fatturapa._schema()
    assert schema.target_namespace == fatturapa.NAMESPACE
    assert schema.version == "1.2.2"
    assert "http://www.w3.org/2000/09/xmldsig#" in schema.maps.namespaces
    # The file is kept as published: it still names the signature schema at its W3C address.
    assert fatturapa.DSIG_LOCATION.encode() in fatturapa.SCHEMA_FILE.read_bytes()
