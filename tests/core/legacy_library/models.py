from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Book(Model):
    """A book the library can lend."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=300)
    author = fields.CharField(max_length=200)
    #: ISBN-13 digits only, no hyphens
    isbn = fields.CharField(max_length=13, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "library_book"
        ordering = ["title", "id"]


class Loan(Model):
    """A book lent to a party until a due date."""

    id = fields.IntField(primary_key=True)
    book: fields.ForeignKeyRelation[Book] = fields.ForeignKeyField(
        "library.Book", related_name="loans", on_delete=fields.RESTRICT
    )
    borrower = fields.ForeignKeyField(
        "parties.Party", related_name="legacy_library_loans", on_delete=fields.RESTRICT
    )
    due_on = fields.DateField()
    returned_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "library_loan"
        ordering = ["due_on", "id"]
