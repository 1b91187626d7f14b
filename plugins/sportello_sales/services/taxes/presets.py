"""Tax rate presets by country, installed at startup by the office's ``country`` setting.

Italy's zero-rate natures are those of FatturaPA 1.2.x (``Natura``): N1 excluded (art. 15, the
city tax collected on behalf of the municipality), N2.1 and N2.2 not subject, N3.1 to N3.6 not
taxable, N4 exempt, N5 margin scheme, N6.1 to N6.9 reverse charge, N7 VAT paid in another EU
state. Spain and Greece get their standard, reduced and super-reduced rates, an exempt rate, a
reverse charge rate and the out-of-scope rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Preset:
    code: str
    name: str
    rate: Decimal
    nature: str | None = None
    legal_reference: str = ""


def _rate(code: str, percent: str, name: str) -> Preset:
    return Preset(code, name, Decimal(percent))


def _nature(code: str, name: str, reference: str = "") -> Preset:
    return Preset(code, name, Decimal(0), nature=code, legal_reference=reference)


ITALY = (
    _rate("IT22", "22", "IVA 22%"),
    _rate("IT10", "10", "IVA 10%"),
    _rate("IT5", "5", "IVA 5%"),
    _rate("IT4", "4", "IVA 4%"),
    _nature("N1", "Escluse ex art. 15", "Art. 15 DPR 633/72"),
    _nature("N2.1", "Non soggette ad IVA (artt. da 7 a 7-septies)", "Artt. 7-7septies DPR 633/72"),
    _nature("N2.2", "Non soggette - altri casi"),
    _nature("N3.1", "Non imponibili - esportazioni", "Art. 8 DPR 633/72"),
    _nature("N3.2", "Non imponibili - cessioni intracomunitarie", "Art. 41 DL 331/93"),
    _nature("N3.3", "Non imponibili - cessioni verso San Marino"),
    _nature("N3.4", "Non imponibili - operazioni assimilate alle esportazioni"),
    _nature("N3.5", "Non imponibili - a seguito di dichiarazioni d'intento"),
    _nature("N3.6", "Non imponibili - altre operazioni"),
    _nature("N4", "Esenti", "Art. 10 DPR 633/72"),
    _nature("N5", "Regime del margine"),
    _nature("N6.1", "Inversione contabile - cessione di rottami"),
    _nature("N6.2", "Inversione contabile - cessione di oro e argento"),
    _nature("N6.3", "Inversione contabile - subappalto nel settore edile"),
    _nature("N6.4", "Inversione contabile - cessione di fabbricati"),
    _nature("N6.5", "Inversione contabile - cessione di telefoni cellulari"),
    _nature("N6.6", "Inversione contabile - cessione di prodotti elettronici"),
    _nature("N6.7", "Inversione contabile - prestazioni comparto edile"),
    _nature("N6.8", "Inversione contabile - settore energetico"),
    _nature("N6.9", "Inversione contabile - altri casi", "Art. 17 DPR 633/72"),
    _nature("N7", "IVA assolta in altro stato UE"),
)
SPAIN = (
    _rate("ES21", "21", "IVA 21%"),
    _rate("ES10", "10", "IVA 10%"),
    _rate("ES4", "4", "IVA 4%"),
    Preset("ES-EX", "Exento", Decimal(0), "E1", "Art. 20 Ley 37/1992"),
    Preset("ES-ISP", "Inversión del sujeto pasivo", Decimal(0), "ISP", "Art. 84 Ley 37/1992"),
    Preset("ES-NS", "No sujeto", Decimal(0), "NS"),
)
GREECE = (
    _rate("GR24", "24", "ΦΠΑ 24%"),
    _rate("GR13", "13", "ΦΠΑ 13%"),
    _rate("GR6", "6", "ΦΠΑ 6%"),
    Preset("GR-EX", "Απαλλαγή ΦΠΑ", Decimal(0), "EX"),
    Preset("GR-RC", "Αντίστροφη επιβάρυνση", Decimal(0), "RC"),
    Preset("GR-OUT", "Εκτός πεδίου ΦΠΑ", Decimal(0), "OUT"),
)
PRESETS: dict[str, tuple[Preset, ...]] = {"IT": ITALY, "ES": SPAIN, "GR": GREECE}


@dataclass(frozen=True)
class CountryRules:
    """Which preset codes stand for: the standard rate, out of scope (city tax), exempt and
    reverse charge parties' defaults."""

    standard: str
    out_of_scope: str
    exempt: str
    reverse_charge: str


RULES = {
    "IT": CountryRules(standard="IT22", out_of_scope="N1", exempt="N4", reverse_charge="N6.9"),
    "ES": CountryRules(
        standard="ES21", out_of_scope="ES-NS", exempt="ES-EX", reverse_charge="ES-ISP"
    ),
    "GR": CountryRules(
        standard="GR24", out_of_scope="GR-OUT", exempt="GR-EX", reverse_charge="GR-RC"
    ),
}
