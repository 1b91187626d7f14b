"""A lending library office, written as a third-party plugin (only hook implementations here)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from legacy_library import demo
from legacy_library.graphql import mutations, queries, types
from legacy_library.graphql.party_fields import PartyLibraryFields
from legacy_library.messages import MESSAGES
from sportello import hookimpl
from sportello.graphql.compose import TypeFields
from sportello.identity.permissions import Permission, RoleSpec
from sportello.parties.graphql.types import Party
from sportello.plugininfo import ModelSet, PluginInfo


class LibrarySettings(BaseModel):
    """``[modules.library]``: how long a loan lasts unless a due date is given."""

    model_config = ConfigDict(extra="forbid")
    loan_days: int = Field(default=28, ge=1, le=365)


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(
        name="library",
        title="Library",
        version="0.1.0",
        description="A lending library: a catalogue of books and loans to people.",
        core=">=1.0,<2",
        settings=LibrarySettings,
    )


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("library", ("legacy_library.models",), "legacy_library.migrations")


@hookimpl
def sportello_graphql_types() -> list[type]:
    return [types.Book, types.Loan]


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [queries.LibraryQueries]


@hookimpl
def sportello_graphql_mutations() -> list[type]:
    return [mutations.BookCreateMutation, mutations.LoanCreateMutation]


@hookimpl
def sportello_graphql_type_fields() -> list[TypeFields]:
    return [TypeFields(target=Party, fields=PartyLibraryFields)]


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [
        Permission("library.view", "See the catalogue and loans"),
        Permission("library.manage", "Add books and lend them"),
    ]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [
        RoleSpec("front_desk", ("library.view", "library.manage")),
        RoleSpec("manager", ("library.view", "library.manage")),
        RoleSpec("auditor", ("library.view",)),
        RoleSpec("librarian", ("library.view", "library.manage"), "Runs the lending desk"),
    ]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    return MESSAGES


@hookimpl
async def sportello_demo_data(runtime: object) -> None:
    await demo.load()
