"""``sportello plugin new NAME``: a new office as a project of its own, from the copier template
in ``sportello/templates/office``.

It needs neither a database nor a configuration, asks no questions, runs no template tasks and
uses neither git nor the network: the template ships with Sportello.
"""

from __future__ import annotations

import argparse
import importlib.util
import pkgutil
import re
from importlib import resources
from importlib.metadata import entry_points
from pathlib import Path

from sportello import __version__
from sportello.errors import SportelloError

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
#: The core app the generated migration depends on (its sites are the office's site foreign key).
PARTIES_MIGRATIONS = "sportello.parties.migrations"


def check_name(name: str) -> None:
    """Refuse, with a sentence saying why, a name that cannot be a new office's."""
    if not NAME_PATTERN.match(name):
        raise SportelloError(
            f"invalid office name {name!r}: use 2 to 31 characters, lowercase letters, digits "
            "and underscores, starting with a letter (snake_case, e.g. 'parking' or "
            "'lost_property')"
        )
    if name.endswith("_") or "__" in name:
        better = re.sub("_+", "_", name).strip("_")
        raise SportelloError(
            f"invalid office name {name!r}: use single underscores between words and end with "
            f"a letter or a digit (e.g. {better!r})"
        )
    from sportello.plugins import CORE_PLUGINS, ENTRY_POINT_GROUP

    core = [module.split(".")[1] for module in CORE_PLUGINS]  # their app labels, too
    if name in core:
        raise SportelloError(
            f"invalid office name {name!r}: it is part of the Sportello core "
            f"({', '.join(core)}); choose another name"
        )
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            dist = ep.dist.name if ep.dist else "an unknown distribution"
            raise SportelloError(
                f"invalid office name {name!r}: an office of that name is installed already "
                f"(entry point {ep.name} = {ep.value}, from {dist}); choose another name"
            )
    package = f"sportello_{name}"
    spec = importlib.util.find_spec(package)
    if spec is not None:
        where = spec.origin or ", ".join(spec.submodule_search_locations or []) or "?"
        raise SportelloError(
            f"invalid office name {name!r}: a package {package} is importable already "
            f"({where}); choose another name"
        )
    clashes = sorted(graphql_names(name) & core_graphql_names())
    if clashes:
        raise SportelloError(
            f"invalid office name {name!r}: the office's GraphQL names would clash with the "
            f"core's ({', '.join(clashes)}); choose another name"
        )


def graphql_names(name: str) -> set[str]:
    """The GraphQL types and root fields a generated office defines."""
    data = template_data(name, with_migration=False)
    prefix, camel = data["prefix"], data["camel"]
    item = f"{prefix}Item"
    types = {item, f"{item}Connection", f"{item}Edge", f"{item}Payload", f"{item}CreateInput"}
    return types | {f"{prefix}Error", f"{prefix}ErrorCode", f"{camel}Items", f"{camel}ItemCreate"}


def core_graphql_names() -> set[str]:
    """The type names and root fields of the core's schema (no office enabled); empty when
    the schema cannot be built here (then the office's own tests will tell)."""
    from graphql import parse
    from graphql.language import ObjectTypeDefinitionNode, TypeDefinitionNode

    try:
        from sportello.runtime import Runtime
        from sportello.settings import Settings

        sdl = Runtime(Settings(database_url="sqlite://:memory:", modules={})).schema.as_str()
    except Exception:
        return set()
    names: set[str] = set()
    for node in parse(sdl).definitions:
        if isinstance(node, TypeDefinitionNode):
            names.add(node.name.value)
        if isinstance(node, ObjectTypeDefinitionNode) and node.name.value in ("Query", "Mutation"):
            names.update(field.name.value for field in node.fields or ())
    return names


def latest_migration(package: str = PARTIES_MIGRATIONS) -> str:
    """The name of the newest migration of a core app (``0002_contact_points_...``)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SportelloError(f"cannot find the migrations package {package}")
    names = sorted(
        m.name
        for m in pkgutil.iter_modules(spec.submodule_search_locations)
        if re.match(r"^\d{4}_", m.name)
    )
    if not names:
        raise SportelloError(f"the migrations package {package} holds no migration")
    return names[-1]


def template_data(name: str, *, with_migration: bool = True) -> dict[str, str]:
    """The answers given to the template: the office name and the names derived from it
    (``lost_property``: ``Lost property``, ``LostProperty``, ``lostProperty``, ...)."""
    parts = name.split("_")
    data = {
        "name": name,
        "title": " ".join(parts).capitalize(),
        "prefix": "".join(p.capitalize() for p in parts),
        "camel": parts[0] + "".join(p.capitalize() for p in parts[1:]),
        "dashed": name.replace("_", "-"),
        "sportello_version": __version__,
    }
    if with_migration:
        data["parties_migration"] = latest_migration()
    return data


def create(name: str, dest: Path) -> Path:
    """Write ``dest/sportello-<name>/`` for the office ``name``; return its path."""
    import copier

    check_name(name)
    target = dest / f"sportello-{name.replace('_', '-')}"
    if target.exists():
        raise SportelloError(f"{target} exists already: remove it or choose another --dest")
    if dest.exists() and not dest.is_dir():
        raise SportelloError(f"--dest {dest} is not a folder")
    template = resources.files("sportello").joinpath("templates", "office")
    with resources.as_file(template) as src:
        copier.run_copy(
            str(src),
            target,
            data=template_data(name),
            settings=copier.Settings(),  # not the user's copier settings: no trust, no defaults
            defaults=True,
            unsafe=False,
            quiet=True,
            overwrite=False,
            skip_tasks=True,
        )
    return target


def cmd_plugin_new(args: argparse.Namespace) -> int:
    target = create(args.name, Path(args.dest))
    print(f"created {target}")
    print(f"next: see {target / 'README.md'} (install, [modules.{args.name}], migrate, test)")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``sportello plugin new NAME [--dest DIR]``."""
    plugin = sub.add_parser("plugin", help="plugin (office) development tools")
    plugin_sub = plugin.add_subparsers(dest="plugin_command", required=True)
    new = plugin_sub.add_parser(
        "new",
        help="create a new office as a project of its own (sportello-NAME/), ready to test",
    )
    new.add_argument("name", metavar="NAME", help="the office name, snake_case (e.g. parking)")
    new.add_argument(
        "--dest", default=".", help="folder to create sportello-NAME/ in (default: here)"
    )
    new.set_defaults(func=cmd_plugin_new)
