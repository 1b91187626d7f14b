"""Merging a duplicate party: every office's records move to the survivor in one transaction,
audited; the merged party stays as a tombstone nothing new can name; conflicts are refused
whole; two merges of one pair racing over HTTP end with one merge."""

from __future__ import annotations

import asyncio
from typing import Any

from crm_helpers import MODULES, create_case, party, pk, site
from tortoise import Tortoise, fields

from sportello import api

ALL_OFFICES = [
    "reception",
    "lodging",
    "counter",
    "visitors",
    "crm",
    "sales",
    "accounting",
    "hr",
    "itsupport",
]
MERGE = """
mutation($i: PartyMergeInput!) {
  partyMerge(input: $i) { party { id email phones { value primary } } errors { field code message } }
}
"""
TOMBSTONE = "query($id: ID!) { node(id: $id) { ... on Party { id mergedIntoId } } }"
KIND = "query($id: ID!) { node(id: $id) { ... on Party { kind } } }"


def party_columns() -> list[tuple[Any, str]]:
    """Every ``(model, attribute)`` of every enabled app holding a party's id: foreign keys to
    the party table and integer ``*party_id`` columns (the tombstone's own pointer aside)."""
    found: list[tuple[Any, str]] = []
    for app in Tortoise.apps.values():
        for model in app.values():
            meta = model._meta
            if model is api.PartyModel:
                continue
            seen = set()
            for name in sorted(meta.fk_fields | meta.o2o_fields):
                field = meta.fields_map[name]
                if field.related_model is api.PartyModel:
                    found.append((model, field.source_field))
                    seen.add(field.source_field)
            for name, field in sorted(meta.fields_map.items()):
                if name.endswith("party_id") and name not in seen:
                    if isinstance(field, fields.IntField):
                        found.append((model, name))
    return found


async def references(party_id: int) -> dict[str, int]:
    counts = {}
    for model, column in party_columns():
        n = await model.filter(**{column: party_id}).count()
        if n:
            counts[f"{model._meta.db_table}.{column}"] = n
    return counts


async def merge(h: Any, source: str, target: str, **kw: Any) -> dict[str, Any]:
    data = await h.ok(MERGE, {"i": {"sourceId": source, "targetId": target}}, **kw)
    return data["partyMerge"]


async def test_with_every_office_on_a_merge_leaves_nothing_on_the_merged_party(
    sportello_app,
) -> None:
    from sportello.identity.models import AuditEntry

    async with sportello_app(ALL_OFFICES) as h:
        await h.load_demo()
        columns = party_columns()
        # Every office that names parties is in the walk (a new column joins it by itself).
        tables = {model._meta.db_table.split("_")[0] for model, _ in columns}
        assert {"lodging", "counter", "visitors", "crm", "sales", "accounting", "hr"} <= tables
        assert {"itsupport", "parties", "identity", "sla", "notify"} <= tables
        # ... and every app holding such a column implements the hook, rows or not.
        hooks = h.runtime.pm.hook.sportello_party_merge.get_hookimpls()
        implementers = {impl.plugin_name.rpartition(":")[2] for impl in hooks}
        apps = {model._meta.app for model, _ in columns}
        assert apps <= implementers, apps - implementers
        # For each column holding rows, one party naming it is merged into a fresh party.
        merged: dict[int, int] = {}
        for model, column in columns:
            taken = set(merged) | set(merged.values())
            row = (
                await model.filter(**{f"{column}__isnull": False})
                .exclude(**{f"{column}__in": sorted(taken) or [0]})
                .order_by("id")
                .values_list(column, flat=True)
            )
            if not row:
                continue
            source_id = row[0]
            source = api.encode_id("Party", source_id)
            kind = (await h.ok(KIND, {"id": source}))["node"]["kind"]
            fresh = await party(h, f"Survivor of {source_id}", kind=kind)
            before = await references(source_id)
            result = await merge(h, source, fresh)
            if result["errors"]:  # a typed refusal is allowed, and then nothing moved
                assert [e["code"] for e in result["errors"]] == ["MERGE_CONFLICT"], result
                assert await references(source_id) == before
                continue
            merged[source_id] = pk(fresh)
            assert await references(source_id) == {}, model
            after = await references(pk(fresh))
            for key, n in before.items():
                if key != "parties_party_site.party_id":  # a site link the survivor has stays
                    assert after.get(key, 0) >= n, (key, before, after)
            tomb = await h.ok(TOMBSTONE, {"id": source})
            assert tomb["node"]["mergedIntoId"] == fresh
            entry = await AuditEntry.filter(operation="partyMerge", object_id=str(pk(fresh))).get()
            assert entry.changes["before"]["sourceId"] == source_id
        # the walk merged away a party from most columns; none of them kept a row
        assert len(merged) >= 10, merged
        for source_id in merged:
            assert await references(source_id) == {}


async def test_the_survivor_keeps_its_own_and_takes_what_it_lacks(sportello_app) -> None:
    from sportello.identity.models import AuditEntry

    async with sportello_app(MODULES) as h:
        hq = await site(h)
        maria = await party(
            h, "Maria Rossi", emails=[{"value": "maria@example.org", "primary": True}]
        )
        twice = await party(
            h,
            "M. Rossi",
            taxCode="RSSMRA80A41H501U",
            emails=[
                {"value": "maria@example.org", "primary": True},
                {"value": "m.rossi@work.example", "primary": False},
            ],
            phones=[{"value": "+39 333 123 4567", "primary": True}],
        )
        case = await create_case(h, siteId=hq, partyId=twice, subject="Noise at night")
        result = await merge(h, twice, maria)
        assert result["errors"] == []
        survivor = result["party"]
        assert survivor["id"] == maria and survivor["email"] == "maria@example.org"
        assert survivor["phones"] == [{"value": "+393331234567", "primary": True}]
        node = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Party { taxCode emails { value } } } }",
            {"id": maria},
        )
        assert node["node"]["taxCode"] == "RSSMRA80A41H501U"
        assert [e["value"] for e in node["node"]["emails"]] == [
            "maria@example.org",
            "m.rossi@work.example",
        ]
        moved = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Case { party { id } } } }", {"id": case["id"]}
        )
        assert moved["node"]["party"]["id"] == maria
        entry = await AuditEntry.get(operation="partyMerge")
        assert entry.changes["after"]["moved"]["crm_case.party_id"] == 1
        assert entry.changes["after"]["dropped"]["parties_contact_point"] == 1

        # The tombstone: out of the lists, refused to new records, refused a second merge.
        listed = await h.ok("{ parties(first: 50) { edges { node { id } } } }")
        assert twice not in {e["node"]["id"] for e in listed["parties"]["edges"]}
        again = await h.ok(
            "mutation($i: CaseCreateInput!) { caseCreate(input: $i) { errors { field code } } }",
            {"i": {"siteId": hq, "partyId": twice, "subject": "Again", "channel": "PHONE"}},
        )
        assert again["caseCreate"]["errors"] == [{"field": "partyId", "code": "NOT_FOUND"}]
        other = await party(h, "Someone else")
        refused = await merge(h, twice, other)
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [
            ("sourceId", "ALREADY_MERGED")
        ]
        assert [(e["field"], e["code"]) for e in (await merge(h, maria, maria))["errors"]] == [
            ("targetId", "SAME_PARTY")
        ]
        firm = await party(h, "Rossi Srl", kind="ORGANISATION")
        assert [e["code"] for e in (await merge(h, firm, other))["errors"]] == ["MERGE_CONFLICT"]

        # Merging is the managers' (every site), audited; a site-bound clerk is refused.
        clerk = await h.token(roles=["manager"], sites=[pk(hq)])
        bound = await merge(h, other, maria, token=clerk)
        assert [e["code"] for e in bound["errors"]] == ["FORBIDDEN"]
        desk = await h.token(roles=["front_desk"])
        denied = await h.gql(MERGE, {"i": {"sourceId": other, "targetId": maria}}, token=desk)
        assert denied["errors"] and denied["data"] is None

        # Erasing the survivor erases the tombstone of its duplicate too: the same person.
        erased = await h.ok(
            "mutation($i: PartyEraseInput!) { partyErase(input: $i) { errors { code } } }",
            {"i": {"id": maria}},
        )
        assert erased["partyErase"]["errors"] == []
        tomb = await api.PartyModel.get(id=pk(twice))
        assert tomb.tax_code is None and "Rossi" not in tomb.display_name


async def test_a_refusing_office_rolls_the_whole_merge_back(sportello_app) -> None:
    async with sportello_app(["hr", "crm"]) as h:
        await h.load_demo()
        from sportello_hr.models import Employee

        employed = await Employee.filter(end_date=None).order_by("id").limit(2)
        assert len(employed) == 2
        one, two = (api.encode_id("Party", e.party_id) for e in employed)
        hq = await site(h, "RB")
        await create_case(h, siteId=hq, partyId=one, subject="Payslip question")
        before = await references(employed[0].party_id)
        result = await merge(h, one, two)
        assert [(e["field"], e["code"]) for e in result["errors"]] == [
            ("sourceId", "MERGE_CONFLICT")
        ]
        assert "employed" in result["errors"][0]["message"]
        assert await references(employed[0].party_id) == before
        assert (await h.ok(TOMBSTONE, {"id": one}))["node"]["mergedIntoId"] is None


async def test_racing_merges_of_one_pair_make_one_merge(sportello_app) -> None:
    """A->B and B->A at once, and a case created for A meanwhile: each pair ends merged once,
    in one direction, and nothing names the merged party."""
    async with sportello_app(MODULES, live=True) as h:
        hq = await site(h)
        manager = await h.token(roles=["manager"])
        desk = await h.token(roles=["front_desk"])
        for n in range(5):
            a = await party(h, f"Anna Bianchi {n}")
            b = await party(h, f"A. Bianchi {n}")
            await create_case(h, siteId=hq, partyId=a, subject=f"Before {n}")
            results = await asyncio.gather(
                h.gql(MERGE, {"i": {"sourceId": a, "targetId": b}}, token=manager),
                h.gql(MERGE, {"i": {"sourceId": b, "targetId": a}}, token=manager),
                h.gql(
                    "mutation($i: CaseCreateInput!) { caseCreate(input: $i) "
                    "{ case { party { id } } errors { code } } }",
                    {"i": {"siteId": hq, "partyId": a, "subject": "Meanwhile", "channel": "PHONE"}},
                    token=desk,
                ),
            )
            for result in results:
                assert not result.get("errors"), result
            merges = [r["data"]["partyMerge"] for r in results[:2]]
            wins = [m for m in merges if m["errors"] == []]
            assert len(wins) == 1, merges
            losses = [e["code"] for m in merges for e in m["errors"]]
            assert losses == ["ALREADY_MERGED"], merges
            survivor = wins[0]["party"]["id"]
            gone = b if survivor == a else a
            assert await references(pk(gone)) == {}
            cases = await references(pk(survivor))
            created = results[2]["data"]["caseCreate"]
            assert cases["crm_case.party_id"] == (2 if created["errors"] == [] else 1), results
            tombs = [await h.ok(TOMBSTONE, {"id": x}) for x in (a, b)]
            assert sorted(str(t["node"]["mergedIntoId"]) for t in tombs) == sorted(
                ["None", survivor]
            )


async def test_every_party_column_is_in_some_office_merge(sportello_app) -> None:
    """Merging two parties with no records still names every column an office moves: a column
    that holds a party's id and that no office moves (a table added later, its merge hook
    forgotten) fails here even when no demo row fills it."""
    from sportello.merge import merge_parties

    # Rows an office settles one by one rather than by column (the survivor's own row wins):
    # they show in the report only when there was something to settle.
    settled = {"sales_billing_profile.party_id", "hr_employee.party_id"}
    async with sportello_app(ALL_OFFICES) as h:
        source = pk(await party(h, "Empty duplicate"))
        target = pk(await party(h, "Empty survivor"))
        _, reports = await merge_parties(h.runtime, api.SYSTEM, source, target)
        named = {column for report in reports for column in report.moved}
        columns = {f"{model._meta.db_table}.{column}" for model, column in party_columns()}
        assert columns - named - settled == set()
