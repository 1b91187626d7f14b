"""strawberry's field decorators with arguments, typed for ``mypy --strict``.

strawberry types ``@strawberry.field(...)``, ``@strawberry.mutation(...)``,
``@strawberry.subscription(...)`` and ``@relay.connection(...)`` as returning ``Any`` (the same
call also serves as a field default, ``x: int = strawberry.field(...)``; strawberry issue
#1929), which strict mypy rejects as an untyped decorator. These are the same decorators,
typed for what they do here: a resolver in, a ``StrawberryField`` out. The arguments are
strawberry's, passed through unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types.field import StrawberryField

Decorator = Callable[[Callable[..., Any]], StrawberryField]


def field(**options: Any) -> Decorator:
    """``@strawberry.field(...)``."""
    decorate: Decorator = strawberry.field(**options)
    return decorate


def mutation(**options: Any) -> Decorator:
    """``@strawberry.mutation(...)``."""
    decorate: Decorator = strawberry.mutation(**options)
    return decorate


def subscription(**options: Any) -> Decorator:
    """``@strawberry.subscription(...)``."""
    decorate: Decorator = strawberry.subscription(**options)
    return decorate


def connection(graphql_type: Any = None, **options: Any) -> Decorator:
    """``@relay.connection(...)``."""
    decorate: Decorator = relay.connection(graphql_type, **options)
    return decorate
