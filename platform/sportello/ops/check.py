"""``sportello check``: can this configuration serve? Every problem at once, in plain words.

Runs what a deployment needs before it takes traffic, without starting anything (no
dispatcher, no plugin startup hooks): the configuration is valid and composes (offices, their
requirements and settings, models, the GraphQL schema), the database answers, every
migration is applied, and every enabled webhook endpoint still passes the target vetting of
``sportello.events.targets`` (DNS may have changed, the allow list may have). Exit status 1
when anything failed. Nothing printed names a password or a URL's query.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sportello.db import close_orm, init_orm, pending_migrations
from sportello.errors import SportelloError
from sportello.plugins import discover, resolve
from sportello.runtime import Runtime
from sportello.settings import Settings, load_settings

#: seconds for the database to answer, and for each webhook host to resolve
TIMEOUT = 10.0


@dataclass
class Finding:
    ok: bool
    what: str
    detail: str = ""

    def render(self) -> str:
        mark = "ok  " if self.ok else "FAIL"
        return f"  {mark}  {self.what}" + (f": {self.detail}" if self.detail else "")


def where(url: str) -> str:
    """A database or webhook URL without credentials nor query: ``postgres://host:5432/db``."""
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        return url.split("?", 1)[0]
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return f"{parts.scheme}://{host}{parts.path}"


def _offices(settings: Settings) -> list[Finding]:
    found = resolve(settings, discover(), strict=False)
    problems = [
        Finding(False, f"office {name}", found.candidates[name].reason)
        for name in settings.enabled_modules
        if not found.candidates[name].enabled
    ]
    names = ", ".join(found.order) or "none"
    return problems or [Finding(True, "offices and their requirements", names)]


async def _database(runtime: Runtime) -> list[Finding]:
    from tortoise import connections

    url = runtime.db_config["connections"]["default"]
    try:
        async with asyncio.timeout(TIMEOUT):
            await init_orm(runtime.db_config)
            await connections.get("default").execute_query("SELECT 1")
    except Exception as exc:
        reason = "no answer in time" if isinstance(exc, TimeoutError) else type(exc).__name__
        return [Finding(False, "database reachable", f"{where(url)}: {reason}: {exc}"[:500])]
    findings = [Finding(True, "database reachable", where(url))]
    pending = await pending_migrations(runtime.db_config)
    if pending:
        named = ", ".join(pending[:5]) + (
            f" and {len(pending) - 5} more" if len(pending) > 5 else ""
        )
        detail = f"{len(pending)} not applied ({named}); run `sportello migrate`"
        findings.append(Finding(False, "migrations", detail))
    else:
        findings.append(Finding(True, "migrations", "all applied"))
        findings += await _webhooks(runtime)
    return findings


async def _webhooks(runtime: Runtime) -> list[Finding]:
    if "events" not in runtime.db_config["apps"]:
        return []
    from sportello.events import webhooks
    from sportello.events.models import WebhookEndpoint
    from sportello.events.targets import Refused

    endpoints = await WebhookEndpoint.filter(enabled=True).order_by("id")
    problems = []
    for endpoint in endpoints:
        try:
            async with asyncio.timeout(TIMEOUT):
                await webhooks.check_url(runtime, endpoint.url)
        except (Refused, TimeoutError) as exc:
            code = exc.code if isinstance(exc, Refused) else "UNRESOLVABLE"
            message = exc.problems[0].message if isinstance(exc, Refused) else ""
            text = runtime.catalog.gettext(message, runtime.settings.default_language)
            detail = f"{code}" + (f" ({text})" if message else "")
            problems.append(
                Finding(False, f"webhook endpoint {endpoint.id} {where(endpoint.url)}", detail)
            )
    summary = f"{len(endpoints)} enabled, every target allowed" if endpoints else "none enabled"
    return problems or [Finding(True, "webhook targets", summary)]


async def _with_runtime(runtime: Runtime) -> list[Finding]:
    try:
        return await _database(runtime)
    finally:
        await close_orm()


def run(config: str | None) -> tuple[str, list[Finding]]:
    """``(the configuration's name, findings)``; every finding is printed, ok or not."""
    try:
        settings = load_settings(config)
    except SportelloError as exc:
        return config or "the configuration", [Finding(False, "configuration", str(exc))]
    name = settings.config_file or "the configuration"
    findings = [Finding(True, "configuration", "valid")]
    try:
        findings += _offices(settings)
    except SportelloError as exc:  # an office nobody installed
        return name, [*findings, Finding(False, "offices", str(exc))]
    if not all(f.ok for f in findings):
        return name, findings  # the rest needs the offices to compose
    try:
        runtime: Any = Runtime(settings)
        runtime.schema  # noqa: B018  # composing it is the check
    except SportelloError as exc:
        return name, [*findings, Finding(False, "composition", str(exc))]
    findings.append(Finding(True, "composition", "models and GraphQL schema"))
    findings += asyncio.run(_with_runtime(runtime))
    return name, findings


def report(name: str, findings: list[Finding]) -> tuple[str, int]:
    """The text to print and the exit status."""
    failed = [f for f in findings if not f.ok]
    lines = [f"sportello check: {name}", *(f.render() for f in findings)]
    if failed:
        lines.append(f"{len(failed)} problem{'s' if len(failed) > 1 else ''}")
    else:
        lines.append("ready to serve")
    return "\n".join(lines) + "\n", 1 if failed else 0
