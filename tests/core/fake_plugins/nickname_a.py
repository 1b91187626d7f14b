"""Adds ``Party.nickname``."""

import strawberry

from sportello import hookimpl
from sportello.graphql.compose import TypeFields
from sportello.parties.graphql.types import Party
from sportello.plugininfo import PluginInfo


@strawberry.type
class NicknameA:
    @strawberry.field
    def nickname(self) -> str:
        return "a"


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="nickname_a", title="Nickname A", version="1.0")


@hookimpl
def sportello_graphql_type_fields() -> list[TypeFields]:
    return [TypeFields(target=Party, fields=NicknameA)]
