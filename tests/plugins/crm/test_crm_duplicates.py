"""Possible duplicates of a party: same email, tax code or phone, or a name that reads alike;
only parties the caller may see."""

from __future__ import annotations

from crm_helpers import MODULES, party, pk, site

DUPES = """
query($id: ID!) { node(id: $id) { ... on Party {
  duplicateCandidates { party { id displayName } score reasons }
} } }
"""


async def test_candidates_by_email_phone_and_name(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        maria = await party(h, "Maria Rossi", email="maria@example.org", phone="+39 333 1234567")
        same_mail = await party(h, "M. Rossi", email="MARIA@example.org")
        same_phone = await party(h, "Mariella Bianchi", phone="+39 333 123 4567")
        reordered = await party(h, "Rossi Maria")
        await party(h, "Giuseppe Verdi", email="giuseppe@example.org")
        found = (await h.ok(DUPES, {"id": maria}, as_="front_desk"))["node"]["duplicateCandidates"]
        by_id = {c["party"]["id"]: c for c in found}
        assert set(by_id) == {same_mail, same_phone, reordered}
        assert by_id[same_mail]["score"] == 100 and "email" in by_id[same_mail]["reasons"]
        assert by_id[same_phone]["reasons"] == ["phone"]
        assert by_id[reordered]["reasons"] == ["name"]
        assert found[0]["party"]["id"] == same_mail

        # A clerk bound to a site only compares parties known there.
        hq = await site(h)
        clerk = await h.token(roles=["front_desk"], sites=[pk(hq)])
        hidden = await h.gql(DUPES, {"id": maria}, token=clerk)
        assert hidden["data"]["node"] is None
