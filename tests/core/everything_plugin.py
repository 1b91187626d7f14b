"""A test plugin implementing every hook, recording each call."""

from __future__ import annotations

import strawberry
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from sportello import hookimpl
from sportello.cli import Command
from sportello.events import EventHandler, EventType
from sportello.graphql.compose import TypeFields
from sportello.identity.permissions import Permission, Public, RoleSpec
from sportello.parties.graphql.types import Party
from sportello.plugininfo import PluginInfo

CALLS: list[str] = []


def _seen(name: str) -> None:
    CALLS.append(name)


@strawberry.type
class EverythingQueries:
    @strawberry.field(permission_classes=[Public])
    def everything(self) -> str:
        return "yes"


@strawberry.type
class EverythingMutations:
    @strawberry.mutation(permission_classes=[Public])
    def everything_touch(self) -> bool:
        return True


@strawberry.type
class EverythingSubscriptions:
    @strawberry.subscription(permission_classes=[Public])
    async def everything_ticks(self) -> strawberry.scalars.JSON:  # type: ignore[misc]
        yield {"tick": 1}


@strawberry.type
class EverythingExtra:
    marker: str = "extra"


@strawberry.type
class PartyEverything:
    @strawberry.field
    def everything_flag(self) -> bool:
        return True


async def _handle(event: object) -> None:
    _seen("handler")


async def _command(args: object, runtime: object) -> int:
    _seen("command")
    return 0


@hookimpl
def sportello_addhooks(pm: object) -> None:
    _seen("sportello_addhooks")


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    _seen("sportello_plugin_info")
    return PluginInfo(name="everything", title="Everything", version="0.0.1")


@hookimpl
def sportello_models() -> None:
    _seen("sportello_models")


@hookimpl
def sportello_graphql_types() -> list[type]:
    _seen("sportello_graphql_types")
    return [EverythingExtra]


@hookimpl
def sportello_graphql_queries() -> list[type]:
    _seen("sportello_graphql_queries")
    return [EverythingQueries]


@hookimpl
def sportello_graphql_mutations() -> list[type]:
    _seen("sportello_graphql_mutations")
    return [EverythingMutations]


@hookimpl
def sportello_graphql_subscriptions() -> list[type]:
    _seen("sportello_graphql_subscriptions")
    return [EverythingSubscriptions]


@hookimpl
def sportello_graphql_type_fields() -> list[TypeFields]:
    _seen("sportello_graphql_type_fields")
    return [TypeFields(target=Party, fields=PartyEverything)]


@hookimpl
def sportello_permissions() -> list[Permission]:
    _seen("sportello_permissions")
    return [Permission("everything.do", "Do everything")]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    _seen("sportello_roles")
    return [RoleSpec("everyone", ("everything.do",))]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    _seen("sportello_translations")
    return {"en": {"everything.hello": "Hello"}, "it": {"everything.hello": "Ciao"}}


@hookimpl
def sportello_cli_commands() -> list[Command]:
    _seen("sportello_cli_commands")
    return [Command("everything", "test command", _command, needs_database=False)]


@hookimpl
def sportello_event_types() -> list[EventType]:
    _seen("sportello_event_types")
    return [EventType("everything.happened")]


@hookimpl
def sportello_event_handlers() -> list[EventHandler]:
    _seen("sportello_event_handlers")
    return [EventHandler("everything.happened", "everything.recorder", _handle)]


@hookimpl
def sportello_routes(runtime: object) -> list[Route]:
    _seen("sportello_routes")
    return [Route("/everything", lambda request: PlainTextResponse("everything"))]


@hookimpl
async def sportello_startup(runtime: object) -> None:
    _seen("sportello_startup")


@hookimpl
def sportello_shutdown(runtime: object) -> None:
    _seen("sportello_shutdown")


@hookimpl
async def sportello_demo_data(runtime: object) -> None:
    _seen("sportello_demo_data")


@hookimpl
async def sportello_party_data(party_id: int) -> dict[str, object]:
    _seen("sportello_party_data")
    return {"everything": party_id}


@hookimpl
async def sportello_party_erase(party_id: int) -> None:
    _seen("sportello_party_erase")
