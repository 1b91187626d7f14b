"""A test plugin exposing the identity of the per-operation DataLoader."""

from __future__ import annotations

import itertools
from collections.abc import AsyncGenerator

import strawberry
from strawberry.dataloader import DataLoader

from sportello import hookimpl
from sportello.graphql.context import get_loader
from sportello.identity.permissions import Public
from sportello.plugininfo import PluginInfo


async def _load(keys: list[int]) -> list[int]:
    return keys


_serials = itertools.count(1)


def _new_loader() -> DataLoader[int, int]:
    loader: DataLoader[int, int] = DataLoader(load_fn=_load)
    loader.serial = next(_serials)  # type: ignore[attr-defined]
    return loader


def _loader_id() -> str:
    # A serial, not id(): CPython reuses the id of a freed object.
    return str(get_loader("probe", _new_loader).serial)  # type: ignore[attr-defined]


@strawberry.type
class LoaderQueries:
    @strawberry.field(permission_classes=[Public])
    async def loader_id(self) -> str:
        return _loader_id()


@strawberry.type
class LoaderSubscriptions:
    @strawberry.subscription(permission_classes=[Public])
    async def loader_ids(self) -> AsyncGenerator[str, None]:
        yield _loader_id()
        yield _loader_id()


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="loaderprobe", title="Loader probe", version="0.0.1")


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [LoaderQueries]


@hookimpl
def sportello_graphql_subscriptions() -> list[type]:
    return [LoaderSubscriptions]
