"""Deprecated: ``PluginInfo`` and ``ModelSet`` are imported from :mod:`sportello.api`."""

from sportello._compat import moved

__getattr__ = moved(
    __name__,
    {"PluginInfo": "sportello.contract:PluginInfo", "ModelSet": "sportello.contract:ModelSet"},
)
