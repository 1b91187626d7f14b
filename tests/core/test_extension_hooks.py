"""Schema extensions' hooks, run by the planned runner (``sportello.graphql.hooks``): entered in
order and left in reverse for every phase, as strawberry runs them; an exception in a hook
reaches the request as strawberry's runner would let it; an extension with an async hook
takes strawberry's own runner, and its hooks still run."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.extensions.runner import SchemaExtensionsRunner

from sportello.graphql.compose import SportelloSchema
from sportello.graphql.hooks import PlannedExtensionsRunner

SEEN: list[str] = []


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        SEEN.append("resolve")
        return "hi"

    @strawberry.field
    def broken(self) -> str:
        raise ValueError("boom")


def _recording(tag: str) -> type[SchemaExtension]:
    class Recording(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            SEEN.append(f"{tag}:operation")
            yield
            errors = getattr(self.execution_context.result, "errors", None)
            SEEN.append(f"{tag}:/operation{'!' if errors else ''}")

        def on_parse(self) -> Iterator[None]:
            SEEN.append(f"{tag}:parse")
            yield
            SEEN.append(f"{tag}:/parse")

        def on_validate(self) -> Iterator[None]:
            SEEN.append(f"{tag}:validate")
            yield
            SEEN.append(f"{tag}:/validate")

        def on_execute(self) -> Iterator[None]:
            SEEN.append(f"{tag}:execute")
            yield
            SEEN.append(f"{tag}:/execute")

    return Recording


class AsyncHook(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:
        SEEN.append("async:execute")
        yield
        SEEN.append("async:/execute")


def _phases(tags: list[str]) -> list[str]:
    out: list[str] = []
    for phase in ("operation", "parse", "validate", "execute"):
        if phase == "operation":
            out += [f"{t}:operation" for t in tags]
            continue
        out += [f"{t}:{phase}" for t in tags] + [f"{t}:/{phase}" for t in reversed(tags)]
        if phase == "execute":
            out.insert(len(out) - len(tags), "resolve")
    return out + [f"{t}:/operation" for t in reversed(tags)]


async def test_hooks_run_in_order_and_unwind_in_reverse() -> None:
    schema = SportelloSchema(query=Query, extensions=[_recording("a"), _recording("b")])
    runner = schema.create_extensions_runner(None, schema.get_extensions())
    assert isinstance(runner, PlannedExtensionsRunner)
    SEEN.clear()
    result = await schema.execute("{ hello }")
    assert result.errors is None and result.data == {"hello": "hi"}
    assert SEEN == _phases(["a", "b"])


async def test_an_execution_error_reaches_every_operation_hook() -> None:
    schema = SportelloSchema(query=Query, extensions=[_recording("a"), _recording("b")])
    SEEN.clear()
    result = await schema.execute("{ broken }")
    assert result.errors and "boom" in result.errors[0].message
    assert SEEN[-2:] == ["b:/operation!", "a:/operation!"]


class RefuseValidation(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        raise RuntimeError("refused")
        yield  # pragma: no cover


class FailAfterExecution(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        yield
        raise RuntimeError("after")


class HandleAndReplace(SchemaExtension):
    """Catches what the hooks inside it raise and raises another in its place."""

    def on_execute(self) -> Iterator[None]:
        try:
            yield
        except RuntimeError as exc:
            SEEN.append(f"caught {exc}")
            raise ValueError("replaced") from exc


@pytest.mark.parametrize(
    "extensions",
    [
        [RefuseValidation],
        [FailAfterExecution],
        [HandleAndReplace, FailAfterExecution],
        [FailAfterExecution, HandleAndReplace],
    ],
    ids=["validate raises", "execute raises after", "outer replaces", "inner replaces nothing"],
)
async def test_a_hook_that_raises_ends_the_request_as_with_strawberrys_runner(
    extensions: list[type[SchemaExtension]],
) -> None:
    """The same hooks run, in the same order, and the same answer comes back, as with
    strawberry's own runner."""
    answers = []
    for kind in (SportelloSchema, strawberry.Schema):
        schema = kind(query=Query, extensions=[_recording("a"), *extensions, _recording("b")])
        SEEN.clear()
        result = await schema.execute("{ hello }")
        answers.append((list(SEEN), result.data, [e.message for e in result.errors or ()]))
    assert answers[0] == answers[1]
    seen, data, errors = answers[0]
    assert data is None and len(errors) == 1


async def test_an_async_hook_takes_strawberrys_runner() -> None:
    schema = SportelloSchema(query=Query, extensions=[_recording("a"), AsyncHook])
    runner = schema.create_extensions_runner(None, schema.get_extensions())
    assert type(runner) is SchemaExtensionsRunner
    SEEN.clear()
    result = await schema.execute("{ hello }")
    assert result.data == {"hello": "hi"}
    assert SEEN.index("a:execute") < SEEN.index("async:execute") < SEEN.index("resolve")
    assert SEEN.index("resolve") < SEEN.index("async:/execute") < SEEN.index("a:/execute")


class Reports(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        yield

    def get_results(self) -> dict[str, object]:
        return {"reported": True}


async def test_an_extension_s_results_reach_the_response() -> None:
    schema = SportelloSchema(query=Query, extensions=[_recording("a"), Reports])
    assert isinstance(
        schema.create_extensions_runner(None, schema.get_extensions()), PlannedExtensionsRunner
    )
    result = await schema.execute("{ hello }")
    assert result.extensions == {"reported": True}
    assert schema.execute_sync("{ hello }").extensions == {"reported": True}
