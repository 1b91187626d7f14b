"""Documents as sales hands them to the renderers: a hotel stay invoiced and a credit note."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from sportello_sales.services.documents.model import (
    Address,
    DocLine,
    DocParty,
    DocPayment,
    DocTax,
    InvoiceDocument,
)

D = Decimal

HOTEL = DocParty(
    name="Albergo Bellavista S.r.l.",
    address=Address(
        street="Via dei Fori Imperiali 12",
        postcode="00186",
        city="Roma",
        country="IT",
        province="RM",
    ),
    vat_id="01234567897",
    vat_country="IT",
    fiscal_code="01234567897",
    tax_regime="RF01",
)

GUEST = DocParty(
    name="Mario Rossi",
    address=Address(
        street="Corso Venezia 5", postcode="20121", city="Milano", country="IT", province="MI"
    ),
    fiscal_code="RSSMRA80A01H501U",
    first_name="Mario",
    last_name="Rossi",
    is_company=False,
)


def hotel_invoice(language: str = "it", **changes: object) -> InvoiceDocument:
    """Nine nights for two at 10 %, the minibar at 22 %, the city tax out of scope (N1), a card
    deposit and the balance in cash at checkout."""
    doc = InvoiceDocument(
        kind="invoice",
        number="2027/FT/000123",
        issue_date=date(2027, 3, 14),
        currency="EUR",
        language=language,
        seller=HOTEL,
        buyer=GUEST,
        lines=(
            DocLine(
                number=1,
                description="Pernottamento camera doppia",
                quantity=D("9"),
                unit_price=D("125.00"),
                net_amount=D("1125.00"),
                tax_rate=D("10.00"),
                unit="notti",
                charge_code="ROOM_NIGHT",
            ),
            DocLine(
                number=2,
                description="Minibar",
                quantity=D("3"),
                unit_price=D("4.50"),
                net_amount=D("13.50"),
                tax_rate=D("22.00"),
                charge_code="MINIBAR",
            ),
            DocLine(
                number=3,
                description="Imposta di soggiorno",
                quantity=D("18"),
                unit_price=D("3.00"),
                net_amount=D("54.00"),
                tax_rate=D("0.00"),
                tax_nature="N1",
                charge_code="CITY_TAX",
            ),
        ),
        taxes=(
            DocTax(rate=D("10.00"), taxable=D("1125.00"), tax=D("112.50")),
            DocTax(rate=D("22.00"), taxable=D("13.50"), tax=D("2.97")),
            DocTax(
                rate=D("0.00"),
                taxable=D("54.00"),
                tax=D("0.00"),
                nature="N1",
                legal_reference="Escluso art. 15 DPR 633/72",
            ),
        ),
        net_total=D("1192.50"),
        tax_total=D("115.47"),
        total=D("1307.97"),
        paid=D("1307.97"),
        payments=(
            DocPayment(method="card", amount=D("300.00"), paid_on=date(2027, 3, 1)),
            DocPayment(method="cash", amount=D("1007.97"), paid_on=date(2027, 3, 14)),
        ),
        notes="Soggiorno dal 5 al 14 marzo 2027, prenotazione BK-4711.",
    )
    return replace(doc, **changes)  # type: ignore[arg-type]


def minibar_credit_note(language: str = "it", **changes: object) -> InvoiceDocument:
    """One minibar item charged by mistake on the invoice above, refunded in cash."""
    doc = InvoiceDocument(
        kind="credit_note",
        number="2027/NC/000007",
        issue_date=date(2027, 3, 16),
        currency="EUR",
        language=language,
        seller=HOTEL,
        buyer=GUEST,
        lines=(
            DocLine(
                number=1,
                description="Storno minibar addebitato per errore",
                quantity=D("1"),
                unit_price=D("4.50"),
                net_amount=D("4.50"),
                tax_rate=D("22.00"),
                charge_code="MINIBAR",
            ),
        ),
        taxes=(DocTax(rate=D("22.00"), taxable=D("4.50"), tax=D("0.99")),),
        net_total=D("4.50"),
        tax_total=D("0.99"),
        total=D("5.49"),
        paid=D("5.49"),
        payments=(DocPayment(method="cash", amount=D("5.49"), paid_on=date(2027, 3, 16)),),
        corrects_number="2027/FT/000123",
        corrects_date=date(2027, 3, 14),
    )
    return replace(doc, **changes)  # type: ignore[arg-type]
