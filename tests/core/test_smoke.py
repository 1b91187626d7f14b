from __future__ import annotations

CREATE = """
mutation($input: PartyCreateInput!) {
  partyCreate(input: $input) { party { id displayName email kind } errors { field code message } }
}
"""


async def test_party_create_and_node(sportello_app) -> None:
    async with sportello_app() as h:
        data = await h.ok(
            CREATE, {"input": {"displayName": "Ada Lovelace", "email": "ADA@example.org"}}
        )
        party = data["partyCreate"]["party"]
        assert party["email"] == "ada@example.org"
        node = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Party { displayName } } }",
            {"id": party["id"]},
        )
        assert node["node"]["displayName"] == "Ada Lovelace"
        bad = await h.ok(CREATE, {"input": {"displayName": "X", "email": "nope"}})
        assert bad["partyCreate"]["errors"] == [
            {"field": "email", "code": "INVALID", "message": "Enter a valid email address."}
        ]


PARTIES = (
    "query($n: Int!) { parties(first: $n) { edges { node {"
    " id displayName kind email emails { value primary } } } } }"
)


async def test_party_list_query_count_does_not_grow_with_page_size(sportello_app) -> None:
    from sportello.parties.models import Party
    from sportello.testing import count_queries

    async with sportello_app() as h:
        # Written straight into the table, as some offices do: the primary email shows in
        # ``emails`` although no contact point row exists.
        await Party.bulk_create(
            [Party(display_name=f"Person {i:03}", email=f"p{i}@example.org") for i in range(60)]
        )
        await h.token()
        counts = []
        for size in (1, 50):
            with count_queries() as statements:
                data = await h.ok(PARTIES, {"n": size})
            assert len(data["parties"]["edges"]) == size
            node = data["parties"]["edges"][0]["node"]
            assert node["emails"] == [{"value": node["email"], "primary": True}]
            # The caller's token look-up is cached for a while: count the data queries only.
            counts.append(len([s for s in statements if "identity_" not in s]))
        assert counts[0] == counts[1] and counts[0] > 0, counts
