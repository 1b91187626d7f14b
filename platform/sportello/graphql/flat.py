"""Lists of plain objects completed in one pass.

graphql-core completes a list of objects field by field: for every item and every selected
field it builds a resolve info, calls the resolver, checks for awaitables and coerces the leaf,
some 5 microseconds a field. A list of 500 rows of seven scalars (the room rack's bars) spends
most of its request there. When every selected field of a list's items is a leaf read straight
from the item (a plain attribute, a ``self``-only method, a model node's global id: the fields
``compose.fast_resolvers`` already resolves without strawberry's machinery), nothing of that
per-field work can change the answer: the executor here builds each row as a dict in one loop,
coercing each leaf as graphql-core would (``sportello.graphql.flat_values``). An object field
read the same way (a plain attribute or a ``self``-only method returning an object type) is
completed in the same loop when what it selects is flat in turn: a connection's edges with
their cursor and node, the node's party and department. So is a list field read the same way,
of leaves, of such objects or of such lists (a rack row's fourteen cells, each with its
reservation): graphql-core would complete its items one by one too. A field whose resolver
checks the caller's permission first (a model node reached through another one) is checked
once for the list: allowed, it is read like the others.

Anything else takes graphql-core's path, for the whole list: a selected field that is not such
a field (an interface or union, a field with arguments, an async resolver), ``@defer``/
``@stream``, schema extensions that wrap resolvers, an awaitable item, object or list, a list
field's value that is not a list or tuple, a type with its own ``is_type_of`` (a model node's is
run here), a ``None`` in a non-null position, a value the leaf type refuses, a getter that
raises or a permission the caller lacks (graphql-core then reports the error at its place, as
without this module).
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable
from types import GeneratorType
from typing import Any

from graphql import (
    GraphQLList,
    GraphQLObjectType,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from sportello.graphql.flat_values import (
    Column,
    coercer,
    constant,
    list_completer,
    object_completer,
    row,
    same,
)
from sportello.graphql.nodebase import ModelNodeBase

#: The key under a GraphQL object type's ``extensions`` holding its flat fields.
FLAT = "sportello-flat"
#: The key holding its flat object fields: getter and the check the field's resolver makes.
FLAT_OBJECTS = "sportello-flat-objects"


#: A model node's own type check (``isinstance`` of the node or its model): run here as is.
_NODE_IS_TYPE_OF = ModelNodeBase.is_type_of.__func__  # type: ignore[attr-defined]


def _synchronous(getter: Callable[[Any], Any]) -> bool:
    return not (inspect.iscoroutinefunction(getter) or inspect.isasyncgenfunction(getter))


def mark_flat(gql_type: GraphQLObjectType, field: str, getter: Callable[[Any], Any]) -> None:
    """Record that ``field`` of ``gql_type`` reads its value from the item with ``getter``
    (synchronous, the item its only argument, no permission check); only scalar and enum
    fields, or lists of them, without arguments count."""
    gql_field = gql_type.fields[field]
    if gql_field.args or not is_leaf_type(get_named_type(gql_field.type)):
        return
    if not _synchronous(getter):
        return
    flat = gql_type.extensions.get(FLAT)
    if flat is None:
        gql_type.extensions = {**gql_type.extensions, FLAT: {field: getter}}
    else:
        flat[field] = getter


def mark_flat_object(
    gql_type: GraphQLObjectType,
    field: str,
    getter: Callable[[Any], Any],
    allowed: Callable[[Any], bool] | None = None,
) -> None:
    """Record that object field ``field`` of ``gql_type`` reads its value from the item with
    ``getter`` (as ``mark_flat``); ``allowed(context)`` is the check its resolver makes before
    reading (the same for every row: a permission of the caller), or None. Only fields of an
    object type or lists of one (not an interface or a union) without arguments count."""
    gql_field = gql_type.fields[field]
    if gql_field.args or not is_object_type(get_named_type(gql_field.type)):
        return
    if not _synchronous(getter):
        return
    objects = gql_type.extensions.get(FLAT_OBJECTS)
    if objects is None:
        gql_type.extensions = {**gql_type.extensions, FLAT_OBJECTS: {field: (getter, allowed)}}
    else:
        objects[field] = (getter, allowed)


#: A list's item check, its columns and the permission checks (on the context) they need.
_Template = tuple[Callable[[Any], bool], list[Column], list[Callable[[Any], bool]]]
_MAX_TEMPLATES = 2048


class _Cache:
    """A schema's templates by item type and list field nodes (with the nodes, kept alive),
    and whether each operation is free of directives (with the operation); cleared when full."""

    def __init__(self) -> None:
        self.templates: dict[tuple[Any, ...], tuple[list[Any], _Template | None]] = {}
        self.plain: dict[int, tuple[Any, bool]] = {}


#: One cache per schema, gone with it.
_CACHES: weakref.WeakKeyDictionary[Any, _Cache] = weakref.WeakKeyDictionary()


def _cache_of(schema: Any) -> _Cache:
    cache = _CACHES.get(schema)
    if cache is None:
        cache = _CACHES[schema] = _Cache()
    return cache


def _no_directives(node: Any) -> bool:
    """Whether no selection below ``node`` (an operation or a fragment) carries a directive."""
    if getattr(node, "directives", None):
        return False
    selection_set = getattr(node, "selection_set", None)
    if selection_set is None:
        return True
    return all(_no_directives(selection) for selection in selection_set.selections)


class FlatListExecutor(StrawberryGraphQLCoreExecutionContext):
    """strawberry's executor, completing lists of flat rows in one pass (see the module)."""

    def complete_list_value(
        self,
        return_type: GraphQLList[Any],
        field_details_list: Any,
        info: Any,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        rows = self._flat_rows(return_type, field_details_list, path, result)
        if rows is not None:
            return rows
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _flat_rows(
        self, return_type: GraphQLList[Any], field_details_list: Any, path: Any, result: Any
    ) -> list[Any] | None:
        item_type = return_type.of_type
        items_required = is_non_null_type(item_type)
        if items_required:
            item_type = item_type.of_type
        if not is_object_type(item_type) or type(result) not in (list, tuple):
            return None
        if not item_type.extensions.get(FLAT) and not item_type.extensions.get(FLAT_OBJECTS):
            return None
        manager = self.middleware_manager
        if manager is not None and manager.middlewares:
            return None
        if self.get_stream_usage(field_details_list, path) is not None:
            return None
        template = self._template(item_type, field_details_list)
        if template is None:
            return None
        check, columns, guards = template
        context = self.context_value
        for allowed in guards:
            if not allowed(context):
                return None  # the field's resolver raises: graphql-core reports it
        rows: list[Any] = []
        append = rows.append
        try:
            for item in result:
                if item is None:
                    if items_required:
                        return None
                    append(None)
                    continue
                if not check(item):
                    return None
                append(row(item, columns))
        except Exception:  # graphql-core's path reports it where it belongs
            return None
        return rows

    def _check(self, gql_type: GraphQLObjectType) -> Callable[[Any], bool] | None:
        """What tells an item may be completed as ``gql_type`` here: not awaitable, and of the
        type (a model node's ``is_type_of``); None when the type's own check needs graphql-core."""
        is_type_of = gql_type.is_type_of
        if is_type_of is not None:
            node = getattr(is_type_of, "__self__", None)
            if getattr(is_type_of, "__func__", None) is not _NODE_IS_TYPE_OF or node is None:
                return None
            classes = (node, node.__model__)
            return lambda item: isinstance(item, classes)
        is_awaitable = self.is_awaitable
        plain: set[type] = set()  # classes of items seen, checked not awaitable

        def check(item: Any) -> bool:
            kind = type(item)
            if kind in plain:
                return True
            if is_awaitable(item):
                return False
            if kind is not GeneratorType:  # a generator may be a coroutine: each is checked
                plain.add(kind)
            return True

        return check

    def _template(self, item_type: GraphQLObjectType, field_details_list: Any) -> _Template | None:
        """How to complete the list's items (see ``_build``), worked out once per document
        and place when the document has no directives (what it selects cannot vary with the
        variables), else for this request."""
        cache = _cache_of(self.schema)
        if not self._plain_document(cache):
            return self._build(item_type, field_details_list)
        templates = cache.templates
        key = (item_type, *(id(details.node) for details in field_details_list))
        hit = templates.get(key)
        if hit is None:
            if len(templates) >= _MAX_TEMPLATES:
                templates.clear()
            # The nodes are kept with the template: while it is cached, no other node can
            # take their ids.
            nodes = [details.node for details in field_details_list]
            hit = templates[key] = (nodes, self._build(item_type, field_details_list))
        return hit[1]

    def _plain_document(self, cache: _Cache) -> bool:
        """Whether the operation and its fragments use no directive nor fragment variables."""
        operation = self.operation
        known = cache.plain.get(id(operation))
        if known is None or known[0] is not operation:
            if len(cache.plain) >= _MAX_TEMPLATES:
                cache.plain.clear()
            plain = all(
                not fragment.variable_signatures and _no_directives(fragment.definition)
                for fragment in self.fragments.values()
            ) and _no_directives(operation)
            known = cache.plain[id(operation)] = (operation, plain)
        return known[1]

    def _build(self, item_type: GraphQLObjectType, field_details_list: Any) -> _Template | None:
        """The item's check, its columns and the permission checks they need (None: the list
        takes graphql-core's path whatever the caller)."""
        check = self._check(item_type)
        guards: list[Callable[[Any], bool]] = []
        columns = self._columns(item_type, field_details_list, guards)
        if check is None or columns is None:
            return None
        return check, columns, guards

    def _columns(
        self, item_type: GraphQLObjectType, field_details_list: Any, guards: list[Any]
    ) -> list[Column] | None:
        grouped, defers, forbidden = self.collect_subfields(item_type, field_details_list)
        if defers or forbidden:
            return None
        flat = item_type.extensions.get(FLAT) or {}
        objects = item_type.extensions.get(FLAT_OBJECTS) or {}
        columns: list[Column] = []
        for key, details in grouped.items():
            name = details[0].node.name.value
            if name == "__typename":
                columns.append((key, constant(item_type.name), str, same, True))
                continue
            field_type = item_type.fields[name].type
            get = flat.get(name)
            if get is None:
                marked = objects.get(name)
                if marked is None:
                    return None
                get, allowed = marked
                if allowed is not None and allowed not in guards:
                    guards.append(allowed)
            shape = self._shape(get_nullable_type(field_type), details, guards)
            if shape is None:
                return None
            columns.append((key, get, *shape, is_non_null_type(field_type)))
        return columns

    def _shape(
        self, field_type: Any, details: Any, guards: list[Any]
    ) -> tuple[type | None, Callable[[Any], Any]] | None:
        """How a value of ``field_type`` (nullable) is completed: the Python type passed
        unchanged and the completion of any other value (None: graphql-core's path)."""
        if is_list_type(field_type):
            if any(
                d.name.value == "stream" for detail in details for d in detail.node.directives or ()
            ):
                return None
            item_type = field_type.of_type
            items = self._shape(get_nullable_type(item_type), details, guards)
            if items is None:
                return None
            return None, list_completer(*items, is_non_null_type(item_type))
        if is_leaf_type(field_type):
            return coercer(field_type)
        if not is_object_type(field_type):
            return None
        check = self._check(field_type)
        sub = self._columns(field_type, details, guards)
        if check is None or sub is None:
            return None
        return None, object_completer(check, sub)
