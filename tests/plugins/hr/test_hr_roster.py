"""The roster through the API: conflicts refused with their own codes (overlap, leave, rest,
skill, expired training), the manager's override, the week's roster, who is on duty now,
swaps approved by the manager, and the roster as iCalendar parsed back."""

from __future__ import annotations

import asyncio
import datetime as dt

from hr_helpers import (
    LEAVE_APPROVE,
    MODULES,
    allocate,
    annual_leave,
    ask,
    hire,
    pk,
    town_hall,
)

from sportello.testing import count_queries

STATION = """
mutation($i: StationCreateInput!) {
  stationCreate(input: $i) { station { id name kind requiredSkill } errors { field code } }
}
"""
SKILL = """
mutation($i: EmployeeSkillSetInput!) {
  employeeSkillSet(input: $i) { employeeSkill { id code validUntil } errors { field code } }
}
"""
SHIFT = "shift { id start end overridden station { name } employee { id displayName } }"
ASSIGN = f"""
mutation($i: ShiftAssignInput!) {{
  shiftAssign(input: $i) {{ {SHIFT} errors {{ field code message }} }}
}}
"""
TEMPLATE = """
mutation($i: ShiftTemplateCreateInput!) {
  shiftTemplateCreate(input: $i) { shiftTemplate { id start end } errors { field code } }
}
"""
APPLY = f"""
mutation($i: ShiftTemplateApplyInput!) {{
  shiftTemplateApply(input: $i) {{ {SHIFT} errors {{ field code }} }}
}}
"""
REMOVE = """
mutation($i: ShiftRemoveInput!) { shiftRemove(input: $i) { deletedId errors { code } } }
"""
ROSTER = """
query($s: ID!, $start: Date!) {
  roster(siteId: $s, start: $start) { id start end station { name } employee { displayName } }
}
"""
ON_DUTY = "query($s: ID!) { onDutyNow(siteId: $s) { station { name } employee { displayName } } }"
ICS = "query($start: Date!, $e: ID) { rosterIcs(start: $start, employeeId: $e) }"
SWAP = """
mutation($i: ShiftSwapRequestInput!) {
  shiftSwapRequest(input: $i) { shiftSwap { id status } errors { field code } }
}
"""
SWAP_APPROVE = """
mutation($i: ShiftSwapApproveInput!) {
  shiftSwapApprove(input: $i) {
    shiftSwap { id status shift { employee { employeeId } } } errors { field code }
  }
}
"""
ROME = dt.timezone(dt.timedelta(hours=1))  # winter: CET


def at(day: str, hour: int, minute: int = 0) -> str:
    """A local time in Rome in winter, ISO 8601."""
    y, mo, d = (int(x) for x in day.split("-"))
    return dt.datetime(y, mo, d, hour, minute, tzinfo=ROME).isoformat()


async def desk(h, place, name: str = "Front desk", skill: str = "") -> str:
    data = await h.ok(
        STATION,
        {
            "i": {
                "siteId": place["site"],
                "name": name,
                "kind": "FRONT_DESK",
                "requiredSkill": skill,
            }
        },
    )
    assert data["stationCreate"]["errors"] == [], data
    station: str = data["stationCreate"]["station"]["id"]
    return station


async def assign(h, person, station: str, start: str, end: str, **extra) -> dict:
    data = await h.ok(
        ASSIGN,
        {"i": {"employeeId": person.id, "stationId": station, "start": start, "end": end, **extra}},
        **({"token": extra.pop("token")} if "token" in extra else {}),
    )
    payload: dict = data["shiftAssign"]
    return payload


async def test_conflicts_are_refused_with_their_own_codes(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        front = await desk(h, place)
        counter = await desk(h, place, "Counter 1", skill="fire_safety")
        anna = await hire(h, place, "Anna Turno")

        got = await assign(h, anna, front, at("2027-01-11", 7), at("2027-01-11", 15))
        assert got["errors"] == [] and got["shift"]["station"]["name"] == "Front desk"
        assert got["shift"]["overridden"] is False
        got = await assign(h, anna, front, at("2027-01-11", 14), at("2027-01-11", 20))
        assert got["errors"][0]["code"] == "SHIFT_OVERLAP", got
        # 15:00 to 22:00 is 7 hours of rest, under the 11 the config asks.
        got = await assign(h, anna, front, at("2027-01-11", 22), at("2027-01-12", 6))
        assert got["errors"][0]["code"] == "REST_TOO_SHORT", got
        got = await assign(h, anna, front, at("2027-01-12", 7), at("2027-01-12", 15))
        assert got["errors"] == []

        # Approved leave on Wednesday: refused; a pending request does not block yet.
        annual = await annual_leave(h)
        await allocate(h, anna, annual, 10)
        leave = await ask(h, anna, annual, "2027-01-13", "2027-01-13")
        got = await assign(h, anna, front, at("2027-01-13", 7), at("2027-01-13", 15))
        assert got["errors"] == []
        await h.ok(
            "mutation($i: ShiftRemoveInput!) { shiftRemove(input: $i) { deletedId } }",
            {"i": {"id": got["shift"]["id"]}},
        )
        await h.ok(LEAVE_APPROVE, {"i": {"id": leave["leaveRequest"]["id"]}})
        got = await assign(h, anna, front, at("2027-01-13", 7), at("2027-01-13", 15))
        assert got["errors"][0]["code"] == "ON_LEAVE", got
        # Half a day off (Thursday afternoon): the morning shift passes, the evening one not.
        half = await ask(h, anna, annual, "2027-01-14", "2027-01-14", halfDayStart=True)
        await h.ok(LEAVE_APPROVE, {"i": {"id": half["leaveRequest"]["id"]}})
        got = await assign(h, anna, front, at("2027-01-14", 6), at("2027-01-14", 12))
        assert got["errors"] == [], got
        got = await assign(h, anna, front, at("2027-01-15", 14), at("2027-01-15", 22))
        assert got["errors"] == [], got

        # The counter needs a valid fire-safety training.
        got = await assign(h, anna, counter, at("2027-01-18", 8), at("2027-01-18", 14))
        assert got["errors"][0]["code"] == "SKILL_MISSING"
        skill = await h.ok(
            SKILL,
            {"i": {"employeeId": anna.id, "code": "FIRE_SAFETY", "validUntil": "2026-12-31"}},
        )
        assert skill["employeeSkillSet"]["errors"] == []
        got = await assign(h, anna, counter, at("2027-01-18", 8), at("2027-01-18", 14))
        assert got["errors"][0]["code"] == "TRAINING_EXPIRED"
        # A manager may override it (audited, marked), a desk clerk may not assign at all.
        got = await assign(
            h, anna, counter, at("2027-01-18", 8), at("2027-01-18", 14), override=True
        )
        assert got["errors"] == [] and got["shift"]["overridden"] is True
        await h.ok(
            SKILL,
            {"i": {"employeeId": anna.id, "code": "fire_safety", "validUntil": "2028-12-31"}},
        )
        got = await assign(h, anna, counter, at("2027-01-19", 8), at("2027-01-19", 14))
        assert got["errors"] == []
        clerk = await h.token(roles=["front_desk"], sites=[pk(place["site"])])
        denied = await h.gql(
            ASSIGN,
            {
                "i": {
                    "employeeId": anna.id,
                    "stationId": front,
                    "start": at("2027-02-01", 7),
                    "end": at("2027-02-01", 15),
                }
            },
            token=clerk,
        )
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        # Not working at the station's site.
        other = await town_hall(h, "MI1")
        bea = await hire(h, other, "Bea Altrove")
        got = await assign(h, bea, front, at("2027-01-11", 7), at("2027-01-11", 15))
        assert got["errors"][0]["code"] == "NOT_AT_SITE"

        from sportello.events.models import OutboxEvent

        assert await OutboxEvent.filter(name="hr.shift.assigned").count() == 7


async def test_week_roster_templates_on_duty_and_ics(sportello_app) -> None:
    from icalendar import Calendar

    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        front = await desk(h, place)
        anna = await hire(h, place, "Anna Mattina")
        ugo = await hire(h, place, "Ugo Sera")
        made = await h.ok(
            TEMPLATE,
            {
                "i": {
                    "siteId": place["site"],
                    "name": "Night",
                    "start": "23:00",
                    "end": "07:00",
                    "stationId": front,
                }
            },
        )
        night = made["shiftTemplateCreate"]["shiftTemplate"]
        assert (night["start"], night["end"]) == ("23:00", "07:00")
        for n in range(5):  # Monday to Friday mornings
            day = f"2027-01-{11 + n}"
            got = await assign(h, anna, front, at(day, 7), at(day, 15))
            assert got["errors"] == []
        got = await h.ok(
            APPLY, {"i": {"templateId": night["id"], "employeeId": ugo.id, "day": "2027-01-11"}}
        )
        shift = got["shiftTemplateApply"]["shift"]
        assert shift["start"].startswith("2027-01-11T22:00") and shift["end"].startswith(
            "2027-01-12T06:00"
        ), shift

        desk_user = await h.token(roles=["front_desk"], sites=[pk(place["site"])])
        roster = await h.ok(ROSTER, {"s": place["site"], "start": "2027-01-11"}, token=desk_user)
        rows = roster["roster"]
        assert len(rows) == 6
        assert [r["employee"]["displayName"] for r in rows[:2]] == [
            "anna.mattina@town.example",
            "ugo.sera@town.example",
        ]
        with count_queries() as small:
            await h.ok(ROSTER, {"s": place["site"], "start": "2027-01-15"})
        with count_queries() as large:
            await h.ok(ROSTER, {"s": place["site"], "start": "2027-01-11"})
        assert len(small) == len(large)

        # The roster as iCalendar, parsed back to the same shifts.
        text = (await h.ok(ICS, {"start": "2027-01-11"}, token=anna.token))["rosterIcs"]
        events = [c for c in Calendar.from_ical(text).walk("VEVENT")]
        mine = [r for r in rows if r["employee"]["displayName"].startswith("anna")]
        assert [
            (e.decoded("dtstart"), e.decoded("dtend"), str(e.get("summary"))) for e in events
        ] == [
            (
                dt.datetime.fromisoformat(r["start"]),
                dt.datetime.fromisoformat(r["end"]),
                "Front desk",
            )
            for r in mine
        ]
        assert len({str(e.get("uid")) for e in events}) == 5
        # Someone else's roster needs hr.view.
        other = await h.gql(ICS, {"start": "2027-01-11", "e": anna.id}, token=ugo.token)
        assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"

        # Who is on duty now.
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        got = await assign(
            h,
            ugo,
            front,
            (now - dt.timedelta(hours=1)).isoformat(),
            (now + dt.timedelta(hours=3)).isoformat(),
        )
        assert got["errors"] == [], got
        duty = (await h.ok(ON_DUTY, {"s": place["site"]}, token=desk_user))["onDutyNow"]
        assert duty == [
            {
                "station": {"name": "Front desk"},
                "employee": {"displayName": "ugo.sera@town.example"},
            }
        ]
        removed = await h.ok(REMOVE, {"i": {"id": got["shift"]["id"]}})
        assert removed["shiftRemove"]["deletedId"] == got["shift"]["id"]
        assert (await h.ok(ON_DUTY, {"s": place["site"]}))["onDutyNow"] == []


async def test_swap_approved_by_the_manager_moves_the_shift(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        front = await desk(h, place)
        boss = await hire(h, place, "Bruna Capo")
        anna = await hire(h, place, "Anna Cambio", manager=boss)
        ugo = await hire(h, place, "Ugo Presa", manager=boss)
        got = await assign(h, anna, front, at("2027-01-11", 7), at("2027-01-11", 15))
        shift = got["shift"]["id"]
        # Only the holder asks; the colleague must be free then.
        denied = await h.ok(
            SWAP, {"i": {"shiftId": shift, "colleagueId": anna.id}}, token=ugo.token
        )
        assert denied["shiftSwapRequest"]["errors"][0]["code"] == "FORBIDDEN"
        asked = await h.ok(SWAP, {"i": {"shiftId": shift, "colleagueId": ugo.id}}, token=anna.token)
        swap = asked["shiftSwapRequest"]["shiftSwap"]
        assert asked["shiftSwapRequest"]["errors"] == [] and swap["status"] == "PENDING"
        await h.settle()
        inbox = await h.ok(
            "{ notifications(first: 5) { edges { node { kind } } } }", token=boss.token
        )
        assert [e["node"]["kind"] for e in inbox["notifications"]["edges"]] == [
            "hr.shift_swap_requested"
        ]
        # Ugo got a late shift the evening before meanwhile: approval re-checks the rest.
        late = await assign(h, ugo, front, at("2027-01-10", 16), at("2027-01-10", 23))
        refused = await h.ok(SWAP_APPROVE, {"i": {"id": swap["id"]}}, token=boss.token)
        assert refused["shiftSwapApprove"]["errors"][0]["code"] == "REST_TOO_SHORT"
        await h.ok(REMOVE, {"i": {"id": late["shift"]["id"]}})
        not_boss = await h.ok(SWAP_APPROVE, {"i": {"id": swap["id"]}}, token=ugo.token)
        assert not_boss["shiftSwapApprove"]["errors"][0]["code"] == "FORBIDDEN"
        done = await h.ok(SWAP_APPROVE, {"i": {"id": swap["id"]}}, token=boss.token)
        assert done["shiftSwapApprove"]["errors"] == []
        assert done["shiftSwapApprove"]["shiftSwap"]["status"] == "APPROVED"
        assert done["shiftSwapApprove"]["shiftSwap"]["shift"]["employee"]["employeeId"] == ugo.id


async def test_racing_assignments_of_one_person_keep_one_shift(sportello_app) -> None:
    from sportello_hr.models import Shift

    async with sportello_app(MODULES, live=True) as h:
        place = await town_hall(h)
        stations = [await desk(h, place, f"Desk {n}") for n in range(4)]
        anna = await hire(h, place, "Anna Contesa")
        results = await asyncio.gather(
            *(
                h.gql(
                    ASSIGN,
                    {
                        "i": {
                            "employeeId": anna.id,
                            "stationId": stations[n % 4],
                            "start": at("2027-01-11", 7 + n % 3),
                            "end": at("2027-01-11", 15),
                        }
                    },
                )
                for n in range(12)
            )
        )
        payloads = [r["data"]["shiftAssign"] for r in results]
        assert sum(1 for p in payloads if not p["errors"]) == 1, payloads
        assert {p["errors"][0]["code"] for p in payloads if p["errors"]} == {"SHIFT_OVERLAP"}
        assert await Shift.filter(employee_id=pk(anna.id)).count() == 1
