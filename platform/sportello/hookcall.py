"""Calling a hook one implementation at a time (``call_each``), keeping who answered what.

A leaf of the core (pluggy only), so that storage, events and the runtime can call hooks
without importing the plugin manager factory (``sportello.plugins``, which re-exports it).
"""

from __future__ import annotations

from typing import Any

import pluggy


def _in_call_order(impls: list[Any]) -> list[Any]:
    """Registration order (core first, then offices in dependency order), except that
    ``tryfirst`` implementations come first and ``trylast`` ones last, as their names say.

    pluggy lists implementations as [trylast..., normal..., tryfirst...] and calls them in
    reverse; ``call_each`` keeps registration order, so it regroups them.
    """
    return sorted(impls, key=lambda impl: 0 if impl.tryfirst else 2 if impl.trylast else 1)


def call_each(pm: pluggy.PluginManager, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
    """Call one hook implementation at a time, in registration order, keeping who answered
    what (for clash messages); ``tryfirst``/``trylast`` implementations run first/last."""
    results: list[tuple[str, Any]] = []
    caller = getattr(pm.hook, hook)
    for impl in _in_call_order(caller.get_hookimpls()):
        args = {name: kwargs[name] for name in impl.argnames}
        value = impl.function(**args)
        if value is not None:
            results.append((impl.plugin_name, value))
    return results
