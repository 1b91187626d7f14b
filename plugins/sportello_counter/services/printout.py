"""The printed ticket a kiosk hands out: a small PDF page (fpdf2) for ordinary printers and
ESC/POS bytes (python-escpos) for thermal kiosk printers. Both carry the same lines, in the
language asked for: the office, the number in large print, the service, when it was issued,
the tickets ahead and the estimated wait.

Greek needs a Unicode font in the PDF: ``[modules.counter] print_font`` (a TrueType file),
else the DejaVu Sans Mono that python-escpos installs (through python-barcode), else the
system's DejaVu Sans; without any, the PDF falls back to Helvetica (Latin-1 only). ESC/POS
text is encoded for the printer's code pages by python-escpos.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sportello import api
from sportello_counter import models as m
from sportello_counter.services import _common
from sportello_counter.services._common import _aware, _tz
from sportello_counter.services.tickets import _ticket, call_group

PDF = "pdf"
ESCPOS = "escpos"
#: Where a Unicode TrueType font may be found when ``print_font`` is not set.
_SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
)


@dataclass(frozen=True)
class Printout:
    content_type: str
    filename: str
    data: bytes


@dataclass(frozen=True)
class TicketText:
    """What a printed ticket says, in one language."""

    office: str
    title: str
    number: str
    service: str
    issued: str
    ahead: str
    wait: str
    footer: str


Translate = Callable[..., str]


async def ticket_text(
    actor: api.Actor, ticket_id: int, t: Translate
) -> tuple[m.Ticket, TicketText]:
    """The lines of the ticket (``t(key, **params)`` translates the labels)."""
    ticket = await _ticket(actor, ticket_id)
    service = await m.CounterService.get(id=ticket.service_id)
    site = await api.SiteModel.get(id=ticket.site_id)
    issued = _aware(ticket.issued_at).astimezone(_tz(site))
    at = _common.now()
    ahead = 0
    if ticket.status == m.WAITING:
        mine = (call_group(ticket.appointment_id, ticket.slot_at, ticket.priority, at),)
        rank = (*mine, _aware(ticket.issued_at), ticket.id)
        for other in await m.Ticket.filter(
            service_id=ticket.service_id, day=ticket.day, status=m.WAITING
        ).exclude(id=ticket.id):
            group = call_group(other.appointment_id, other.slot_at, other.priority, at)
            ahead += (group, _aware(other.issued_at), other.id) < rank
    return ticket, TicketText(
        office=site.name,
        title=t("counter.print.title"),
        number=ticket.code,
        service=service.name,
        issued=t(
            "counter.print.issued", day=issued.date().isoformat(), time=issued.strftime("%H:%M")
        ),
        ahead=t("counter.print.ahead", count=ahead),
        wait=t("counter.print.wait", minutes=ticket.estimated_wait_minutes),
        footer=t("counter.print.footer"),
    )


def _font() -> Path | None:
    configured = _common.settings().print_font
    if configured:
        return Path(configured)
    try:
        bundled = importlib.resources.files("barcode") / "fonts" / "DejaVuSansMono.ttf"
        if bundled.is_file():
            return Path(str(bundled))
    except ModuleNotFoundError:
        pass
    for candidate in _SYSTEM_FONTS:
        if Path(candidate).is_file():
            return Path(candidate)
    return None


def pdf(text: TicketText) -> bytes:
    """An 80 x 120 mm page: the number in large print between the other lines."""
    from fpdf import FPDF  # lazy: only kiosks print

    doc = FPDF(unit="mm", format=(80, 120))
    doc.set_margins(5, 6, 5)
    doc.set_auto_page_break(False)
    doc.add_page()
    doc.set_title(f"{text.number} - {text.service}")
    font = _font()
    family = "Helvetica"
    if font is not None:
        doc.add_font("ticket", "", str(font))
        family = "ticket"

    def line(value: str, size: float, height: float) -> None:
        if family == "Helvetica":
            value = value.encode("latin-1", "replace").decode("latin-1")
        doc.set_font(family, size=size)
        doc.multi_cell(0, height, value, align="C", new_x="LMARGIN", new_y="NEXT")

    line(text.office, 10, 5)
    doc.ln(3)
    line(text.title, 11, 6)
    line(text.number, 44, 18)
    line(text.service, 12, 6)
    doc.ln(2)
    line(text.issued, 9, 5)
    line(text.ahead, 10, 5)
    line(text.wait, 10, 5)
    doc.ln(3)
    line(text.footer, 8, 4)
    return bytes(doc.output())


def escpos(text: TicketText) -> bytes:
    """ESC/POS commands for a thermal printer, ending with a paper cut."""
    from escpos.printer import Dummy  # lazy: only kiosks print

    printer = Dummy()
    printer.set(align="center", normal_textsize=True)
    printer.textln(text.office)
    printer.ln()
    printer.textln(text.title)
    printer.set(align="center", bold=True, double_height=True, double_width=True)
    printer.textln(text.number)
    printer.set(align="center", normal_textsize=True)
    printer.textln(text.service)
    printer.ln()
    for value in (text.issued, text.ahead, text.wait):
        printer.textln(value)
    printer.ln()
    printer.textln(text.footer)
    printer.cut()
    return bytes(printer.output)


async def ticket_printout(actor: api.Actor, ticket_id: int, kind: str, t: Translate) -> Printout:
    """The ticket as a PDF page or as ESC/POS bytes."""
    ticket, text = await ticket_text(actor, ticket_id, t)
    day = ticket.day.isoformat() if isinstance(ticket.day, dt.date) else str(ticket.day)
    name = f"ticket-{day}-{ticket.code}"
    if kind == ESCPOS:
        return Printout("application/vnd.escpos", f"{name}.bin", escpos(text))
    return Printout("application/pdf", f"{name}.pdf", pdf(text))
