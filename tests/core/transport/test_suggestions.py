"""No "Did you mean ...?" in production: argument names, enum values, type names and input
fields are schema names that disabled introspection hides; field suggestions were already off.
In debug the suggestions stay (they help developers)."""

from __future__ import annotations

import pytest

#: (mistake, the query, variables, a word the debug suggestion names)
MISTAKES = [
    ("field", "query { partiez(first: 1) { edges { node { id } } } }", None, "parties"),
    ("argument", "query { parties(frist: 1) { edges { node { id } } } }", None, "first"),
    (
        "enum value",
        """mutation { partyCreate(input: {displayName: "Ada", kind: PERSN}) {
             errors { code } } }""",
        None,
        "PERSON",
    ),
    (
        "input field (literal)",
        """mutation { partyCreate(input: {displayNam: "Ada"}) { errors { code } } }""",
        None,
        "displayName",
    ),
    (
        "input field (variables)",
        """mutation($input: PartyCreateInput!) { partyCreate(input: $input) {
             errors { code } } }""",
        {"input": {"displayNam": "Ada"}},
        "displayName",
    ),
    (
        "enum value (variables)",
        """mutation($input: PartyCreateInput!) { partyCreate(input: $input) {
             errors { code } } }""",
        {"input": {"displayName": "Ada", "kind": "PERSN"}},
        "PERSON",
    ),
    (
        "type",
        """mutation($input: PartyCreateInpt!) { partyCreate(input: $input) {
             errors { code } } }""",
        {"input": {"displayName": "Ada"}},
        "PartyCreateInput",
    ),
]


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
async def test_no_suggestions_unless_debug(sportello_app, debug: bool) -> None:
    async with sportello_app(debug=debug) as h:
        for what, query, variables, word in MISTAKES:
            res = await h.gql(query, variables, check_audit=False)
            messages = " ".join(e["message"] for e in res.get("errors") or [])
            assert messages, (what, res)  # the mistake is still reported
            if debug:
                assert "Did you mean" in messages and word in messages, (what, messages)
            else:
                assert "Did you mean" not in messages, (what, messages)
                assert f"'{word}'" not in messages, (what, messages)
