"""The checks of the exchange system (SdI) that the FatturaPA schema cannot express.

Run on a file that already passed the schema. Each problem is one readable line, path first,
like the schema's own messages. The tolerances are those of the exchange system: a cent on a
line total, one euro on the taxable amount and the tax of a summary row.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import ROUND_HALF_UP, Decimal

ROOT = "/p:FatturaElettronica"
CENT = Decimal("0.01")
ONE = Decimal(1)


def exchange_rules(root: ET.Element) -> list[str]:
    """Every problem of a schema-valid FatturaElettronica beyond the schema."""
    problems = _recipient(root)
    for b, body in enumerate(root.findall("FatturaElettronicaBody"), start=1):
        base = f"{ROOT}/FatturaElettronicaBody[{b}]/DatiBeniServizi"
        lines = body.findall("DatiBeniServizi/DettaglioLinee")
        summaries = body.findall("DatiBeniServizi/DatiRiepilogo")
        problems += _natures(base, "DettaglioLinee", lines)
        problems += _natures(base, "DatiRiepilogo", summaries)
        problems += _line_totals(base, lines)
        problems += _summaries(base, lines, summaries)
    return problems


def _recipient(root: ET.Element) -> list[str]:
    version = root.get("versione")
    code = root.findtext("FatturaElettronicaHeader/DatiTrasmissione/CodiceDestinatario")
    expected = 6 if version == "FPA12" else 7
    if code is None or len(code) == expected:
        return []
    where = f"{ROOT}/FatturaElettronicaHeader/DatiTrasmissione/CodiceDestinatario"
    return [f"{where}: a {version} file needs a {expected}-character code, not {code!r}."]


def _natures(base: str, tag: str, rows: list[ET.Element]) -> list[str]:
    """A 0 % rate names its nature; a nature goes with a 0 % rate only (SdI 00400, 00401, 00429,
    00430)."""
    problems = []
    for n, row in enumerate(rows, start=1):
        rate = _decimal(row, "AliquotaIVA")
        nature = row.findtext("Natura")
        if rate == 0 and not nature:
            problems.append(f"{base}/{tag}[{n}]: a 0.00 VAT rate needs a Natura (N1 to N7).")
        if rate != 0 and nature:
            problems.append(
                f"{base}/{tag}[{n}]: Natura {nature} is only for a 0.00 VAT rate, not {rate}."
            )
    return problems


def _line_totals(base: str, lines: list[ET.Element]) -> list[str]:
    """PrezzoTotale is the unit price times the quantity, less the discounts (SdI 00423)."""
    problems = []
    for n, line in enumerate(lines, start=1):
        quantity = _decimal(line, "Quantita", default=ONE)
        expected = _decimal(line, "PrezzoUnitario") * quantity
        for adjustment in line.findall("ScontoMaggiorazione"):
            sign = -1 if adjustment.findtext("Tipo") == "SC" else 1
            percent = adjustment.findtext("Percentuale")
            if percent is not None:
                expected += sign * expected * Decimal(percent) / 100
            else:
                expected += sign * _decimal(adjustment, "Importo") * quantity
        total = _decimal(line, "PrezzoTotale")
        if abs(total - expected) > CENT:
            problems.append(
                f"{base}/DettaglioLinee[{n}]/PrezzoTotale: {total} is not the unit price times "
                f"the quantity less discounts ({_cents(expected)})."
            )
    return problems


def _summaries(base: str, lines: list[ET.Element], summaries: list[ET.Element]) -> list[str]:
    """One summary row per rate and nature of the lines (SdI 00419); its taxable amount is the sum
    of those lines (00422) and its tax the taxable amount at the rate (00421)."""
    problems = []
    sums: dict[tuple[Decimal, str | None], Decimal] = {}
    for line in lines:
        key = (_decimal(line, "AliquotaIVA"), line.findtext("Natura"))
        sums[key] = sums.get(key, Decimal(0)) + _decimal(line, "PrezzoTotale")
    seen = set()
    for n, row in enumerate(summaries, start=1):
        rate = _decimal(row, "AliquotaIVA")
        key = (rate, row.findtext("Natura"))
        seen.add(key)
        taxable = _decimal(row, "ImponibileImporto")
        tax = _decimal(row, "Imposta")
        where = f"{base}/DatiRiepilogo[{n}]"
        lines_sum = sums.get(key, Decimal(0)) + _decimal(row, "SpeseAccessorie")
        lines_sum += _decimal(row, "Arrotondamento")
        if abs(taxable - lines_sum) > ONE:
            problems.append(
                f"{where}/ImponibileImporto: {taxable} is not the sum of the lines at this rate "
                f"({_cents(lines_sum)})."
            )
        expected_tax = taxable * rate / 100
        if abs(tax - expected_tax) > ONE:
            problems.append(
                f"{where}/Imposta: {tax} is not {rate} % of {taxable} ({_cents(expected_tax)})."
            )
    for rate, nature in sums.keys() - seen:
        what = f"{rate} % ({nature})" if nature else f"{rate} %"
        problems.append(f"{base}: no DatiRiepilogo for the lines at {what}.")
    return problems


def _decimal(element: ET.Element, tag: str, default: Decimal = Decimal(0)) -> Decimal:
    text = element.findtext(tag)
    return Decimal(text) if text is not None else default


def _cents(value: Decimal) -> str:
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):f}"
