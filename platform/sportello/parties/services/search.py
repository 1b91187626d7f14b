"""Read-only query conditions shared by the party list and by matching: no writes, no
validation, so they change with the list's needs alone."""

from __future__ import annotations

import re

from tortoise.expressions import Q, Subquery

from sportello.parties.models import ContactPoint
from sportello.parties.services._common import EMAIL_CHANNEL, PHONE
from sportello.parties.validation import phone_digits


def email_match(email: str) -> Q:
    """Parties holding ``email`` (already normalised) as any of their emails."""
    holders = ContactPoint.filter(channel=EMAIL_CHANNEL, value=email).values("party_id")
    return Q(email=email) | Q(id__in=Subquery(holders))


def search_condition(term: str) -> Q:
    """Parties whose name, legal name, tax code, any email or any phone holds ``term``: one
    condition (a subquery on the contact points), so a page stays one query."""
    term = term.strip()
    cond = (
        Q(display_name__icontains=term)
        | Q(legal_name__icontains=term)
        | Q(email__icontains=term.lower())
        | Q(phone__icontains=term)
    )
    code = re.sub(r"\s+", "", term).upper()
    if code:
        cond |= Q(tax_code__contains=code)
    points = Q(value__icontains=term.lower())
    digits = phone_digits(term)
    if digits:
        points |= Q(channel=PHONE, value__contains=digits)
    holders = ContactPoint.filter(points).values("party_id")
    return cond | Q(id__in=Subquery(holders))
