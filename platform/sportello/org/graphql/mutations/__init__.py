from sportello.org.graphql.mutations.department_create import department_create
from sportello.org.graphql.mutations.department_delete import department_delete
from sportello.org.graphql.mutations.department_member_add import department_member_add
from sportello.org.graphql.mutations.department_member_remove import department_member_remove
from sportello.org.graphql.mutations.department_update import department_update

ALL = [
    department_create,
    department_update,
    department_delete,
    department_member_add,
    department_member_remove,
]

__all__ = [
    "ALL",
    "department_create",
    "department_delete",
    "department_member_add",
    "department_member_remove",
    "department_update",
]
