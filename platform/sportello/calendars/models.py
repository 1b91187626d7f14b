"""Business calendars: a site's (or a department's) working week, holidays and closed days."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class BusinessCalendar(Model):
    """When an organisation, a site or a department works: the clock SLA targets run on."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    #: Null: the organisation's default calendar.
    site: fields.ForeignKeyNullableRelation[Model] = fields.ForeignKeyField(
        "parties.Site", related_name="business_calendars", null=True, on_delete=fields.CASCADE
    )
    site_id: int | None
    #: A department (or team) whose hours differ from its site's; null: the site's calendar.
    department: fields.ForeignKeyNullableRelation[Model] = fields.ForeignKeyField(
        "org.Department", related_name="business_calendars", null=True, on_delete=fields.CASCADE
    )
    department_id: int | None
    #: An IANA zone name; null: the zone of the site the calendar is used at (UTC without one).
    timezone = fields.CharField(max_length=64, null=True)
    #: ISO 3166-1 alpha-2 code whose public holidays close the calendar; null: no holidays.
    country = fields.CharField(max_length=2, null=True)
    #: A subdivision code of ``country`` as the holidays library names it (IT: provinces, ES:
    #: autonomous communities).
    subdivision = fields.CharField(max_length=16, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "calendars_calendar"
        ordering = ["name", "id"]


class WorkingHours(Model):
    """One open interval of a weekday in local wall time, several per weekday make breaks."""

    id = fields.IntField(primary_key=True)
    calendar: fields.ForeignKeyRelation[BusinessCalendar] = fields.ForeignKeyField(
        "calendars.BusinessCalendar", related_name="hours", on_delete=fields.CASCADE
    )
    #: 0 = Monday ... 6 = Sunday
    weekday = fields.SmallIntField()
    #: Minutes after local midnight, 0-1439
    start_minute = fields.SmallIntField()
    #: Minutes after local midnight, 1-1440 (1440: the end of the day)
    end_minute = fields.SmallIntField()

    class Meta:
        table = "calendars_hours"
        ordering = ["calendar_id", "weekday", "start_minute"]


class ClosedDay(Model):
    """A local closure (a town's fair, an office move) or, with ``open``, a holiday worked."""

    id = fields.IntField(primary_key=True)
    calendar: fields.ForeignKeyRelation[BusinessCalendar] = fields.ForeignKeyField(
        "calendars.BusinessCalendar", related_name="closed_days", on_delete=fields.CASCADE
    )
    calendar_id: int
    day = fields.DateField()
    name = fields.CharField(max_length=200, default="")
    #: True: an exception that opens a public holiday with the weekday's usual hours.
    open = fields.BooleanField(default=False)

    class Meta:
        table = "calendars_closed_day"
        ordering = ["calendar_id", "day"]
        unique_together = (("calendar", "day"),)
