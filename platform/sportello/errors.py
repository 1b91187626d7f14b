"""Errors the platform raises at startup: each one is a sentence for an admin, not a traceback."""


class SportelloError(Exception):
    """Base class: the message is meant for a human and is printed without a traceback."""


class ConfigError(SportelloError):
    """The configuration is malformed or asks for something impossible."""


class PluginError(SportelloError):
    """A plugin failed to load, is incompatible, or clashes with another plugin."""


class SchemaCompositionError(PluginError):
    """Two plugins contributed the same GraphQL name, or a contribution is malformed."""


class StorageError(SportelloError):
    """The database is unreachable, or the model layout breaks a platform rule."""
