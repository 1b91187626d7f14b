"""Settings: one TOML file under ``config/`` plus ``SPORTELLO_*`` environment overrides."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from sportello.errors import ConfigError

DEFAULT_CONFIG = "config/all.toml"
ENV_PREFIX = "SPORTELLO_"
#: SPORTELLO_* variables that are not settings fields.
NOT_SETTINGS = {"SPORTELLO_CONFIG", "SPORTELLO_MODULES", "SPORTELLO_DISABLE_PLUGIN_AUTOLOAD"}


class ServerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1)
    #: The largest HTTP request body (413 beyond, before parsing) and WebSocket message.
    max_request_bytes: int = Field(default=1_048_576, ge=1024)
    #: On SIGTERM: seconds the server goes on serving with /ready answering 503, so a load
    #: balancer that polls /ready stops sending before connections are refused (docs/operations.md).
    shutdown_delay: float = Field(default=0.0, ge=0, le=300)
    #: Then: seconds running requests have to finish before they are cancelled, and again at
    #: most for the events dispatcher to deliver what they committed (the rest runs after a
    #: restart; with nothing to deliver it stops at once).
    #: Give the orchestrator's grace period more than ``shutdown_delay + 2 * shutdown_timeout``.
    shutdown_timeout: float = Field(default=10.0, gt=0, le=600)


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
    #: The longest string a mutation's input may hold where its column sets no length
    #: (notes, descriptions): longer ones get the typed error TOO_LONG.
    max_text_length: int = Field(default=10_000, ge=100, le=1_000_000)


class AuthSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    access_token_minutes: int = Field(default=15, ge=1)
    refresh_token_days: int = Field(default=14, ge=1)
    login_free_attempts: int = Field(default=5, ge=1)
    login_max_attempts: int = Field(default=10, ge=1)
    login_lockout_seconds: int = Field(default=900, ge=1)
    #: Failures older than this no longer count (a shared office IP is not locked out for good).
    login_window_seconds: int = Field(default=3600, ge=60)
    #: How long a worker may reuse a bearer token lookup. Revocations and role changes made in
    #: this worker apply at once; in other workers within this many seconds. 0: look up always.
    token_cache_seconds: float = Field(default=5.0, ge=0, le=60)


class SmtpSettings(BaseModel):
    """``[smtp]``: the mail server notifications go out through (docs/notifications.md)."""

    model_config = ConfigDict(extra="forbid")
    #: Empty: no mail server; email deliveries fail with the error class ``not_configured``.
    host: str = ""
    port: int = Field(default=587, ge=1, le=65535)
    #: ``none`` (plain, local relays only), ``starttls`` (upgrade on connect), ``tls`` (implicit)
    security: Literal["none", "starttls", "tls"] = "starttls"
    username: str | None = None
    password: str | None = Field(default=None, repr=False)
    sender: str = "Sportello <noreply@localhost>"
    #: seconds for connecting and for each SMTP command
    timeout: float = Field(default=15.0, gt=0, le=300)


class NotifySettings(BaseModel):
    """``[notify]``: retries of the delivery log and the SMS provider."""

    model_config = ConfigDict(extra="forbid")
    #: The SMS adapter by name: ``log`` (built in: writes to the server log) or a plugin's.
    sms_adapter: str = "log"
    #: attempts per delivery before it is marked failed
    max_attempts: int = Field(default=6, ge=1, le=50)
    #: backoff: the first retry after this many seconds, then doubling
    retry_seconds: float = Field(default=30.0, gt=0)
    retry_max_seconds: float = Field(default=3600.0, gt=0)
    #: how often each server process looks for due deliveries (retries, scheduled reminders)
    sweep_seconds: float = Field(default=15.0, gt=0)


class ScheduleSettings(BaseModel):
    """``[schedule]``: the core scheduler of each server process (docs/operations.md)."""

    model_config = ConfigDict(extra="forbid")
    #: fire due one-shot timers (``api.schedule_at``) in this process
    timers: bool = True
    #: run the offices' periodic jobs in this process; false when cron runs
    #: ``sportello schedule run`` (or the offices' own commands) instead
    jobs: bool = True
    #: how often each server process looks for due timers and jobs
    sweep_seconds: float = Field(default=15.0, gt=0)


class ImapSettings(BaseModel):
    """``[inbound.imap]``: a mailbox polled for new messages, each handled as if posted to the
    inbound route (docs/inbound-email.md). Off until ``host`` is set."""

    model_config = ConfigDict(extra="forbid")
    host: str | None = None
    #: default: 993 with ``security = "tls"``, 143 otherwise
    port: int | None = Field(default=None, ge=1, le=65535)
    #: ``tls`` (implicit TLS), ``starttls``, or ``none`` (a server on the same host only)
    security: Literal["tls", "starttls", "none"] = "tls"
    user: str = ""
    #: better: ``SPORTELLO_INBOUND__IMAP__PASSWORD`` in the environment
    password: SecretStr | None = None
    mailbox: str = "INBOX"
    #: seconds between two polls of the background service
    interval: float = Field(default=60.0, gt=0)
    #: what happens to a message once stored: flagged ``\Seen``, moved to ``move_to``, deleted
    after_import: Literal["seen", "move", "delete"] = "seen"
    move_to: str | None = None
    #: messages read in one poll at most (the rest wait for the next)
    batch: int = Field(default=100, ge=1, le=10_000)
    #: seconds one server command may take
    timeout: float = Field(default=30.0, gt=0)
    #: false: the server does not poll (``sportello inbound-imap-poll --once`` from cron does)
    background: bool = True

    @model_validator(mode="after")
    def _move_needs_folder(self) -> ImapSettings:
        if self.after_import == "move" and not self.move_to:
            raise ValueError('after_import = "move" needs move_to (the folder)')
        return self

    @property
    def enabled(self) -> bool:
        return bool(self.host)

    @property
    def effective_port(self) -> int:
        return self.port or (993 if self.security == "tls" else 143)


class InboundSettings(BaseModel):
    """``[inbound]``: the route mail providers post received email to (docs/inbound-email.md).

    Off until a token is set (``SPORTELLO_INBOUND__TOKEN``, better than a file): the route
    answers 404 without one."""

    model_config = ConfigDict(extra="forbid")
    #: what the provider sends: ``Authorization: Bearer <token>``, the password of basic
    #: authentication, or ``?token=`` in the URL it posts to; at least 16 characters
    token: SecretStr | None = Field(default=None, min_length=16)
    #: an attachment larger than this is recorded (name, type, size) without its content
    max_attachment_bytes: int = Field(default=5_242_880, ge=0)
    #: attachments beyond this many are recorded without their content
    max_attachments: int = Field(default=20, ge=0, le=1000)
    imap: ImapSettings = ImapSettings()


class WebhookSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    #: Receivers on the premises: networks (``10.1.2.0/24``, ``fd00::/8``, ``10.1.2.3``) and
    #: host names (``erp.internal``) webhooks may reach although their addresses are private,
    #: loopback or otherwise not public. Everything else must resolve to public addresses.
    allow: list[str] = []

    @field_validator("allow")
    @classmethod
    def _entries(cls, value: list[str]) -> list[str]:
        import ipaddress

        for entry in value:
            text = entry.strip()
            if not text:
                raise ValueError("webhooks.allow: empty entry")
            if "/" in text or text.replace(".", "").isdigit() or ":" in text:
                try:
                    ipaddress.ip_network(text, strict=False)
                except ValueError:
                    raise ValueError(f"webhooks.allow: {entry!r} is not a network") from None
        return value


class LoggingSettings(BaseModel):
    """``[logging]``: one line per HTTP request and per WebSocket operation (docs/operations.md)."""

    model_config = ConfigDict(extra="forbid")
    #: ``json`` (one object per line, for collectors) or ``console`` (for people); unset:
    #: ``console`` with ``debug`` on, ``json`` otherwise
    format: Literal["json", "console"] | None = None
    #: the least severe level written; ``warning`` drops the request lines
    level: Literal["debug", "info", "warning", "error"] = "info"


class MetricsSettings(BaseModel):
    """``[metrics]``: ``/metrics`` in the Prometheus text format (docs/operations.md).

    Off by default: a scrape endpoint is a deliberate choice. When on, it asks for a bearer
    token (``SPORTELLO_METRICS__TOKEN``, not in a file) unless ``require_token = false``, for a
    server only the scraper can reach."""

    model_config = ConfigDict(extra="forbid")
    enabled: bool = False
    #: what the scraper sends as ``Authorization: Bearer <token>``; at least 16 characters
    token: SecretStr | None = Field(default=None, min_length=16)
    require_token: bool = True
    #: distinct operation names counted each under its own label; later names (and anonymous
    #: operations) share the label value ``(other)``, so clients cannot grow the series
    max_operation_names: int = Field(default=100, ge=1, le=10_000)

    @model_validator(mode="after")
    def _token_when_required(self) -> MetricsSettings:
        if self.enabled and self.require_token and self.token is None:
            raise ValueError(
                "metrics.enabled needs metrics.token (SPORTELLO_METRICS__TOKEN), "
                "or require_token = false to serve /metrics without one"
            )
        return self


class TelemetrySettings(BaseModel):
    """``[telemetry]``: OpenTelemetry traces (docs/operations.md, "Traces"); off by default."""

    model_config = ConfigDict(extra="forbid")
    #: OTLP over HTTP, e.g. ``http://collector:4318/v1/traces``. Empty: no traces, and
    #: OpenTelemetry is not even imported (install it with ``sportello[otel]``).
    otlp_endpoint: str = ""
    #: sent with every export (an API key of a hosted collector, say)
    headers: dict[str, str] = Field(default={}, repr=False)
    service_name: str = "sportello"
    #: the share of traces kept (decided at the start of a request, then followed throughout)
    sample_ratio: float = Field(default=1.0, ge=0, le=1)


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
    smtp: SmtpSettings = SmtpSettings()
    notify: NotifySettings = NotifySettings()
    schedule: ScheduleSettings = ScheduleSettings()
    inbound: InboundSettings = InboundSettings()
    webhooks: WebhookSettings = WebhookSettings()
    logging: LoggingSettings = LoggingSettings()
    metrics: MetricsSettings = MetricsSettings()
    telemetry: TelemetrySettings = TelemetrySettings()
    #: Where the settings came from; set by ``load_settings``, not by the file.
    config_file: str | None = None
    #: Set when SPORTELLO_MODULES chose the offices (for messages and ``sportello modules``).
    _modules_from_env: bool = PrivateAttr(default=False)

    @field_validator("modules")
    @classmethod
    def _module_tables(cls, value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for name, table in value.items():
            if "enabled" in table and not isinstance(table["enabled"], bool):
                raise ValueError(
                    f"modules.{name}.enabled must be true or false, got {table['enabled']!r}"
                )
        return value

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
        return table is not None and table.get("enabled", True) is True

    @property
    def modules_source(self) -> str:
        """What chose the offices, for messages: the variable or the file."""
        if self._modules_from_env:
            return "SPORTELLO_MODULES"
        return self.config_file or "the configuration"

    @property
    def enabled_modules(self) -> list[str]:
        return [name for name in self.modules if self.module_enabled(name)]

    def module_settings(self, name: str) -> dict[str, Any]:
        return {k: v for k, v in self.modules.get(name, {}).items() if k != "enabled"}

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def log_format(self) -> Literal["json", "console"]:
        explicit = self.logging.format
        if explicit is not None:
            return explicit
        return "console" if self.debug else "json"

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


def _describe(error: ErrorDetails) -> str:
    key = ".".join(str(part) for part in error["loc"]) or "(top level)"
    if error["type"] == "extra_forbidden":
        return f"key '{key}' is not a known setting"
    return f"key '{key}': {error['msg'].lower()} (got {error.get('input')!r})"


def _env_settings() -> dict[tuple[str, ...], str]:
    """``{("server", "port"): "SPORTELLO_SERVER__PORT"}`` for the settings variables set now."""
    out: dict[tuple[str, ...], str] = {}
    for name in os.environ:
        upper = name.upper()
        if not upper.startswith(ENV_PREFIX) or upper in NOT_SETTINGS:
            continue
        loc = tuple(upper[len(ENV_PREFIX) :].lower().split("__"))
        if loc[0] in Settings.model_fields:
            out[loc] = name
    return out


def _variable_for(loc: tuple[Any, ...], env: dict[tuple[str, ...], str]) -> str | None:
    """The variable that set the value at ``loc`` (itself or a table holding it)."""
    parts = tuple(str(p) for p in loc)
    for size in range(len(parts), 0, -1):
        if parts[:size] in env:
            return env[parts[:size]]
    return None


def _env_modules(values: dict[str, Any]) -> dict[str, Any]:
    """``SPORTELLO_MODULES=reception,lodging`` chooses the offices, keeping their settings tables."""
    names = os.environ.get("SPORTELLO_MODULES")
    if names is None:
        return values
    tables = values.get("modules", {})
    chosen = [n.strip() for n in names.split(",") if n.strip()]
    values["modules"] = {n: {**tables.get(n, {}), "enabled": True} for n in chosen}
    return values


def _check_module_tables(path: Path, modules: Any) -> None:
    if not isinstance(modules, dict):
        raise ConfigError(f"{path}: key 'modules': expected tables like [modules.reception]")
    for name, table in modules.items():
        if not isinstance(table, dict):
            raise ConfigError(
                f"{path}: key 'modules.{name}': expected a table [modules.{name}], got {table!r}"
            )
        enabled = table.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ConfigError(
                f"{path}: key 'modules.{name}.enabled': expected a boolean (true or false), "
                f"got {enabled!r}"
            )


def load_settings(path: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
    """Read a config file (``SPORTELLO_CONFIG`` or the default) and apply the environment.

    Errors name where the bad value came from: the file and key, or the variable.
    """
    named_by_env = path is None and bool(os.environ.get("SPORTELLO_CONFIG"))
    path = Path(path or os.environ.get("SPORTELLO_CONFIG") or DEFAULT_CONFIG)
    try:
        values = _read_toml(path)
    except ConfigError as exc:
        if named_by_env:
            raise ConfigError(f"{exc} (named by SPORTELLO_CONFIG)") from None
        raise
    _check_module_tables(path, values.get("modules", {}))
    from_env = "SPORTELLO_MODULES" in os.environ
    values = _env_modules(values)
    env = {k: v for k, v in os.environ.items() if k == "SPORTELLO_MODULES"}
    variables = _env_settings()
    for key in env:
        os.environ.pop(key)
    try:
        settings = Settings(**values, **overrides, config_file=str(path))
    except SettingsError as exc:
        raise ConfigError(_env_parse_error(exc, variables, path)) from None
    except ValidationError as exc:
        raise ConfigError(_validation_message(exc, variables, path)) from None
    finally:
        os.environ.update(env)
    settings._modules_from_env = from_env
    return settings


def _validation_message(
    exc: ValidationError, variables: dict[tuple[str, ...], str], path: Path
) -> str:
    from_file, from_env = [], []
    for error in exc.errors():
        variable = _variable_for(error["loc"], variables)
        if variable is None:
            from_file.append(_describe(error))
        else:
            from_env.append(f"environment variable {variable}: {_describe(error)}")
    if not from_env:
        return f"{path}: invalid configuration:\n  " + "\n  ".join(from_file)
    lines = from_env + [f"{path}: {line}" for line in from_file]
    return "invalid configuration:\n  " + "\n  ".join(lines)


def _env_parse_error(exc: SettingsError, variables: dict[tuple[str, ...], str], path: Path) -> str:
    import re

    found = re.search(r'field "(\w+)"', str(exc))
    name = found.group(1) if found else ""
    variable = variables.get((name,)) or next(
        (v for loc, v in variables.items() if loc[0] == name), None
    )
    if variable is None:
        return f"{path}: invalid configuration: {exc}"
    return (
        f"environment variable {variable}: key '{name}': expected a JSON value "
        f'(e.g. ["en", "it"] or {{"port": 8000}}), got {os.environ.get(variable)!r}'
    )
