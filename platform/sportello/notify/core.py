"""The running notification service: declared kinds, SMS adapters, settings and transports.

One ``NotifyCore`` per runtime (``runtime.state["notify"]``). ``api.notify`` runs in a
request, where it finds the core of its event loop through ``current()``.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from dataclasses import dataclass, field
from typing import Any

from sportello.errors import PluginError
from sportello.hookcall import call_each
from sportello.notify.contract import NotificationKind, SmsAdapter
from sportello.notify.transports import LogSmsAdapter, Transports
from sportello.settings import NotifySettings, SmtpSettings

log = logging.getLogger("sportello.notify")

_cores: weakref.WeakSet[NotifyCore] = weakref.WeakSet()


@dataclass(eq=False)
class NotifyCore:
    runtime: Any
    kinds: dict[str, NotificationKind] = field(default_factory=dict)
    #: kind name -> the plugin that declares it
    owners: dict[str, str] = field(default_factory=dict)
    adapters: dict[str, SmsAdapter] = field(default_factory=dict)
    config: NotifySettings = field(default_factory=NotifySettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    transports: Transports | None = None
    loop: asyncio.AbstractEventLoop | None = None
    woken: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None

    def collect(self) -> None:
        self.kinds, self.owners = collect_kinds(self.runtime.pm)
        catalog = getattr(self.runtime, "catalog", None)
        for kind in self.kinds.values():
            for key in (kind.subject_key, kind.body_key):
                if catalog is not None and not catalog.has(key, "en"):
                    raise PluginError(
                        f"plugin '{self.owners[kind.name]}': notification kind '{kind.name}' "
                        f"has no English template '{key}' in its messages"
                    )
        self.adapters = collect_adapters(self.runtime.pm)
        settings = getattr(self.runtime, "settings", None)
        if settings is not None:
            self.config = settings.notify
            self.smtp = settings.smtp
        if self.config.sms_adapter not in self.adapters:
            known = ", ".join(sorted(self.adapters))
            raise PluginError(
                f"[notify] sms_adapter = {self.config.sms_adapter!r}: no such SMS adapter "
                f"(installed: {known})"
            )
        self.transports = Transports(self.smtp, self.adapters[self.config.sms_adapter])

    def register(self) -> None:
        """Make this core the one ``current()`` finds in this event loop."""
        self.loop = asyncio.get_running_loop()
        _cores.add(self)

    def unregister(self) -> None:
        _cores.discard(self)

    def wake(self) -> None:
        """Look for due deliveries now rather than at the next sweep."""
        self.woken.set()


def collect_kinds(pm: Any) -> tuple[dict[str, NotificationKind], dict[str, str]]:
    """Every enabled plugin's kinds; one name declared twice is a ``PluginError``."""
    kinds: dict[str, NotificationKind] = {}
    owners: dict[str, str] = {}
    for owner, declared in call_each(pm, "sportello_notification_kinds"):
        for kind in declared:
            if not isinstance(kind, NotificationKind):
                raise PluginError(
                    f"plugin '{owner}': sportello_notification_kinds must return "
                    f"NotificationKind items, not {kind!r}"
                )
            if kind.name in owners:
                raise PluginError(
                    f"plugins '{owners[kind.name]}' and '{owner}' both declare the "
                    f"notification kind '{kind.name}'"
                )
            kinds[kind.name] = kind
            owners[kind.name] = owner
    return kinds, owners


def collect_adapters(pm: Any) -> dict[str, SmsAdapter]:
    adapters: dict[str, SmsAdapter] = {"log": LogSmsAdapter()}
    owners = {"log": "notify"}
    for owner, declared in call_each(pm, "sportello_sms_adapters"):
        for adapter in declared:
            name = getattr(adapter, "name", None)
            if not isinstance(name, str) or not callable(getattr(adapter, "send", None)):
                raise PluginError(
                    f"plugin '{owner}': an SMS adapter needs a `name` and an async `send`"
                )
            if name in owners and owners[name] != owner:
                raise PluginError(
                    f"plugins '{owners[name]}' and '{owner}' both declare the SMS adapter '{name}'"
                )
            adapters[name] = adapter
            owners[name] = owner
    return adapters


def current() -> NotifyCore:
    """The notification service of this event loop (the running core)."""
    try:
        loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    found = None
    for core in list(_cores):
        if core.loop is loop:
            return core
        found = found or core
    if found is None:
        raise RuntimeError("the notification service is not running (runtime not started)")
    return found


def core_of(runtime: Any) -> NotifyCore:
    core: NotifyCore | None = runtime.state.get("notify")
    if core is None:
        raise RuntimeError("the notification service is not running (runtime not started)")
    return core
