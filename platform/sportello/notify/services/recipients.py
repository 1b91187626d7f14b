"""Who a notification reaches on which channel: addresses, languages, consents.

A fixed number of queries whatever the number of recipients: users, parties, consents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sportello.identity.models import User
from sportello.notify.contract import EMAIL, PARTY, SMS
from sportello.notify.services._common import language_of
from sportello.parties.models import Consent, Party

#: The consent purpose of each channel that reaches outside the application.
PURPOSES = {EMAIL: "notify.email", SMS: "notify.sms"}


@dataclass
class Recipient:
    user_id: int | None
    party_id: int | None
    language: str = "en"
    email: str | None = None
    phone: str | None = None
    erased: bool = False
    #: the latest consent per purpose: True given, False withdrawn (absent: never asked)
    consents: dict[str, bool] = field(default_factory=dict)

    def address(self, channel: str) -> str | None:
        if self.erased:
            return None
        return self.email if channel == EMAIL else self.phone if channel == SMS else None

    def consents_to(self, channel: str, audience: str) -> bool:
        """A party-audience kind needs a consent given; a staff or requested one only no
        withdrawal."""
        latest = self.consents.get(PURPOSES[channel])
        return latest is True if audience == PARTY else latest is not False


async def resolve(user_ids: Iterable[int], party_ids: Iterable[int]) -> list[Recipient]:
    """Active users first, then parties that are not already one of those users, in the
    order given, each once."""
    wanted_users = list(dict.fromkeys(int(u) for u in user_ids))
    wanted_parties = list(dict.fromkeys(int(p) for p in party_ids))
    users = {}
    if wanted_users:
        rows = await User.filter(id__in=wanted_users, is_active=True).values(
            "id", "email", "party_id"
        )
        users = {r["id"]: r for r in rows}
    out: list[Recipient] = []
    seen_parties: set[int] = set()
    for uid in wanted_users:
        row = users.get(uid)
        if row is None:
            continue
        out.append(Recipient(user_id=uid, party_id=row["party_id"], email=row["email"]))
        seen_parties.add(row["party_id"])
    for pid in wanted_parties:
        if pid not in seen_parties:
            out.append(Recipient(user_id=None, party_id=pid))
            seen_parties.add(pid)
    if not seen_parties:
        return out
    parties = {
        p["id"]: p
        for p in await Party.filter(id__in=list(seen_parties)).values(
            "id", "preferred_language", "email", "phone", "anonymised_at"
        )
    }
    latest: dict[int, dict[str, bool]] = {}
    for c in (
        await Consent.filter(party_id__in=list(seen_parties), purpose__in=list(PURPOSES.values()))
        .order_by("at", "id")
        .values("party_id", "purpose", "granted")
    ):
        latest.setdefault(c["party_id"], {})[c["purpose"]] = bool(c["granted"])
    found = []
    for r in out:
        party = parties.get(r.party_id or 0)
        if party is None:
            continue
        r.language = language_of(party["preferred_language"])
        r.email = party["email"] or r.email  # the primary email; a user's login otherwise
        r.phone = party["phone"]
        r.erased = party["anonymised_at"] is not None
        r.consents = latest.get(party["id"], {})
        found.append(r)
    return found
