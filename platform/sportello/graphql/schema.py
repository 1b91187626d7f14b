"""The schema of a runtime: composition plus the platform's extensions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from sportello.graphql.compose import build_schema
from sportello.graphql.limits import limit_extensions
from sportello.ops.extension import ObserveOperations

if TYPE_CHECKING:
    from sportello.runtime import Runtime


def create_schema(runtime: Runtime) -> strawberry.Schema:
    settings = runtime.settings
    return build_schema(
        runtime.pm,
        max_page_size=settings.graphql.max_page_size,
        debug=settings.debug,
        # First of ours: it leaves last, and sees the errors as masked for the client.
        extensions=[ObserveOperations, *limit_extensions(settings)],
        cache_size=settings.graphql.cache_size,
    )


def export_sdl(runtime: Runtime) -> str:
    return runtime.schema.as_str() + "\n"
