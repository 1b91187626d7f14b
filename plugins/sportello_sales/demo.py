"""Demo data: a hotel's and a small firm's catalogue, a corporate price list, customers with
their billing data, and a morning's invoices: paid, partly paid, credited, a draft
(idempotent: the catalogue by charge code, the documents only once)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, billing, counter_sales, payments
from sportello_sales.services.catalogue import pricelists, products
from sportello_sales.services.invoices import credit_notes, drafts, issue
from sportello_sales.services.invoices.lines import LineInput
from sportello_sales.services.taxes import presets, rates

#: (charge code, name, kind, unit, category, tax (IT preset code), price, price with tax)
CATALOGUE = (
    ("ROOM_NIGHT", "Room night", "service", "night", "rooms", "IT10", "120.00", True),
    ("BREAKFAST", "Breakfast", "service", "person", "food_beverage", "IT10", "15.00", True),
    ("MINIBAR", "Minibar", "product", "piece", "food_beverage", "IT22", "4.50", True),
    ("PARKING", "Garage parking", "service", "day", "services", "IT22", "20.00", True),
    ("LAUNDRY", "Laundry service", "service", "piece", "services", "IT22", "8.00", True),
    ("CITY_TAX", "City tax", "service", "person", "taxes", "N1", "3.50", True),
    # What a hotel folio may also charge (docs/sales.md): penalties are out of scope (N1).
    ("EXTRA", "Other hotel service", "service", "piece", "services", "IT22", "10.00", True),
    ("CANCELLATION_FEE", "Cancellation fee", "service", "piece", "fees", "N1", "50.00", True),
    ("NO_SHOW_FEE", "No-show fee", "service", "piece", "fees", "N1", "50.00", True),
    ("CERT_FEE", "Certificate fee", "service", "piece", "fees", "N1", "16.00", True),
    ("MEETING_ROOM", "Meeting room (half day)", "service", "day", "events", "IT22", "250", False),
    ("CONSULTING", "Consulting hour", "service", "hour", "consulting", "IT22", "90.00", False),
)
#: The standard rate of the other presets, for installations set to Spain or Greece.
_STANDARD = {"IT22": "standard", "IT10": "reduced"}

CUSTOMERS: tuple[dict[str, Any], ...] = (
    {
        "name": "Laura Bianchi",
        "profile": {"kind": m.PERSON, "fiscal_code": "BNCLRA85M41F205X", "city": "Milano",
                    "street": "Via Torino 5", "postcode": "20123", "province": "MI",
                    "country": "IT", "sdi_code": "0000000"},
    },
    {
        "name": "Lario Viaggi S.r.l.",
        "profile": {"kind": m.COMPANY, "vat_id": "03456780136", "fiscal_code": "03456780136",
                    "street": "Piazza Cavour 3", "postcode": "22100", "city": "Como",
                    "province": "CO", "country": "IT", "sdi_code": "M5UXCR1",
                    "pec": "amministrazione@pec.larioviaggi.it", "party_group": "corporate"},
    },
    {
        "name": "Schmidt Consulting GmbH",
        "profile": {"kind": m.COMPANY, "vat_id": "DE812345678", "street": "Leopoldstraße 20",
                    "postcode": "80802", "city": "München", "country": "DE",
                    "sdi_code": "XXXXXXX", "tax_treatment": m.REVERSE_CHARGE,
                    "exemption_code": "N2.1"},
    },
)  # fmt: skip


def _tax_code(code: str) -> str:
    """The demo's tax code in the installed preset (IT codes, or their Spanish and Greek
    counterparts)."""
    country = _common.settings().country
    if country == "IT":
        return code
    rules = presets.RULES[country]
    if code.startswith("N"):
        return rules.out_of_scope
    reduced = {"ES": "ES10", "GR": "GR13"}[country]
    return rules.standard if _STANDARD.get(code) == "standard" else reduced


async def _catalogue() -> dict[str, m.Product]:
    await rates.install_preset()
    out: dict[str, m.Product] = {}
    for code, name, kind, unit, category, tax, price, with_tax in CATALOGUE:
        product = await m.Product.filter(charge_code=code).first()
        if product is None:
            rate = await m.TaxRate.get(code=_tax_code(tax))
            product = await products.create(
                api.SYSTEM,
                charge_code=code,
                name=name,
                tax_rate_id=rate.id,
                price=Decimal(price),
                kind=kind,
                unit=unit,
                category=category,
                price_includes_tax=with_tax,
            )
        out[code] = product
    if not await m.PriceList.filter(name="Corporate").exists():
        corporate = await pricelists.create(
            api.SYSTEM, name="Corporate", party_group="corporate", prices_include_tax=True
        )
        for code, price in (("ROOM_NIGHT", "98.00"), ("BREAKFAST", "12.00")):
            await pricelists.set_price(api.SYSTEM, corporate.id, out[code].id, Decimal(price))
    return out


async def _customers() -> list[int]:
    ids = []
    for customer in CUSTOMERS:
        party = await api.PartyModel.filter(display_name=customer["name"]).first()
        if party is None:
            kind = "organisation" if customer["profile"]["kind"] == m.COMPANY else "person"
            party = await api.PartyModel.create(display_name=customer["name"], kind=kind)
        if not await m.BillingProfile.filter(party_id=party.id).exists():
            profile = dict(customer["profile"])
            if _common.settings().country != "IT":
                profile.pop("exemption_code", None)
            await billing.set_profile(api.SYSTEM, party.id, name=customer["name"], **profile)
        ids.append(party.id)
    return ids


def _lines(*items: tuple[str, str]) -> list[LineInput]:
    return [LineInput(charge_code=code, quantity=Decimal(qty)) for code, qty in items]


async def load(runtime: api.RuntimeView | None = None) -> None:
    if runtime is not None:
        _common.configure(runtime.plugin_settings("sales"))
    await _catalogue()
    laura, lario, schmidt = await _customers()
    if await m.Invoice.all().exists():
        return
    stay = await drafts.create(
        api.SYSTEM,
        laura,
        _lines(("ROOM_NIGHT", "3"), ("BREAKFAST", "6"), ("MINIBAR", "2"), ("CITY_TAX", "6")),
        prices_include_tax=True,
    )
    stay = await issue.issue(api.SYSTEM, stay.id)
    await payments.register(api.SYSTEM, stay.id, Decimal("120.00"), "bank_transfer")
    await payments.register(api.SYSTEM, stay.id, stay.total - Decimal("120.00"), "card")

    group = await drafts.create(
        api.SYSTEM,
        lario,
        _lines(("ROOM_NIGHT", "8"), ("BREAKFAST", "8"), ("PARKING", "4"), ("CITY_TAX", "8")),
        prices_include_tax=True,
        notes="Group Lario Viaggi, 4 double rooms, 2 nights",
    )
    group = await issue.issue(api.SYSTEM, group.id)
    await payments.register(api.SYSTEM, group.id, Decimal("500.00"), "bank_transfer")

    meeting = await drafts.create(
        api.SYSTEM, schmidt, _lines(("MEETING_ROOM", "1"), ("CONSULTING", "3"))
    )
    meeting = await issue.issue(api.SYSTEM, meeting.id)
    await payments.register(api.SYSTEM, meeting.id, meeting.total, "bank_transfer")

    # a parking day of the group was not used: credited, the invoice is never edited
    note = await credit_notes.create(
        api.SYSTEM,
        group.id,
        [credit_notes.CreditLineInput(invoice_line_id=None, description="Parking not used",
                                      unit_price=Decimal("20.00"), quantity=Decimal(1),
                                      tax_code=_tax_code("IT22"))],
    )  # fmt: skip
    await issue.issue(api.SYSTEM, note.id)

    await drafts.create(
        api.SYSTEM, laura, _lines(("LAUNDRY", "2"), ("CERT_FEE", "1")), prices_include_tax=True
    )
    await _desk()


async def _desk() -> None:
    """The front desk's drawer, open with its float and two quick sales (at the first site)."""
    site = await api.SiteModel.all().order_by("id").first()
    if site is None:
        return
    session = await counter_sales.open_session(api.SYSTEM, site.id, "FRONT", Decimal("150.00"))
    await counter_sales.sell(api.SYSTEM, session.id, _lines(("MINIBAR", "2")), "cash")
    await counter_sales.sell(api.SYSTEM, session.id, _lines(("LAUNDRY", "1")), "card")
