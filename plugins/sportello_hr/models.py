"""People who work for the organisation: employments, personal data, contracts, leave, shifts."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello import api

# Contract kinds (the column's values).
PERMANENT = "permanent"
FIXED_TERM = "fixed_term"

# Leave request statuses.
PENDING = "pending"
APPROVED = "approved"
REJECTED = "rejected"
CANCELLED = "cancelled"
#: Statuses that hold days of a balance and a place in the employee's calendar.
HOLDING = (PENDING, APPROVED)

# How an allocation accrues.
YEARLY = "yearly"
MONTHLY = "monthly"

#: Monday to Friday, as a bit mask (bit 0 Monday ... bit 6 Sunday).
WEEKDAYS_MASK = 0b0011111


class Employee(Model):
    """An employment: a person working for the organisation at one or more sites."""

    id = fields.IntField(primary_key=True)
    party: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="hr_employments", on_delete=fields.RESTRICT
    )
    party_id: int
    #: The login account of the employee, when they have one (a user id).
    user_id = fields.IntField(null=True, unique=True)
    #: The main work site (the employee's records are read at it and at the other work sites).
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="hr_employees", on_delete=fields.RESTRICT
    )
    site_id: int
    department: fields.ForeignKeyRelation[Model] = fields.ForeignKeyField(
        api.DEPARTMENT, related_name="hr_employees", on_delete=fields.RESTRICT
    )
    department_id: int
    manager: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "hr.Employee", related_name="reports", null=True, on_delete=fields.SET_NULL
    )
    manager_id: int | None
    job_title = fields.CharField(max_length=120, default="")
    work_email = fields.CharField(max_length=254, default="")
    work_phone = fields.CharField(max_length=40, default="")
    start_date = fields.DateField()
    #: The last working day once the employment ends.
    end_date = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "hr_employee"
        ordering = ["id"]


class EmployeeSite(Model):
    """A site an employee works at (the main one included)."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "hr.Employee", related_name="work_sites", on_delete=fields.CASCADE
    )
    employee_id: int
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="hr_employee_sites", on_delete=fields.RESTRICT
    )
    site_id: int

    class Meta:
        table = "hr_employee_site"
        unique_together = (("employee", "site"),)


class PersonalData(Model):
    """An employee's private data, read only by HR (hr.manage) and erased on request."""

    id = fields.IntField(primary_key=True)
    employee: fields.OneToOneRelation[Employee] = fields.OneToOneField(
        "hr.Employee", related_name="personal_data", on_delete=fields.CASCADE
    )
    employee_id: int
    home_address = fields.CharField(max_length=500, default="")
    birth_date = fields.DateField(null=True)
    #: Identity card, passport, residence permit...
    id_document_kind = fields.CharField(max_length=40, default="")
    id_document_number = fields.CharField(max_length=64, default="")
    id_document_expiry = fields.DateField(null=True)
    emergency_contact_name = fields.CharField(max_length=200, default="")
    emergency_contact_phone = fields.CharField(max_length=40, default="")
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "hr_personal_data"


class Contract(Model):
    """An employment contract: its kind, dates, weekly hours and working calendar."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "hr.Employee", related_name="contracts", on_delete=fields.RESTRICT
    )
    employee_id: int
    kind = fields.CharField(max_length=16, default=PERMANENT)
    #: Hours per week for a part-time contract, null for full time.
    hours_per_week = fields.DecimalField(max_digits=5, decimal_places=2, null=True)
    #: The weekdays worked, a bit mask (bit 0 Monday ... bit 6 Sunday).
    work_days = fields.SmallIntField(default=WEEKDAYS_MASK)
    start = fields.DateField()
    #: Last day of the contract, null for a permanent one.
    end = fields.DateField(null=True, db_index=True)
    #: The business calendar of public holidays and closed days, null: the site's.
    calendar: fields.ForeignKeyNullableRelation[Model] = fields.ForeignKeyField(
        api.BUSINESS_CALENDAR, related_name="hr_contracts", null=True, on_delete=fields.SET_NULL
    )
    calendar_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "hr_contract"
        ordering = ["employee_id", "start", "id"]


class LeaveType(Model):
    """A kind of absence: annual leave, sick leave, parental leave, unpaid leave..."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=100)
    #: Requests draw on a yearly allocation (false: sick leave, no balance kept).
    uses_allocation = fields.BooleanField(default=True)
    #: The balance may go below zero (an advance on next year's leave).
    allow_negative = fields.BooleanField(default=False)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "hr_leave_type"
        ordering = ["name", "id"]


class LeaveAllocation(Model):
    """The days of a leave type an employee gets in a year, and what they took: the balance."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "hr.Employee", related_name="leave_allocations", on_delete=fields.RESTRICT
    )
    employee_id: int
    leave_type: fields.ForeignKeyRelation[LeaveType] = fields.ForeignKeyField(
        "hr.LeaveType", related_name="allocations", on_delete=fields.RESTRICT
    )
    leave_type_id: int
    year = fields.SmallIntField()
    #: Days for the whole year.
    days = fields.DecimalField(max_digits=6, decimal_places=1)
    #: yearly: all days from January, monthly: a twelfth at the start of each month.
    accrual = fields.CharField(max_length=16, default=YEARLY)
    #: Days of approved requests.
    used = fields.DecimalField(max_digits=6, decimal_places=1, default=0)
    #: Days of requests waiting for approval (held until decided).
    pending = fields.DecimalField(max_digits=6, decimal_places=1, default=0)

    class Meta:
        table = "hr_leave_allocation"
        unique_together = (("employee", "leave_type", "year"),)


class LeaveRequest(Model):
    """An absence asked for by an employee, in days or half days, approved by the manager."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "hr.Employee", related_name="leave_requests", on_delete=fields.RESTRICT
    )
    employee_id: int
    leave_type: fields.ForeignKeyRelation[LeaveType] = fields.ForeignKeyField(
        "hr.LeaveType", related_name="requests", on_delete=fields.RESTRICT
    )
    leave_type_id: int
    allocation: fields.ForeignKeyNullableRelation[LeaveAllocation] = fields.ForeignKeyField(
        "hr.LeaveAllocation", related_name="requests", null=True, on_delete=fields.RESTRICT
    )
    allocation_id: int | None
    #: For a request across New Year: the next year's allocation, charged ``next_days``.
    next_allocation: fields.ForeignKeyNullableRelation[LeaveAllocation] = fields.ForeignKeyField(
        "hr.LeaveAllocation",
        related_name="requests_from_before",
        null=True,
        on_delete=fields.RESTRICT,
    )
    next_allocation_id: int | None
    #: Of ``days``, those in the next year (drawn on ``next_allocation``), 0 within one year.
    next_days = fields.DecimalField(max_digits=6, decimal_places=1, default=0)
    start = fields.DateField()
    end = fields.DateField()
    #: The first day is taken from midday.
    half_day_start = fields.BooleanField(default=False)
    #: The last day is taken until midday.
    half_day_end = fields.BooleanField(default=False)
    #: Working days counted (non-working days and public holidays skipped).
    days = fields.DecimalField(max_digits=6, decimal_places=1)
    #: Half-day slots [start_slot, end_slot): two per date (morning, afternoon).
    start_slot = fields.IntField()
    end_slot = fields.IntField()
    status = fields.CharField(max_length=16, default=PENDING, db_index=True)
    note = fields.CharField(max_length=500, default="")
    decided_by_user_id = fields.IntField(null=True)
    decided_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "hr_leave_request"
        ordering = ["start", "id"]


# --- shifts at the desks -----------------------------------------------------------------

# Station kinds.
FRONT_DESK = "front_desk"
COUNTER = "counter"
HOUSEKEEPING = "housekeeping"
OTHER = "other"

# Swap request statuses (as leave: pending, approved, rejected, cancelled).


class Station(Model):
    """A place at a site where someone must be on duty: a front desk, a counter, a floor."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="hr_stations", on_delete=fields.RESTRICT
    )
    site_id: int
    name = fields.CharField(max_length=100)
    kind = fields.CharField(max_length=16, default=FRONT_DESK)
    #: A skill or training code whoever works here must hold, valid on the day (empty: none).
    required_skill = fields.CharField(max_length=64, default="")
    #: A course whoever works here must have completed, valid on the shift's days (null: none).
    required_course: fields.ForeignKeyNullableRelation[Course] = fields.ForeignKeyField(
        "hr.Course", related_name="stations", null=True, on_delete=fields.RESTRICT
    )
    required_course_id: int | None
    active = fields.BooleanField(default=True)

    class Meta:
        table = "hr_station"
        ordering = ["site_id", "name", "id"]
        unique_together = (("site", "name"),)


class EmployeeSkill(Model):
    """A skill or a training an employee holds (fire safety, first aid, GDPR), and until when."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "hr.Employee", related_name="skills", on_delete=fields.RESTRICT
    )
    employee_id: int
    code = fields.CharField(max_length=64)
    #: When it was acquired (a course's date).
    acquired_on = fields.DateField(null=True)
    #: The last day it is valid (null: it does not expire).
    valid_until = fields.DateField(null=True, db_index=True)

    class Meta:
        table = "hr_employee_skill"
        unique_together = (("employee", "code"),)


class ShiftTemplate(Model):
    """A shift pattern of a site (07:00-15:00 at the front desk), which may run past midnight."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="hr_shift_templates", on_delete=fields.RESTRICT
    )
    site_id: int
    name = fields.CharField(max_length=100)
    #: Local start, minutes after midnight.
    start_minute = fields.SmallIntField()
    #: Local end, minutes after midnight (not after the start: the next day).
    end_minute = fields.SmallIntField()
    station: fields.ForeignKeyNullableRelation[Station] = fields.ForeignKeyField(
        "hr.Station", related_name="templates", null=True, on_delete=fields.SET_NULL
    )
    station_id: int | None

    class Meta:
        table = "hr_shift_template"
        ordering = ["site_id", "start_minute", "id"]


class Shift(Model):
    """An employee on duty at a station from start to end: a line of the roster."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "hr.Employee", related_name="shifts", on_delete=fields.RESTRICT
    )
    employee_id: int
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "hr.Station", related_name="shifts", on_delete=fields.RESTRICT
    )
    station_id: int
    #: The station's site, kept on the row for the roster and site scoping.
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="hr_shifts", on_delete=fields.RESTRICT
    )
    site_id: int
    start = fields.DatetimeField(db_index=True)
    end = fields.DatetimeField()
    template: fields.ForeignKeyNullableRelation[ShiftTemplate] = fields.ForeignKeyField(
        "hr.ShiftTemplate", related_name="shifts", null=True, on_delete=fields.SET_NULL
    )
    template_id: int | None
    #: A manager assigned it despite a refused check (the override is audited).
    overridden = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "hr_shift"
        ordering = ["start", "id"]


class ShiftSwap(Model):
    """An employee asks to hand a shift to a colleague (or to exchange it for one of theirs)."""

    id = fields.IntField(primary_key=True)
    shift: fields.ForeignKeyRelation[Shift] = fields.ForeignKeyField(
        "hr.Shift", related_name="swaps", on_delete=fields.CASCADE
    )
    shift_id: int
    #: The colleague who would take the shift.
    colleague: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "hr.Employee", related_name="swaps_offered", on_delete=fields.RESTRICT
    )
    colleague_id: int
    #: The colleague's shift given in exchange (null: a plain hand-over).
    other_shift: fields.ForeignKeyNullableRelation[Shift] = fields.ForeignKeyField(
        "hr.Shift", related_name="swaps_back", null=True, on_delete=fields.CASCADE
    )
    other_shift_id: int | None
    #: The employee who asked (the shift's holder when asked).
    requester: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "hr.Employee", related_name="swaps_asked", on_delete=fields.RESTRICT
    )
    requester_id: int
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="hr_shift_swaps", on_delete=fields.RESTRICT
    )
    site_id: int
    status = fields.CharField(max_length=16, default=PENDING, db_index=True)
    decided_by_user_id = fields.IntField(null=True)
    decided_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "hr_shift_swap"
        ordering = ["-created_at", "id"]


# --- training ---------------------------------------------------------------------------


class Course(Model):
    """A training course (fire safety, GDPR, first aid) and how long completing it counts."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=120)
    #: The name in other languages, by language code (``{"it": "Antincendio"}``).
    names: fields.JSONField[dict[str, str]] = fields.JSONField(default=dict)
    #: Months a completion stays valid (null: it never expires).
    validity_months = fields.SmallIntField(null=True)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "hr_course"
        ordering = ["name", "id"]


class TrainingRecord(Model):
    """An employee completed a course: when, until when it counts, the certificate."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "hr.Employee", related_name="trainings", on_delete=fields.RESTRICT
    )
    employee_id: int
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "hr.Course", related_name="records", on_delete=fields.RESTRICT
    )
    course_id: int
    completed_on = fields.DateField()
    #: The last day it is valid (null: it does not expire).
    expires_on = fields.DateField(null=True, db_index=True)
    #: The certificate's number or reference in the document archive.
    certificate_ref = fields.CharField(max_length=120, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "hr_training_record"
        ordering = ["employee_id", "course_id", "-completed_on", "-id"]
        unique_together = (("employee", "course", "completed_on"),)


class ContractNotice(Model):
    """A contract's end was announced to its manager and HR (one row per contract: once)."""

    id = fields.IntField(primary_key=True)
    contract: fields.OneToOneRelation[Contract] = fields.OneToOneField(
        "hr.Contract", related_name="end_notice", on_delete=fields.CASCADE
    )
    contract_id: int
    #: The contract's last day when it was announced.
    end = fields.DateField()
    sent_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "hr_contract_notice"
