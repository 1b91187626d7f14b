"""Training through the API: courses with translations and validity, training records with
computed expiry, a station that needs a valid course (TRAINING_MISSING, TRAINING_EXPIRED on
the shift's date), reminders before expiry (a renewal replaces them), permissions."""

from __future__ import annotations

import datetime as dt

from hr_helpers import MODULES, hire, pk, town_hall
from test_hr_roster import assign, at

from sportello.testing import count_queries

COURSE_CREATE = """
mutation($i: CourseCreateInput!) {
  courseCreate(input: $i) {
    course { id code name validityMonths names { language name } }
    errors { field code message }
  }
}
"""
COURSE_UPDATE = """
mutation($i: CourseUpdateInput!) {
  courseUpdate(input: $i) { course { id name validityMonths active } errors { field code } }
}
"""
RECORD = """
mutation($i: TrainingRecordCreateInput!) {
  trainingRecordCreate(input: $i) {
    trainingRecord { id completedOn expiresOn certificateRef course { code } employee { id } }
    errors { field code message }
  }
}
"""
REMOVE = """
mutation($i: TrainingRecordRemoveInput!) {
  trainingRecordRemove(input: $i) { deletedId errors { field code } }
}
"""
STATION = """
mutation($i: StationCreateInput!) {
  stationCreate(input: $i) { station { id requiredCourse { code } } errors { field code } }
}
"""
RECORDS = """
query($e: ID, $before: Date, $first: Int) {
  trainingRecords(employeeId: $e, expiringBefore: $before, first: $first) {
    edges { node { id expiresOn course { code name } employee { displayName } } }
  }
}
"""
COURSES = "{ courses { code name validityMonths } }"


async def course(h, code: str, name: str, months: int | None, **extra) -> str:
    data = await h.ok(
        COURSE_CREATE, {"i": {"code": code, "name": name, "validityMonths": months, **extra}}
    )
    assert data["courseCreate"]["errors"] == [], data
    found: str = data["courseCreate"]["course"]["id"]
    return found


async def record(h, person, course_id: str, completed: str, **extra) -> dict:
    data = await h.ok(
        RECORD,
        {"i": {"employeeId": person.id, "courseId": course_id, "completedOn": completed, **extra}},
    )
    payload: dict = data["trainingRecordCreate"]
    return payload


async def test_courses_and_records_with_expiry(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        anna = await hire(h, place, "Anna Corso")
        fire = await course(
            h,
            "fire_safety",
            "Fire safety",
            60,
            names=[
                {"language": "it", "name": "Antincendio"},
                {"language": "el", "name": "Πυρασφάλεια"},
            ],
        )
        gdpr = await course(h, "GDPR", "Data protection (GDPR)", 24)
        await course(h, "INDUCTION", "Induction", None)

        # Translated for an Italian reader, the default name otherwise.
        italian = await h.ok(COURSES, headers={"accept-language": "it"})
        names = {c["code"]: c["name"] for c in italian["courses"]}
        assert names["FIRE_SAFETY"] == "Antincendio" and names["GDPR"] == "Data protection (GDPR)"
        english = await h.ok(COURSES)
        assert {c["code"]: c["name"] for c in english["courses"]}["FIRE_SAFETY"] == "Fire safety"

        # Same code twice, a bad language, a silly validity: typed errors, nothing written.
        again = await h.ok(COURSE_CREATE, {"i": {"code": "FIRE_SAFETY", "name": "Again"}})
        assert again["courseCreate"]["errors"][0]["code"] == "CONFLICT"
        bad = await h.ok(
            COURSE_CREATE,
            {"i": {"code": "X", "name": "X", "names": [{"language": "fr", "name": "X"}]}},
        )
        assert bad["courseCreate"]["errors"][0]["field"] == "names"
        bad = await h.ok(COURSE_CREATE, {"i": {"code": "Y", "name": "Y", "validityMonths": 0}})
        assert bad["courseCreate"]["errors"][0]["code"] == "INVALID"
        assert len((await h.ok("{ courses { id } }"))["courses"]) == 3

        # The expiry: completion plus the validity, the day before (31 Jan + 24 months).
        got = await record(h, anna, gdpr, "2025-01-31", certificateRef="GDPR-2025-17")
        assert got["errors"] == [], got
        assert got["trainingRecord"]["expiresOn"] == "2027-01-30"
        assert got["trainingRecord"]["certificateRef"] == "GDPR-2025-17"
        got = await record(h, anna, fire, "2024-02-29")
        assert got["trainingRecord"]["expiresOn"] == "2029-02-27"
        # An explicit expiry wins; before the completion it is refused; a duplicate too.
        got = await record(h, anna, gdpr, "2026-06-01", expiresOn="2026-12-31")
        assert got["trainingRecord"]["expiresOn"] == "2026-12-31"
        got = await record(h, anna, gdpr, "2026-07-01", expiresOn="2026-06-30")
        assert got["errors"][0]["code"] == "END_BEFORE_START"
        got = await record(h, anna, gdpr, "2026-06-01")
        assert got["errors"][0]["code"] == "CONFLICT"

        listed = await h.ok(RECORDS, {"e": anna.id, "before": "2027-01-31"})
        rows = [e["node"] for e in listed["trainingRecords"]["edges"]]
        assert [r["expiresOn"] for r in rows] == ["2026-12-31", "2027-01-30"]
        assert rows[0]["course"]["code"] == "GDPR"

        # A new validity applies to what is completed from now on.
        upd = await h.ok(COURSE_UPDATE, {"i": {"id": gdpr, "validityMonths": 12}})
        assert upd["courseUpdate"]["course"]["validityMonths"] == 12
        got = await record(h, anna, gdpr, "2026-09-01")
        assert got["trainingRecord"]["expiresOn"] == "2027-08-31"
        upd = await h.ok(COURSE_UPDATE, {"i": {"id": gdpr, "validityMonths": None}})
        assert upd["courseUpdate"]["course"]["validityMonths"] is None

        # Only HR writes; an employee reads neither others' records nor writes courses.
        denied = await h.gql(
            RECORD,
            {"i": {"employeeId": anna.id, "courseId": gdpr, "completedOn": "2026-01-01"}},
            token=anna.token,
        )
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        denied = await h.gql(COURSE_CREATE, {"i": {"code": "Z", "name": "Z"}}, token=anna.token)
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        denied = await h.gql(RECORDS, {"e": anna.id}, token=anna.token)
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_a_station_refuses_an_unqualified_assignment_on_the_shift_date(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        anna = await hire(h, place, "Anna Notte")
        fire = await course(h, "FIRE_SAFETY", "Fire safety", 12)
        made = await h.ok(
            STATION,
            {"i": {"siteId": place["site"], "name": "Night desk", "requiredCourseId": fire}},
        )
        assert made["stationCreate"]["station"]["requiredCourse"]["code"] == "FIRE_SAFETY"
        night = made["stationCreate"]["station"]["id"]

        got = await assign(h, anna, night, at("2027-01-11", 7), at("2027-01-11", 15))
        assert got["errors"][0]["code"] == "TRAINING_MISSING", got
        # Completed 12 Jan 2026: valid until 11 Jan 2027.
        done = await record(h, anna, fire, "2026-01-12")
        assert done["trainingRecord"]["expiresOn"] == "2027-01-11"
        got = await assign(h, anna, night, at("2027-01-11", 7), at("2027-01-11", 15))
        assert got["errors"] == [], got
        # A night shift into 12 January ends after the training: refused on its date.
        got = await assign(h, anna, night, at("2027-01-11", 23), at("2027-01-12", 7))
        assert got["errors"][0]["code"] in ("TRAINING_EXPIRED", "SHIFT_OVERLAP", "REST_TOO_SHORT")
        got = await assign(h, anna, night, at("2027-01-13", 7), at("2027-01-13", 15))
        assert got["errors"][0]["code"] == "TRAINING_EXPIRED", got
        assert got["errors"][0]["message"]
        # Completed after the shift's day: it did not count yet.
        renewed = await record(h, anna, fire, "2027-01-14")
        assert renewed["errors"] == []
        got = await assign(h, anna, night, at("2027-01-13", 7), at("2027-01-13", 15))
        assert got["errors"][0]["code"] == "TRAINING_EXPIRED", got
        got = await assign(h, anna, night, at("2027-01-15", 7), at("2027-01-15", 15))
        assert got["errors"] == [], got
        # Removing the renewal (entered by mistake) makes the next shifts refused again.
        await h.ok(REMOVE, {"i": {"id": renewed["trainingRecord"]["id"]}})
        got = await assign(h, anna, night, at("2027-01-18", 7), at("2027-01-18", 15))
        assert got["errors"][0]["code"] == "TRAINING_EXPIRED", got
        # A manager may override it: audited and marked.
        got = await assign(h, anna, night, at("2027-01-18", 7), at("2027-01-18", 15), override=True)
        assert got["errors"] == [] and got["shift"]["overridden"] is True


async def test_training_reminders_go_to_the_employee_and_manager(sportello_app) -> None:
    from sportello.notify.models import Delivery

    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        boss = await hire(h, place, "Bruno Capo", roles=("manager",))
        anna = await hire(h, place, "Anna Promemoria", manager=boss)
        aid = await course(h, "FIRST_AID", "First aid", 36)
        first = await record(h, anna, aid, "2026-06-30")
        assert first["trainingRecord"]["expiresOn"] == "2029-06-29"
        kinds = ("hr.training_expiring", "hr.team_training_expiring")
        queued = await Delivery.filter(kind__in=kinds).order_by("user_id")
        assert {(d.kind, d.user_id) for d in queued} == {
            ("hr.training_expiring", pk(anna.user_id)),
            ("hr.team_training_expiring", pk(boss.user_id)),
        }
        assert {d.channel for d in queued} == {"email"}
        assert {d.status for d in queued} == {"queued"}
        assert {d.next_attempt_at for d in queued} == {dt.datetime(2029, 5, 30, 8, tzinfo=dt.UTC)}
        mine = next(d for d in queued if d.kind == "hr.training_expiring")
        theirs = next(d for d in queued if d.kind == "hr.team_training_expiring")
        assert mine.subject == "Your First aid training expires on 2029-06-29"
        assert theirs.subject.startswith("anna.promemoria@town.example's First aid training")
        # An older record does not move the reminder; a renewal replaces it.
        await record(h, anna, aid, "2025-01-10")
        live = await Delivery.filter(kind__in=kinds, status="queued")
        assert {d.next_attempt_at.date() for d in live} == {dt.date(2029, 5, 30)}
        await record(h, anna, aid, "2027-03-01")
        live = await Delivery.filter(kind__in=kinds, status="queued")
        assert len(live) == 2
        assert {d.next_attempt_at.date() for d in live} == {dt.date(2030, 1, 29)}


async def test_the_records_list_costs_the_same_at_any_page_size(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        gdpr = await course(h, "GDPR", "GDPR", 24)
        people = [await hire(h, place, f"Persona {n}") for n in range(4)]
        for n, person in enumerate(people):
            await record(h, person, gdpr, f"2026-0{n + 1}-01")
        await h.ok(RECORDS, {"first": 1})  # the token's first use is counted otherwise
        counts = []
        for first in (1, 4):
            with count_queries() as counted:
                data = await h.ok(RECORDS, {"first": first})
            assert len(data["trainingRecords"]["edges"]) == first
            # The events and notification workers run alongside: count the request's own.
            counts.append(len([q for q in counted if "events_" not in q and "notify_" not in q]))
        assert counts[0] == counts[1], counts
