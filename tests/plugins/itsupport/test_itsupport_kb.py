"""The knowledge base: versions, languages, visibility, full-text search with the database's
own engine, suggestions while writing, a ticket closed with an article as the answer."""

from __future__ import annotations

from itsupport_helpers import MODULES, SET_STATUS, create, mutation, ok

ARTICLE = mutation("kbArticleCreate", "id visibility text { title version }", "kbArticle")
EDIT = mutation("kbArticleUpdate", "id translations { language version title }", "kbArticle")
SEARCH = """
query($s: String, $l: String) { kbArticles(search: $s, language: $l, first: 10) {
  totalCount edges { node { id text { title } } } } }
"""
SUGGEST = "query($t: String!) { kbSuggestions(text: $t) { id text { title } } }"


async def test_search_versions_visibility_and_closing_with_an_article(
    sportello_app, backend
) -> None:
    async with sportello_app(MODULES) as h:
        printer = await ok(
            h,
            ARTICLE,
            {
                "title": "La stampante della reception non stampa",
                "body": "Spegnere la stampante, aprire lo sportello e togliere la carta.",
                "language": "it",
                "visibility": "PUBLIC",
            },
        )
        pid = printer["kbArticle"]["id"]
        await ok(
            h,
            ARTICLE,
            {
                "title": "Key-card encoder offline",
                "body": "Restart the encoder service on the PMS workstation.",
                "visibility": "AGENTS",
            },
        )
        edited = await ok(
            h,
            EDIT,
            {
                "id": pid,
                "language": "en",
                "title": "The reception printer does not print",
                "body": "Switch the printer off, open the door and remove the paper.",
            },
        )
        assert {t["language"]: t["version"] for t in edited["kbArticle"]["translations"]} == {
            "en": 1,
            "it": 1,
        }
        again = await ok(
            h,
            EDIT,
            {
                "id": pid,
                "language": "it",
                "title": "Stampante bloccata",
                "body": "Togliere la carta inceppata dalla stampante.",
                "baseVersion": 1,
            },
        )
        assert {t["language"]: t["version"] for t in again["kbArticle"]["translations"]}["it"] == 2
        stale = await h.ok(
            EDIT,
            {"i": {"id": pid, "language": "it", "title": "x", "body": "y", "baseVersion": 1}},
            as_="back_office",
        )
        assert [e["code"] for e in stale["kbArticleUpdate"]["errors"]] == ["CONFLICT"]

        found = await h.ok(SEARCH, {"s": "stampante carta", "l": "it"}, as_="front_desk")
        assert [e["node"]["id"] for e in found["kbArticles"]["edges"]] == [pid]
        if backend == "postgres":
            # The Italian stemmer: an inflected word finds the article.
            inflected = await h.ok(SEARCH, {"s": "stampanti"}, as_=None)
            assert [e["node"]["id"] for e in inflected["kbArticles"]["edges"]] == [pid]
        # Agents' articles stay hidden from other staff and the public.
        hidden = await h.ok(SEARCH, {"s": "encoder"}, as_="front_desk")
        assert hidden["kbArticles"]["totalCount"] == 0
        seen = await h.ok(SEARCH, {"s": "encoder"}, as_="back_office")
        assert seen["kbArticles"]["totalCount"] == 1

        ideas = await h.ok(SUGGEST, {"t": "la stampante è bloccata e non va"}, as_="front_desk")
        assert [a["id"] for a in ideas["kbSuggestions"]] == [pid]

        ticket = (await create(h))["supportTicket"]
        closed = await ok(
            h, SET_STATUS, {"id": ticket["id"], "status": "RESOLVED", "articleId": pid}
        )
        assert closed["supportTicket"]["article"] == {"id": pid}


async def test_search_and_list_cost_the_same_at_any_page_size(sportello_app) -> None:
    from sportello.testing import count_queries

    async with sportello_app(MODULES) as h:
        for n in range(12):
            await ok(
                h,
                ARTICLE,
                {"title": f"Printer {n} jams", "body": "Remove the paper from the printer."},
            )
        query = """
        query($n: Int!, $s: String) { kbArticles(search: $s, first: $n) {
          edges { node { id text { title } translations { language } } } } }
        """
        for search in ("printer paper", None):
            await h.ok(query, {"n": 1, "s": search}, as_="back_office")
            counts = {}
            for n in (1, 12):
                with count_queries() as statements:
                    data = await h.ok(query, {"n": n, "s": search}, as_="back_office")
                assert len(data["kbArticles"]["edges"]) == n
                counts[n] = len([s for s in statements if "events_" not in s])
            assert 0 < counts[1] == counts[12], (search, counts)


async def test_hostile_searches_are_answered_not_crashed(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        await ok(h, ARTICLE, {"title": "Printer", "body": "Paper jam", "visibility": "PUBLIC"})
        for text in ("'\"&|!():*<->", "NEAR(a b)", "a OR b AND NOT c", "x" * 500, "  ", "ñ é ü"):
            data = await h.ok(SEARCH, {"s": text, "l": None}, as_=None)
            assert data["kbArticles"]["totalCount"] >= 0
            ideas = await h.ok(SUGGEST, {"t": text}, as_="front_desk")
            assert isinstance(ideas["kbSuggestions"], list)
        far = await h.ok(
            "{ supportTickets(first: 5, dueWithinMinutes: 2147483647) { totalCount } }",
            as_="back_office",
        )
        assert far["supportTickets"]["totalCount"] == 0
