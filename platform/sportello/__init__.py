"""Sportello: the front office and the back office of an organisation behind one GraphQL API.

Plugins import what they need from here and from the documented submodules
(``sportello.graphql``, ``sportello.services``, ``sportello.events``, ``sportello.identity``).
"""

import pluggy

__version__ = "0.1.0"
#: The plugin API version; plugins declare the range they support in ``PluginInfo.core``.
CORE_API_VERSION = "1.1"

hookimpl = pluggy.HookimplMarker("sportello")

from sportello.contract import PluginInfo  # noqa: E402
from sportello.modelsource import install as _install_model_source  # noqa: E402

# Before any model class exists: Tortoise reads the models' comments with each file parsed once.
_install_model_source()

__all__ = ["CORE_API_VERSION", "PluginInfo", "__version__", "hookimpl"]
