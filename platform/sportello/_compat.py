"""Names that moved: old import paths keep working for one minor version, with a warning.

The policy is in docs/plugins.md ("Compatibility"): a deprecated path warns with the
replacement and is removed at the next major core API version.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from typing import Any

#: The core API version that removes what is deprecated now.
REMOVED_IN = "2.0"


def moved(module: str, names: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` serving ``names`` (old name -> "new.module:Name") with a warning."""

    def __getattr__(name: str) -> Any:
        target = names.get(name)
        if target is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        home, _, new_name = target.partition(":")
        warnings.warn(
            f"{module}.{name} is deprecated and will be removed in core API {REMOVED_IN}: "
            f"import {new_name} from sportello.api",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(home), new_name)

    return __getattr__
