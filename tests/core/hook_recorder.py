"""A plugin implementing every hook; each implementation records that the platform called it,
and each contribution leaves a trace when the platform uses it (command ran, handler ran...).

The test never calls a hook itself: it drives the CLI, the HTTP API and the runtime.
"""

from __future__ import annotations

from typing import Any

import strawberry
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from sportello import hookimpl
from sportello.cli import Command
from sportello.events import Event, EventHandler, EventType
from sportello.graphql.compose import TypeFields
from sportello.identity.permissions import Permission, Public, RoleSpec
from sportello.notify.contract import NotificationKind
from sportello.parties.graphql.types import Party
from sportello.plugininfo import PluginInfo

#: hook names as the platform calls them, then traces of their contributions being used
CALLS: list[str] = []
TRACES: list[str] = []


def reset() -> None:
    CALLS.clear()
    TRACES.clear()


def _called(name: str) -> None:
    CALLS.append(name)


@strawberry.type
class RecorderQueries:
    @strawberry.field(permission_classes=[Public])
    def recorder(self) -> str:
        return "yes"


@strawberry.type
class RecorderMutations:
    @strawberry.mutation(permission_classes=[Public])
    async def recorder_touch(self) -> bool:
        """Publishes recorder.happened, which the recorder's own handler receives; asks the
        staff questions offices ask (answered by the recorder's own staff hooks)."""
        from sportello.api import staff_member, staff_on_duty
        from sportello.events import publish
        from sportello.services import atomic

        async with atomic():
            await publish("recorder.happened", {"touched": True}, aggregate="recorder:1")
        member, on_duty = await staff_member(1, None), await staff_on_duty(1, 1)
        TRACES.append(f"staff:{member}:{on_duty}")
        return True


@strawberry.type
class RecorderSubscriptions:
    @strawberry.subscription(permission_classes=[Public])
    async def recorder_ticks(self) -> strawberry.scalars.JSON:  # type: ignore[misc]
        yield {"tick": 1}


@strawberry.type
class RecorderExtra:
    marker: str = "extra"


@strawberry.type
class PartyRecorder:
    @strawberry.field
    def recorder_flag(self) -> bool:
        return True


async def _handle(event: Event) -> None:
    TRACES.append(f"handler-ran:{event.payload.get('touched')}")


async def _command(args: Any, runtime: Any) -> int:
    TRACES.append(f"command-ran:{runtime.started}")
    return 0


@hookimpl
def sportello_addhooks(pm: Any) -> None:
    _called("sportello_addhooks")


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    _called("sportello_plugin_info")
    return PluginInfo(name="recorder", title="Hook recorder", version="0.0.1")


@hookimpl
def sportello_models() -> None:
    _called("sportello_models")


@hookimpl
def sportello_graphql_types() -> list[type]:
    _called("sportello_graphql_types")
    return [RecorderExtra]


@hookimpl
def sportello_graphql_queries() -> list[type]:
    _called("sportello_graphql_queries")
    return [RecorderQueries]


@hookimpl
def sportello_graphql_mutations() -> list[type]:
    _called("sportello_graphql_mutations")
    return [RecorderMutations]


@hookimpl
def sportello_graphql_subscriptions() -> list[type]:
    _called("sportello_graphql_subscriptions")
    return [RecorderSubscriptions]


@hookimpl
def sportello_graphql_type_fields() -> list[TypeFields]:
    _called("sportello_graphql_type_fields")
    return [TypeFields(target=Party, fields=PartyRecorder)]


@hookimpl
def sportello_permissions() -> list[Permission]:
    _called("sportello_permissions")
    return [Permission("recorder.do", "Record things")]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    _called("sportello_roles")
    return [RoleSpec("recording", ("recorder.do",))]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    _called("sportello_translations")
    return {
        "en": {
            "recorder.hello": "Hello",
            "notify.recorder.pinged.subject": "Pinged",
            "notify.recorder.pinged.body": "The recorder was pinged.",
        },
        "it": {"recorder.hello": "Ciao"},
    }


@hookimpl
def sportello_cli_commands() -> list[Command]:
    _called("sportello_cli_commands")
    return [Command("recorder-ping", "test command", _command)]


async def _job(run: Any) -> None:
    TRACES.append(f"job-ran:{run.job}")


@hookimpl
def sportello_jobs() -> list[Any]:
    from sportello.schedule.contract import Job

    _called("sportello_jobs")
    return [Job("recorder.tick", _job, every="hourly")]


@hookimpl
def sportello_event_types() -> list[EventType]:
    _called("sportello_event_types")
    return [EventType("recorder.happened")]


@hookimpl
def sportello_event_handlers() -> list[EventHandler]:
    _called("sportello_event_handlers")
    return [EventHandler("recorder.happened", "recorder.handler", _handle)]


@hookimpl
def sportello_routes(runtime: Any) -> list[Route]:
    _called("sportello_routes")
    return [Route("/recorder", lambda request: PlainTextResponse("recorder"))]


@hookimpl
async def sportello_startup(runtime: Any) -> None:
    _called("sportello_startup")


@hookimpl
def sportello_shutdown(runtime: Any) -> None:
    _called("sportello_shutdown")


@hookimpl
async def sportello_demo_data(runtime: Any) -> None:
    _called("sportello_demo_data")
    TRACES.append("demo-ran")


@hookimpl
async def sportello_party_data(party_id: int) -> dict[str, Any]:
    _called("sportello_party_data")
    return {"recorded": party_id}


@hookimpl
async def sportello_party_erase(party_id: int) -> dict[str, Any]:
    _called("sportello_party_erase")
    return {"erased": [f"recorder_note.party_{party_id}"]}


@hookimpl
async def sportello_party_merge(source_id: int, target_id: int) -> dict[str, Any]:
    _called("sportello_party_merge")
    TRACES.append(f"merged:{source_id}->{target_id}")
    return {"moved": {"recorder_note.party_id": 1}}


class _RecorderSms:
    name = "recorder"

    async def send(self, to: str, text: str) -> None:
        TRACES.append(f"sms:{to}")


@hookimpl
def sportello_notification_kinds() -> list[NotificationKind]:
    _called("sportello_notification_kinds")
    return [NotificationKind("recorder.pinged", "Recorder pinged", channels=("in_app",))]


@hookimpl
def sportello_sms_adapters() -> list[Any]:
    _called("sportello_sms_adapters")
    return [_RecorderSms()]


@hookimpl
async def sportello_staff_member(party_id: int, site_id: int | None) -> bool | None:
    _called("sportello_staff_member")
    return True


@hookimpl
def sportello_staff_on_duty(user_id: int, site_id: int, at: Any) -> bool | None:
    _called("sportello_staff_on_duty")
    return False


async def _claim_nothing(message: Any, thread: Any) -> None:
    return None


@hookimpl
def sportello_inbound_mail_handlers() -> list[Any]:
    from sportello.api import InboundMailHandler

    _called("sportello_inbound_mail_handlers")
    return [InboundMailHandler("recorder", _claim_nothing)]
