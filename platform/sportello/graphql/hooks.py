"""Running schema extensions' hooks without strawberry's per-request inspection.

Strawberry's runner looks up every extension's hooks on every request, for each of the
operation's phases: it inspects each hook function, binds it and wraps it in a new context
manager, sixteen times for four extensions, then enters them through an exit stack. For a
small list page that costs about as much as running the hooks themselves. The runner here
works out once per combination of extension classes which hooks each phase has, and drives the
hooks' generators itself, with strawberry's semantics: entered in the extensions' order, left
in reverse; an exception inside a phase is thrown into each hook in turn, as
``contextlib.contextmanager`` does (a hook may handle it, or raise another in its place).

Only extensions whose hooks are all plain generator functions take this path, which covers the
platform's own. An extension with an async or a plain-callable hook sends the whole operation
through strawberry's runner, unchanged. Streamed results (incremental delivery) keep
strawberry's own hook handling.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Generator
from types import TracebackType
from typing import Any

from strawberry.extensions import SchemaExtension
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.types import ExecutionContext

_PHASES = ("on_operation", "on_parse", "on_validate", "on_execute")

_Hook = Callable[[SchemaExtension], Generator[None, None, None]]
#: per phase: (position of the extension in the list, its hook function)
_Plan = dict[str, tuple[tuple[int, _Hook], ...]]
#: per tuple of extension classes: its plan, or None when a hook is not a generator function
_PLANS: dict[tuple[type, ...], _Plan | None] = {}
_MAX_PLANS = 64


def _plan(classes: tuple[type, ...]) -> _Plan | None:
    plan: _Plan = {phase: () for phase in _PHASES}
    for phase in _PHASES:
        default = getattr(SchemaExtension, phase)
        hooks = []
        for position, cls in enumerate(classes):
            hook = getattr(cls, phase)
            if hook is default:
                continue
            if not inspect.isgeneratorfunction(hook):
                return None
            hooks.append((position, hook))
        plan[phase] = tuple(hooks)
    return plan


class _Phase:
    """One phase's hooks: each hook's generator run up to its ``yield`` on entering, in order,
    and resumed (or thrown the exception) on leaving, in reverse."""

    __slots__ = ("extensions", "hooks", "running")

    def __init__(
        self, hooks: tuple[tuple[int, _Hook], ...], extensions: list[SchemaExtension]
    ) -> None:
        self.hooks = hooks
        self.extensions = extensions
        self.running: list[Generator[None, None, None]] = []

    def __enter__(self) -> None:
        running = self.running
        extensions = self.extensions
        for position, hook in self.hooks:
            generator = hook(extensions[position])
            try:
                next(generator)
            except StopIteration:
                raise RuntimeError("generator didn't yield") from None
            running.append(generator)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if exc_type is not None and exc is None:
            exc = exc_type()
        pending = exc
        for generator in reversed(self.running):
            if pending is None:
                try:
                    next(generator)
                except StopIteration:
                    continue
                except BaseException as raised:  # the hook's code after ``yield`` raised
                    pending = raised
                    continue
                generator.close()
                pending = RuntimeError("generator didn't stop")
                continue
            try:
                generator.throw(pending)
            except StopIteration:
                pending = None  # the hook handled it
                continue
            except BaseException as raised:
                pending = raised  # the same exception, or another in its place
                continue
            generator.close()
            pending = RuntimeError("generator didn't stop after throw()")
        self.running = []
        if pending is None:
            return exc is not None  # suppressed by a hook
        if pending is exc:
            return False
        raise pending

    async def __aenter__(self) -> None:
        self.__enter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        return self.__exit__(exc_type, exc, tb)


class PlannedExtensionsRunner(SchemaExtensionsRunner):
    """Strawberry's runner, with each phase's hooks taken from the classes' plan."""

    def __init__(
        self,
        execution_context: ExecutionContext,
        extensions: list[SchemaExtension],
        plan: _Plan,
    ) -> None:
        self.execution_context = execution_context
        self.extensions = extensions
        self._plan = plan

    def operation(self) -> Any:
        return _Phase(self._plan["on_operation"], self.extensions)

    def parsing(self) -> Any:
        return _Phase(self._plan["on_parse"], self.extensions)

    def validation(self) -> Any:
        return _Phase(self._plan["on_validate"], self.extensions)

    def executing(self) -> Any:
        return _Phase(self._plan["on_execute"], self.extensions)

    def _with_results(self) -> list[SchemaExtension]:
        return [
            e for e in self.extensions if type(e).get_results is not SchemaExtension.get_results
        ]

    def get_extensions_results_sync(self) -> dict[str, Any]:
        runner = SchemaExtensionsRunner(self.execution_context, self._with_results())
        return runner.get_extensions_results_sync()

    async def get_extensions_results(self, ctx: ExecutionContext) -> dict[str, Any]:
        with_results = self._with_results()
        if not with_results:
            return dict(ctx.extensions_results)
        return await SchemaExtensionsRunner(ctx, with_results).get_extensions_results(ctx)


def extensions_runner(
    execution_context: ExecutionContext, extensions: list[SchemaExtension]
) -> SchemaExtensionsRunner:
    """The planned runner when every extension's hooks allow it, else strawberry's own."""
    classes = tuple(type(e) for e in extensions)
    if classes in _PLANS:
        plan = _PLANS[classes]
    else:
        plan = _plan(classes)
        if len(_PLANS) >= _MAX_PLANS:  # classes are made per schema: a few per process
            _PLANS.clear()
        _PLANS[classes] = plan
    if plan is None:
        return SchemaExtensionsRunner(execution_context, extensions)
    return PlannedExtensionsRunner(execution_context, extensions, plan)
