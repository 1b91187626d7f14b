"""The invoice and credit note PDF in every language, amounts and dates as each reader writes them."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pypdf import PdfReader
from sales_document_samples import hotel_invoice, minibar_credit_note

from sportello_sales.services.documents import formatting
from sportello_sales.services.documents.labels import LABELS, LANGUAGES, label
from sportello_sales.services.documents.model import DocPayment
from sportello_sales.services.documents.pdf import render_pdf

D = Decimal


def read(pdf: bytes) -> tuple[PdfReader, str]:
    """The reader and the text of every page, non-breaking spaces as plain spaces."""
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, text.replace("\xa0", " ").replace("\u202f", " ")


# Written out by hand: what a reader of each language expects to see on the hotel invoice.
EXPECTED: dict[str, dict[str, Any]] = {
    "en": {
        "words": ["Invoice", "Number", "Date", "Seller", "Customer", "VAT id", "Description"]
        + ["Quantity", "Unit price", "VAT", "Total", "Taxable", "Paid", "Amount due", "Card"],
        "amounts": ["€1,125.00", "€112.50", "€1,307.97", "€1,007.97", "€0.00", "€4.50"],
        "dates": ["March 14, 2027", "March 1, 2027"],
        "rates": ["10%", "22%", "0% (N1)"],
        "country": "Italy",
    },
    "it": {
        "words": ["Fattura", "Numero", "Data", "Venditore", "Cliente", "Partita IVA"]
        + ["Descrizione", "Quantità", "Prezzo", "IVA", "Totale", "Imponibile", "Pagato"]
        + ["Importo da pagare", "Contanti", "Riepilogo IVA"],
        "amounts": ["1.125,00 €", "112,50 €", "1.307,97 €", "1.007,97 €", "0,00 €", "4,50 €"],
        "dates": ["14 marzo 2027", "1 marzo 2027"],
        "rates": ["10%", "22%", "0% (N1)"],
        "country": "Italia",
    },
    "es": {
        "words": ["Factura", "Número", "Fecha", "Vendedor", "Cliente", "NIF-IVA"]
        + ["Descripción", "Cantidad", "Precio unitario", "IVA", "Total", "Base imponible"]
        + ["Pagado", "Importe pendiente", "Efectivo", "Tarjeta"],
        "amounts": ["1.125,00 €", "112,50 €", "1.307,97 €", "1.007,97 €", "0,00 €", "4,50 €"],
        "dates": ["14 de marzo de 2027", "1 de marzo de 2027"],
        "rates": ["10 %", "22 %", "0 % (N1)"],
        "country": "Italia",
    },
    "el": {
        "words": ["Τιμολόγιο", "Αριθμός", "Ημερομηνία", "Πωλητής", "Πελάτης", "ΑΦΜ"]
        + ["Περιγραφή", "Ποσότητα", "Τιμή μονάδας", "ΦΠΑ", "Σύνολο", "Φορολογητέα αξία"]
        + ["Καταβλήθηκε", "Υπόλοιπο πληρωτέο", "Μετρητά", "Κάρτα"],
        "amounts": ["1.125,00 €", "112,50 €", "1.307,97 €", "1.007,97 €", "0,00 €", "4,50 €"],
        "dates": ["14 Μαρτίου 2027", "1 Μαρτίου 2027"],
        "rates": ["10%", "22%", "0% (N1)"],
        "country": "Ιταλία",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_invoice_speaks_the_language_of_its_reader(language: str) -> None:
    reader, text = read(render_pdf(hotel_invoice(language)))
    assert len(reader.pages) == 1
    expected = EXPECTED[language]
    flat = " ".join(text.split())  # a heading may wrap inside its column
    missing = [
        word
        for key in ("words", "amounts", "dates", "rates")
        for word in expected[key]
        if word not in flat
    ]
    assert missing == [], text
    assert expected["country"] in text
    assert "2027/FT/000123" in text
    assert "IT01234567897" in text and "RSSMRA80A01H501U" in text
    assert "Imposta di soggiorno" in text  # descriptions are printed as sales wrote them
    assert reader.metadata is not None
    assert reader.metadata.title == f"{label(language, 'invoice')} 2027/FT/000123"


def test_greek_is_printed_with_an_embedded_unicode_font() -> None:
    pdf = render_pdf(hotel_invoice("el"))
    reader, text = read(pdf)
    assert "Τιμολόγιο" in text and "Σελίδα 1 από 1" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]  # type: ignore[index]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert names and all("DejaVuSans" in name for name in names), names
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()  # embedded, not left to the viewer


@pytest.mark.parametrize(
    ("language", "title", "corrects", "refunded"),
    [
        ("en", "Credit note", "Corrects invoice 2027/FT/000123 of March 14, 2027", "Refunded"),
        (
            "it",
            "Nota di credito",
            "Rettifica la fattura 2027/FT/000123 del 14 marzo 2027",
            "Rimborsato",
        ),
        ("es", "Factura rectificativa", "Rectifica la factura 2027/FT/000123", "Reembolsado"),
        ("el", "Πιστωτικό τιμολόγιο", "Διορθώνει το τιμολόγιο 2027/FT/000123", "Επιστράφηκε"),
    ],
)
def test_the_credit_note_names_the_invoice_it_corrects(
    language: str, title: str, corrects: str, refunded: str
) -> None:
    _, text = read(render_pdf(minibar_credit_note(language)))
    flat = " ".join(text.split())
    assert title in flat and corrects in flat and refunded in flat, flat
    assert "2027/NC/000007" in flat
    assert label(language, "invoice") + "\n" not in text  # the title is not "Invoice"


def test_an_unpaid_balance_shows_the_amount_due_and_the_payment_term() -> None:
    term = DocPayment(
        method="bank_transfer",
        amount=D("1007.97"),
        due_date=date(2027, 4, 13),
        iban="IT60 X054 2811 1010 0000 0123 456",
    )
    doc = hotel_invoice("en", paid=D("300.00"), payments=(hotel_invoice().payments[0], term))
    _, text = read(render_pdf(doc))
    flat = " ".join(text.split())
    assert "Amount due €1,007.97" in flat
    assert "Bank transfer · €1,007.97 · due on April 13, 2027 · IBAN IT60" in flat


def test_a_long_invoice_breaks_over_pages_with_numbered_pages() -> None:
    doc = hotel_invoice("it")
    many = tuple(replace(doc.lines[1], number=n) for n in range(1, 91))
    reader, text = read(render_pdf(replace(doc, lines=many)))
    assert len(reader.pages) >= 2
    pages = len(reader.pages)
    assert f"Pagina 1 di {pages}" in text and f"Pagina {pages} di {pages}" in text
    assert text.count("Minibar") == 90
    second = reader.pages[1].extract_text()
    assert second.count("Descrizione") == 1  # the headings repeat
    assert "Fattura 2027/FT/000123" in second  # the document is named on every page


def test_an_unknown_language_falls_back_to_english_words_and_numbers() -> None:
    _, text = read(render_pdf(hotel_invoice("fr")))
    assert "Invoice" in text and "€1,307.97" in text


def test_every_language_has_every_label() -> None:
    assert set(LABELS) == set(LANGUAGES)
    for language in LANGUAGES:
        assert set(LABELS[language]) == set(LABELS["en"]), language
        assert all(text.strip() for text in LABELS[language].values()), language
    for key in LABELS["en"]:
        assert len({LABELS[language][key] for language in ("en", "it", "el")}) == 3, key


@pytest.mark.parametrize(
    ("language", "amount", "currency", "expected"),
    [
        ("it", "1234.56", "EUR", "1.234,56\xa0€"),
        ("en", "1234.56", "EUR", "€1,234.56"),
        ("es", "1234.56", "EUR", "1.234,56\xa0€"),
        ("el", "1234.56", "EUR", "1.234,56\xa0€"),
        ("en", "1234.56", "JPY", "¥1,235"),  # the yen has no decimals
        ("en", "-5.49", "GBP", "-£5.49"),
        ("it-IT", "0.5", "EUR", "0,50\xa0€"),
    ],
)
def test_amounts_are_written_as_each_language_writes_them(
    language: str, amount: str, currency: str, expected: str
) -> None:
    assert formatting.money(D(amount), currency, language) == expected


def test_dates_rates_and_quantities_follow_the_language() -> None:
    day = date(2027, 3, 14)
    assert formatting.day(day, "it") == "14 marzo 2027"
    assert formatting.day(day, "en") == "March 14, 2027"
    assert formatting.day(day, "el") == "14 Μαρτίου 2027"
    assert formatting.rate(D("5.50"), "it") == "5,5%"
    assert formatting.rate(D("22.00"), "en") == "22%"
    assert formatting.quantity(D("1.500"), "it") == "1,5"
    assert formatting.quantity(D("1500"), "en") == "1,500"
