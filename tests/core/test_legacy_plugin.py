"""Compatibility: a plugin written against the hooks and imports documented before the
``sportello.api`` surface (``legacy_library``, the library office as it was) still loads and
works, and every moved import warns with its replacement."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

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


def test_old_imports_warn_with_their_replacement() -> None:
    """Imported in a fresh interpreter: the module's classes must be created once per
    process (its models join the core's Party model)."""
    proc = subprocess.run(
        [sys.executable, "-W", "always::DeprecationWarning", "-c", "import legacy_library.plugin"],
        capture_output=True,
        text=True,
        cwd=HERE,
        env={**os.environ, "PYTHONPATH": str(HERE)},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    messages = [line for line in proc.stderr.splitlines() if "DeprecationWarning" in line]
    for moved in (
        "sportello.plugininfo.PluginInfo",
        "sportello.plugininfo.ModelSet",
        "sportello.graphql.compose.TypeFields",
        "sportello.identity.permissions.Permission",
        "sportello.identity.permissions.RoleSpec",
    ):
        assert any(f"{moved} is deprecated" in m for m in messages), (moved, proc.stderr)
    assert all("from sportello.api" in m for m in messages), messages
    assert all("legacy_library" in m for m in messages), messages


async def test_an_old_plugin_still_works(sportello_app) -> None:
    plugin = importlib.import_module("legacy_library.plugin")
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
