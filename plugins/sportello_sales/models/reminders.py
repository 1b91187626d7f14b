"""Payment reminders sent for overdue invoices."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello_sales.models.invoices import Invoice


class Reminder(Model):
    """A payment reminder sent for an overdue invoice: one row per invoice and level, so a
    level is never sent twice."""

    id = fields.IntField(primary_key=True)
    invoice: fields.ForeignKeyRelation[Invoice] = fields.ForeignKeyField(
        "sales.Invoice", related_name="reminders", on_delete=fields.RESTRICT
    )
    #: 1 for the first reminder, 2 for the second (the thresholds of reminder_days)
    level = fields.IntField()
    days_overdue = fields.IntField()
    #: What was still due when it was sent, in the invoice's currency
    balance = fields.DecimalField(max_digits=16, decimal_places=4)
    sent_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sales_reminder"
        unique_together = (("invoice", "level"),)
