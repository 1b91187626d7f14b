"""The Italian electronic invoice: FatturaPA XML 1.2.x, and its validation against the official schema.

``render_fatturapa`` writes one FatturaElettronica (FPR12 for businesses and consumers, FPA12 when
the buyer's recipient code is a 6-character public-administration code): TD01 for an invoice,
TD04 for a credit note (with the invoice it corrects in DatiFattureCollegate). Amounts of a credit
note are positive: the document type carries the sign.

``validate_fatturapa`` checks a file against the official XSD kept in ``schemas/`` (with the
xmldsig schema it imports, so validation never goes to the network), then against the rules
of the exchange system that the XSD cannot express (``fatturapa_rules``: natures and rates, line
totals, the tax summary, the recipient code length).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .fatturapa_rules import exchange_rules
from .model import Address, DocParty, InvoiceDocument

if TYPE_CHECKING:  # imported where used: xmlschema costs the cold start ~0.1 s
    import xmlschema

NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
DSIG_NAMESPACE = "http://www.w3.org/2000/09/xmldsig#"
SCHEMA_DIR = Path(__file__).with_name("schemas")
SCHEMA_FILE = SCHEMA_DIR / "Schema_del_file_xml_FatturaPA_v1.2.2.xsd"
#: Where the official schema imports the signature schema from: served from the local copy.
DSIG_LOCATION = "http://www.w3.org/TR/2002/REC-xmldsig-core-20020212/xmldsig-core-schema.xsd"
DSIG_FILE = SCHEMA_DIR / "xmldsig-core-schema.xsd"

#: Payment methods of sales and their ModalitaPagamento. A method that is itself an MPxx code
#: (one added by configuration) is written as it is; any other method is written as MP01.
PAYMENT_METHODS: dict[str, str] = {
    "cash": "MP01",
    "cheque": "MP02",
    "bank_transfer": "MP05",
    "card": "MP08",
    "direct_debit": "MP19",
    "other": "MP01",
}

#: The RiferimentoNormativo written for a 0 % summary row that names no legal reference.
NATURE_REFERENCES: dict[str, str] = {
    "N1": "Escluso ex art. 15 DPR 633/72",
    "N2.1": "Non soggetto ad IVA ai sensi degli artt. da 7 a 7-septies DPR 633/72",
    "N2.2": "Non soggetto - altri casi",
    "N3.1": "Non imponibile - esportazioni",
    "N3.2": "Non imponibile - cessioni intracomunitarie",
    "N3.3": "Non imponibile - cessioni verso San Marino",
    "N3.4": "Non imponibile - operazioni assimilate alle cessioni all'esportazione",
    "N3.5": "Non imponibile - a seguito di dichiarazioni d'intento",
    "N3.6": "Non imponibile - altre operazioni",
    "N4": "Esente ex art. 10 DPR 633/72",
    "N5": "Regime del margine / IVA non esposta in fattura",
    "N6.1": "Inversione contabile - cessione di rottami e altri materiali di recupero",
    "N6.2": "Inversione contabile - cessione di oro e argento",
    "N6.3": "Inversione contabile - subappalto nel settore edile",
    "N6.4": "Inversione contabile - cessione di fabbricati",
    "N6.5": "Inversione contabile - cessione di telefoni cellulari",
    "N6.6": "Inversione contabile - cessione di prodotti elettronici",
    "N6.7": "Inversione contabile - prestazioni comparto edile e settori connessi",
    "N6.8": "Inversione contabile - operazioni settore energetico",
    "N6.9": "Inversione contabile - altri casi",
    "N7": "IVA assolta in altro stato UE",
}

#: Typography the schema's Latin-1 text types refuse, written the way a typewriter would.
TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u20ac": "EUR",
        "\u00a0": " ",
        "\u202f": " ",
    }
)

ET.register_namespace("p", NAMESPACE)
ET.register_namespace("ds", DSIG_NAMESPACE)

_ZERO = Decimal(0)


def render_fatturapa(doc: InvoiceDocument) -> bytes:
    """The FatturaPA XML of an issued invoice or credit note, UTF-8 encoded."""
    public = _is_public_administration(doc.buyer)
    root = ET.Element(f"{{{NAMESPACE}}}FatturaElettronica", versione=_format(doc))
    header = ET.SubElement(root, "FatturaElettronicaHeader")
    _transmission(header, doc, public)
    seller = ET.SubElement(header, "CedentePrestatore")
    _seller_data(seller, doc.seller)
    _address(seller, "Sede", doc.seller.address)
    buyer = ET.SubElement(header, "CessionarioCommittente")
    _buyer_data(buyer, doc.buyer)
    _address(buyer, "Sede", doc.buyer.address)
    body = ET.SubElement(root, "FatturaElettronicaBody")
    _general(body, doc)
    _goods_and_services(body, doc)
    _payments(body, doc)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return xml


def validate_fatturapa(xml: bytes) -> list[str]:
    """Every problem of a FatturaPA file, one readable line each (path: reason); empty when valid."""
    import xmlschema

    try:
        resource = xmlschema.XMLResource(io.BytesIO(xml), allow="none", defuse="always")
    except (xmlschema.XMLResourceError, ET.ParseError, ValueError) as exc:
        return [f"not a well-formed XML document: {exc}"]
    problems = [_describe(error) for error in _schema().iter_errors(resource)]
    if problems:
        return problems
    return exchange_rules(ET.fromstring(xml))


@cache
def _schema() -> xmlschema.XMLSchema10:
    import xmlschema

    return xmlschema.XMLSchema10(
        str(SCHEMA_FILE),
        uri_mapper={DSIG_LOCATION: str(DSIG_FILE)},
        allow="sandbox",
    )


def _describe(error: xmlschema.XMLSchemaValidationError) -> str:
    reason = error.reason or error.message
    if isinstance(error.obj, str):
        reason = f"{error.obj!r}: {reason}"
    return f"{error.path or '/'}: {reason}"


# -- header -------------------------------------------------------------------------------------


def _is_public_administration(buyer: DocParty) -> bool:
    return buyer.sdi_code is not None and len(buyer.sdi_code.strip()) == 6


def _format(doc: InvoiceDocument) -> str:
    return "FPA12" if _is_public_administration(doc.buyer) else "FPR12"


def _transmission(header: ET.Element, doc: InvoiceDocument, public: bool) -> None:
    data = ET.SubElement(header, "DatiTrasmissione")
    sender = ET.SubElement(data, "IdTrasmittente")
    seller = doc.seller
    _text(sender, "IdPaese", _vat_country(seller))
    code = seller.vat_id or seller.fiscal_code
    if code:
        _text(sender, "IdCodice", code.strip())
    _text(data, "ProgressivoInvio", doc.transmission_id)
    _text(data, "FormatoTrasmissione", _format(doc))
    buyer = doc.buyer
    if buyer.sdi_code:
        recipient = buyer.sdi_code.strip().upper()
    elif buyer.address.country.upper() != "IT":
        recipient = "XXXXXXX"
    else:
        recipient = "0000000"
    _text(data, "CodiceDestinatario", recipient)
    if buyer.pec and not buyer.sdi_code and not public:
        _text(data, "PECDestinatario", buyer.pec.strip())


def _vat_country(party: DocParty) -> str:
    return (party.vat_country or party.address.country).strip().upper()


def _seller_data(parent: ET.Element, party: DocParty) -> None:
    data = ET.SubElement(parent, "DatiAnagrafici")
    if party.vat_id:
        _vat_id(data, party)
    if party.fiscal_code:
        _text(data, "CodiceFiscale", party.fiscal_code.strip().upper())
    _registry_name(data, party)
    _text(data, "RegimeFiscale", party.tax_regime or "RF01")


def _buyer_data(parent: ET.Element, party: DocParty) -> None:
    data = ET.SubElement(parent, "DatiAnagrafici")
    if party.vat_id:
        _vat_id(data, party)
    if party.fiscal_code:
        _text(data, "CodiceFiscale", party.fiscal_code.strip().upper())
    _registry_name(data, party)


def _vat_id(parent: ET.Element, party: DocParty) -> None:
    vat = ET.SubElement(parent, "IdFiscaleIVA")
    _text(vat, "IdPaese", _vat_country(party))
    _text(vat, "IdCodice", (party.vat_id or "").strip())


def _registry_name(parent: ET.Element, party: DocParty) -> None:
    registry = ET.SubElement(parent, "Anagrafica")
    if not party.is_company and party.first_name and party.last_name:
        _text(registry, "Nome", party.first_name, 60)
        _text(registry, "Cognome", party.last_name, 60)
    else:
        _text(registry, "Denominazione", party.name, 80)


def _address(parent: ET.Element, tag: str, address: Address) -> None:
    element = ET.SubElement(parent, tag)
    country = address.country.strip().upper()
    _text(element, "Indirizzo", address.street, 60)
    postcode = address.postcode.strip()
    # Outside Italy the exchange system takes 00000 for a postcode that is not five digits.
    if country != "IT" and not (len(postcode) == 5 and postcode.isdigit()):
        postcode = "00000"
    _text(element, "CAP", postcode)
    _text(element, "Comune", address.city, 60)
    if country == "IT" and address.province:
        _text(element, "Provincia", address.province.strip().upper())
    _text(element, "Nazione", country)


# -- body ---------------------------------------------------------------------------------------


def _general(body: ET.Element, doc: InvoiceDocument) -> None:
    general = ET.SubElement(body, "DatiGenerali")
    document = ET.SubElement(general, "DatiGeneraliDocumento")
    _text(document, "TipoDocumento", "TD04" if doc.kind == "credit_note" else "TD01")
    _text(document, "Divisa", doc.currency.upper())
    _text(document, "Data", doc.issue_date.isoformat())
    _text(document, "Numero", doc.number)
    _text(document, "ImportoTotaleDocumento", _amount(doc.total))
    notes = " ".join((doc.notes or "").split())
    for start in range(0, len(notes), 200):
        _text(document, "Causale", notes[start : start + 200])
    if doc.corrects_number:
        corrected = ET.SubElement(general, "DatiFattureCollegate")
        _text(corrected, "IdDocumento", doc.corrects_number)
        if doc.corrects_date:
            _text(corrected, "Data", doc.corrects_date.isoformat())


def _goods_and_services(body: ET.Element, doc: InvoiceDocument) -> None:
    goods = ET.SubElement(body, "DatiBeniServizi")
    for line in doc.lines:
        detail = ET.SubElement(goods, "DettaglioLinee")
        _text(detail, "NumeroLinea", str(line.number))
        if line.charge_code:
            article = ET.SubElement(detail, "CodiceArticolo")
            _text(article, "CodiceTipo", "INTERNO")
            _text(article, "CodiceValore", line.charge_code, 35)
        _text(detail, "Descrizione", " ".join(line.description.split()), 1000)
        _text(detail, "Quantita", _flexible(line.quantity))
        if line.unit:
            _text(detail, "UnitaMisura", line.unit, 10)
        _text(detail, "PrezzoUnitario", _flexible(line.unit_price))
        if line.discount_percent:
            discount = ET.SubElement(detail, "ScontoMaggiorazione")
            _text(discount, "Tipo", "SC" if line.discount_percent > 0 else "MG")
            _text(discount, "Percentuale", _amount(abs(line.discount_percent)))
        _text(detail, "PrezzoTotale", _flexible(line.net_amount))
        _text(detail, "AliquotaIVA", _amount(line.tax_rate))
        if line.tax_nature:
            _text(detail, "Natura", line.tax_nature)
    for tax in doc.taxes:
        summary = ET.SubElement(goods, "DatiRiepilogo")
        _text(summary, "AliquotaIVA", _amount(tax.rate))
        if tax.nature:
            _text(summary, "Natura", tax.nature)
        _text(summary, "ImponibileImporto", _amount(tax.taxable))
        _text(summary, "Imposta", _amount(tax.tax))
        if tax.nature:
            reference = tax.legal_reference or NATURE_REFERENCES.get(tax.nature)
            if reference:
                _text(summary, "RiferimentoNormativo", reference, 100)
        else:
            _text(summary, "EsigibilitaIVA", "I")
            if tax.legal_reference:
                _text(summary, "RiferimentoNormativo", tax.legal_reference, 100)


def _payments(body: ET.Element, doc: InvoiceDocument) -> None:
    if not doc.payments:
        return
    data = ET.SubElement(body, "DatiPagamento")
    # TP02: paid in one payment; TP01: in instalments (a deposit and a balance).
    _text(data, "CondizioniPagamento", "TP02" if len(doc.payments) == 1 else "TP01")
    for payment in doc.payments:
        detail = ET.SubElement(data, "DettaglioPagamento")
        method = payment.method
        if not (method.startswith("MP") and len(method) == 4):
            method = PAYMENT_METHODS.get(method, "MP01")
        _text(detail, "ModalitaPagamento", method)
        due = payment.due_date or payment.paid_on
        if due:
            _text(detail, "DataScadenzaPagamento", due.isoformat())
        _text(detail, "ImportoPagamento", _amount(payment.amount))
        if payment.iban:
            _text(detail, "IBAN", payment.iban.replace(" ", "").upper())


# -- values -------------------------------------------------------------------------------------


def _text(parent: ET.Element, tag: str, value: str, limit: int | None = None) -> None:
    text = value.translate(TYPOGRAPHY).strip()
    if limit is not None:
        text = text[:limit]
    ET.SubElement(parent, tag).text = text


def _amount(value: Decimal, places: int = 2) -> str:
    """A fixed-point amount (``1234.50``), rounded half up, never ``-0.00``."""
    quantized = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) + _ZERO
    return f"{quantized:f}"


def _flexible(value: Decimal) -> str:
    """A quantity or a unit price: two to eight decimals, as many as the value needs."""
    exponent = value.quantize(Decimal("1E-8"), rounding=ROUND_HALF_UP).normalize().as_tuple()
    places = -exponent.exponent if isinstance(exponent.exponent, int) else 2
    return _amount(value, min(max(places, 2), 8))
