"""An employee's data in the party export, and its erasure with the retention labour law
requires: private data goes at once, the employment record stays until its retention ends."""

from __future__ import annotations

from hr_helpers import (
    CONTRACT_CREATE,
    MODULES,
    allocate,
    annual_leave,
    ask,
    hire,
    pk,
    town_hall,
)
from test_hr_roster import ASSIGN, SKILL, desk

EXPORT = "query($id: ID!) { partyDataExport(id: $id) }"
ERASE = """
mutation($i: PartyEraseInput!) {
  partyErase(input: $i) { reports { plugin erased retained } errors { code } }
}
"""
PERSONAL_SET = """
mutation($i: EmployeePersonalDataSetInput!) {
  employeePersonalDataSet(input: $i) { employee { id } errors { field code } }
}
"""
END = """
mutation($i: EmployeeEndInput!) { employeeEnd(input: $i) { employee { id } errors { code } } }
"""


async def _party_of(person) -> str:
    from sportello.api import encode_id
    from sportello_hr.models import Employee

    employee = await Employee.get(id=pk(person.id))
    return encode_id("Party", employee.party_id)


async def test_export_and_erasure_keep_the_employment_for_its_retention(sportello_app) -> None:
    from sportello_hr.models import Contract, Employee, LeaveRequest, PersonalData

    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        annual = await annual_leave(h)
        current = await hire(h, place, "Carla Conti")
        former = await hire(h, place, "Franco Vecchio", start="2010-01-01")
        for person in (current, former):
            await h.ok(
                PERSONAL_SET,
                {
                    "i": {
                        "employeeId": person.id,
                        "homeAddress": "Via Roma 1",
                        "idDocumentNumber": "AB123",
                        "birthDate": "1980-02-03",
                    }
                },
            )
            await h.ok(
                CONTRACT_CREATE,
                {"i": {"employeeId": person.id, "kind": "PERMANENT", "start": "2010-01-01"}},
            )
        await allocate(h, current, annual, 10)
        station = await desk(h, place)
        course = await h.ok(
            "mutation($i: CourseCreateInput!) { courseCreate(input: $i) { course { id } } }",
            {"i": {"code": "FIRST_AID", "name": "First aid", "validityMonths": 36}},
        )
        for person in (current, former):
            await h.ok(
                SKILL, {"i": {"employeeId": person.id, "code": "FIRE", "validUntil": "2030-01-01"}}
            )
            await h.ok(
                "mutation($i: TrainingRecordCreateInput!) {"
                " trainingRecordCreate(input: $i) { errors { code } } }",
                {
                    "i": {
                        "employeeId": person.id,
                        "courseId": course["courseCreate"]["course"]["id"],
                        "completedOn": "2014-05-05",
                        "certificateRef": "FA-14",
                    }
                },
            )
        # The former employee worked shifts, before the employment ended in 2015.
        got = await h.ok(
            ASSIGN,
            {
                "i": {
                    "employeeId": former.id,
                    "stationId": station,
                    "start": "2014-03-03T07:00:00Z",
                    "end": "2014-03-03T15:00:00Z",
                }
            },
        )
        assert got["shiftAssign"]["errors"] == [], got
        await ask(h, current, annual, "2027-03-01", "2027-03-02", note="Wedding")
        await h.ok(END, {"i": {"id": former.id, "endDate": "2015-06-30"}})

        party = await _party_of(current)
        exported = await h.ok(EXPORT, {"id": party})
        data = exported["partyDataExport"]["offices"]["hr"]
        job = data["employments"][0]
        assert job["personal_data"]["id_document_number"] == "AB123"
        assert job["work_email"] == "carla.conti@town.example"
        assert data["leave_requests"][0]["note"] == "Wedding"
        assert data["contracts"][0]["kind"] == "permanent"
        assert data["skills"][0]["code"] == "FIRE"
        assert data["trainings"] == [
            {
                "course": "FIRST_AID",
                "completed_on": "2014-05-05",
                "expires_on": "2017-05-04",
                "certificate_ref": "FA-14",
            }
        ]

        erased = await h.ok(ERASE, {"i": {"id": party}})
        report = next(r for r in erased["partyErase"]["reports"] if r["plugin"] == "hr")
        assert "hr_personal_data.id_document_number" in report["erased"]
        assert "hr_leave_request.note" in report["erased"]
        retained = report["retained"]
        assert "Labour law" in retained["hr_contract"]
        assert "Labour law" in retained["hr_training_record"]
        employee = await Employee.get(id=pk(current.id))
        assert (employee.work_email, employee.work_phone) == ("", "")
        assert not await PersonalData.filter(employee_id=employee.id).exists()
        assert await Contract.filter(employee_id=employee.id).count() == 1
        assert (await LeaveRequest.get(employee_id=employee.id)).note == ""

        # Ended in 2015, retained 5 years: past retention, the whole record goes.
        old = await _party_of(former)
        erased = await h.ok(ERASE, {"i": {"id": old}})
        report = next(r for r in erased["partyErase"]["reports"] if r["plugin"] == "hr")
        assert "hr_employee" in report["erased"] and report["retained"] == {}
        assert not await Employee.filter(id=pk(former.id)).exists()
        assert not await Contract.filter(employee_id=pk(former.id)).exists()
        from sportello_hr.models import Shift

        assert not await Shift.filter(employee_id=pk(former.id)).exists()
        from sportello_hr.models import TrainingRecord

        assert not await TrainingRecord.filter(employee_id=pk(former.id)).exists()


async def test_purge_deletes_employments_past_retention(sportello_app) -> None:
    from sportello_hr import services
    from sportello_hr.models import Employee

    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        keep = await hire(h, place, "Rita Recente", start="2020-01-01")
        gone = await hire(h, place, "Gino Passato", start="2005-01-01")
        await h.ok(END, {"i": {"id": keep.id, "endDate": "2024-12-31"}})
        await h.ok(END, {"i": {"id": gone.id, "endDate": "2012-12-31"}})
        assert await services.privacy.purge() == 1
        assert await Employee.filter(id=pk(keep.id)).exists()
        assert not await Employee.filter(id=pk(gone.id)).exists()
