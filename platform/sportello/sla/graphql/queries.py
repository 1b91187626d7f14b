from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable
from typing import Annotated

import strawberry

from sportello.graphql import typed
from sportello.graphql.ids import decode_id, encode_id
from sportello.graphql.relay import Connection, for_site, scope_to_sites
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello.sla import models, services
from sportello.sla.graphql.types import (
    SlaClock,
    SlaClockState,
    SlaPolicy,
    SlaReportGroup,
    SlaReportRow,
)
from sportello.sla.services import VIEW
from sportello.sla.timing import aware


@strawberry.type
class SlaQueries:
    @typed.connection(
        Connection[SlaPolicy],
        permission_classes=[requires(VIEW)],
        description="SLA policies, in the order they are tried.",
    )
    def sla_policies(
        self, info: strawberry.Info, office: str | None = None, active: bool | None = None
    ) -> AsyncIterable[models.SlaPolicy]:
        qs = models.SlaPolicy.all()
        if office is not None:
            qs = qs.filter(office=office)
        if active is not None:
            qs = qs.filter(active=active)
        return qs.order_by("position", "id")

    @typed.connection(
        Connection[SlaClock],
        permission_classes=[requires(VIEW)],
        description="Clocks of the caller's sites, oldest first.",
    )
    def sla_clocks(
        self,
        info: strawberry.Info,
        office: str | None = None,
        state: SlaClockState | None = None,
        department_id: strawberry.ID | None = None,
        breached: bool | None = None,
        site_id: strawberry.ID | None = None,
    ) -> AsyncIterable[models.SlaClock]:
        qs = models.SlaClock.all()
        if office is not None:
            qs = qs.filter(office=office)
        if state is not None:
            qs = qs.filter(state=state.value)
        if department_id is not None:
            qs = qs.filter(department_id=decode_id(department_id, "Department", "departmentId"))
        if breached is not None:
            qs = qs.filter(breached_at__isnull=not breached)
        qs = scope_to_sites(for_site(qs, site_id), info.context.actor, "site_id")
        return qs.order_by("started_at", "id")

    @typed.field(
        permission_classes=[requires(VIEW)],
        description=(
            "Met, breached and open clocks started in [from, to), per policy, department or"
            " office, with the average business minutes to response and to resolution."
        ),
    )
    async def sla_report(
        self,
        info: strawberry.Info,
        from_: Annotated[dt.datetime, strawberry.argument(name="from")],
        to: dt.datetime,
        group_by: SlaReportGroup = SlaReportGroup.POLICY,
    ) -> list[SlaReportRow]:
        # Without an offset a moment is UTC, as everywhere in SLA (one with and one without
        # could not be compared).
        from_, to = aware(from_), aware(to)
        if to <= from_:
            raise ServiceError("INVALID", "sla.period", "to")
        rows = await services.report(info.context.actor, from_, to, group_by.value)
        policy_ids = [r.policy_id for r in rows if r.policy_id is not None]
        policies = {p.id: p for p in await models.SlaPolicy.filter(id__in=policy_ids)}
        out = []
        for r in rows:
            policy = policies.get(r.policy_id) if r.policy_id is not None else None
            if r.group == "policy":
                label = policy.name if policy else "-"
            else:
                label = r.key or "-"
            out.append(
                SlaReportRow(
                    group=SlaReportGroup(r.group),
                    key=r.key,
                    label=label,
                    policy=policy,  # type: ignore[arg-type]  # the model row: its node type resolves it
                    department_id=(
                        strawberry.ID(encode_id("Department", r.department_id))
                        if r.department_id is not None
                        else None
                    ),
                    office=r.office,
                    met=r.met,
                    breached=r.breached,
                    open=r.open,
                    avg_response_minutes=r.avg_response_minutes,
                    avg_resolution_minutes=r.avg_resolution_minutes,
                )
            )
        return out
