"""Compatibility: a plugin written against the hooks and imports documented before the
``sportello.api`` surface (``legacy_library``, the library office as it was) still loads and
works, and every moved import warns with its replacement."""

from __future__ import annotations

import importlib
import sys
import warnings

BOOK_CREATE = """
mutation($input: BookCreateInput!) {
  bookCreate(input: $input) { book { id isbn } errors { field code message } }
}
"""
LOAN_CREATE = """
mutation($input: LoanCreateInput!) {
  loanCreate(input: $input) { loan { id book { title } } errors { field code } }
}
"""


def _fresh_import() -> tuple[object, list[warnings.WarningMessage]]:
    for name in [
        m for m in sys.modules if m == "legacy_library" or m.startswith("legacy_library.")
    ]:
        del sys.modules[name]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module("legacy_library.plugin")
    return module, [w for w in caught if issubclass(w.category, DeprecationWarning)]


def test_old_imports_warn_with_their_replacement() -> None:
    _, caught = _fresh_import()
    messages = {str(w.message) for w in caught}
    for moved in (
        "sportello.plugininfo.PluginInfo",
        "sportello.plugininfo.ModelSet",
        "sportello.graphql.compose.TypeFields",
        "sportello.identity.permissions.Permission",
        "sportello.identity.permissions.RoleSpec",
    ):
        assert any(m.startswith(moved + " is deprecated") for m in messages), (moved, messages)
    assert all("from sportello.api" in m for m in messages), messages
    assert all(w.filename.endswith(".py") and "legacy_library" in w.filename for w in caught)


async def test_an_old_plugin_still_works(sportello_app) -> None:
    plugin, _ = _fresh_import()
    async with sportello_app(["library"], [plugin]) as h:
        assert h.runtime.plugin_set.candidates["library"].source.startswith("module legacy")
        made = await h.ok(
            BOOK_CREATE,
            {"input": {"title": "Odysseia", "author": "Homer", "isbn": "0-14-026886-3"}},
        )
        assert made["bookCreate"]["errors"] == []
        assert made["bookCreate"]["book"]["isbn"] == "9780140268867"
        bad = await h.ok(BOOK_CREATE, {"input": {"title": "X", "author": "Y", "isbn": "1"}})
        assert bad["bookCreate"]["errors"][0]["code"] == "INVALID"
        party = await h.ok(
            'mutation { partyCreate(input: {displayName: "Ada"}) { party { id } errors { code } } }'
        )
        party_id = party["partyCreate"]["party"]["id"]
        loan = await h.ok(
            LOAN_CREATE,
            {"input": {"bookId": made["bookCreate"]["book"]["id"], "borrowerId": party_id}},
        )
        assert loan["loanCreate"]["loan"]["book"]["title"] == "Odysseia"
        on_party = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Party { booksOnLoan } } }", {"id": party_id}
        )
        assert on_party["node"] == {"booksOnLoan": 1}
        await h.load_demo()
