"""The invoice or credit note as a PDF, in the reader's language (fpdf2, DejaVu Sans for every script)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from decimal import Decimal

from fpdf import FPDF, FontFace
from fpdf.enums import Align, TableBordersLayout, XPos, YPos

from sportello import api

from . import formatting
from .labels import LABELS, label, language_of
from .model import DocLine, DocParty, InvoiceDocument

FONT = api.PDF_FONT
GREY = (110, 110, 110)
LIGHT = (235, 235, 235)
BLACK = (0, 0, 0)


class _Page(FPDF):
    """A4 with the page number at the foot of every page, the document named atop the next ones."""

    def __init__(self, header_text: str, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.header_text = header_text
        self.footer_text = footer_text
        for style, path in api.pdf_font_files().items():
            self.add_font(FONT, style=style, fname=str(path))
        self.set_margins(left=15, top=15, right=15)
        self.set_auto_page_break(auto=True, margin=18)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.header_text, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*BLACK)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.footer_text.replace("{page}", str(self.page_no())), align=Align.C)
        self.set_text_color(*BLACK)


def render_pdf(doc: InvoiceDocument) -> bytes:
    """The PDF of an issued invoice or credit note in ``doc.language`` (English if unknown)."""
    lang = language_of(doc.language)
    title = label(lang, doc.kind)
    pdf = _Page(f"{title} {doc.number}", label(lang, "page", page="{page}", pages="{nb}"))
    pdf.alias_nb_pages("{nb}")
    pdf.set_title(f"{title} {doc.number}")
    pdf.set_author(doc.seller.name)
    pdf.set_creator("Sportello")
    pdf.set_lang(lang)
    pdf.set_creation_date(datetime.combine(doc.issue_date, time(), tzinfo=UTC))
    pdf.add_page()
    _heading(pdf, doc, lang, title)
    _lines(pdf, doc, lang)
    _taxes(pdf, doc, lang)
    _totals(pdf, doc, lang)
    _payments(pdf, doc, lang)
    if doc.notes:
        _section(pdf, label(lang, "notes"))
        pdf.set_font(FONT, size=9)
        pdf.multi_cell(0, 5, doc.notes, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


# -- blocks -------------------------------------------------------------------------------------


def _heading(pdf: _Page, doc: InvoiceDocument, lang: str, title: str) -> None:
    top = pdf.get_y()
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    left_end = _party(pdf, pdf.l_margin, top, half - 5, label(lang, "seller"), doc.seller, lang)
    right = pdf.l_margin + half + 5
    pdf.set_xy(right, top)
    pdf.set_font(FONT, style="B", size=18)
    pdf.multi_cell(half - 5, 9, title, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=10)
    facts = [
        f"{label(lang, 'number')}: {doc.number}",
        f"{label(lang, 'date')}: {formatting.day(doc.issue_date, lang)}",
    ]
    if doc.corrects_number:
        if doc.corrects_date:
            corrected = formatting.day(doc.corrects_date, lang)
            facts.append(
                label(lang, "corrects_invoice", number=doc.corrects_number, date=corrected)
            )
        else:
            facts.append(label(lang, "corrects_invoice_number", number=doc.corrects_number))
    for fact in facts:
        pdf.multi_cell(half - 5, 5.5, fact, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.ln(4)
    right_end = _party(pdf, right, pdf.get_y(), half - 5, label(lang, "customer"), doc.buyer, lang)
    pdf.set_xy(pdf.l_margin, max(left_end, right_end) + 8)


def _party(
    pdf: _Page, x: float, y: float, width: float, heading: str, party: DocParty, lang: str
) -> float:
    pdf.set_xy(x, y)
    pdf.set_font(FONT, size=8)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(width, 4.5, heading, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(*BLACK)
    pdf.set_font(FONT, style="B", size=11)
    pdf.multi_cell(width, 5.5, party.name, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9.5)
    address = party.address
    place = f"{address.postcode} {address.city}".strip()
    if address.province:
        place = f"{place} ({address.province})"
    country = formatting.locale_of(lang).territories.get(address.country.upper(), address.country)
    lines = [address.street, place, country]
    if party.vat_id:
        prefix = (party.vat_country or address.country).upper()
        vat_id = party.vat_id if party.vat_id.upper().startswith(prefix) else prefix + party.vat_id
        lines.append(f"{label(lang, 'vat_id')}: {vat_id}")
    if party.fiscal_code and party.fiscal_code != party.vat_id:
        lines.append(f"{label(lang, 'fiscal_code')}: {party.fiscal_code}")
    for line in lines:
        pdf.multi_cell(width, 4.8, line, new_x=XPos.LEFT, new_y=YPos.NEXT)
    return pdf.get_y()


def _lines(pdf: _Page, doc: InvoiceDocument, lang: str) -> None:
    pdf.set_font(FONT, size=9)
    headings = ("description", "quantity", "unit_price", "vat", "amount")
    with pdf.table(
        col_widths=(72, 22, 32, 20, 34),
        text_align=(Align.L, Align.R, Align.R, Align.R, Align.R),
        headings_style=FontFace(emphasis="BOLD", fill_color=LIGHT),
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        line_height=5.5,
        padding=1,
    ) as table:
        row = table.row()
        for key in headings:
            row.cell(label(lang, key))
        for line in doc.lines:
            row = table.row()
            row.cell(_description(line, lang))
            amount = formatting.quantity(line.quantity, lang)
            row.cell(f"{amount} {line.unit}" if line.unit else amount)
            row.cell(formatting.money(line.unit_price, doc.currency, lang))
            row.cell(_rate(line.tax_rate, line.tax_nature, lang))
            row.cell(formatting.money(line.net_amount, doc.currency, lang))
    pdf.ln(5)


def _description(line: DocLine, lang: str) -> str:
    if not line.discount_percent:
        return line.description
    return f"{line.description} (−{formatting.rate(line.discount_percent, lang)})"


def _rate(rate: Decimal, nature: str | None, lang: str) -> str:
    text = formatting.rate(rate, lang)
    return f"{text} ({nature})" if nature else text


def _taxes(pdf: _Page, doc: InvoiceDocument, lang: str) -> None:
    if not doc.taxes:
        return
    _section(pdf, label(lang, "vat_summary"))
    pdf.set_font(FONT, size=9)
    with pdf.table(
        width=110,
        align=Align.L,
        col_widths=(34, 38, 38),
        text_align=(Align.L, Align.R, Align.R),
        headings_style=FontFace(emphasis="BOLD", fill_color=LIGHT),
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        line_height=5.5,
        padding=1,
    ) as table:
        row = table.row()
        for key in ("rate", "taxable", "vat"):
            row.cell(label(lang, key))
        for tax in doc.taxes:
            row = table.row()
            row.cell(_rate(tax.rate, tax.nature, lang))
            row.cell(formatting.money(tax.taxable, doc.currency, lang))
            row.cell(formatting.money(tax.tax, doc.currency, lang))
    pdf.ln(5)


def _totals(pdf: _Page, doc: InvoiceDocument, lang: str) -> None:
    rows: list[tuple[str, Decimal, bool]] = [
        ("net_total", doc.net_total, False),
        ("tax_total", doc.tax_total, False),
        ("total", doc.total, True),
    ]
    if doc.paid:
        credit = doc.kind == "credit_note"
        rows.append(("refunded" if credit else "paid", doc.paid, False))
        rows.append(("to_refund" if credit else "amount_due", doc.amount_due, True))
    width = 100
    for key, amount, strong in rows:
        pdf.set_x(pdf.w - pdf.r_margin - width)
        pdf.set_font(FONT, style="B" if strong else "", size=11 if strong else 10)
        pdf.cell(60, 6.5, label(lang, key))
        pdf.cell(
            width - 60,
            6.5,
            formatting.money(amount, doc.currency, lang),
            align=Align.R,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    pdf.ln(4)


def _payments(pdf: _Page, doc: InvoiceDocument, lang: str) -> None:
    if not doc.payments:
        return
    _section(pdf, label(lang, "payments"))
    pdf.set_font(FONT, size=9.5)
    for payment in doc.payments:
        key = f"method.{payment.method}"
        method = label(lang, key) if key in LABELS["en"] else payment.method
        parts = [method, formatting.money(payment.amount, doc.currency, lang)]
        if payment.paid_on:
            parts.append(label(lang, "paid_on", date=formatting.day(payment.paid_on, lang)))
        elif payment.due_date:
            parts.append(label(lang, "due_on", date=formatting.day(payment.due_date, lang)))
        if payment.iban:
            parts.append(f"IBAN {payment.iban}")
        pdf.multi_cell(0, 5, " · ".join(parts), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _section(pdf: _Page, heading: str) -> None:
    pdf.set_font(FONT, style="B", size=10)
    pdf.cell(0, 6, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
