"""Employees through the API: hiring, the staff directory (names, departments, work contacts
only), personal data for HR only, sites, changes and the end of an employment."""

from __future__ import annotations

from hr_helpers import (
    DEPARTMENT,
    EMPLOYEE_CREATE,
    MODULES,
    SITE,
    hire,
    pk,
    town_hall,
)

from sportello.testing import count_queries

DIRECTORY = """
query($first: Int, $d: ID, $s: ID, $q: String) {
  employeeDirectory(first: $first, departmentId: $d, siteId: $s, search: $q) {
    totalCount
    edges {
      node {
        id employeeId displayName jobTitle workEmail workPhone department { name } sites { code }
      }
    }
  }
}
"""
EMPLOYEES = """
query($first: Int, $d: ID, $former: Boolean) {
  employees(first: $first, departmentId: $d, includeFormer: $former) {
    edges { node { id displayName jobTitle site { code } sites { code } department { name }
                   manager { displayName } party { id } } }
  }
}
"""
PERSONAL = """
query($id: ID!) {
  node(id: $id) {
    ... on Employee { displayName personalData { homeAddress birthDate idDocumentNumber
                                                 emergencyContactName emergencyContactPhone } }
  }
}
"""
PERSONAL_SET = """
mutation($i: EmployeePersonalDataSetInput!) {
  employeePersonalDataSet(input: $i) { employee { id } errors { field code } }
}
"""
UPDATE = """
mutation($i: EmployeeUpdateInput!) {
  employeeUpdate(input: $i) {
    employee { id jobTitle manager { id } sites { code } } errors { field code }
  }
}
"""
END = """
mutation($i: EmployeeEndInput!) {
  employeeEnd(input: $i) { employee { id endDate } errors { field code } }
}
"""
ENTRY_FIELDS = {
    "id",
    "employeeId",
    "displayName",
    "jobTitle",
    "workEmail",
    "workPhone",
    "department",
    "sites",
}


async def test_hire_a_new_person_or_an_existing_login(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        made = await h.ok(
            EMPLOYEE_CREATE,
            {
                "i": {
                    "fullName": "Lucia Verdi",
                    "departmentId": place["department"],
                    "siteIds": [place["site"]],
                    "jobTitle": "Receptionist",
                    "workEmail": "lucia@town.example",
                }
            },
        )
        lucia = made["employeeCreate"]["employee"]
        assert made["employeeCreate"]["errors"] == []
        assert lucia["displayName"] == "Lucia Verdi" and lucia["userId"] is None
        assert lucia["department"]["name"] == "Anagrafe"
        assert [s["id"] for s in lucia["sites"]] == [place["site"]]

        boss = await hire(h, place, "Bruna Capo")
        assert pk(boss.employee["userId"]) == pk(boss.user_id)
        # One login, one employment; no department: refused, nothing written.
        again = await h.ok(
            EMPLOYEE_CREATE,
            {
                "i": {
                    "userId": boss.user_id,
                    "departmentId": place["department"],
                    "siteIds": [place["site"]],
                }
            },
        )
        assert again["employeeCreate"]["errors"][0]["code"] == "CONFLICT"
        missing = await h.ok(
            EMPLOYEE_CREATE,
            {"i": {"fullName": "X", "departmentId": place["site"], "siteIds": [place["site"]]}},
        )
        assert missing["employeeCreate"]["errors"][0] == {
            "field": "departmentId",
            "code": "INVALID_ID",
            "message": missing["employeeCreate"]["errors"][0]["message"],
        }
        nobody = await h.ok(
            EMPLOYEE_CREATE, {"i": {"departmentId": place["department"], "siteIds": []}}
        )
        assert nobody["employeeCreate"]["errors"][0]["field"] in ("siteIds", "fullName")

        from sportello_hr.models import Employee

        assert await Employee.all().count() == 2

        # Manager and work sites change; an employee is not their own manager.
        second = await h.ok(SITE, {"i": {"code": "RM2", "name": "Branch office"}})
        branch = second["siteCreate"]["site"]["id"]
        got = await h.ok(
            UPDATE,
            {
                "i": {
                    "id": lucia["id"],
                    "managerId": boss.id,
                    "siteIds": [place["site"], branch],
                    "jobTitle": "Senior receptionist",
                }
            },
        )
        employee = got["employeeUpdate"]["employee"]
        assert employee["manager"]["id"] == boss.id
        assert [s["code"] for s in employee["sites"]] == ["RM1", "RM2"]
        selfish = await h.ok(UPDATE, {"i": {"id": boss.id, "managerId": boss.id}})
        assert selfish["employeeUpdate"]["errors"][0]["field"] == "managerId"
        cleared = await h.ok(UPDATE, {"i": {"id": lucia["id"], "managerId": None}})
        assert cleared["employeeUpdate"]["employee"]["manager"] is None


async def test_the_directory_shows_names_and_work_contacts_only(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        clerk = await hire(h, place, "Carla Conti", jobTitle="Registrar")
        await h.ok(
            PERSONAL_SET,
            {
                "i": {
                    "employeeId": clerk.id,
                    "homeAddress": "Via Appia 1, Roma",
                    "birthDate": "1990-05-01",
                    "idDocumentNumber": "CA12345AB",
                    "emergencyContactName": "Mario Conti",
                    "emergencyContactPhone": "+39 333 1234567",
                }
            },
        )
        desk = await h.token(roles=["front_desk"], sites=[pk(place["site"])])
        got = await h.ok(DIRECTORY, {"first": 10}, token=desk)
        nodes = [e["node"] for e in got["employeeDirectory"]["edges"]]
        assert [(n["displayName"], n["jobTitle"], n["workPhone"]) for n in nodes] == [
            ("carla.conti@town.example", "Registrar", "+39 06 1234567")
        ]
        assert set(nodes[0]) == ENTRY_FIELDS
        # The directory's type has no private field at all; the HR list is closed to the desk.
        bad = await h.gql(
            "{ employeeDirectory(first: 1) { edges { node { personalData { birthDate } } } } }",
            token=desk,
        )
        assert "Cannot query field 'personalData'" in bad["errors"][0]["message"]
        denied = await h.gql(EMPLOYEES, {"first": 5}, token=desk)
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        # hr.view (an auditor) reads the employee but not the private data.
        auditor = await h.token(roles=["auditor"])
        seen = await h.gql(PERSONAL, {"id": clerk.id}, token=auditor)
        assert seen["data"]["node"]["personalData"] is None
        assert seen["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        # hr.manage does.
        data = (await h.ok(PERSONAL, {"id": clerk.id}, as_="manager"))["node"]["personalData"]
        assert data == {
            "homeAddress": "Via Appia 1, Roma",
            "birthDate": "1990-05-01",
            "idDocumentNumber": "CA12345AB",
            "emergencyContactName": "Mario Conti",
            "emergencyContactPhone": "+39 333 1234567",
        }
        # Private values never reach the audit trail.
        from sportello.identity.models import AuditEntry

        entry = await AuditEntry.filter(operation="employeePersonalDataSet").first()
        assert entry is not None and "CA12345AB" not in str(entry.changes)


async def test_sites_scope_the_directory_and_the_lists(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        rome = await town_hall(h, "RM1")
        milan = await town_hall(h, "MI1")
        await hire(h, rome, "Anna Roma")
        await hire(h, milan, "Bea Milano")
        desk = await h.token(roles=["front_desk"], sites=[pk(rome["site"])])
        got = await h.ok(DIRECTORY, {"first": 10}, token=desk)
        assert [e["node"]["displayName"] for e in got["employeeDirectory"]["edges"]] == [
            "anna.roma@town.example"
        ]
        other = await h.ok(DIRECTORY, {"first": 10, "s": milan["site"]}, token=desk)
        assert other["employeeDirectory"]["edges"] == []
        everyone = await h.ok(DIRECTORY, {"first": 10})
        assert everyone["employeeDirectory"]["totalCount"] == 2
        by_department = await h.ok(DIRECTORY, {"first": 10, "d": milan["department"]})
        assert by_department["employeeDirectory"]["totalCount"] == 1
        search = await h.ok(DIRECTORY, {"first": 10, "q": "bea"})
        assert search["employeeDirectory"]["totalCount"] == 1


async def test_lists_cost_the_same_queries_at_page_sizes_1_and_20(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        dept2 = await h.ok(DEPARTMENT, {"i": {"name": "Tributi", "siteId": place["site"]}})
        assert dept2["departmentCreate"]["errors"] == []
        boss = await hire(h, place, "Bruna Capo")
        for n in range(6):
            await hire(h, place, f"Clerk {n}", manager=boss)
        await h.settle()
        await h.ok(EMPLOYEES, {"first": 1})  # warm: the token's lookup is cached after this
        await h.ok(DIRECTORY, {"first": 1})
        counts = []
        for size in (1, 20):
            with count_queries() as queries:
                await h.ok(EMPLOYEES, {"first": size})
            counts.append(len(queries))
        assert counts[0] == counts[1], counts
        counts = []
        for size in (1, 20):
            with count_queries() as queries:
                await h.ok(DIRECTORY, {"first": size})
            counts.append(len(queries))
        assert counts[0] == counts[1], counts


async def test_end_of_employment_publishes_and_drops_from_lists(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        clerk = await hire(h, place, "Carla Conti")
        got = await h.ok(END, {"i": {"id": clerk.id, "endDate": "2020-01-01"}})
        assert got["employeeEnd"]["errors"][0]["code"] == "INVALID"
        got = await h.ok(END, {"i": {"id": clerk.id, "endDate": "2026-01-31"}})
        assert got["employeeEnd"]["employee"]["endDate"] == "2026-01-31"
        again = await h.ok(END, {"i": {"id": clerk.id, "endDate": "2026-02-28"}})
        assert again["employeeEnd"]["errors"][0]["code"] == "CONFLICT"
        from sportello.events.models import OutboxEvent

        event = await OutboxEvent.get(name="hr.employee.left")
        assert event.payload["employee_id"] == pk(clerk.id)
        assert event.payload["end_date"] == "2026-01-31"
        current = await h.ok(EMPLOYEES, {"first": 10})
        assert current["employees"]["edges"] == []
        former = await h.ok(EMPLOYEES, {"first": 10, "former": True})
        assert len(former["employees"]["edges"]) == 1
