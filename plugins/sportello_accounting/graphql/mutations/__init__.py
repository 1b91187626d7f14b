from sportello_accounting.graphql.mutations.account_chart_install import account_chart_install
from sportello_accounting.graphql.mutations.account_create import account_create
from sportello_accounting.graphql.mutations.account_delete import account_delete
from sportello_accounting.graphql.mutations.account_update import account_update
from sportello_accounting.graphql.mutations.fiscal_year_close import fiscal_year_close
from sportello_accounting.graphql.mutations.fiscal_year_create import fiscal_year_create
from sportello_accounting.graphql.mutations.journal_create import journal_create
from sportello_accounting.graphql.mutations.journal_entry_create import journal_entry_create
from sportello_accounting.graphql.mutations.journal_entry_reverse import journal_entry_reverse
from sportello_accounting.graphql.mutations.open_item_allocate import open_item_allocate
from sportello_accounting.graphql.mutations.period_close import period_close

ALL = [
    account_chart_install,
    account_create,
    account_update,
    account_delete,
    journal_create,
    fiscal_year_create,
    period_close,
    fiscal_year_close,
    journal_entry_create,
    journal_entry_reverse,
    open_item_allocate,
]

__all__ = ["ALL"]
