"""Settings: one TOML file under ``config/`` plus ``SPORTELLO_*`` environment overrides."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from sportello.errors import ConfigError

DEFAULT_CONFIG = "config/all.toml"


class ServerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1)


class GraphQLSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_page_size: int = Field(default=100, ge=1, le=1000)
    max_depth: int = Field(default=12, ge=2)
    max_aliases: int = Field(default=30, ge=1)
    max_tokens: int = Field(default=2000, ge=50)
    max_directives: int = Field(default=20, ge=1)
    max_cost: int = Field(default=20000, ge=10)
    introspection: bool | None = None
    batching: bool = False
    cache_size: int = Field(default=512, ge=0)


class AuthSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    access_token_minutes: int = Field(default=15, ge=1)
    refresh_token_days: int = Field(default=14, ge=1)
    login_free_attempts: int = Field(default=5, ge=1)
    login_max_attempts: int = Field(default=10, ge=1)
    login_lockout_seconds: int = Field(default=900, ge=1)


class Settings(BaseSettings):
    """Everything an admin can set. Unknown keys are errors, not silently ignored."""

    model_config = SettingsConfigDict(
        env_prefix="SPORTELLO_", env_nested_delimiter="__", extra="forbid", frozen=True
    )

    name: str = "Sportello"
    debug: bool = False
    database_url: str = "sqlite://var/sportello.sqlite3"
    default_language: str = "en"
    languages: list[str] = ["en", "it", "es", "el"]
    cors_origins: list[str] = []
    #: ``[modules.<name>]``: a table per office; present means enabled unless ``enabled = false``.
    modules: dict[str, dict[str, Any]] = {}
    #: Custom roles and extra permissions for built-in ones: ``[roles] cashier = ["lodging.view"]``.
    roles: dict[str, list[str]] = {}
    server: ServerSettings = ServerSettings()
    graphql: GraphQLSettings = GraphQLSettings()
    auth: AuthSettings = AuthSettings()
    #: Where the settings came from; set by ``load_settings``, not by the file.
    config_file: str | None = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (env_settings, init_settings)

    def module_enabled(self, name: str) -> bool:
        table = self.modules.get(name)
        return table is not None and table.get("enabled", True) is not False

    @property
    def enabled_modules(self) -> list[str]:
        return [name for name in self.modules if self.module_enabled(name)]

    def module_settings(self, name: str) -> dict[str, Any]:
        return {k: v for k, v in self.modules.get(name, {}).items() if k != "enabled"}

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def introspection(self) -> bool:
        explicit = self.graphql.introspection
        return self.debug if explicit is None else explicit


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _describe(error: dict[str, Any]) -> str:
    key = ".".join(str(part) for part in error["loc"]) or "(top level)"
    if error["type"] == "extra_forbidden":
        return f"key '{key}' is not a known setting"
    return f"key '{key}': {error['msg'].lower()} (got {error.get('input')!r})"


def _env_modules(values: dict[str, Any]) -> dict[str, Any]:
    """``SPORTELLO_MODULES=reception,lodging`` chooses the offices, keeping their settings tables."""
    names = os.environ.get("SPORTELLO_MODULES")
    if names is None:
        return values
    tables = values.get("modules", {})
    chosen = [n.strip() for n in names.split(",") if n.strip()]
    values["modules"] = {n: {**tables.get(n, {}), "enabled": True} for n in chosen}
    return values


def load_settings(path: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
    """Read a config file (``SPORTELLO_CONFIG`` or the default) and apply the environment."""
    path = Path(path or os.environ.get("SPORTELLO_CONFIG") or DEFAULT_CONFIG)
    values = _read_toml(path)
    if not isinstance(values.get("modules", {}), dict):
        raise ConfigError(f"{path}: key 'modules': expected tables like [modules.reception]")
    for name, table in values.get("modules", {}).items():
        if not isinstance(table, dict):
            raise ConfigError(
                f"{path}: key 'modules.{name}': expected a table [modules.{name}], got {table!r}"
            )
    values = _env_modules(values)
    env = {k: v for k, v in os.environ.items() if k == "SPORTELLO_MODULES"}
    for key in env:
        os.environ.pop(key)
    try:
        return Settings(**values, **overrides, config_file=str(path))
    except ValidationError as exc:
        lines = "\n  ".join(_describe(e) for e in exc.errors())
        raise ConfigError(f"{path}: invalid configuration:\n  {lines}") from None
    finally:
        os.environ.update(env)
