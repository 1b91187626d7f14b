"""The event catalogue: every declared event type, for ``sportello events list`` and docs/events.md.

Built from the enabled offices' declarations alone (no database), in three formats: ``text``
for a terminal, ``json`` for tools and webhook consumers, ``markdown`` for the docs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sportello.events.declared import collect
from sportello.events.registry import EventType

FORMATS = ("text", "json", "markdown")


@dataclass(frozen=True)
class CatalogueEntry:
    """One event type and the plugin that declares it."""

    type: EventType
    plugin: str

    @property
    def typed(self) -> bool:
        """Whether the payload is a model (validated on publish), not the deprecated dict."""
        return self.type.model is not None

    def as_json(self) -> dict[str, Any]:
        t = self.type
        return {
            "name": t.name,
            "version": t.version,
            "plugin": self.plugin,
            "permission": t.permission,
            "description": t.description,
            "typed": self.typed,
            "schema": t.schema(),
        }


def catalogue(runtime: Any) -> list[CatalogueEntry]:
    """The event types of the runtime's enabled plugins, by name (a ``PluginError`` for
    clashing declarations or a handler of an undeclared event, as at startup)."""
    found = collect(runtime.pm)
    return [CatalogueEntry(found.types[name], found.owners[name]) for name in sorted(found.types)]


def render(entries: list[CatalogueEntry], fmt: str, source: str = "") -> str:
    """``source`` names where the list comes from (the config file), for the markdown header."""
    if fmt == "json":
        return json.dumps([e.as_json() for e in entries], indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _markdown(entries, source)
    if fmt == "text":
        return _text(entries)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


# -- payload fields from a JSON schema ----------------------------------------------------------
@dataclass(frozen=True)
class _Field:
    name: str
    type: str
    required: bool | None  # None: not known (the deprecated dict form)
    description: str


def _fields(entry: CatalogueEntry) -> list[_Field]:
    schema = entry.type.schema()
    required = set(schema.get("required", ()))
    out = []
    for name, prop in (schema.get("properties") or {}).items():
        out.append(
            _Field(
                name,
                _type_name(prop) if entry.typed or "type" in prop else "",
                (name in required) if entry.typed else None,
                str(prop.get("description", "")),
            )
        )
    return out


def _type_name(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1]
    for key in ("anyOf", "oneOf"):
        if key in prop:
            return " or ".join(_type_name(p) for p in prop[key])
    if "const" in prop:
        return json.dumps(prop["const"])
    if "enum" in prop:
        return "one of " + ", ".join(json.dumps(v) for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return f"array of {_type_name(prop.get('items') or {})}"
    if isinstance(kind, list):
        return " or ".join(str(k) for k in kind)
    if kind == "string" and "format" in prop:
        return f"string ({prop['format']})"
    if kind == "object" and isinstance(prop.get("additionalProperties"), dict):
        return f"object of {_type_name(prop['additionalProperties'])}"
    return str(kind) if kind else "any"


# -- text -------------------------------------------------------------------------------------
def _text(entries: list[CatalogueEntry]) -> str:
    if not entries:
        return "no event types declared by the enabled offices\n"
    lines = []
    for e in entries:
        t = e.type
        lines.append(
            f"{t.name}  v{t.version}  plugin: {e.plugin}  permission: {t.permission or '-'}"
        )
        if t.description:
            lines.append(f"  {t.description}")
        fields = _fields(e)
        kind = "payload" if e.typed else "payload (described informally, not validated)"
        lines.append(f"  {kind}:" if fields else f"  {kind}: no fields declared")
        width = max((len(f.name) for f in fields), default=0)
        for f in fields:
            parts = [f"    {f.name:<{width}}"]
            if f.type:
                parts.append(f.type)
            if f.required is not None:
                parts.append("required" if f.required else "optional")
            if f.description:
                parts.append(f.description)
            lines.append("  ".join(parts))
        lines.append("")
    return "\n".join(lines)


# -- markdown ---------------------------------------------------------------------------------
def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _anchor(name: str) -> str:
    """GitHub's anchor for a ``## `name` `` heading."""
    return re.sub(r"[^a-z0-9_-]", "", name.lower())


def _markdown(entries: list[CatalogueEntry], source: str) -> str:
    command = "sportello events list --format markdown" + (f" --config {source}" if source else "")
    out = [
        "# Events",
        "",
        f"<!-- Generated by `{command}` (`make events-doc`). Do not edit by hand. -->",
        "",
        "The domain events the offices publish"
        + (f" (every office enabled by `{source}`)" if source else "")
        + ". Handlers, GraphQL subscriptions and webhooks receive the payload as a JSON object; "
        "a webhook delivery carries it as `payload`. An event type with a permission is seen "
        "only by whoever holds it. Consumers should ignore keys they do not know: a new version "
        "of an office may add some.",
        "",
        "Payloads marked *informal* are still described in words by their office: they are not "
        "validated when published, and their schema lists keys only.",
        "",
    ]
    if not entries:
        return "\n".join([*out, "No event types are declared.", ""])
    out += [
        "| Event | Version | Office | Permission | Description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for e in entries:
        t = e.type
        out.append(
            f"| [`{t.name}`](#{_anchor(t.name)}) | {t.version} | {e.plugin} | "
            f"{f'`{t.permission}`' if t.permission else ''} | {_cell(t.description)} |"
        )
    for e in entries:
        t = e.type
        out += ["", f"## `{t.name}`", ""]
        if t.description:
            out += [t.description, ""]
        permission = f"`{t.permission}`" if t.permission else "none"
        typed = "" if e.typed else " · payload: *informal*"
        out += [f"Version {t.version} · office `{e.plugin}` · permission {permission}{typed}", ""]
        fields = _fields(e)
        if fields:
            if e.typed:
                out += ["| Field | Type | Required | Description |", "| --- | --- | --- | --- |"]
                out += [
                    f"| `{f.name}` | {_cell(f.type)} | {'yes' if f.required else 'no'} | "
                    f"{_cell(f.description)} |"
                    for f in fields
                ]
            else:
                out += ["| Field | Description |", "| --- | --- |"]
                out += [f"| `{f.name}` | {_cell(f.description or f.type)} |" for f in fields]
        else:
            out.append("No payload fields declared.")
        schema = json.dumps(t.schema(), indent=2, ensure_ascii=False)
        out += ["", "<details><summary>JSON schema</summary>", "", "```json", schema, "```", ""]
        out.append("</details>")
    out.append("")
    return "\n".join(out)
