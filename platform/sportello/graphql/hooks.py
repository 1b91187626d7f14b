"""Running schema extensions' hooks without strawberry's per-request inspection.

Strawberry's runner looks up every extension's hooks on every request, for each of the
operation's phases: it inspects each hook function, binds it and wraps it in a new context
manager factory, sixteen times for four extensions. For a small list page that costs about as
much as running the hooks themselves. The runner here works that out once per extension class
and keeps strawberry's semantics (hooks entered in order, left in reverse order, through an
exit stack, so an exception reaches each hook as it would there).

Only extensions whose hooks are all plain generator functions take this path, which covers the
platform's own. An extension with an async or a plain-callable hook sends the whole operation
through strawberry's runner, unchanged. Streamed results (incremental delivery) keep
strawberry's own hook handling.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable
from types import TracebackType
from typing import Any

from strawberry.extensions import SchemaExtension
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.types import ExecutionContext

_PHASES = ("on_operation", "on_parse", "on_validate", "on_execute")

#: per extension class: each phase's context-manager factory (None: no hook), or None when a
#: hook is not a generator function
_Plan = dict[str, Callable[[SchemaExtension], contextlib.AbstractContextManager[None]] | None]
_PLANS: dict[type, _Plan | None] = {}


def _plan(cls: type) -> _Plan | None:
    if cls in _PLANS:
        return _PLANS[cls]
    plan: _Plan | None = {}
    for phase in _PHASES:
        hook = getattr(cls, phase)
        if hook is getattr(SchemaExtension, phase):
            plan[phase] = None  # type: ignore[index]
        elif inspect.isgeneratorfunction(hook):
            plan[phase] = contextlib.contextmanager(hook)  # type: ignore[index]
        else:
            plan = None
            break
    _PLANS[cls] = plan
    return plan


class _Phase:
    """One phase's hooks, entered in the extensions' order and left in reverse."""

    __slots__ = ("entered", "hooks")

    def __init__(self, hooks: list[tuple[Callable[..., Any], SchemaExtension]]) -> None:
        self.hooks = hooks

    def __enter__(self) -> None:
        stack = self.entered = contextlib.ExitStack()
        for factory, extension in self.hooks:
            stack.enter_context(factory(extension))

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        return self.entered.__exit__(exc_type, exc, tb)

    async def __aenter__(self) -> None:
        self.__enter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        return self.entered.__exit__(exc_type, exc, tb)


class PlannedExtensionsRunner(SchemaExtensionsRunner):
    """Strawberry's runner, with each phase's hooks taken from the classes' plans."""

    def __init__(
        self,
        execution_context: ExecutionContext,
        extensions: list[SchemaExtension],
        plans: list[_Plan],
    ) -> None:
        super().__init__(execution_context, extensions)
        self._hooks = {
            phase: [
                (factory, extension)
                for extension, plan in zip(extensions, plans, strict=True)
                if (factory := plan[phase]) is not None
            ]
            for phase in _PHASES
        }
        self._results = [
            e for e in extensions if type(e).get_results is not SchemaExtension.get_results
        ]

    def operation(self) -> Any:
        return _Phase(self._hooks["on_operation"])

    def parsing(self) -> Any:
        return _Phase(self._hooks["on_parse"])

    def validation(self) -> Any:
        return _Phase(self._hooks["on_validate"])

    def executing(self) -> Any:
        return _Phase(self._hooks["on_execute"])

    def get_extensions_results_sync(self) -> dict[str, Any]:
        if not self._results:
            return {}
        saved, self.extensions = self.extensions, self._results
        try:
            return super().get_extensions_results_sync()
        finally:
            self.extensions = saved

    async def get_extensions_results(self, ctx: ExecutionContext) -> dict[str, Any]:
        if not self._results:
            return dict(ctx.extensions_results)
        saved, self.extensions = self.extensions, self._results
        try:
            return await super().get_extensions_results(ctx)
        finally:
            self.extensions = saved


def extensions_runner(
    execution_context: ExecutionContext, extensions: list[SchemaExtension]
) -> SchemaExtensionsRunner:
    """The planned runner when every extension's hooks allow it, else strawberry's own."""
    plans = []
    for extension in extensions:
        plan = _plan(type(extension))
        if plan is None:
            return SchemaExtensionsRunner(execution_context, extensions)
        plans.append(plan)
    return PlannedExtensionsRunner(execution_context, extensions, plans)
