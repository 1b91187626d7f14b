"""Implements reception's own hook, and registers before reception does (name sorts first)."""

from sportello import hookimpl
from sportello.plugininfo import PluginInfo

CALLS: list[tuple[object, object]] = []


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="aaa_early", title="Early arrivals", version="1.0")


@hookimpl
def sportello_reception_arrivals(site_ids, day):  # type: ignore[no-untyped-def]
    CALLS.append((site_ids, day))
    return []
