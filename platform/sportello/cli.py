"""The ``sportello`` command. Plugins add subcommands through ``sportello_cli_commands``."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from sportello._compat import moved
from sportello.contract import Command as _Command
from sportello.db import close_orm, init_orm, migrate
from sportello.demo import load_demo
from sportello.errors import SportelloError
from sportello.events.catalogue import catalogue, render
from sportello.graphql.schema import export_sdl
from sportello.hookcall import call_each
from sportello.identity.services import create_user
from sportello.migrations import makemigrations
from sportello.ops import logs
from sportello.plugins import discover, resolve
from sportello.runtime import Runtime
from sportello.scaffold import add_parser as _add_plugin_parser
from sportello.services import SYSTEM, ServiceError
from sportello.settings import load_settings

__getattr__ = moved(__name__, {"Command": "sportello.contract:Command"})


def _settings(args: argparse.Namespace) -> Any:
    return load_settings(getattr(args, "config", None))


def _runtime(args: argparse.Namespace) -> Any:
    return Runtime(_settings(args))


async def _with_db(runtime: Any, fn: Callable[[], Awaitable[Any]]) -> Any:
    await runtime.start()
    try:
        return await fn()
    finally:
        await runtime.stop()


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn  # only `serve` needs the server: other commands start without it

    settings = _settings(args)
    workers = args.workers or settings.server.workers
    if workers > 1 and settings.is_sqlite:
        raise SportelloError(
            f"--workers {workers} needs PostgreSQL: SQLite is served by one process "
            "(several processes writing one SQLite file fail with 'database is locked'). "
            "Set SPORTELLO_DATABASE_URL=postgres://... or use one worker."
        )
    logs.configure(settings)
    if args.migrate:
        asyncio.run(_migrate(settings))
    if args.config:
        os.environ["SPORTELLO_CONFIG"] = args.config
    uvicorn.run(
        "sportello.asgi:app",
        host=args.host or settings.server.host,
        port=args.port or settings.server.port,
        workers=workers,
        **uvicorn_options(settings),
    )
    return 0


def uvicorn_options(settings: Any) -> dict[str, Any]:
    """What ``serve`` tells uvicorn besides where to listen (the shutdown tests serve with it)."""
    return {
        # Our logging (sportello.ops.logs), not uvicorn's: one format and level; the request
        # line replaces uvicorn's access log.
        "log_config": None,
        "access_log": False,
        "proxy_headers": True,
        "ws_max_size": settings.server.max_request_bytes,
        # Running requests finish within this; the drain before it: sportello.lifecycle.
        "timeout_graceful_shutdown": settings.server.shutdown_timeout,
    }


async def _migrate(settings: Any) -> None:
    runtime = Runtime(settings)
    try:
        await migrate(runtime.db_config)
    finally:
        await close_orm()


def cmd_migrate(args: argparse.Namespace) -> int:
    settings = _settings(args)
    asyncio.run(_migrate(settings))
    print("migrations applied for: " + ", ".join(_runtime(args).db_config["apps"]))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from sportello.backup import backup_sqlite, sqlite_path

    settings = _settings(args)
    result = backup_sqlite(
        sqlite_path(settings.database_url), Path(args.target), overwrite=args.force
    )
    print(f"backup written to {result.target} ({result.size} bytes, integrity check ok)")
    return 0


def cmd_makemigrations(args: argparse.Namespace) -> int:
    runtime = _runtime(args)
    for line in asyncio.run(makemigrations(runtime.db_config, args.labels, args.name)):
        print(line)
    return 0


def cmd_modules(args: argparse.Namespace) -> int:
    settings = _settings(args)
    plugin_set = resolve(settings, discover(), strict=False)
    rows = []
    for name, cand in sorted(plugin_set.candidates.items()):
        version = cand.info.version if cand.info else "?"
        state = "enabled" if cand.enabled else "disabled"
        rows.append((name, version, state, cand.reason))
    width = max((len(r[0]) for r in rows), default=4)
    for name, version, state, reason in rows:
        print(f"{name:<{width}}  {version:<8}  {state:<8}  {reason}")
    return 0


def cmd_schema_export(args: argparse.Namespace) -> int:
    sys.stdout.write(export_sdl(_runtime(args)))
    return 0


def cmd_demo_load(args: argparse.Namespace) -> int:
    runtime = _runtime(args)
    asyncio.run(_migrate(runtime.settings))
    for line in asyncio.run(_with_db(runtime, lambda: load_demo(runtime))):
        print(line)
    return 0


def cmd_user_create(args: argparse.Namespace) -> int:
    if args.password_stdin and args.no_password:
        raise SportelloError("choose one of --password-stdin and --no-password")
    if not args.password_stdin and not args.no_password:
        raise SportelloError(
            "give the password on standard input with --password-stdin, or create an account "
            "that cannot log in with a password with --no-password"
        )
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    if args.password_stdin and not password:
        raise SportelloError("--password-stdin: no password on standard input")
    runtime = _runtime(args)

    async def run() -> None:
        try:
            user = await create_user(
                SYSTEM,
                args.email,
                password,
                roles=args.role or [],
                known_roles=set(runtime.roles),
                all_sites=True,
                is_superuser=args.superuser,
            )
        except ServiceError as exc:
            messages = [runtime.catalog.gettext(p.message, **p.params) for p in exc.problems]
            raise SportelloError("; ".join(messages)) from None
        print(f"created user {user.email} (roles: {', '.join(user.roles) or 'none'})")

    asyncio.run(_with_db(runtime, run))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from sportello.ops import check  # lazy: the other commands do not need it

    text, status = check.report(*check.run(getattr(args, "config", None)))
    sys.stdout.write(text)
    return status


def cmd_events_stats(args: argparse.Namespace) -> int:
    from sportello.events import stats  # lazy: the other commands do not need it
    from sportello.ops.check import where

    runtime = _runtime(args)

    async def run() -> str:
        try:
            await init_orm(runtime.db_config)
            return stats.render(await stats.gather(), args.format)
        except Exception as exc:
            url = where(runtime.db_config["connections"]["default"])
            raise SportelloError(
                f"cannot read the event figures from {url}: {type(exc).__name__}: {exc} "
                "(`sportello check` says more)"
            ) from None
        finally:
            await close_orm()

    sys.stdout.write(asyncio.run(run()))
    return 0


def cmd_events_list(args: argparse.Namespace) -> int:
    sys.stdout.write(
        render(catalogue(_runtime(args)), args.format, getattr(args, "config", None) or "")
    )
    return 0


def _add_events_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    events = sub.add_parser("events", help="domain events: the catalogue, the backlog")
    events_sub = events.add_subparsers(dest="events_command", required=True)
    listing = events_sub.add_parser(
        "list",
        help="every event type of the enabled offices: version, plugin, permission, payload schema",
    )
    listing.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    listing.set_defaults(func=cmd_events_list)
    figures = events_sub.add_parser(
        "stats",
        help="outbox backlog, oldest pending event, deliveries by handler and status, "
        "webhook attempts by outcome",
    )
    figures.add_argument("--format", choices=("text", "json"), default="text")
    figures.set_defaults(func=cmd_events_stats)


def build_parser(extra: Sequence[_Command] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sportello", description="Sportello platform command")
    parser.add_argument(
        "--config", help="configuration file (default: $SPORTELLO_CONFIG or config/all.toml)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int)
    serve.add_argument("--migrate", action="store_true", help="apply migrations first")
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("migrate", help="apply the enabled offices' migrations").set_defaults(
        func=cmd_migrate
    )
    backup = sub.add_parser(
        "backup",
        help="copy the live SQLite database to a file (PostgreSQL: pg_dump, docs/operations.md)",
    )
    backup.add_argument("target", help="the backup file to write")
    backup.add_argument("--force", action="store_true", help="replace the target if it exists")
    backup.set_defaults(func=cmd_backup)
    mk = sub.add_parser("makemigrations", help="write migrations for changed models")
    mk.add_argument("labels", nargs="*")
    mk.add_argument("--name")
    mk.set_defaults(func=cmd_makemigrations)
    sub.add_parser("modules", help="list installed offices, enabled or not, and why").set_defaults(
        func=cmd_modules
    )
    sub.add_parser(
        "check",
        help="configuration, offices, database, migrations, webhook targets: exit 1 on a problem",
    ).set_defaults(func=cmd_check)
    schema = sub.add_parser("schema", help="GraphQL schema tools")
    schema_sub = schema.add_subparsers(dest="schema_command", required=True)
    schema_sub.add_parser("export", help="print the SDL").set_defaults(func=cmd_schema_export)
    demo = sub.add_parser("demo", help="demo data")
    demo_sub = demo.add_subparsers(dest="demo_command", required=True)
    demo_sub.add_parser("load", help="migrate and load demo data (idempotent)").set_defaults(
        func=cmd_demo_load
    )
    user = sub.add_parser("user", help="users")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    uc = user_sub.add_parser("create", help="create a user")
    uc.add_argument("--email", required=True)
    uc.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    uc.add_argument(
        "--no-password",
        action="store_true",
        help="create the account without a password (it cannot log in until one is set)",
    )
    uc.add_argument("--role", action="append")
    uc.add_argument("--superuser", action="store_true")
    uc.set_defaults(func=cmd_user_create)
    _add_events_parser(sub)
    _add_plugin_parser(sub)

    for command in extra:
        p = sub.add_parser(command.name, help=command.help, aliases=list(command.aliases))
        command.configure(p)
        p.set_defaults(func=_plugin_command(command))
    for p in sub.choices.values():
        _inherit_config(p)
    return parser


def _inherit_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _inherit_config(child)


def _plugin_command(command: _Command) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        runtime = _runtime(args)
        if command.needs_database:
            return asyncio.run(_with_db(runtime, lambda: command.run(args, runtime))) or 0

        async def run_command() -> int | None:
            return await command.run(args, runtime)

        return asyncio.run(run_command()) or 0

    return run


def _plugin_commands(argv: Sequence[str]) -> list[_Command]:
    """Plugin subcommands come from the enabled offices of the chosen config."""
    config = None
    if "--config" in argv:
        i = list(argv).index("--config")
        config = argv[i + 1] if i + 1 < len(argv) else None
    try:
        runtime = Runtime(load_settings(config))
    except SportelloError:
        return []
    return [c for _, cmds in call_each(runtime.pm, "sportello_cli_commands") for c in cmds]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    builtin = {
        "serve",
        "migrate",
        "backup",
        "makemigrations",
        "modules",
        "schema",
        "demo",
        "user",
        "events",
    }
    builtin.add("check")  # reports a broken configuration instead of failing on it
    builtin.add("plugin")  # `plugin new` needs no configuration
    extra = [] if any(a in builtin for a in argv) else _plugin_commands(argv)
    args = build_parser(extra).parse_args(argv)
    try:
        return args.func(args) or 0
    except SportelloError as exc:
        print(f"sportello: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
