"""Integrator proof: a plugin distributed on its own (tests/fixtures/sportello_library) plugs in
through entry points and extends the schema, the database and a core type without core changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sportello.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
SPORTELLO = str(Path(sys.executable).parent / "sportello")

BOOK_CREATE = """
mutation($input: BookCreateInput!) {
  bookCreate(input: $input) { book { id title author isbn } errors { field code message } }
}
"""
BOOKS = """
query($after: String) {
  books(first: 2, after: $after) {
    edges { cursor node { id title isbn } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
PARTY_CREATE = """
mutation($input: PartyCreateInput!) { partyCreate(input: $input) { party { id } errors { code } } }
"""
SITE_CREATE = """
mutation($input: SiteCreateInput!) { siteCreate(input: $input) { site { id } errors { code } } }
"""
LOAN_CREATE = """
mutation($input: LoanCreateInput!) {
  loanCreate(input: $input) { loan { id dueOn book { title } site { id } } errors { field code message } }
}
"""
PARTY_LOANS = """
query($id: ID!) { node(id: $id) { ... on Party { displayName loans { dueOn book { isbn } } } } }
"""
LOANS = """
query($site: ID) { loans(first: 10, siteId: $site) { totalCount edges { node { id } } } }
"""


def test_library_is_installed_as_a_separate_distribution() -> None:
    from importlib.metadata import distribution, entry_points

    dist = distribution("sportello-library")
    eps = [ep for ep in entry_points(group="sportello.plugins") if ep.name == "library"]
    assert [ep.value for ep in eps] == ["sportello_library.plugin"]
    assert eps[0].dist is not None and eps[0].dist.name == dist.metadata["Name"]
    import sportello_library

    assert "plugins" not in Path(sportello_library.__file__).parts
    # No change to the core: nothing in the platform or the built-in offices knows the library.
    for folder in ("platform", "plugins", "config"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".toml", ".cfg", ".txt") and path.is_file():
                text = path.read_text(encoding="utf-8")
                assert "sportello_library" not in text and "modules.library" not in text, path


async def _site(h, code: str) -> str:
    data = await h.ok(SITE_CREATE, {"input": {"code": code, "name": f"Branch {code}"}})
    return data["siteCreate"]["site"]["id"]


async def test_library_through_graphql(sportello_app) -> None:
    async with sportello_app(["library"]) as h:
        sdl = h.runtime.schema.as_str()
        assert "type Book" in sdl and "bookCreate(input: BookCreateInput!): BookPayload!" in sdl
        assert "loans: [Loan!]!" in sdl and "type LibraryError implements UserError" in sdl

        made = []
        for title, isbn in [
            ("Il nome della rosa", "978-88-452-7663-7"),
            ("Cien años de soledad", "9780307474728"),
            ("Odysseia", "978 0 14 026886 7"),
        ]:
            data = await h.ok(
                BOOK_CREATE, {"input": {"title": title, "author": "Someone", "isbn": isbn}}
            )
            assert data["bookCreate"]["errors"] == []
            made.append(data["bookCreate"]["book"])
        assert [b["isbn"] for b in made] == ["9788845276637", "9780307474728", "9780140268867"]

        bad = await h.ok(BOOK_CREATE, {"input": {"title": " ", "author": "Y", "isbn": "123"}})
        assert bad["bookCreate"]["book"] is None
        assert [(e["field"], e["code"]) for e in bad["bookCreate"]["errors"]] == [
            ("title", "REQUIRED"),
            ("isbn", "INVALID"),
        ]
        assert bad["bookCreate"]["errors"][1]["message"] == "Enter a valid ISBN-13."
        italian = await h.gql(
            BOOK_CREATE,
            {"input": {"title": "X", "author": "Y", "isbn": "9788845276639"}},
            headers={"accept-language": "it"},
        )
        assert italian["data"]["bookCreate"]["errors"][0]["message"] == (
            "Inserisci un ISBN-13 valido."
        )
        dup = await h.ok(
            BOOK_CREATE, {"input": {"title": "Z", "author": "Y", "isbn": "9788845276637"}}
        )
        assert dup["bookCreate"]["errors"][0]["code"] == "ISBN_TAKEN"

        node = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Book { title timesLent } } }",
            {"id": made[0]["id"]},
        )
        assert node["node"] == {"title": "Il nome della rosa", "timesLent": 0}

        page1 = await h.ok(BOOKS)
        assert len(page1["books"]["edges"]) == 2
        assert page1["books"]["pageInfo"]["hasNextPage"] is True
        page2 = await h.ok(BOOKS, {"after": page1["books"]["pageInfo"]["endCursor"]})
        titles = [e["node"]["title"] for e in page1["books"]["edges"] + page2["books"]["edges"]]
        assert sorted(titles) == sorted(b["title"] for b in made)

        site = await _site(h, "N")
        party = await h.ok(PARTY_CREATE, {"input": {"displayName": "Ada Lovelace"}})
        party_id = party["partyCreate"]["party"]["id"]
        before = await h.ok(PARTY_LOANS, {"id": party_id})
        assert before["node"] == {"displayName": "Ada Lovelace", "loans": []}
        loan = await h.ok(
            LOAN_CREATE,
            {
                "input": {
                    "siteId": site,
                    "bookId": made[1]["id"],
                    "borrowerId": party_id,
                    "dueOn": "2030-01-31",
                }
            },
        )
        assert loan["loanCreate"]["errors"] == []
        assert loan["loanCreate"]["loan"]["book"]["title"] == "Cien años de soledad"
        after = await h.ok(PARTY_LOANS, {"id": party_id})
        assert after["node"]["loans"] == [
            {"dueOn": "2030-01-31", "book": {"isbn": "9780307474728"}}
        ]

        # typed errors from decoding and from the service, through the one mutation helper
        wrong = await h.ok(
            LOAN_CREATE,
            {"input": {"siteId": site, "bookId": party_id, "borrowerId": party_id}},
        )
        assert wrong["loanCreate"] == {
            "loan": None,
            "errors": [
                {
                    "field": "bookId",
                    "code": "INVALID_ID",
                    "message": wrong["loanCreate"]["errors"][0]["message"],
                }
            ],
        }
        gone = await h.ok(
            LOAN_CREATE,
            {
                "input": {
                    "siteId": site,
                    "bookId": made[0]["id"],
                    "borrowerId": site.replace("U2l0", "UGFy"),
                }
            },
        )
        assert gone["loanCreate"]["errors"][0]["code"] in ("NOT_FOUND", "INVALID_ID")

        # the event handler counted the loan, exactly once
        await h.settle()
        counted = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Book { timesLent } } }",
            {"id": made[1]["id"]},
        )
        assert counted["node"] == {"timesLent": 1}


async def test_loans_are_site_scoped_everywhere(sportello_app) -> None:
    """Loans belong to a site: a user of another site sees none of them, in the list, by
    ID, or in the field the library adds to Party."""
    async with sportello_app(["library"]) as h:
        north, south = await _site(h, "N"), await _site(h, "S")
        book = await h.ok(
            BOOK_CREATE, {"input": {"title": "T", "author": "A", "isbn": "9780307474728"}}
        )
        book_id = book["bookCreate"]["book"]["id"]
        party = await h.ok(PARTY_CREATE, {"input": {"displayName": "Reader"}})
        party_id = party["partyCreate"]["party"]["id"]
        loans = {}
        for site in (north, south):
            made = await h.ok(
                LOAN_CREATE,
                {"input": {"siteId": site, "bookId": book_id, "borrowerId": party_id}},
            )
            loans[site] = made["loanCreate"]["loan"]["id"]
        from sportello.graphql.ids import decode_id

        south_user = await h.token(
            roles=["librarian", "back_office"], sites=[decode_id(south, "Site", "s")]
        )
        listed = await h.ok(LOANS, token=south_user)
        assert [e["node"]["id"] for e in listed["loans"]["edges"]] == [loans[south]]
        assert listed["loans"]["totalCount"] == 1
        assert (await h.ok(LOANS, as_="admin"))["loans"]["totalCount"] == 2
        by_id = await h.ok(
            "query($id: ID!) { node(id: $id) { id } }", {"id": loans[north]}, token=south_user
        )
        assert by_id == {"node": None}
        on_party = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Party { loans { id } } } }",
            {"id": party_id},
            token=south_user,
        )
        assert on_party["node"]["loans"] == [{"id": loans[south]}]
        # writing at another site is refused with a typed error
        refused = await h.ok(
            LOAN_CREATE,
            {"input": {"siteId": north, "bookId": book_id, "borrowerId": party_id}},
            token=south_user,
        )
        assert refused["loanCreate"]["errors"][0]["code"] == "FORBIDDEN"
        # a malformed site argument is a typed error with its code, not an internal error
        bad = await h.gql(LOANS, {"site": "bad"})
        assert bad["errors"][0]["extensions"]["code"] == "INVALID_ID"
        assert bad["errors"][0]["extensions"]["field"] == "siteId"


async def test_library_demo_data(sportello_app) -> None:
    async with sportello_app(["library"]) as h:
        await h.load_demo()
        await h.load_demo()
        books = await h.ok("{ books(first: 10) { totalCount } }")
        assert books["books"]["totalCount"] == 2


async def test_library_permissions_and_roles(sportello_app) -> None:
    async with sportello_app(["library"]) as h:
        assert {"library.view", "library.manage"} <= set(h.runtime.permissions)
        assert "library.manage" in h.runtime.roles["front_desk"]
        assert h.runtime.roles["librarian"] == {"library.view", "library.manage"}
        assert "library.manage" not in h.runtime.roles["auditor"]
        denied = await h.gql(
            BOOK_CREATE,
            {"input": {"title": "T", "author": "A", "isbn": "9780307474728"}},
            as_="auditor",
        )
        assert denied["errors"] and denied["data"] is None
        anonymous = await h.gql(BOOKS, as_=None)
        assert anonymous["errors"]
        for lang in ("en", "it", "es", "el"):
            assert h.runtime.catalog.has("library.invalid_isbn", lang)


async def test_party_has_no_library_fields_without_the_library(sportello_app) -> None:
    async with sportello_app([]) as h:
        sdl = h.runtime.schema.as_str()
        assert "loans" not in sdl and "type Book" not in sdl


def test_sportello_modules_lists_the_library(tmp_path: Path, capsys) -> None:
    config = tmp_path / "lib.toml"
    config.write_text(f'database_url = "sqlite://{tmp_path}/lib.sqlite3"\n[modules.library]\n')
    assert cli_main(["--config", str(config), "modules"]) == 0
    out = capsys.readouterr().out
    line = next(row for row in out.splitlines() if row.startswith("library"))
    assert "0.2.0" in line and "enabled" in line

    proc = subprocess.run(
        [SPORTELLO, "--config", str(config), "modules"], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr
    assert any(r.startswith("library") and "enabled" in r for r in proc.stdout.splitlines())


PARTIES_WITH_LOANS = """
query($n: Int!) { parties(first: $n) { edges { node { displayName loans { dueOn book { title } } } } } }
"""


async def test_fields_added_to_party_load_once_per_page(sportello_app) -> None:
    """The library's field on Party loads with a batch: a page of parties with their loans
    costs the same number of queries for 1 party as for 20."""
    import datetime as dt

    from sportello.parties.models import Party, Site
    from sportello.testing import count_queries
    from sportello_library import models

    async with sportello_app(["library"]) as h:
        site = await Site.create(code="B", name="Branch")
        book = await models.Book.create(title="Odysseia", author="Homer", isbn="9780140268867")
        parties = [await Party.create(display_name=f"Reader {i:02d}") for i in range(20)]
        for i, party in enumerate(parties):
            await models.Loan.create(
                site=site, book=book, borrower=party, due_on=dt.date(2030, 1, 1 + i)
            )
        await h.ok(PARTIES_WITH_LOANS, {"n": 1})  # warm up (the token lookup is cached)
        counts = []
        for size in (1, 20):
            with count_queries() as statements:
                data = await h.ok(PARTIES_WITH_LOANS, {"n": size})
            nodes = [e["node"] for e in data["parties"]["edges"]]
            assert len(nodes) == size
            assert all(n["loans"][0]["book"]["title"] == "Odysseia" for n in nodes)
            counts.append(len(statements))
        assert counts[0] == counts[1], counts


def test_the_example_office_is_small() -> None:
    """The whole library office (models, migration excluded, services, GraphQL, declaration)
    fits in 150 lines of code: blank lines and comments are not code."""
    package = ROOT / "tests" / "fixtures" / "sportello_library" / "sportello_library"
    lines = [
        line
        for path in package.rglob("*.py")
        if "migrations" not in path.parts
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert len(lines) <= 150, len(lines)
