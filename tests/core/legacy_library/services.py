"""Catalogue and loans: business rules, no GraphQL."""

from __future__ import annotations

import datetime as dt

from legacy_library.models import Book, Loan
from sportello.identity.audit import record
from sportello.parties.models import Party
from sportello.services import Actor, Problem, ServiceError, atomic


def normalise_isbn(raw: str) -> str | None:
    """ISBN-13 digits for a valid ISBN-10 or ISBN-13 (hyphens and spaces allowed), else None."""
    text = raw.replace("-", "").replace(" ", "").upper()
    if len(text) == 10 and text[:9].isdigit() and (text[9].isdigit() or text[9] == "X"):
        digits = [int(c) for c in text[:9]] + [10 if text[9] == "X" else int(text[9])]
        if sum((10 - i) * d for i, d in enumerate(digits)) % 11 != 0:
            return None
        body = "978" + text[:9]
        check = (10 - sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(body)) % 10) % 10
        return body + str(check)
    if len(text) == 13 and text.isdigit():
        total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(text))
        return text if total % 10 == 0 else None
    return None


async def create_book(actor: Actor, title: str, author: str, isbn: str) -> Book:
    problems = []
    title, author = title.strip(), author.strip()
    if not title:
        problems.append(Problem("REQUIRED", "core.required", "title"))
    if not author:
        problems.append(Problem("REQUIRED", "core.required", "author"))
    normalised = normalise_isbn(isbn)
    if normalised is None:
        problems.append(Problem("INVALID", "library.invalid_isbn", "isbn"))
    if problems:
        raise ServiceError("INVALID", problems=problems)
    async with atomic():
        if await Book.filter(isbn=normalised).exists():
            raise ServiceError("ISBN_TAKEN", "library.isbn_taken", "isbn")
        book = await Book.create(title=title, author=author, isbn=normalised)
        await record(
            actor, "bookCreate", book, after={"title": title, "author": author, "isbn": normalised}
        )
    return book


async def lend(actor: Actor, book_id: int, borrower_id: int, due_on: dt.date) -> Loan:
    async with atomic():
        if not await Book.filter(id=book_id).exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "bookId")
        if not await Party.filter(id=borrower_id).exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "borrowerId")
        loan = await Loan.create(book_id=book_id, borrower_id=borrower_id, due_on=due_on)
        await record(actor, "loanCreate", loan, after={"book": book_id, "borrower": borrower_id})
    return loan
