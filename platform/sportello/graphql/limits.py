"""Protection against expensive or abusive operations (OWASP GraphQL cheat sheet).

Every limit is a validation rule, so an operation over a limit is refused before any resolver
runs. Unexpected exceptions are masked outside debug mode: the client gets a generic message and
the request ID, the log gets the traceback under the same request ID.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    ValidationRule,
    VariableNode,
    get_named_type,
)
from graphql.validation import NoSchemaIntrospectionCustomRule, ValidationContext
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.relay import GlobalIDValueError
from strawberry.types import ExecutionResult as StrawberryExecutionResult

from sportello.columns import ColumnLimit
from sportello.graphql.inputs import nul_error
from sportello.services import ServiceError
from sportello.settings import Settings

log = logging.getLogger("sportello.graphql")

GENERIC_MESSAGE = "Unexpected error."
#: Codes of errors that are expected and safe to show (permission, validation, limits).
_SAFE_CODES = {"PERMISSION_DENIED", "UNAUTHENTICATED", "GRAPHQL_VALIDATION_FAILED"}


def _unexpected(error: GraphQLError) -> bool:
    """True for exceptions nobody meant the client to see (bugs, SQL errors, timeouts)."""
    original = error.original_error
    if original is None or isinstance(original, (GraphQLError, GlobalIDValueError)):
        return False
    return getattr(original, "extensions", None) is None


def log_unexpected(error: GraphQLError, request_id: str | None) -> None:
    original = error.original_error
    log.error(
        "unexpected error in %s (request %s): %s",
        ".".join(str(p) for p in error.path or ()) or "operation",
        request_id,
        type(original).__name__,
        exc_info=(type(original), original, original.__traceback__) if original else None,
    )


class MaskUnexpectedErrors(MaskErrors):
    """Mask unexpected exceptions; keep the request ID in the message's extensions."""

    def __init__(self, *, mask: bool = True) -> None:
        super().__init__(should_mask_error=_unexpected, error_message=GENERIC_MESSAGE)
        self.mask = mask

    def on_operation(self) -> Iterator[None]:
        """strawberry's, without its runtime-checkable protocol: an ``isinstance`` against a
        protocol walks the protocol's members on every request."""
        self._stream_result_processed = False
        yield
        if self._stream_result_processed:  # streamed: each result was masked as it went
            return
        result = self.execution_context.result
        if isinstance(result, (ExecutionResult, StrawberryExecutionResult)):
            if result.errors:
                result.errors = self._process_errors(result.errors)
        elif initial_result := getattr(result, "initial_result", None):
            self._process_result(initial_result)

    def _request_id(self) -> str | None:
        context = getattr(self.execution_context, "context", None)
        return getattr(context, "request_id", None)

    def _business_error(self, error: GraphQLError, exc: ServiceError) -> GraphQLError:
        """A ``ServiceError`` raised outside a mutation payload (a query's bad ``siteId``):
        the client reads its code and field like a payload error, in its language."""
        context = getattr(self.execution_context, "context", None)
        runtime = getattr(context, "runtime", None)
        language = getattr(context, "language", "en")
        problems: list[dict[str, Any]] = [
            {
                "field": p.field,
                "code": p.code,
                "message": runtime.catalog.gettext(p.message, language, **p.params)
                if runtime is not None
                else p.message,
            }
            for p in exc.problems
        ]
        return GraphQLError(
            message=problems[0]["message"],
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions={
                "code": problems[0]["code"],
                "field": problems[0]["field"],
                "problems": problems,
            },
        )

    def _translate(self, error: GraphQLError) -> None:
        """Permission, authentication and cost refusals in the request's language."""
        extensions = error.extensions or {}
        code = extensions.get("code")
        if code == "PERMISSION_DENIED":
            permission = extensions.get("permission")
            key, params = ("core.permission_denied", {"permission": permission})
            if not permission:
                key, params = ("core.not_allowed", {})
        elif code == "UNAUTHENTICATED" and error.message == "Authentication required":
            key, params = ("core.authentication_required", {})
        elif code == "QUERY_TOO_COMPLEX" and "cost" in extensions:
            key, params = ("core.query_cost", {k: extensions[k] for k in ("cost", "maxCost")})
        else:
            return
        context = getattr(self.execution_context, "context", None)
        runtime = getattr(context, "runtime", None)
        if runtime is not None:
            error.message = runtime.catalog.gettext(
                key, getattr(context, "language", "en"), **params
            )

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        request_id = self._request_id()
        out: list[GraphQLError] = []
        for error in errors:
            self._translate(error)
            if isinstance(error.original_error, ServiceError):
                out.append(self._business_error(error, error.original_error))
                continue
            if isinstance(error.original_error, GlobalIDValueError):  # a malformed or unknown ID
                error.extensions = {**(error.extensions or {}), "code": "BAD_USER_INPUT"}
            if isinstance(error.original_error, ColumnLimit) or isinstance(
                getattr(error.original_error, "__cause__", None), ColumnLimit
            ):  # an argument no column could hold (a filter on a 64-character code)
                out.append(
                    GraphQLError(
                        "A value is out of range or too long.",
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": "BAD_USER_INPUT"},
                    )
                )
                continue
            if not _unexpected(error):
                out.append(error)
                continue
            log_unexpected(error, request_id)
            extensions = {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
            if self.mask:
                out.append(
                    GraphQLError(
                        message=self.error_message,
                        nodes=error.nodes,
                        source=error.source,
                        positions=error.positions,
                        path=error.path,
                        original_error=None,
                        extensions=extensions,
                    )
                )
            else:  # debug: keep the message, still give the request ID
                error.extensions = {**(error.extensions or {}), **extensions}
                out.append(error)
        return out


# --- validation rules ---------------------------------------------------------------------------


def directive_limit_rule(max_directives: int) -> type[ValidationRule]:
    class MaxDirectives(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.count = 0
            self.reported = False

        def enter_directive(self, node: Any, *_: Any) -> None:
            self.count += 1
            if self.count > max_directives and not self.reported:
                self.reported = True
                self.report_error(
                    GraphQLError(
                        f"Too many directives: more than {max_directives}.",
                        node,
                        extensions={"code": "QUERY_TOO_COMPLEX"},
                    )
                )

    return MaxDirectives


def _int_arg(
    node: FieldNode, names: tuple[str, ...], variables: dict[str, Any] | None = None
) -> int | None:
    for arg in node.arguments or ():
        if arg.name.value not in names:
            continue
        if isinstance(arg.value, IntValueNode):
            try:
                return int(arg.value.value)
            except ValueError:
                return None
        if isinstance(arg.value, VariableNode) and variables:
            value = variables.get(arg.value.name.value)
            return value if isinstance(value, int) and not isinstance(value, bool) else None
    return None


def _is_connection(type_: Any) -> bool:
    named = get_named_type(type_)
    return isinstance(named, GraphQLObjectType) and "edges" in named.fields


def _is_list(type_: Any) -> bool:
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


LIST_SIZE = "list_size"
LIST_SIZE_TOTAL = "list_size_total"


def list_size(n: int, *, total: bool = False) -> dict[str, int | bool]:
    """Field metadata for a plain list whose length is bounded (``cells`` of a 14-day rack):
    ``strawberry.field(metadata=list_size(62))``. The cost limit then counts it n times, not a
    full page. ``total=True``: n bounds the list's items across every parent in the response
    (the rooms of ``roomAvailability``, spread over its room types), so under a list of k
    parents each costs n / k items."""
    return {LIST_SIZE: n, LIST_SIZE_TOTAL: total}


def _declared_size(field_def: Any) -> tuple[int | None, bool]:
    definition = (field_def.extensions or {}).get("strawberry-definition")
    size = getattr(definition, "metadata", None) or {}
    value = size.get(LIST_SIZE)
    if not (isinstance(value, int) and value > 0):
        return None, False
    return value, bool(size.get(LIST_SIZE_TOTAL))


def estimate_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    page: int,
    variables: dict[str, Any] | None = None,
) -> int:
    """Every field costs 1; below a connection or list, the subtree costs ``first`` (a literal or
    a variable's value; else a full page, or the list's declared ``list_size``) times. Fragments
    are expanded; introspection is free."""
    fragments = {
        f.name.value: f for f in document.definitions if isinstance(f, FragmentDefinitionNode)
    }
    root = {
        "query": schema.query_type,
        "mutation": schema.mutation_type,
        "subscription": schema.subscription_type,
    }[operation.operation.value]

    def selections_cost(
        parent: Any, selection_set: Any, seen: frozenset[str], outer: int = 1
    ) -> int:
        """The cost of one ``parent``; ``outer``: how many parents the response holds."""
        if selection_set is None or parent is None:
            return 0
        total = 0
        named_parent = get_named_type(parent)
        for sel in selection_set.selections:
            if isinstance(sel, FieldNode):
                name = sel.name.value
                if name.startswith("__"):
                    continue
                fields = getattr(named_parent, "fields", None) or {}
                field_def = fields.get(name)
                child_type = field_def.type if field_def is not None else None
                mult = 1
                # A connection multiplies once: its edges/nodes lists are the same page.
                in_connection = "edges" in fields
                many = _is_connection(child_type) or _is_list(child_type)
                if field_def is not None and many and not in_connection:
                    first = _int_arg(sel, ("first", "last", "limit"), variables)
                    bound, shared = _declared_size(field_def)
                    if bound is not None and shared:
                        bound = max(1, -(-bound // outer))  # the total spread over the parents
                    if first is not None:
                        mult = max(1, min(first, bound or page))
                    else:
                        mult = bound or page
                inner = selections_cost(child_type, sel.selection_set, seen, outer * mult)
                total += 1 + mult * inner
            elif isinstance(sel, InlineFragmentNode):
                cond = sel.type_condition
                target = schema.get_type(cond.name.value) if cond else named_parent
                total += selections_cost(target, sel.selection_set, seen, outer)
            elif isinstance(sel, FragmentSpreadNode):
                name = sel.name.value
                frag = fragments.get(name)
                if frag is None or name in seen:
                    continue
                target = schema.get_type(frag.type_condition.name.value)
                total += selections_cost(target, frag.selection_set, seen | {name}, outer)
        return total

    return selections_cost(root, operation.selection_set, frozenset())


_COSTS: dict[tuple[Any, ...], tuple[GraphQLError | None, DocumentNode]] = {}


def cached_cost_error(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    max_cost: int,
    page: int,
) -> GraphQLError | None:
    """``cost_error`` once per document, operation and page-size variables (the cost reads only
    integer variables); the key keeps the document alive so its id is not reused."""
    ints = tuple(sorted((k, v) for k, v in (variables or {}).items() if type(v) is int))
    key = (id(schema), id(document), operation_name, ints, max_cost, page)
    hit = _COSTS.get(key)
    if hit is not None:
        return hit[0]
    error = cost_error(schema, document, operation_name, variables, max_cost, page)
    if len(_COSTS) >= 4096:
        _COSTS.clear()
    _COSTS[key] = (error, document)
    return error


def cost_error(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    max_cost: int,
    page: int,
) -> GraphQLError | None:
    """The refusal of the operation about to run when it costs more than ``max_cost``."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [
        op
        for op in operations
        if operation_name is None or (op.name is not None and op.name.value == operation_name)
    ]
    for op in chosen[:1] if operation_name is None and len(chosen) > 1 else chosen:
        cost = estimate_cost(schema, document, op, page, variables)
        if cost > max_cost:
            return GraphQLError(
                f"Query cost {cost} exceeds the limit of {max_cost}.",
                op,
                extensions={"code": "QUERY_TOO_COMPLEX", "cost": cost, "maxCost": max_cost},
            )
    return None


class OperationLimits(SchemaExtension):
    """Adds the limit rules to every operation, and refuses an operation over the cost limit.

    The rule classes are built once per schema, not per request: the validation cache keys on
    them, so fresh classes per request (strawberry's limiter extensions) would never hit it.
    The cost is not a validation rule because it depends on the variables (``first: $n``): it
    is checked with them after validation, still before any resolver runs.
    """

    rules: ClassVar[tuple[type[ValidationRule], ...]] = ()
    max_tokens: ClassVar[int] = 2000
    max_cost: ClassVar[int] = 20000
    page: ClassVar[int] = 100

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.validation_rules = context.validation_rules + self.rules
        context.parse_options["max_tokens"] = self.max_tokens
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if not context.pre_execution_errors and document is not None:
            error = nul_error(document, context.variables) or cached_cost_error(
                context.schema._schema,
                document,
                context.operation_name,
                context.variables,
                self.max_cost,
                self.page,
            )
            if error is not None:
                context.pre_execution_errors = [error]
        yield


def limit_extensions(settings: Settings) -> list[Callable[[], Any] | type]:
    g = settings.graphql
    rules: list[type[ValidationRule]] = [
        depth_rule(g.max_depth, None),
        alias_rule(g.max_aliases),
        directive_limit_rule(g.max_directives),
    ]
    if not settings.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    limits = type(
        "OperationLimits",
        (OperationLimits,),
        {
            "rules": tuple(rules),
            "max_tokens": g.max_tokens,
            "max_cost": g.max_cost,
            "page": g.max_page_size,
        },
    )
    return [limits, lambda: MaskUnexpectedErrors(mask=not settings.debug)]
