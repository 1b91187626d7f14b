"""Catalogue, price lists, tax rates, billing profiles: CRUD, typed errors, permissions,
translations, the country preset, reverse charge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sales_setup import (
    MODULES,
    PLUGINS,
    PRODUCT_CREATE,
    codes,
    draft,
    hotel_catalogue,
    party,
    product,
    tax_ids,
)

from sportello_sales.models import TaxRate
from sportello_sales.services import _common
from sportello_sales.settings import SalesSettings

PRICE_LIST_CREATE = """
mutation($i: PriceListCreateInput!) {
  priceListCreate(input: $i) { priceList { id name currency } errors { field code } }
}
"""
PRICE_SET = """
mutation($i: PriceListPriceSetInput!) {
  priceListPriceSet(input: $i) { priceList { id items { chargeCode price } } errors { field code } }
}
"""
PRODUCT_UPDATE = """
mutation($i: ProductUpdateInput!) {
  productUpdate(input: $i) { product { id name price active } errors { field code } }
}
"""
TAX_RATE_CREATE = """
mutation($i: TaxRateCreateInput!) {
  taxRateCreate(input: $i) { taxRate { id code rate nature } errors { field code message } }
}
"""
BILLING = """
mutation($i: BillingProfileSetInput!) {
  billingProfileSet(input: $i) {
    billingProfile { id name vatId country sdiCode taxTreatment }
    errors { field code }
  }
}
"""
METHODS = "query { paymentMethods { code label } }"


async def test_country_preset_and_tax_rates(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        taxes = await tax_ids(h)
        assert {"IT22", "IT10", "IT5", "IT4", "N1", "N2.2", "N3.1", "N4", "N6.9", "N7"} <= set(
            taxes
        )
        made = await h.ok(
            TAX_RATE_CREATE, {"i": {"code": "IT-EXTRA", "name": "Extra", "rate": "7.5"}}
        )
        assert made["taxRateCreate"]["taxRate"]["rate"] == "7.50"
        taken = await h.ok(TAX_RATE_CREATE, {"i": {"code": "IT22", "name": "X", "rate": "22"}})
        assert codes(taken["taxRateCreate"]) == [("code", "CODE_TAKEN")]
        bad = await h.ok(TAX_RATE_CREATE, {"i": {"code": "Y", "name": "Y", "rate": "100"}})
        assert codes(bad["taxRateCreate"]) == [("rate", "INVALID")]
        nature = await h.ok(
            TAX_RATE_CREATE, {"i": {"code": "Z", "name": "Z", "rate": "5", "nature": "N4"}}
        )
        assert codes(nature["taxRateCreate"]) == [("nature", "INVALID")]


async def test_spanish_and_greek_presets(sportello_app: Callable[..., Any]) -> None:
    """The preset installed is the one of the ``country`` setting."""
    from sportello_sales.services.taxes import rates

    for country, expected in (("ES", {"ES21", "ES10", "ES4"}), ("GR", {"GR24", "GR13", "GR6"})):
        async with sportello_app(MODULES, plugins=PLUGINS) as h:
            await TaxRate.all().delete()
            _common.configure(SalesSettings(country=country))
            assert await rates.install_preset() == len(await TaxRate.all())
            taxes = await tax_ids(h)
            assert expected <= set(taxes) and "IT22" not in taxes
            assert await rates.install_preset() == 0  # idempotent


async def test_products_and_price_lists(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        taxes = await tax_ids(h)
        dup = await h.ok(
            PRODUCT_CREATE,
            {"i": {"chargeCode": "minibar", "name": "X", "taxRateId": taxes["IT22"], "price": "1"}},
        )
        assert codes(dup["productCreate"]) == [("chargeCode", "CODE_TAKEN")]
        bad = await h.ok(
            PRODUCT_CREATE,
            {"i": {"chargeCode": "a b", "name": "X", "taxRateId": taxes["IT22"], "price": "1"}},
        )
        assert codes(bad["productCreate"]) == [("chargeCode", "INVALID")]
        negative = await h.ok(
            PRODUCT_CREATE,
            {"i": {"chargeCode": "NEG", "name": "X", "taxRateId": taxes["IT22"], "price": "-1"}},
        )
        assert codes(negative["productCreate"]) == [("price", "INVALID")]
        fee = await product(h, "CERT_FEE", "Certificate fee", "N1", "16.00", category="fees")
        changed = await h.ok(PRODUCT_UPDATE, {"i": {"id": fee, "price": "18", "name": "Fee"}})
        assert Decimal(changed["productUpdate"]["product"]["price"]) == 18

        # a corporate list (prices with tax) beats the product's price for corporate parties
        plist = await h.ok(
            PRICE_LIST_CREATE,
            {"i": {"name": "Corporate", "partyGroup": "corporate", "validFrom": "2000-01-01"}},
        )
        list_id = plist["priceListCreate"]["priceList"]["id"]
        products = await h.ok("query { products(first: 10) { edges { node { id chargeCode } } } }")
        room = next(
            e["node"]["id"]
            for e in products["products"]["edges"]
            if e["node"]["chargeCode"] == "ROOM_NIGHT"
        )
        priced = await h.ok(
            PRICE_SET, {"i": {"priceListId": list_id, "productId": room, "price": "99"}}
        )
        assert priced["priceListPriceSet"]["priceList"]["items"] == [
            {"chargeCode": "ROOM_NIGHT", "price": "99.0000"}
        ]
        corp = await party(h, "Corp S.p.A.")
        await h.ok(BILLING, {"i": {"partyId": corp, "kind": "COMPANY", "partyGroup": "corporate"}})
        walk_in = await party(h, "Walk In")
        line = [{"chargeCode": "ROOM_NIGHT"}]
        assert (await draft(h, corp, line, pricesIncludeTax=True))["invoice"]["total"] == "99.00"
        assert (await draft(h, walk_in, line, pricesIncludeTax=True))["invoice"]["total"] == (
            "110.00"
        )
        # a list not yet valid is not used; a tax-included price becomes net without tax basis
        later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
        bad_dates = await h.ok(
            PRICE_LIST_CREATE,
            {"i": {"name": "X", "validFrom": later, "validTo": "2000-01-01"}},
        )
        assert codes(bad_dates["priceListCreate"]) == [("validTo", "INVALID")]
        net = await draft(h, walk_in, line)
        assert (net["invoice"]["netTotal"], net["invoice"]["total"]) == ("100.00", "110.00")


async def test_billing_profiles_and_reverse_charge(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        firm = await party(h, "Schmidt GmbH")
        out = await h.ok(
            BILLING,
            {
                "i": {
                    "partyId": firm,
                    "kind": "COMPANY",
                    "vatId": "de 812345678",
                    "country": "de",
                    "sdiCode": "xxxxxxx",
                    "taxTreatment": "REVERSE_CHARGE",
                }
            },
        )
        profile = out["billingProfileSet"]["billingProfile"]
        assert (profile["vatId"], profile["country"], profile["sdiCode"]) == (
            "DE812345678",
            "DE",
            "XXXXXXX",
        )
        for field, value, code in (
            ("country", "XY", "country"),
            ("sdiCode", "12", "sdiCode"),
            ("exemptionCode", "IT22", "exemptionCode"),
        ):
            bad = await h.ok(BILLING, {"i": {"partyId": firm, field: value}})
            assert codes(bad["billingProfileSet"]) == [(code, "INVALID")]
        # taxed lines get the reverse charge nature, the city tax stays out of scope
        made = await draft(
            h,
            firm,
            [{"chargeCode": "ROOM_NIGHT"}, {"chargeCode": "CITY_TAX"}],
            pricesIncludeTax=True,
        )
        inv = made["invoice"]
        assert [(t["taxCode"], t["tax"]) for t in inv["taxes"]] == [
            ("N1", "0.00"),
            ("N6.9", "0.00"),
        ]
        assert inv["total"] == "103.50"  # 110.00 with 10 % is 100.00 net, plus the city tax


async def test_permissions_messages_and_methods(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        _common.configure(SalesSettings(payment_methods=["satispay"]))
        perms = {"sales.view", "sales.manage", "sales.invoice", "sales.pay"}
        assert perms <= set(h.runtime.permissions)
        assert "sales.manage" not in h.runtime.roles["front_desk"]
        assert "sales.invoice" in h.runtime.roles["front_desk"]
        assert h.runtime.roles["auditor"] >= {"sales.view"}
        assert "sales.pay" not in h.runtime.roles["auditor"]
        english = set(h.runtime.catalog.keys("en"))
        sales_keys = {k for k in english if k.startswith("sales.")}
        for language in ("it", "es", "el"):
            missing = {k for k in sales_keys if not h.runtime.catalog.has(k, language)}
            assert not missing, (language, missing)

        methods = (await h.ok(METHODS, headers={"accept-language": "it"}))["paymentMethods"]
        labels = {m["code"]: m["label"] for m in methods}
        assert labels["cash"] == "Contanti" and labels["satispay"] == "satispay"

        taxes = await tax_ids(h)
        create = {"i": {"chargeCode": "X", "name": "X", "taxRateId": taxes["IT22"], "price": "1"}}
        denied = await h.gql(PRODUCT_CREATE, create, as_="front_desk")
        assert denied["errors"] and denied["data"] is None
        refused = await h.gql(METHODS, as_=None)
        assert refused["errors"] and refused["data"] is None


async def test_party_billing_profile_field(sportello_app: Callable[..., Any]) -> None:
    query = """query($n: Int!) { parties(first: $n) { edges { node {
        displayName billingProfile { vatId country } } } } }"""
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        ids = [await party(h, f"Firm {n}") for n in range(4)]
        for n, pid in enumerate(ids[:3]):
            await h.ok(
                BILLING, {"i": {"partyId": pid, "vatId": f"IT0000000000{n}", "country": "IT"}}
            )
        listed = (await h.ok(query, {"n": 10}))["parties"]["edges"]
        profiles = {e["node"]["displayName"]: e["node"]["billingProfile"] for e in listed}
        assert profiles["Firm 0"] == {"vatId": "IT00000000000", "country": "IT"}
        assert profiles["Firm 3"] is None
        one = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Party { billingProfile { vatId } } } }",
            {"id": ids[1]},
        )
        assert one["node"]["billingProfile"] == {"vatId": "IT00000000001"}


async def test_updates_of_rates_and_price_lists(sportello_app: Callable[..., Any]) -> None:
    rate_update = """mutation($i: TaxRateUpdateInput!) {
      taxRateUpdate(input: $i) { taxRate { code name rate active } errors { field code } } }"""
    list_update = """mutation($i: PriceListUpdateInput!) {
      priceListUpdate(input: $i) { priceList { name active validFrom validTo } errors { field code } } }"""
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        taxes = await tax_ids(h)
        off = await h.ok(rate_update, {"i": {"id": taxes["IT4"], "active": False, "name": "4 %"}})
        assert off["taxRateUpdate"]["taxRate"] == {
            "code": "IT4",
            "name": "4 %",
            "rate": "4.00",
            "active": False,
        }
        # a rate no longer offered is refused on new lines and new products
        guest = await party(h)
        line = [{"description": "Books", "unitPrice": "10", "taxCode": "IT4"}]
        assert codes(await draft(h, guest, line)) == [("lines.0.taxCode", "NOT_FOUND")]
        made = await h.ok(
            PRODUCT_CREATE,
            {"i": {"chargeCode": "BOOK", "name": "Book", "taxRateId": taxes["IT4"], "price": "1"}},
        )
        assert codes(made["productCreate"]) == [("taxRateId", "INVALID")]

        plist = await h.ok(PRICE_LIST_CREATE, {"i": {"name": "Summer", "validFrom": "2027-06-01"}})
        list_id = plist["priceListCreate"]["priceList"]["id"]
        changed = await h.ok(
            list_update, {"i": {"id": list_id, "validTo": "2027-09-30", "active": False}}
        )
        assert changed["priceListUpdate"]["priceList"] == {
            "name": "Summer",
            "active": False,
            "validFrom": "2027-06-01",
            "validTo": "2027-09-30",
        }
        reversed_dates = await h.ok(list_update, {"i": {"id": list_id, "validTo": "2027-01-01"}})
        assert codes(reversed_dates["priceListUpdate"]) == [("validTo", "INVALID")]
