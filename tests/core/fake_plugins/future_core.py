"""A plugin written for a core API that does not exist yet."""

from sportello import hookimpl
from sportello.plugininfo import PluginInfo


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="future_core", title="From the future", version="9.0", core=">=2")
