"""A report table as a file: CSV (keys as headers, plain decimals, for spreadsheets and
scripts) or PDF (labels in the reader's language, amounts as that language writes them; fpdf2
with DejaVu Sans for Latin and Greek)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from babel.numbers import format_decimal
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from sportello import api
from sportello_accounting.services._common import from_cents
from sportello_accounting.services.report_labels import label, language_of
from sportello_accounting.services.report_tables import Table

FONT = api.PDF_FONT
GREY = (110, 110, 110)
LIGHT = (238, 238, 238)
LOCALES = {"en": "en_GB", "it": "it_IT", "es": "es_ES", "el": "el_GR"}


def to_csv(table: Table) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["row", *(key for key, _label, _num in table.columns)])
    for row in table.rows:
        cells = [
            ("" if c is None else str(from_cents(c)) if isinstance(c, int) and num else c)
            for c, (_k, _l, num) in zip(row.cells, table.columns, strict=False)
        ]
        w.writerow([row.kind or "line", *cells])
    return out.getvalue()


def _amount(cents: int, lang: str) -> str:
    return format_decimal(from_cents(cents), format="#,##0.00", locale=LOCALES[lang])


class _Page(FPDF):
    def __init__(self, title: str, footer: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.title_text = title
        self.footer_text = footer
        for style, path in api.pdf_font_files().items():
            self.add_font(FONT, style=style, fname=str(path))
        self.set_margins(left=15, top=15, right=15)
        self.set_auto_page_break(auto=True, margin=18)

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font(FONT, size=8)
            self.set_text_color(*GREY)
            self.cell(0, 5, self.title_text, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.footer_text.replace("{page}", str(self.page_no())), align=Align.C)


def to_pdf(table: Table, language: str, company: str, currency: str) -> bytes:
    lang = language_of(language)
    pdf = _Page(
        f"{table.title} · {table.subtitle}", label(lang, "page", page="{page}", pages="{nb}")
    )
    pdf.alias_nb_pages("{nb}")
    pdf.set_title(table.title)
    pdf.set_creator("Sportello")
    pdf.set_lang(lang)
    pdf.set_creation_date(datetime(2000, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font(FONT, style="B", size=14)
    pdf.cell(0, 8, table.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9)
    pdf.set_text_color(*GREY)
    sub = f"{company} · {table.subtitle} · {label(lang, 'currency', currency=currency)}"
    pdf.cell(0, 5, sub.lstrip(" ·"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(3)
    scale = pdf.epw / sum(table.widths)
    widths = [w * scale for w in table.widths]
    pdf.set_font(FONT, style="B", size=8)
    pdf.set_fill_color(*LIGHT)
    for (_key, text, num), w in zip(table.columns, widths, strict=True):
        pdf.cell(w, 6, text, align=Align.R if num else Align.L, fill=True)
    pdf.ln(6)
    for row in table.rows:
        if row.kind == "section":
            pdf.ln(1)
            pdf.set_font(FONT, style="B", size=9)
            pdf.cell(0, 6, str(row.cells[0]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            continue
        pdf.set_font(FONT, style="B" if row.kind == "total" else "", size=8)
        for i, ((_key, _text, num), w) in enumerate(zip(table.columns, widths, strict=True)):
            cell = row.cells[i] if i < len(row.cells) else None
            if cell is None:
                text = ""
            elif isinstance(cell, int) and num:
                text = _amount(cell, lang)
            else:
                text = str(cell)
            while text and pdf.get_string_width(text) > w - 1:
                text = text[:-1]
            pdf.cell(
                w,
                5,
                text,
                align=Align.R if num else Align.L,
                border="T" if row.kind == "total" else 0,
            )
        pdf.ln(5)
    return bytes(pdf.output())
