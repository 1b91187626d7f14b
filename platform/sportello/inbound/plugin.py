"""Inbound email, a core service written as a plugin: the route, threading, attachments; the
offices claim messages through ``sportello_inbound_mail_handlers``."""

from __future__ import annotations

from typing import Any

from sportello import __version__, hookimpl
from sportello.contract import Command, ErasureReport, ModelSet, PluginInfo
from sportello.inbound import commands, imap, privacy, route, services


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="inbound", title="Inbound email", version=__version__)


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("inbound", ("sportello.inbound.models",), "sportello.inbound.migrations")


@hookimpl
def sportello_routes(runtime: Any) -> list[Any]:
    return route.routes(runtime)


@hookimpl
def sportello_startup(runtime: Any) -> None:
    runtime.state["inbound_handlers"] = services.collect_handlers(runtime.pm)
    inbound = runtime.settings.inbound
    if inbound.imap.enabled and inbound.imap.background:
        poller = imap.Poller(inbound, runtime.state["inbound_handlers"])
        runtime.state["inbound_imap"] = poller
        poller.start()


@hookimpl
async def sportello_shutdown(runtime: Any) -> None:
    poller = runtime.state.pop("inbound_imap", None)
    if poller is not None:
        await poller.stop()


@hookimpl
def sportello_cli_commands() -> list[Command]:
    return [commands.POLL]


@hookimpl
async def sportello_party_data(party_id: int) -> dict[str, Any]:
    return await privacy.party_data(party_id)


# Before the parties' own erasure, which blanks the email address the messages are found by.
@hookimpl(tryfirst=True)
async def sportello_party_erase(party_id: int) -> ErasureReport:
    return await privacy.party_erase(party_id)
