"""Schema composition: root types merged from plugins, fields added to other plugins' types."""

from __future__ import annotations

import copy
import re
import weakref
from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import Any, ClassVar

import pluggy
import strawberry
from graphql import GraphQLError, GraphQLObjectType, default_field_resolver
from strawberry.extensions import ParserCache
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.relay.utils import to_base64
from strawberry.schema.name_converter import NameConverter
from strawberry.schema.schema import validate_document
from strawberry.tools import create_type
from strawberry.types.base import StrawberryContainer, get_object_definition
from strawberry.types.field import StrawberryField
from strawberry.types.lazy_type import LazyType

from sportello._compat import moved
from sportello.errors import SchemaCompositionError
from sportello.graphql import arguments
from sportello.graphql.context import OperationLoaders
from sportello.graphql.flat import FlatListExecutor, mark_flat, mark_flat_object
from sportello.graphql.hooks import extensions_runner
from sportello.graphql.inputs import SCALARS
from sportello.graphql.relay import ModelNode
from sportello.hookcall import call_each
from sportello.identity.permissions import AUTHENTICATED, PUBLIC, PermissionDenied, Unauthenticated

__getattr__ = moved(__name__, {"TypeFields": "sportello.contract:TypeFields"})


def _fields_of(cls: Any, owner: str) -> list[StrawberryField]:
    """The fields a contribution adds: every field of a strawberry class, or one field made
    with ``mutation``/``query``/``strawberry.field`` outside a class."""
    if isinstance(cls, StrawberryField):
        if not cls.python_name:
            raise SchemaCompositionError(f"plugin '{owner}': a root field without a name")
        return [_copy(cls)]
    definition = get_object_definition(cls)
    if definition is None:
        raise SchemaCompositionError(f"plugin '{owner}': {cls.__name__} is not a strawberry type")
    # Field extensions (relay) rewrite the field they apply to: each schema gets its own copy.
    return [_copy(f) for f in definition.fields]


def _copy(field: StrawberryField) -> StrawberryField:
    """A field's copy for one schema, keeping what the core attached to it (``needs``)."""
    copied = copy.copy(field)
    needs = getattr(field, "sportello_needs", None)
    if needs is not None:
        copied.sportello_needs = needs  # type: ignore[attr-defined]  # the core's mark
    return copied


def merge_root(name: str, contributions: list[tuple[str, Any]]) -> type | None:
    """One root type from every plugin's classes; a field contributed twice names both plugins."""
    owners: dict[str, str] = {}
    fields: list[StrawberryField] = []
    for owner, classes in contributions:
        for cls in classes:
            for f in _fields_of(cls, owner):
                gql_name = f.graphql_name or f.python_name
                key = gql_name if f.graphql_name else f.python_name
                if key in owners:
                    raise SchemaCompositionError(
                        f"plugins '{owners[key]}' and '{owner}' both add the field '{key}' to {name}"
                    )
                owners[key] = owner
                fields.append(f)
    return create_type(name, fields) if fields else None


def extend_types(contributions: list[tuple[str, Any]]) -> None:
    """Add plugin fields to their target types, resetting additions from any earlier build."""
    for definition in _EXTENDED:
        definition.fields[:] = definition.__dict__["_sportello_base"]
        origin = definition.origin
        if "_sportello_base_needs" in origin.__dict__:
            origin.__needs__ = origin.__dict__["_sportello_base_needs"]
    _EXTENDED.clear()
    added: dict[tuple[int, str], str] = {}
    for owner, items in contributions:
        for item in items:
            definition = get_object_definition(item.target)
            if definition is None:
                raise SchemaCompositionError(f"plugin '{owner}': cannot extend {item.target!r}")
            if "_sportello_base" not in definition.__dict__:
                definition.__dict__["_sportello_base"] = list(definition.fields)
            if definition not in _EXTENDED:
                _EXTENDED.append(definition)
            base = {f.python_name for f in definition.__dict__["_sportello_base"]}
            for f in _fields_of(item.fields, owner):
                key = (id(definition), f.python_name)
                if f.python_name in base:
                    raise SchemaCompositionError(
                        f"plugin '{owner}' adds the field '{f.python_name}' to "
                        f"{definition.name}, which already has it"
                    )
                if key in added:
                    raise SchemaCompositionError(
                        f"plugins '{added[key]}' and '{owner}' both add the field "
                        f"'{f.python_name}' to {definition.name}"
                    )
                added[key] = owner
                definition.fields.append(f)
            _add_needs(item.target, getattr(item.fields, "__needs__", None))


_EXTENDED: list[Any] = []


def _add_needs(target: type, needs: dict[str, Any] | None) -> None:
    """What the added fields read joins the target's ``__needs__`` (lists load it per page)."""
    if not needs:
        return
    if "_sportello_base_needs" not in target.__dict__:
        target._sportello_base_needs = dict(getattr(target, "__needs__", {}))  # type: ignore[attr-defined]  # a mark
    target.__needs__ = {**getattr(target, "__needs__", {}), **needs}  # type: ignore[attr-defined]  # a ModelNode


#: graphql-core's " Did you mean 'X', 'Y', or 'Z'?" (``pyutils.did_you_mean``): schema names
#: never contain a question mark, so the suggestion ends at the first one.
_SUGGESTION = re.compile(r" ?Did you mean [^?]*\?")


def strip_suggestions(message: str) -> str:
    """``message`` without graphql-core's "Did you mean ...?" suggestions."""
    return _SUGGESTION.sub("", message).rstrip()


class SportelloSchema(strawberry.Schema):
    """Without field suggestions (production), no other suggestion either.

    ``StrawberryConfig(disable_field_suggestions=True)`` strips only "Cannot query field"
    suggestions; graphql-core also suggests argument names, enum values, type names and input
    fields (in validation and in variable coercion), each naming parts of the schema that
    introspection, off in production, would hide. Every error of an operation passes here
    (validation, variables, execution, subscriptions) before it is answered.

    Nothing is logged here: strawberry's own logging prints each error with the lines of the
    query around it, literals included (``password: "..."``), and messages echo variables'
    values. The request line has the errors' codes; unexpected exceptions are logged with
    their traceback by ``limits.MaskUnexpectedErrors``."""

    def create_extensions_runner(
        self, execution_context: Any, extensions: list[Any]
    ) -> SchemaExtensionsRunner:
        return extensions_runner(execution_context, extensions)

    def process_errors(
        self, errors: list[GraphQLError], execution_context: Any | None = None
    ) -> None:
        if self.config.disable_field_suggestions:
            for error in errors:
                if "Did you mean" in error.message:
                    error.message = strip_suggestions(error.message)


class OperationParserCache(ParserCache):
    """strawberry's parser cache, except that a document that does not parse (or has too many
    tokens) is left to strawberry's uncached parse. Raised from this hook, the error would
    escape the operation and its extensions (the request line would see no error); raised by
    strawberry's own parse, it is the operation's result."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        try:
            context.graphql_document = self.cached_parse_document(
                context.query, **context.parse_options
            )
        except GraphQLError:
            pass
        yield


class OperationSetup(OperationParserCache):
    """What every operation needs first, in one extension (strawberry builds each extension
    and looks up its hooks on every request): a fresh loader registry (``OperationLoaders``),
    the parser cache (``OperationParserCache``) and the validation cache.

    Validation runs once per parsed document, schema and rules, as strawberry's
    ``ValidationCache`` does, but keyed by the document's identity: the parser cache hands the
    same document to every request of the same text, and hashing a document walks its whole
    tree (strawberry's cache pays that on every request). One cache per schema, gone with it;
    an entry keeps its document alive so its id is not reused; a cache is cleared when it holds
    ``maxsize`` entries."""

    _validated: ClassVar[weakref.WeakKeyDictionary[Any, dict[Any, Any]]] = (
        weakref.WeakKeyDictionary()
    )

    def __init__(self, maxsize: int = 512) -> None:
        super().__init__(maxsize=maxsize)
        self.maxsize = maxsize

    on_operation = OperationLoaders.on_operation

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        schema = context.schema._schema
        document = context.graphql_document
        if document is None:  # strawberry's own validation reports it
            yield
            return
        cache = self._validated.get(schema)
        if cache is None:
            cache = self._validated[schema] = {}
        key = (id(document), context.validation_rules)
        hit = cache.get(key)
        if hit is None or hit[1] is not document:
            errors = validate_document(schema, document, context.validation_rules)
            if len(cache) >= self.maxsize:
                cache.clear()
            hit = cache[key] = (errors, document)
        context.pre_execution_errors = hit[0]
        yield


class CachedNameConverter(NameConverter):
    """strawberry's name converter, remembering each name's camel case: strawberry converts
    the name of every argument of a field (a connection has a dozen) and of every input
    field on every request, and the conversion is a pure function of the Python name."""

    def __init__(self, auto_camel_case: bool = True) -> None:
        super().__init__(auto_camel_case=auto_camel_case)
        self._names: dict[str, str] = {}

    def apply_naming_config(self, name: str) -> str:
        converted = self._names.get(name)
        if converted is None:
            converted = super().apply_naming_config(name)
            if len(self._names) >= 4096:  # names come from the schema: never reached
                self._names.clear()
            self._names[name] = converted
        return converted


def build_schema(
    pm: pluggy.PluginManager,
    *,
    max_page_size: int = 100,
    debug: bool = False,
    extensions: Sequence[Any] = (),
    cache_size: int = 512,
) -> strawberry.Schema:
    extend_types(call_each(pm, "sportello_graphql_type_fields"))
    query = merge_root("Query", call_each(pm, "sportello_graphql_queries"))
    if query is None:
        raise SchemaCompositionError("no plugin contributes a query field")
    mutation = merge_root("Mutation", call_each(pm, "sportello_graphql_mutations"))
    subscription = merge_root("Subscription", call_each(pm, "sportello_graphql_subscriptions"))
    types = [t for _, ts in call_each(pm, "sportello_graphql_types") for t in ts]
    arguments.install()
    schema = SportelloSchema(
        query=query,
        mutation=mutation,
        subscription=subscription,
        types=types,
        extensions=[
            lambda: OperationSetup(maxsize=cache_size),
            *extensions,
        ],
        config=arguments.SportelloConfig(
            relay_max_results=max_page_size,
            name_converter=CachedNameConverter(),
            disable_field_suggestions=not debug,
            scalar_map=SCALARS,
        ),
        execution_context_class=FlatListExecutor,
    )
    fast_resolvers(schema)
    return schema


def fast_resolvers(schema: strawberry.Schema) -> None:
    """Per-row fields without strawberry's per-call machinery.

    Strawberry wraps every resolver in an Info object, argument conversion and an extension
    chain: the largest cost of a list after the SQL. Two kinds of fields need none of it, and
    resolve directly: the ``id`` of model nodes (a global ID from the row), and object fields
    whose resolver takes only ``self`` or ``root`` (no arguments, no info, no permission
    classes, no field extensions), such as ``Room.status``, ``Reservation.nights`` or a
    module-level ``def total(root)``. Plain attributes are read
    with one call instead of strawberry's two. Such fields with a scalar or enum type are also
    marked flat: a list of objects selecting only them is completed in one pass
    (``sportello.graphql.flat``).
    """
    roots = {
        t.name for t in (schema._schema.query_type, schema._schema.mutation_type,
                         schema._schema.subscription_type) if t is not None
    }  # fmt: skip
    for name, gql_type in schema._schema.type_map.items():
        if not isinstance(gql_type, GraphQLObjectType) or name in roots or name.startswith("__"):
            continue
        definition = schema.get_type_by_name(name)
        origin = getattr(definition, "origin", None)
        if isinstance(origin, type) and issubclass(origin, ModelNode) and "id" in gql_type.fields:

            def resolve_id(root: Any, info: Any, _name: str = name) -> str:
                return to_base64(_name, root.id)

            def global_id(root: Any, _name: str = name) -> str:
                return to_base64(_name, root.id)

            gql_type.fields["id"].resolve = resolve_id
            mark_flat(gql_type, "id", global_id)
        for gql_name, gql_field in gql_type.fields.items():
            field: Any = (gql_field.extensions or {}).get("strawberry-definition")
            permission = None
            if isinstance(origin, type) and issubclass(origin, ModelNode):
                target = _model_node_type(getattr(field, "type", None))
                if target is not None and target.__permission__ not in (None, PUBLIC):
                    permission = target.__permission__
            allowed = None if permission is None else _allowed(permission)
            function = _plain_method(field)
            if function is not None and gql_name != "id":
                gql_field.resolve = _direct(function)
                mark_flat(gql_type, gql_name, function)
                mark_flat_object(gql_type, gql_name, function, allowed)
            plain = getattr(gql_field.resolve, "_is_default", False)  # strawberry's attribute
            if plain:
                gql_field.resolve = _attribute(field.python_name)
                mark_flat(gql_type, gql_name, attrgetter(field.python_name))
                mark_flat_object(gql_type, gql_name, attrgetter(field.python_name), allowed)
            if permission is not None:
                gql_field.resolve = _guarded(
                    gql_field.resolve, permission, field.python_name if plain else None
                )


def _plain_method(field: Any) -> Any:
    """The function of a resolver that takes only ``self`` or ``root`` (else None)."""
    resolver = getattr(field, "base_resolver", None)
    if resolver is None or field.permission_classes or field.extensions or field.arguments:
        return None
    function = resolver.wrapped_func
    if isinstance(function, (staticmethod, classmethod)) or resolver.info_parameter is not None:
        return None
    parameters = list(resolver.signature.parameters.values())
    if len(parameters) != 1 or (resolver.self_parameter or resolver.root_parameter) is None:
        return None
    return function


def _model_node_type(tp: Any) -> Any:
    while isinstance(tp, (StrawberryContainer, LazyType)):
        tp = tp.resolve_type() if isinstance(tp, LazyType) else tp.of_type
    return tp if isinstance(tp, type) and issubclass(tp, ModelNode) else None


def _allowed(permission: str) -> Any:
    """What ``_guarded`` checks, as a test on the context: whether the caller may read it."""
    if permission == AUTHENTICATED:
        return lambda context: context.actor.is_authenticated
    return lambda context: context.actor.has(permission)


def _guarded(resolve: Any, permission: str, attribute: str | None) -> Any:
    """A model node reached through another one needs its own read permission, as it would
    through ``node(id:)``: a guest's contact details below a reservation need ``parties.view``."""

    def deny(actor: Any) -> None:
        if permission == AUTHENTICATED:
            if not actor.is_authenticated:
                raise Unauthenticated
        elif not actor.has(permission):
            raise PermissionDenied(permission)

    if attribute is not None:  # the common case, one call per row

        def guarded_attribute(root: Any, info: Any) -> Any:
            actor = info.context.actor
            if not (actor.is_superuser or permission in actor.permissions):
                deny(actor)
            return getattr(root, attribute)

        return guarded_attribute

    inner = resolve or default_field_resolver

    def guarded(root: Any, info: Any, **kwargs: Any) -> Any:
        deny(info.context.actor)
        return inner(root, info, **kwargs)

    return guarded


def _attribute(name: str) -> Any:
    def resolve(root: Any, info: Any) -> Any:
        return getattr(root, name)

    return resolve


def _direct(function: Any) -> Any:
    def resolve(root: Any, info: Any) -> Any:
        return function(root)

    return resolve
