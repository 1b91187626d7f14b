"""Parties' billing profiles: how a party is invoiced (the buyer of FatturaPA)."""

from __future__ import annotations

import re
from typing import Any

import pycountry

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common

BILLING_PROFILE_SET = "billingProfileSet"
TREATMENTS = (m.STANDARD, m.REVERSE_CHARGE, m.EXEMPT)
KINDS = (m.COMPANY, m.PERSON)
_SDI = re.compile(r"^[A-Z0-9]{6,7}$")


def is_country(code: str) -> bool:
    """An officially assigned ISO 3166-1 alpha-2 code (XX, ZZ, EU and XK are not)."""
    return len(code) == 2 and code.isalpha() and pycountry.countries.get(alpha_2=code) is not None


async def set_profile(actor: api.Actor, party_id: int, **data: Any) -> m.BillingProfile:
    """Creates or replaces the party's profile with the given fields (None: unchanged)."""
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items() if v is not None}
    if "country" in data:
        data["country"] = data["country"].upper()
        if data["country"] and not is_country(data["country"]):
            raise api.ServiceError("INVALID", "sales.invalid_country", "country")
    if "sdi_code" in data:
        data["sdi_code"] = data["sdi_code"].upper()
        if data["sdi_code"] and not _SDI.match(data["sdi_code"]):
            raise api.ServiceError("INVALID", "sales.invalid_sdi_code", "sdiCode")
    if "vat_id" in data:
        data["vat_id"] = data["vat_id"].upper().replace(" ", "")
    if "fiscal_code" in data:
        data["fiscal_code"] = data["fiscal_code"].upper().replace(" ", "")
    if data.get("kind", m.PERSON) not in KINDS:
        raise api.ServiceError("INVALID", "sales.invalid_kind", "kind")
    if data.get("tax_treatment", m.STANDARD) not in TREATMENTS:
        raise api.ServiceError("INVALID", "sales.invalid_treatment", "taxTreatment")
    if data.get("exemption_code"):
        found = await m.TaxRate.filter(code=data["exemption_code"], rate=0).exists()
        if not found:
            raise api.ServiceError("INVALID", "sales.invalid_exemption", "exemptionCode")
    async with api.atomic():
        party = await api.lock_live_party(party_id, "partyId")
        profile = await m.BillingProfile.filter(party_id=party_id).first()
        if profile is None:
            defaults = {"name": getattr(party, "display_name", "")}
            profile = await m.BillingProfile.create(party_id=party_id, **{**defaults, **data})
        else:
            for key, value in data.items():
                setattr(profile, key, value)
            await profile.save()
        await api.record(actor, BILLING_PROFILE_SET, profile, after=data)
    return profile


def snapshot(profile: m.BillingProfile | None, party_name: str) -> dict[str, Any]:
    """The buyer as frozen on an issued document."""
    if profile is None:
        return {"kind": m.PERSON, "name": party_name}
    return {
        "kind": profile.kind,
        "name": profile.name or party_name,
        "vat_id": profile.vat_id,
        "fiscal_code": profile.fiscal_code,
        "street": profile.street,
        "postcode": profile.postcode,
        "city": profile.city,
        "province": profile.province,
        "country": profile.country,
        "sdi_code": profile.sdi_code,
        "pec": profile.pec,
        "tax_treatment": profile.tax_treatment,
    }


async def seller_snapshot(organisation_id: int | None) -> dict[str, Any]:
    """The seller as frozen on a document issued by ``organisation_id``.

    An organisation with a billing profile sells under it (its name, tax codes, address and
    PEC) and the organisation's email and phone; the tax regime, which neither holds, comes
    from the ``[modules.sales.seller]`` settings. A document of no organisation, or of one without a
    profile, shows the settings' seller: the settings describe the single company of an
    installation with one organisation.
    """
    seller: dict[str, Any] = _common.settings().seller.model_dump()
    if organisation_id is None:
        return seller
    profile = await m.BillingProfile.filter(party_id=organisation_id).first()
    if profile is None:
        return seller
    party = await api.PartyModel.get_or_none(id=organisation_id)
    fallback = (party.legal_name or party.display_name) if party is not None else ""
    email = (party.email or "") if party is not None else ""
    phone = (party.phone or "") if party is not None else ""
    seller.update(
        name=profile.name or fallback,
        vat_id=profile.vat_id,
        fiscal_code=profile.fiscal_code,
        street=profile.street,
        postcode=profile.postcode,
        city=profile.city,
        province=profile.province,
        country=profile.country or seller["country"],
        pec=profile.pec,
        email=email,
        phone=phone,
    )
    return seller
