"""A plugin whose import fails."""

raise RuntimeError("the flux capacitor is missing")
