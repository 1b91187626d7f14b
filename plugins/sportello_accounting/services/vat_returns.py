"""The figures of a country's periodic VAT return, from the VAT registers and the settlement
(both computed in SQL, ``reports``): Italy's LIPE (quadro VP, VP2-VP14), Spain's modelo 303
(casillas), Greece's periodic return Φ2 (κωδικοί). What the ledger cannot know (credits
carried from earlier periods or years, payments on account, tax credits) comes in as
arguments, zero by default. Sources and the meaning of each box: docs/accounting.md.

Amounts are cents; sales bases and taxes count credits positive, purchases debits positive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sportello import api
from sportello_accounting.services import reports

COUNTRIES = ("it", "es", "gr")


@dataclass
class Box:
    code: str
    label: str
    amount: int


@dataclass
class VatReturn:
    country: str
    boxes: list[Box] = field(default_factory=list)
    #: positive: to pay; negative: a credit (to carry or to refund)
    result: int = 0

    def add(self, code: str, label: str, amount: int) -> int:
        self.boxes.append(Box(code, label, amount))
        return amount


@dataclass(frozen=True)
class Carried:
    """What the ledger does not hold: credits and payments from outside the period."""

    previous_debt: int = 0  # VP7 (IT) / 483 (GR): a debt below the minimum payment, carried
    previous_credit: int = 0  # VP8 / 110 (ES) / 401 (GR)
    year_credit: int = 0  # VP9: last year's credit used now
    tax_credits: int = 0  # VP11
    advance: int = 0  # VP13: December's payment on account
    quarterly: bool = False  # VP12: 1 % interest on what a quarterly filer pays


def _by_rate(rows: list[tuple[str, int, int, int]]) -> dict[Decimal, tuple[int, int]]:
    out: dict[Decimal, tuple[int, int]] = {}
    for rate, base, tax, _docs in rows:
        key = Decimal(rate).normalize()
        b, t = out.get(key, (0, 0))
        out[key] = (b + base, t + tax)
    return out


async def _figures(
    organisation_id: int, start: dt.date, end: dt.date
) -> tuple[dict[Decimal, tuple[int, int]], int, int, int]:
    sales = _by_rate(await reports.vat_register(organisation_id, "sales", start, end))
    purchases = await reports.vat_register(organisation_id, "purchases", start, end)
    output, deductible = await reports.vat_settlement(organisation_id, start, end)
    return sales, sum(r[1] for r in purchases), output, deductible


def italy(
    sales: dict[Decimal, tuple[int, int]], purchases: int, output: int, deductible: int, c: Carried
) -> VatReturn:
    r = VatReturn("it")
    r.add("VP2", "Totale operazioni attive (al netto dell'IVA)", sum(b for b, _ in sales.values()))
    r.add("VP3", "Totale operazioni passive (al netto dell'IVA)", purchases)
    vp4 = r.add("VP4", "IVA esigibile", output)
    vp5 = r.add("VP5", "IVA detratta", deductible)
    vp6 = vp4 - vp5
    r.add("VP6.1", "IVA dovuta", max(vp6, 0))
    r.add("VP6.2", "IVA a credito", max(-vp6, 0))
    r.add("VP7", "Debito periodo precedente non superiore a 25,82 euro", c.previous_debt)
    r.add("VP8", "Credito periodo precedente", c.previous_credit)
    r.add("VP9", "Credito anno precedente", c.year_credit)
    r.add("VP10", "Versamenti auto UE", 0)
    r.add("VP11", "Crediti d'imposta", c.tax_credits)
    due = vp6 + c.previous_debt - c.previous_credit - c.year_credit - c.tax_credits
    interest = (due + 50) // 100 if c.quarterly and due > 0 else 0
    r.add("VP12", "Interessi dovuti per liquidazioni trimestrali", interest)
    r.add("VP13", "Acconto dovuto", c.advance)
    vp14 = due + interest - c.advance
    r.add("VP14.1", "IVA da versare", max(vp14, 0))
    r.add("VP14.2", "IVA a credito", max(-vp14, 0))
    r.result = vp14
    return r


#: Modelo 303, régimen general: (base, tipo, cuota) casillas per rate.
SPAIN_RATES = {
    Decimal(0): ("150", "151", "152"),
    Decimal(4): ("01", "02", "03"),
    Decimal(5): ("153", "154", "155"),
    Decimal(10): ("04", "05", "06"),
    Decimal(21): ("07", "08", "09"),
}


def spain(
    sales: dict[Decimal, tuple[int, int]], purchases: int, output: int, deductible: int, c: Carried
) -> VatReturn:
    r = VatReturn("es")
    for rate, (base_box, rate_box, tax_box) in SPAIN_RATES.items():
        base, tax = sales.get(rate, (0, 0))
        r.add(base_box, f"Régimen general {rate} %: base imponible", base)
        r.add(rate_box, f"Régimen general {rate} %: tipo (%)", int(rate) * 100)
        r.add(tax_box, f"Régimen general {rate} %: cuota", tax)
    r.add("27", "Total cuota devengada", output)
    r.add("28", "Operaciones interiores corrientes: base", purchases)
    r.add("29", "Operaciones interiores corrientes: cuota deducible", deductible)
    r.add("45", "Total a deducir", deductible)
    r46 = r.add("46", "Resultado régimen general", output - deductible)
    r64 = r.add("64", "Suma de resultados", r46)
    r.add("65", "% atribuible a la Administración del Estado", 100_00)
    r66 = r.add("66", "Atribuible a la Administración del Estado", r64)
    r.add("110", "Cuotas a compensar pendientes de períodos anteriores", c.previous_credit)
    applied = min(c.previous_credit, max(r66, 0))
    r.add("78", "Cuotas a compensar de períodos anteriores aplicadas en este período", applied)
    r.add(
        "87",
        "Cuotas a compensar de períodos previos pendientes para períodos posteriores",
        c.previous_credit - applied,
    )
    r69 = r.add("69", "Resultado", r66 - applied)
    r.add("71", "Resultado de la liquidación", r69)
    r.result = r69
    return r


#: Φ2 (form 050 ΦΠΑ, 2024 edition): (taxable outputs, output VAT) κωδικοί per rate, in the
#: form's order: the mainland's rates (table I), then the reduced islands' (table II). The
#: mainland's 4 % (308/338) cannot be told from the islands' 4 % by its rate: it lands in 305.
GREECE_RATES = {
    Decimal(13): ("301", "331"),
    Decimal(6): ("302", "332"),
    Decimal(24): ("303", "333"),
    Decimal(9): ("304", "334"),
    Decimal(4): ("305", "335"),
    Decimal(17): ("306", "336"),
    Decimal(3): ("309", "339"),
}


def greece(
    sales: dict[Decimal, tuple[int, int]], purchases: int, output: int, deductible: int, c: Carried
) -> VatReturn:
    r = VatReturn("gr")
    for rate, (base_box, tax_box) in GREECE_RATES.items():
        base, tax = sales.get(rate, (0, 0))
        r.add(base_box, f"Φορολογητέες εκροές {rate}%", base)
        r.add(tax_box, f"Φόρος εκροών {rate}%", tax)
    r.add("307", "Σύνολο φορολογητέων εκροών", sum(sales.get(k, (0, 0))[0] for k in GREECE_RATES))
    r.add("337", "Σύνολο φόρου εκροών", output)
    # Inputs: all domestic purchases and expenses (no imports, intra-EU acquisitions or
    # reverse charge here), so the totals 367/387 repeat 361/381.
    r.add("361", "Αγορές και δαπάνες στο εσωτερικό της χώρας", purchases)
    r.add("381", "Φόρος αγορών και δαπανών στο εσωτερικό της χώρας", deductible)
    r.add("367", "Σύνολο φορολογητέων εισροών", purchases)
    r.add("387", "Σύνολο φόρου εισροών", deductible)
    # 430 = 387 + 410 (amounts added) - 428 (amounts subtracted, e.g. pro-rata): none here.
    r.add("430", "Υπόλοιπο φόρου εισροών", deductible)
    balance = output - deductible  # 337 - 430: 480 when positive, 470 when negative
    r.add("470", "Πιστωτικό υπόλοιπο", max(-balance, 0))
    r.add("480", "Χρεωστικό υπόλοιπο", max(balance, 0))
    r.add("401", "Πιστωτικό υπόλοιπο προηγούμενης φορολογικής περιόδου", c.previous_credit)
    r.add("483", "Χρεωστικό υπόλοιπο έως 30 € προηγούμενης φορολογικής περιόδου", c.previous_debt)
    # 511 (to pay) when positive, 502 (credit carried to the next period) when negative.
    result = balance - c.previous_credit + c.previous_debt
    r.add("502", "Ποσό για έκπτωση", max(-result, 0))
    r.add("511", "Ποσό προς καταβολή", max(result, 0))
    r.result = result
    return r


BUILDERS = {"it": italy, "es": spain, "gr": greece}


async def vat_return(
    organisation_id: int, country: str, start: dt.date, end: dt.date, carried: Carried
) -> VatReturn:
    if country not in BUILDERS:
        raise api.ServiceError("INVALID", "accounting.vat_country", "country")
    for name in ("previous_debt", "previous_credit", "year_credit", "tax_credits", "advance"):
        if getattr(carried, name) < 0:
            raise api.ServiceError("INVALID", "accounting.amount", name)
    sales, purchases, output, deductible = await _figures(organisation_id, start, end)
    return BUILDERS[country](sales, purchases, output, deductible, carried)
