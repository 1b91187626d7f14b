"""The plugin manager factory: entry points, enabling, dependencies, compatibility."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any

import pluggy
from packaging.specifiers import InvalidSpecifier, SpecifierSet

from sportello import CORE_API_VERSION, hookspecs
from sportello.contract import PluginInfo
from sportello.errors import ConfigError, PluginError
from sportello.hookcall import call_each as call_each  # re-exported: callers import it here
from sportello.office import plugin_of
from sportello.settings import Settings

ENTRY_POINT_GROUP = "sportello.plugins"
#: Parts of the core that are written as plugins and always on.
CORE_PLUGINS = (
    "sportello.graphql.plugin",
    "sportello.parties.plugin",
    "sportello.identity.plugin",
    "sportello.events.plugin",
    "sportello.org.plugin",
    "sportello.calendars.plugin",
    "sportello.notify.plugin",
    "sportello.sla.plugin",
    "sportello.schedule.plugin",
    "sportello.inbound.plugin",
)


@dataclass
class Candidate:
    """An installed plugin, loaded or not, with the reason it is on or off."""

    name: str
    source: str
    module: Any = None
    info: PluginInfo | None = None
    load_error: str | None = None
    enabled: bool = False
    reason: str = ""
    settings: Any = None


@dataclass
class PluginSet:
    """The result of resolution: what is installed, what is enabled and in which order."""

    candidates: dict[str, Candidate] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    def enabled(self) -> Iterator[Candidate]:
        for name in self.order:
            yield self.candidates[name]


def _info_of(module: Any, name: str) -> PluginInfo:
    fn = getattr(module, "sportello_plugin_info", None)
    if fn is None:
        raise PluginError(f"plugin '{name}' ({module.__name__}) has no sportello_plugin_info hook")
    info = fn()
    if not isinstance(info, PluginInfo):
        raise PluginError(f"plugin '{name}': sportello_plugin_info must return a PluginInfo")
    return info


def _check_core_range(info: PluginInfo) -> str | None:
    try:
        spec = SpecifierSet(info.core)
    except InvalidSpecifier:
        return f"declares an invalid core range {info.core!r}"
    if CORE_API_VERSION not in spec:
        return f"supports core API {info.core}, but this core is {CORE_API_VERSION}"
    return None


def discover(explicit: Iterable[ModuleType | str] = ()) -> dict[str, Candidate]:
    """Find plugins: entry points (unless autoload is disabled) plus an explicit list."""
    found: dict[str, Candidate] = {}
    if os.environ.get("SPORTELLO_DISABLE_PLUGIN_AUTOLOAD") != "1":
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            dist = ep.dist.name if ep.dist else "?"
            cand = Candidate(name=ep.name, source=f"entry point {ep.value} ({dist})")
            try:
                cand.module = plugin_of(ep.load())
            except Exception as exc:
                cand.load_error = f"{type(exc).__name__}: {exc}"
            found[ep.name] = cand
    for item in explicit:
        try:
            module = importlib.import_module(item) if isinstance(item, str) else item
            module = plugin_of(module)
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(
                f"plugin module '{item}' failed to import: {type(exc).__name__}: {exc}"
            ) from exc
        info = _info_of(module, module.__name__)
        found[info.name] = Candidate(
            name=info.name, source=f"module {module.__name__}", module=module
        )
    for cand in found.values():
        if cand.module is None:
            continue
        try:
            cand.info = _info_of(cand.module, cand.name)
        except Exception as exc:
            cand.load_error = str(exc)
            continue
        if cand.info.name != cand.name:
            cand.load_error = f"entry point '{cand.name}' declares plugin name '{cand.info.name}'"
    return found


def resolve(settings: Settings, candidates: dict[str, Candidate], strict: bool = True) -> PluginSet:
    """Decide which plugins run, in dependency order; fail with a sentence when that is impossible.

    ``strict=False`` (for ``sportello modules``) records each problem as the plugin's reason instead.
    """
    where = settings.config_file or "the configuration"
    chosen_by = settings.modules_source
    for name in settings.enabled_modules:
        if name not in candidates:
            known = ", ".join(sorted(candidates)) or "none"
            key = "" if chosen_by == "SPORTELLO_MODULES" else f" key 'modules.{name}':"
            raise ConfigError(f"{chosen_by}:{key} unknown office '{name}' (installed: {known})")
    for name, cand in candidates.items():
        table = settings.modules.get(name)
        if table is None:
            cand.reason = f"not listed in {chosen_by}"
        elif not settings.module_enabled(name):
            cand.reason = f"enabled = false in {where} [modules.{name}]"
        else:
            cand.enabled = True
            cand.reason = (
                "listed in SPORTELLO_MODULES"
                if chosen_by == "SPORTELLO_MODULES"
                else f"[modules.{name}] in {where}"
            )
        if cand.load_error:
            if cand.enabled and strict:
                raise PluginError(f"plugin '{name}' failed to load: {cand.load_error}")
            cand.enabled = False
            cand.reason = f"broken: {cand.load_error}"
            continue
        assert cand.info is not None
        problem = _check_core_range(cand.info)
        if problem:
            if cand.enabled and strict:
                raise PluginError(f"plugin '{name}' {problem}")
            cand.enabled = False
            cand.reason = f"incompatible: {problem}"
    _check_requirements(candidates, where, strict)
    for cand in candidates.values():
        if not cand.enabled:
            continue
        try:
            cand.settings = _validate_settings(settings, cand, where)
        except ConfigError as exc:
            if strict:
                raise
            cand.enabled = False
            cand.reason = f"cannot start: {exc}"
    result = PluginSet(candidates=candidates)
    result.order = _topological([c for c in candidates.values() if c.enabled])
    return result


def _check_requirements(candidates: dict[str, Candidate], where: str, strict: bool) -> None:
    """Switch off (or, strictly, refuse) offices whose requirements are off, until nothing changes."""
    changed = True
    while changed:
        changed = False
        for name, cand in candidates.items():
            if not cand.enabled or cand.info is None:
                continue
            for req in cand.info.requires:
                other = candidates.get(req)
                if other is not None and other.enabled:
                    continue
                state = "is not installed" if other is None else "is off"
                if strict:
                    raise ConfigError(
                        f"{where}: office '{name}' requires '{req}', which {state}: "
                        f"add [modules.{req}] to {where} or switch '{name}' off"
                    )
                cand.enabled = False
                cand.reason = f"cannot start: requires '{req}', which {state}"
                changed = True
                break


def _validate_settings(settings: Settings, cand: Candidate, where: str) -> Any:
    """The office's ``[modules.<name>]`` table through its settings model; keys the model
    does not declare are errors for every plugin, whatever its model's ``extra`` policy."""
    from pydantic import BaseModel, ValidationError

    assert cand.info is not None
    values = settings.module_settings(cand.name)
    model = cand.info.settings
    if model is None:
        if values:
            key = sorted(values)[0]
            raise ConfigError(
                f"{where}: key 'modules.{cand.name}.{key}': office '{cand.name}' takes no "
                "settings (only 'enabled')"
            )
        return None
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise PluginError(f"plugin '{cand.name}': settings model {model!r} is not pydantic")
    valid = set()
    for fname, finfo in model.model_fields.items():
        valid |= {fname, finfo.alias or fname}
    unknown = sorted(set(values) - valid)
    if unknown:
        keys = ", ".join(f"'modules.{cand.name}.{k}'" for k in unknown)
        listed = ", ".join(sorted(model.model_fields)) or "none"
        raise ConfigError(
            f"{where}: key {keys}: unknown setting of office '{cand.name}' "
            f"(extra keys are not allowed; valid keys: enabled, {listed})"
        )
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(["modules", cand.name, *map(str, err["loc"])])
            problems.append(f"key '{key}': {err['msg'].lower()} (got {err.get('input')!r})")
        raise ConfigError(
            f"{where}: invalid module settings:\n  " + "\n  ".join(problems)
        ) from None


def _topological(enabled: list[Candidate]) -> list[str]:
    names = {c.name: c for c in enabled}
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in order:
            return
        if name in visiting:
            raise PluginError("plugins require each other in a cycle: " + " -> ".join(chain))
        visiting.add(name)
        info = names[name].info
        assert info is not None
        for req in info.requires:
            visit(req, (*chain, req))
        visiting.discard(name)
        order.append(name)

    for name in sorted(names):
        visit(name, (name,))
    return order


def create_plugin_manager(
    settings: Settings, plugins: Iterable[ModuleType | str] = ()
) -> tuple[pluggy.PluginManager, PluginSet]:
    """Build a fresh manager holding the core plugins and the enabled offices, in dependency order.

    ``plugins`` adds modules that are not installed as entry points (tests, scripts); with
    ``SPORTELLO_DISABLE_PLUGIN_AUTOLOAD=1`` they are the only ones considered.
    """
    candidates = discover(plugins)
    plugin_set = resolve(settings, candidates)
    pm = pluggy.PluginManager("sportello")
    pm.add_hookspecs(hookspecs)
    pm.hook.sportello_addhooks.call_historic(kwargs={"pm": pm})
    for module_name in CORE_PLUGINS:
        pm.register(importlib.import_module(module_name), name=f"core:{module_name.split('.')[1]}")
    for cand in plugin_set.enabled():
        pm.register(cand.module, name=cand.name)
    pm.check_pending()
    return pm, plugin_set
