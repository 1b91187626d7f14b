"""DataLoaders live for one operation: never shared by two requests or two WebSocket operations."""

from __future__ import annotations

import loader_plugin

from sportello.graphql.context import Context
from sportello.services import ANONYMOUS


async def test_one_loader_per_operation_over_http(sportello_app) -> None:
    async with sportello_app(["loaderprobe"], plugins=[loader_plugin]) as h:
        same = await h.ok("{ a: loaderId b: loaderId }", as_=None)
        assert same["a"] == same["b"]
        other = await h.ok("{ a: loaderId }", as_=None)
        assert other["a"] != same["a"]


async def test_operations_sharing_a_websocket_context_get_their_own_loaders(sportello_app) -> None:
    async with sportello_app(["loaderprobe"], plugins=[loader_plugin]) as h:
        # On a WebSocket the context object is built once per connection and reused.
        context = Context(
            runtime=h.runtime, request=None, response=None, actor=ANONYMOUS, request_id="ws"
        )  # type: ignore[arg-type]
        seen = []
        for _ in range(2):
            stream = await h.runtime.schema.subscribe(
                "subscription { loaderIds }", context_value=context
            )
            ids = [r.data["loaderIds"] async for r in stream]
            assert ids[0] == ids[1]
            seen.append(ids[0])
        assert seen[0] != seen[1]
