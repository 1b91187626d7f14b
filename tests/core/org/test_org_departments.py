"""Departments and teams through the GraphQL API, on SQLite and PostgreSQL (``sportello_app``):
nesting, the site rule, cycles (also under concurrent requests), members, site scoping,
``me.departments``, archive and delete, and the query count of the list."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from sportello.testing import count_queries

SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
UNIT = "id name code kind active site { id } parent { id } manager { id name } members { id name }"
CREATE = (
    "mutation($i: DepartmentCreateInput!) { departmentCreate(input: $i) { department { "
    + UNIT
    + " } errors { field code message } } }"
)
UPDATE = (
    "mutation($i: DepartmentUpdateInput!) { departmentUpdate(input: $i) { department { "
    + UNIT
    + " } errors { field code message } } }"
)
DELETE = (
    "mutation($i: DepartmentDeleteInput!) { departmentDelete(input: $i) { deletedId"
    " errors { field code message } } }"
)
ADD = (
    "mutation($i: DepartmentMemberAddInput!) { departmentMemberAdd(input: $i) { department { "
    + UNIT
    + " } errors { field code message } } }"
)
REMOVE = (
    "mutation($i: DepartmentMemberRemoveInput!) { departmentMemberRemove(input: $i) {"
    " department { " + UNIT + " } errors { field code message } } }"
)
LIST = (
    "query($s: ID, $p: ID, $a: Boolean) { departments(first: 50, siteId: $s, parentId: $p,"
    " includeArchived: $a) { totalCount edges { node { id name } } } }"
)
ME = "{ me { id departments { id name site { id } } } }"


_people = itertools.count()


async def site(h: Any, code: str) -> str:
    data = await h.ok(SITE, {"i": {"code": code, "name": f"Site {code}"}})
    site_id: str = data["siteCreate"]["site"]["id"]
    return site_id


async def create(h: Any, check: bool = True, as_: str = "admin", **fields: Any) -> dict[str, Any]:
    data = await h.ok(CREATE, {"i": fields}, as_=as_)
    result: dict[str, Any] = data["departmentCreate"]
    if check:
        assert result["errors"] == [], result["errors"]
    return result


async def user(h: Any, roles: list[str], sites: list[str] | None = None) -> tuple[str, str]:
    """A new user (token, global ID) working at ``sites`` (every site when None)."""
    from sportello.graphql.ids import decode_id

    ids = None if sites is None else [decode_id(s, "Site", "s") for s in sites]
    token = await h.token(roles=roles, sites=ids, email=f"staff-{next(_people)}@org.example")
    me = await h.ok("{ me { id } }", token=token)
    return token, me["me"]["id"]


def codes(result: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in result["errors"]]


async def test_nested_units_and_the_site_rule(sportello_app) -> None:
    async with sportello_app([]) as h:
        town = await site(h, "TOWN")
        port = await site(h, "PORT")
        it = (await create(h, name="IT", code="it"))["department"]
        assert it["site"] is None and it["kind"] == "DEPARTMENT" and it["code"] == "IT"
        desk = await create(
            h, name="IT — Service desk", parentId=it["id"], kind="TEAM", siteId=town
        )
        assert desk["department"]["parent"] == {"id": it["id"]}
        assert desk["department"]["site"] == {"id": town}
        tributi = (await create(h, name="Tributi", siteId=town))["department"]
        # A child of a site's unit works at that site: neither another site nor org-wide.
        wrong = await create(h, False, name="Cassa", siteId=port, parentId=tributi["id"])
        assert codes(wrong) == [("siteId", "SITE_MISMATCH")] and wrong["department"] is None
        wide = await create(h, False, name="Cassa", parentId=tributi["id"])
        assert codes(wide) == [("siteId", "SITE_MISMATCH")]
        # Unknown or malformed parents and sites, a blank name, a code taken under one parent.
        from sportello.graphql.ids import encode_id

        missing = await create(h, False, name="X", parentId=encode_id("Department", 999))
        assert codes(missing) == [("parentId", "NOT_FOUND")]
        bad = await create(h, False, name="X", parentId="nonsense")
        assert codes(bad) == [("parentId", "INVALID_ID")]
        nosite = await create(h, False, name="X", siteId=encode_id("Site", 999))
        assert codes(nosite) == [("siteId", "NOT_FOUND")]
        blank = await create(h, False, name="  ")
        assert codes(blank) == [("name", "REQUIRED")]
        taken = await create(h, False, name="Other IT", code="IT")
        assert codes(taken) == [("code", "CONFLICT")]
        await create(h, name="Sub IT", code="IT", parentId=it["id"])  # another parent: fine
        listed = await h.ok(LIST, {"p": it["id"]})
        assert sorted(e["node"]["name"] for e in listed["departments"]["edges"]) == [
            "IT — Service desk",
            "Sub IT",
        ]
        # Nothing half-written: the refused ones left no row.
        everything = await h.ok(LIST, {})
        assert everything["departments"]["totalCount"] == 4


async def test_no_unit_becomes_its_own_ancestor(sportello_app) -> None:
    async with sportello_app([]) as h:
        a = (await create(h, name="A"))["department"]["id"]
        b = (await create(h, name="B", parentId=a))["department"]["id"]
        c = (await create(h, name="C", parentId=b))["department"]["id"]
        for parent in (a, c):  # itself, its grandchild
            data = await h.ok(UPDATE, {"i": {"id": a, "parentId": c if parent == c else a}})
            assert codes(data["departmentUpdate"]) == [("parentId", "CYCLE")]
        moved = await h.ok(UPDATE, {"i": {"id": c, "parentId": None}})
        assert moved["departmentUpdate"]["department"]["parent"] is None
        again = await h.ok(UPDATE, {"i": {"id": c, "parentId": a}})
        assert again["departmentUpdate"]["department"]["parent"] == {"id": a}


async def test_concurrent_moves_never_make_a_cycle(sportello_app) -> None:
    """Two requests at once: X under Y and Y under X. Each alone is fine; one must be refused."""
    async with sportello_app([], live=True) as h:
        token = await h.token(roles=["admin"])
        for round_ in range(4):
            x = (await create(h, name=f"X{round_}"))["department"]["id"]
            y = (await create(h, name=f"Y{round_}"))["department"]["id"]
            results = await asyncio.gather(
                h.gql(UPDATE, {"i": {"id": x, "parentId": y}}, token=token),
                h.gql(UPDATE, {"i": {"id": y, "parentId": x}}, token=token),
            )
            outcomes = sorted(
                tuple(e["code"] for e in r["data"]["departmentUpdate"]["errors"]) for r in results
            )
            assert outcomes == [(), ("CYCLE",)], results
        from sportello.org.models import Department

        for unit in await Department.all():  # walk up from each: the chain ends
            seen, current = set(), unit
            while current.parent_id is not None:
                assert current.id not in seen
                seen.add(current.id)
                current = await Department.get(id=current.parent_id)


async def test_members_work_at_the_units_site(sportello_app) -> None:
    async with sportello_app([]) as h:
        town = await site(h, "TOWN")
        port = await site(h, "PORT")
        anagrafe = (await create(h, name="Anagrafe", siteId=town))["department"]["id"]
        _, clerk = await user(h, ["front_desk"], [town])
        _, sailor = await user(h, ["front_desk"], [port])
        added = await h.ok(ADD, {"i": {"departmentId": anagrafe, "userId": clerk}})
        assert [m["id"] for m in added["departmentMemberAdd"]["department"]["members"]] == [clerk]
        twice = await h.ok(ADD, {"i": {"departmentId": anagrafe, "userId": clerk}})
        assert codes(twice["departmentMemberAdd"]) == [("userId", "CONFLICT")]
        elsewhere = await h.ok(ADD, {"i": {"departmentId": anagrafe, "userId": sailor}})
        assert codes(elsewhere["departmentMemberAdd"]) == [("userId", "USER_NOT_AT_SITE")]
        boss = await h.ok(UPDATE, {"i": {"id": anagrafe, "managerId": sailor}})
        assert codes(boss["departmentUpdate"]) == [("managerId", "USER_NOT_AT_SITE")]
        # An org-wide unit takes anyone active.
        it = (await create(h, name="IT", managerId=sailor))["department"]
        assert it["manager"]["id"] == sailor
        await h.ok(ADD, {"i": {"departmentId": it["id"], "userId": clerk}})
        # An inactive account cannot join.
        from sportello.graphql.ids import decode_id
        from sportello.identity.models import User

        await User.filter(id=decode_id(sailor, "User", "u")).update(is_active=False)
        gone = await h.ok(ADD, {"i": {"departmentId": anagrafe, "userId": sailor}})
        assert codes(gone["departmentMemberAdd"]) == [("userId", "USER_INACTIVE")]
        removed = await h.ok(REMOVE, {"i": {"departmentId": anagrafe, "userId": clerk}})
        assert removed["departmentMemberRemove"]["department"]["members"] == []
        not_member = await h.ok(REMOVE, {"i": {"departmentId": anagrafe, "userId": clerk}})
        assert codes(not_member["departmentMemberRemove"]) == [("userId", "NOT_FOUND")]


async def test_site_scoping_and_permissions(sportello_app) -> None:
    async with sportello_app([]) as h:
        town = await site(h, "TOWN")
        port = await site(h, "PORT")
        it = (await create(h, name="IT"))["department"]["id"]
        tributi = (await create(h, name="Tributi", siteId=town))["department"]["id"]
        harbour = (await create(h, name="Harbour office", siteId=port))["department"]["id"]
        desk, _ = await user(h, ["front_desk"], [town])
        # Any logged-in user lists the units of their sites and the org-wide ones.
        seen = await h.ok(LIST, {}, token=desk)
        assert sorted(e["node"]["name"] for e in seen["departments"]["edges"]) == ["IT", "Tributi"]
        assert (await h.ok(LIST, {"s": port}, token=desk))["departments"]["totalCount"] == 1
        everything = await h.ok(LIST, {}, as_="auditor")
        assert everything["departments"]["totalCount"] == 3
        assert (await h.ok(LIST, {}, token=desk))["departments"]["totalCount"] == 2
        node = "query($id: ID!) { node(id: $id) { id } }"
        assert (await h.ok(node, {"id": harbour}, token=desk))["node"] is None
        assert (await h.ok(node, {"id": tributi}, token=desk))["node"] == {"id": tributi}
        await create(h, name="IT at the port", siteId=port, parentId=it, kind="TEAM")
        await create(h, name="IT in town", siteId=town, parentId=it, kind="TEAM")
        children = "query($id: ID!) { node(id: $id) { ... on Department { children { name } } } }"
        mine = await h.ok(children, {"id": it}, token=desk)
        assert mine["node"]["children"] == [{"name": "IT in town"}]
        both = await h.ok(children, {"id": it})
        assert [c["name"] for c in both["node"]["children"]] == ["IT at the port", "IT in town"]
        anonymous = await h.gql(LIST, {}, as_=None)
        assert anonymous["errors"]
        # Only org.manage changes units.
        refused = await h.gql(CREATE, {"i": {"name": "Nope"}}, token=desk)
        assert refused["errors"] and "org.manage" in refused["errors"][0]["message"]
        # A manager bound to one site changes that site's units only.
        boss, _ = await user(h, ["manager"], [town])
        mine = await create(h, name="Ufficio tecnico", siteId=town, as_="manager")
        assert mine["department"]["site"] == {"id": town}
        boss_create = await h.ok(CREATE, {"i": {"name": "Wide"}}, token=boss)
        assert codes(boss_create["departmentCreate"]) == [("siteId", "FORBIDDEN")]
        boss_it = await h.ok(UPDATE, {"i": {"id": it, "name": "ICT"}}, token=boss)
        assert codes(boss_it["departmentUpdate"]) == [("id", "FORBIDDEN")]
        ok = await h.ok(UPDATE, {"i": {"id": tributi, "name": "Tributi e tasse"}}, token=boss)
        assert ok["departmentUpdate"]["department"]["name"] == "Tributi e tasse"


async def test_me_departments(sportello_app) -> None:
    async with sportello_app([]) as h:
        town = await site(h, "TOWN")
        token, me = await user(h, ["front_desk"], [town])
        it = (await create(h, name="IT"))["department"]["id"]
        anagrafe = (await create(h, name="Anagrafe", siteId=town, managerId=me))["department"]
        await create(h, name="Tributi", siteId=town)
        assert (await h.ok(ME, token=token))["me"]["departments"] == [
            {"id": anagrafe["id"], "name": "Anagrafe", "site": {"id": town}}
        ]
        await h.ok(ADD, {"i": {"departmentId": it, "userId": me}})
        names = [d["name"] for d in (await h.ok(ME, token=token))["me"]["departments"]]
        assert names == ["Anagrafe", "IT"]
        await h.ok(UPDATE, {"i": {"id": it, "active": False}})
        names = [d["name"] for d in (await h.ok(ME, token=token))["me"]["departments"]]
        assert names == ["Anagrafe"]


async def test_me_departments_without_the_name_in_the_selection(sportello_app) -> None:
    """Found by the fuzzer (docs/fuzzing.md): ordered by name, the list must not need the name
    among the selected columns (PostgreSQL refused SELECT DISTINCT ... ORDER BY name), and a
    unit the caller both manages and belongs to comes once."""
    async with sportello_app([], debug=False) as h:
        town = await site(h, "TOWN")
        token, me = await user(h, ["front_desk"], [town])
        both = (await create(h, name="Anagrafe", siteId=town, managerId=me))["department"]["id"]
        await h.ok(ADD, {"i": {"departmentId": both, "userId": me}})
        member = (await create(h, name="Biblioteca", siteId=town))["department"]["id"]
        await h.ok(ADD, {"i": {"departmentId": member, "userId": me}})
        await create(h, name="Cultura", siteId=town)
        for selection in ("id", "kind", "active createdAt", "id children { id }"):
            result = await h.gql(f"{{ me {{ departments {{ {selection} }} }} }}", token=token)
            assert not result.get("errors"), result
        data = await h.ok("{ me { departments { id } } }", token=token)
        assert data["me"]["departments"] == [{"id": both}, {"id": member}]


async def test_archive_and_delete(sportello_app) -> None:
    async with sportello_app([]) as h:
        _, someone = await user(h, ["back_office"])
        it = (await create(h, name="IT"))["department"]["id"]
        desk = (await create(h, name="Desk", parentId=it, kind="TEAM"))["department"]["id"]
        await h.ok(ADD, {"i": {"departmentId": desk, "userId": someone}})
        refused = await h.ok(DELETE, {"i": {"id": it}})
        assert codes(refused["departmentDelete"]) == [("id", "HAS_CHILDREN")]
        refused = await h.ok(DELETE, {"i": {"id": desk}})
        assert codes(refused["departmentDelete"]) == [("id", "HAS_MEMBERS")]
        refused = await h.ok(UPDATE, {"i": {"id": it, "active": False}})
        assert codes(refused["departmentUpdate"]) == [("active", "HAS_CHILDREN")]
        archived = await h.ok(UPDATE, {"i": {"id": desk, "active": False}})
        assert archived["departmentUpdate"]["department"]["active"] is False
        under = await create(h, False, name="New", parentId=desk)
        assert codes(under) == [("parentId", "PARENT_ARCHIVED")]
        assert (await h.ok(LIST, {}))["departments"]["totalCount"] == 1
        assert (await h.ok(LIST, {"a": True}))["departments"]["totalCount"] == 2
        await h.ok(REMOVE, {"i": {"departmentId": desk, "userId": someone}})
        gone = await h.ok(DELETE, {"i": {"id": desk}})
        assert gone["departmentDelete"] == {"deletedId": desk, "errors": []}
        assert (await h.ok(LIST, {"a": True}))["departments"]["totalCount"] == 1


async def test_the_list_costs_the_same_queries_at_any_page_size(sportello_app) -> None:
    async with sportello_app([]) as h:
        town = await site(h, "TOWN")
        _, boss = await user(h, ["manager"])
        people = [(await user(h, ["front_desk"]))[1] for _ in range(3)]

        async def staff(unit: str, count: int) -> None:
            for person in people[:count]:
                added = await h.ok(ADD, {"i": {"departmentId": unit, "userId": person}})
                assert added["departmentMemberAdd"]["errors"] == []

        for n in range(52):
            unit = await create(h, name=f"Unit {n:02}", siteId=town, managerId=boss)
            unit_id = unit["department"]["id"]
            await staff(unit_id, n % 4)
            team = await create(h, name=f"Team {n:02}", siteId=town, parentId=unit_id, kind="TEAM")
            await staff(team["department"]["id"], 1 + n % 3)
        query = (
            "{ departments(first: %d, topLevel: true) { edges { node { "
            + UNIT
            + " children { id name members { id } children { id } } } } } }"
        )
        await h.token()
        with count_queries() as small:
            one = await h.ok(query % 1)
        with count_queries() as big:
            many = await h.ok(query % 50)
        assert len(one["departments"]["edges"]) == 1 and len(many["departments"]["edges"]) == 50
        units = [e["node"] for e in many["departments"]["edges"]]
        assert sum(len(u["members"]) for u in units) > 60
        assert [c["name"] for c in units[7]["children"]] == ["Team 07"]
        assert sum(len(u["children"][0]["members"]) for u in units) > 90
        small = [q for q in small if "events_" not in q]
        big = [q for q in big if "events_" not in q]
        assert 0 < len(big) == len(small), (small, big)


async def test_routing_functions(sportello_app) -> None:
    """What offices call through sportello.api to route work to a unit."""
    from sportello import api
    from sportello.graphql.ids import decode_id

    async with sportello_app([]) as h:
        town = await site(h, "TOWN")
        port = await site(h, "PORT")
        _, boss = await user(h, ["manager"])
        _, a = await user(h, ["front_desk"], [town])
        _, b = await user(h, ["front_desk"])
        it = (await create(h, name="IT", managerId=boss))["department"]["id"]
        desk = (await create(h, name="Desk", parentId=it, kind="TEAM"))["department"]["id"]
        tributi = (await create(h, name="Tributi", siteId=town))["department"]["id"]
        await h.ok(ADD, {"i": {"departmentId": desk, "userId": b}})
        await h.ok(ADD, {"i": {"departmentId": tributi, "userId": a}})
        await h.ok(ADD, {"i": {"departmentId": tributi, "userId": b}})
        pk = {
            gid: decode_id(gid, ("Department", "User", "Site"), "x")
            for gid in (it, desk, tributi, boss, a, b, town, port)
        }
        assert await api.department_member_ids(pk[it]) == [pk[boss]]
        assert await api.department_member_ids(pk[it], nested=True) == sorted([pk[boss], pk[b]])
        assert await api.department_member_ids(pk[tributi]) == sorted([pk[a], pk[b]])
        assert await api.department_manager_ids(pk[desk]) == [pk[boss]]  # from the parent
        assert await api.department_manager_ids(pk[tributi]) == []
        assert await api.user_department_ids(pk[b]) == sorted([pk[desk], pk[tributi]])
        assert await api.user_department_ids(pk[boss]) == [pk[it]]
        assert await api.department_exists(pk[it], pk[port])
        assert await api.department_exists(pk[tributi], pk[town])
        assert not await api.department_exists(pk[tributi], pk[port])
        assert not await api.department_exists(99999)
        await h.ok(REMOVE, {"i": {"departmentId": desk, "userId": b}})
        await h.ok(UPDATE, {"i": {"id": desk, "active": False}})
        assert not await api.department_exists(pk[desk])
        assert api.DEPARTMENT == "org.Department"


async def test_demo_units_are_staffed_and_loaded_once(sportello_app) -> None:
    async with sportello_app([]) as h:
        await h.load_demo()
        await h.load_demo()
        query = (
            "{ departments(first: 50) { edges { node { name parent { id } members { id } } } } }"
        )
        units = {e["node"]["name"]: e["node"] for e in (await h.ok(query))["departments"]["edges"]}
        assert {"Reception", "Housekeeping", "Tributi", "Ufficio tecnico", "Anagrafe", "IT"} <= set(
            units
        )
        desk = units["IT — Service desk"]
        assert desk["parent"] is not None and len(desk["members"]) == 2
        assert len(units) == 7


async def test_concurrent_member_changes(sportello_app) -> None:
    """The same user added twice at once joins once; a unit deleted while someone is added to it
    either loses the race (HAS_MEMBERS) or the add finds no unit: never a member of nothing."""
    async with sportello_app([], live=True) as h:
        token = await h.token(roles=["admin"])
        _, someone = await user(h, ["back_office"])
        for round_ in range(4):
            unit = (await create(h, name=f"Twice {round_}"))["department"]["id"]
            results = await asyncio.gather(
                *(
                    h.gql(ADD, {"i": {"departmentId": unit, "userId": someone}}, token=token)
                    for _ in range(2)
                )
            )
            outcomes = sorted(
                tuple(e["code"] for e in r["data"]["departmentMemberAdd"]["errors"])
                for r in results
            )
            assert outcomes == [(), ("CONFLICT",)], results
        for round_ in range(4):
            unit = (await create(h, name=f"Race {round_}"))["department"]["id"]
            deleted, added = await asyncio.gather(
                h.gql(DELETE, {"i": {"id": unit}}, token=token),
                h.gql(ADD, {"i": {"departmentId": unit, "userId": someone}}, token=token),
            )
            deleted_ok = deleted["data"]["departmentDelete"]["errors"] == []
            added_ok = added["data"]["departmentMemberAdd"]["errors"] == []
            assert deleted_ok != added_ok, (deleted, added)
            if not deleted_ok:
                assert deleted["data"]["departmentDelete"]["errors"][0]["code"] == "HAS_MEMBERS"
            else:
                assert added["data"]["departmentMemberAdd"]["errors"][0]["code"] == "NOT_FOUND"
        from sportello.org.models import Department, Member

        units = {d.id for d in await Department.all()}
        assert all(m.department_id in units for m in await Member.all())


async def test_a_persons_units_in_export_and_erasure(sportello_app) -> None:
    async with sportello_app([]) as h:
        token, me = await user(h, ["back_office"])
        party = (await h.ok("{ me { partyId } }", token=token))["me"]["partyId"]
        it = (await create(h, name="IT", managerId=me))["department"]["id"]
        desk = (await create(h, name="Desk", parentId=it, kind="TEAM"))["department"]["id"]
        await h.ok(ADD, {"i": {"departmentId": desk, "userId": me}})
        export = "query($id: ID!) { partyDataExport(id: $id) }"
        section = (await h.ok(export, {"id": party}))["partyDataExport"]["offices"]["org"]
        assert [m["department"] for m in section["member_of"]] == ["Desk"]
        assert section["manager_of"] == ["IT"]
        erased = await h.ok(
            "mutation($i: PartyEraseInput!) { partyErase(input: $i) "
            "{ reports { plugin erased } errors { code } } }",
            {"i": {"id": party}},
        )
        assert erased["partyErase"]["errors"] == []
        assert "org" in [r["plugin"] for r in erased["partyErase"]["reports"]]
        units = await h.ok(
            "{ departments(first: 5) { edges { node { name manager { id } members { id } } } } }"
        )
        assert [e["node"] for e in units["departments"]["edges"]] == [
            {"name": "Desk", "manager": None, "members": []},
            {"name": "IT", "manager": None, "members": []},
        ]
        # The unit can go now that nobody is in it.
        assert (await h.ok(DELETE, {"i": {"id": desk}}))["departmentDelete"]["errors"] == []


async def test_me_departments_costs_the_same_queries_for_one_unit_or_many(sportello_app) -> None:
    async with sportello_app([]) as h:
        town = await site(h, "TOWN")
        query = (
            "{ me { departments { id name kind site { id } parent { id } manager { name }"
            " members { id } children { id } } } }"
        )
        counts = []
        for size in (1, 30):
            token, me = await user(h, ["front_desk"], [town])
            top = (await create(h, name=f"Top {size}", siteId=town))["department"]["id"]
            for n in range(size):
                unit = await create(h, name=f"U{size}-{n:02}", siteId=town, parentId=top)
                await h.ok(ADD, {"i": {"departmentId": unit["department"]["id"], "userId": me}})
            await h.ok("{ me { id } }", token=token)  # the token look-up, cached from here
            with count_queries() as statements:
                data = await h.ok(query, token=token)
            assert len(data["me"]["departments"]) == size
            assert data["me"]["departments"][0]["members"] == [{"id": me}]
            counts.append(len([s for s in statements if "events_" not in s]))
        assert 0 < counts[0] == counts[1], counts


async def test_changes_are_published_as_events(sportello_app) -> None:
    async with sportello_app([]) as h:
        town = await site(h, "TOWN")
        _, someone = await user(h, ["back_office"], [town])
        unit = (await create(h, name="Tributi", siteId=town))["department"]["id"]
        await h.ok(UPDATE, {"i": {"id": unit, "name": "Tributi locali", "managerId": someone}})
        await h.ok(ADD, {"i": {"departmentId": unit, "userId": someone}})
        await h.ok(REMOVE, {"i": {"departmentId": unit, "userId": someone}})
        await h.ok(UPDATE, {"i": {"id": unit, "managerId": None}})
        await h.ok(DELETE, {"i": {"id": unit}})
        query = (
            "query($n: String) { events(first: 10, name: $n) { edges { node {"
            " name aggregate payload siteId } } } }"
        )
        found = [e["node"] for e in (await h.ok(query))["events"]["edges"]]
        mine = [e for e in found if e["name"].startswith("org.")]
        assert sorted(e["name"] for e in mine) == [
            "org.department.created",
            "org.department.deleted",
            "org.department.member_added",
            "org.department.member_removed",
            "org.department.updated",
            "org.department.updated",
        ]
        assert {e["siteId"] for e in mine} == {town}
        updates = [e["payload"] for e in mine if e["name"] == "org.department.updated"]
        first = next(p for p in updates if "name" in p["changed"])
        assert sorted(first["changed"]) == ["manager", "name"]
        assert first["name"] == "Tributi locali" and first["manager_user_id"] is not None
