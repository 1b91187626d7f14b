from legacy_library.graphql.mutations.book_create import BookCreateMutation
from legacy_library.graphql.mutations.loan_create import LoanCreateMutation

__all__ = ["BookCreateMutation", "LoanCreateMutation"]
