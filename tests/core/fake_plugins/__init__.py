"""Tiny plugins that misbehave on purpose, passed explicitly to ``Runtime(settings, plugins=[...])``."""
