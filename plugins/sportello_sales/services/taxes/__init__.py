"""Tax rates, presets and the pure tax and totals computation."""
