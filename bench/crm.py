"""The CRM at scale: ``python -m bench.crm [--db sqlite|postgres] [--cases N]
[--interactions N] [--requests N]``.

Generates a town hall's front office (bulk inserts): ``--cases`` cases over 2,000 parties, four
departments and every status, each with its SLA clock, and ``--interactions`` interactions
(calls, emails, counter visits) spread over the parties, one regular caller holding 2,000 of
them. Then, in process (ASGI, no network), times what the desk's screens send: the cases list
(50 a page with party, department and due time: newest first, a department's queue, the open
ones, page 2) and the regular caller's 360° timeline (50 a page, first and second page), and
checks that the timeline's and the list's SQL statements do not grow from a page of 1 to a
page of 100. Each request is timed against the hand-written reference
(``bench/reference/crm.py``: one SQL statement per page, plain objects) served in the same
process on the same database, in turn. Prints Sportello's median, p90 and p99 latency, the
reference's median, the ratio (reference time over Sportello's: Sportello's requests/s as a
share of the reference's, target >= 0.9) and Sportello's SQL statements per request.
PostgreSQL needs ``SPORTELLO_TEST_POSTGRES_URL`` (set to the local server by ``--db postgres``).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

CASES = """
query($after: String, $status: [CaseStatus!], $dep: ID, $n: Int) {
  cases(first: $n, after: $after, status: $status, departmentId: $dep) { edges { cursor node {
    reference subject status priority dueAt party { displayName } department { name } } } } }
"""
TIMELINE = """
query($id: ID!, $after: String, $n: Int) { node(id: $id) { ... on Party {
  timeline(first: $n, after: $after) { edges { cursor node { at kind title objectId } } }
} } }
"""
NOW = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC)
STATUSES = ["open", "transferred", "waiting", "resolved", "resolved", "resolved"]
CHANNELS = ["phone", "email", "counter", "web"]


async def generate(cases: int, interactions: int) -> dict[str, Any]:
    from sportello import api
    from sportello_crm import models as m

    site = await api.SiteModel.create(code="TOWNHALL", name="Town hall")
    department: Any = m.Case._meta.fields_map["department"].related_model
    units = [
        await department.create(name=name, kind="office", site_id=site.id)
        for name in ("Tributi", "Anagrafe", "Lavori pubblici", "Servizi sociali")
    ]
    await api.PartyModel.bulk_create(
        [api.PartyModel(display_name=f"Citizen {n}", kind="person") for n in range(2000)]
    )
    people = await api.PartyModel.all().order_by("id").values_list("id", flat=True)
    regular = people[0]
    batch: list[Any] = []
    for n in range(cases):
        status = STATUSES[n % len(STATUSES)]
        created = NOW - dt.timedelta(minutes=11 * (cases - n))
        batch.append(
            m.Case(
                site_id=site.id,
                kind=("complaint", "request", "information")[n % 3],
                party_id=people[n % len(people)],
                subject=f"Request {n}",
                channel=CHANNELS[n % 4],
                category=("taxes", "registry", "roads", "welfare")[n % 4],
                status=status,
                department_id=None if status == "open" else units[n % 4].id,
                created_at=created,
                updated_at=created,
                resolved_at=created + dt.timedelta(hours=20) if status == "resolved" else None,
            )
        )
        if len(batch) == 2000:
            await m.Case.bulk_create(batch)
            batch = []
    if batch:
        await m.Case.bulk_create(batch)
    await _clocks(site.id)
    rows: list[Any] = []
    for n in range(interactions):
        party = regular if n % max(1, interactions // 2000) == 0 else people[n % len(people)]
        rows.append(
            m.Interaction(
                site_id=site.id,
                party_id=party,
                channel=CHANNELS[n % 4],
                direction="in" if n % 3 else "out",
                subject=f"Contact {n}",
                occurred_at=NOW - dt.timedelta(minutes=3 * (interactions - n)),
                handled_at=NOW,
            )
        )
        if len(rows) == 2000:
            await m.Interaction.bulk_create(rows)
            rows = []
    if rows:
        await m.Interaction.bulk_create(rows)
    await m.Case._meta.db.execute_script("ANALYZE")
    return {
        "regular": api.encode_id("Party", regular),
        "queue": api.encode_id("Department", units[0].id),
    }


async def _clocks(site_id: int) -> None:
    """One SLA clock per case, as the office starts them (30 days for a citizen's request)."""
    from sportello.sla.models import SlaClock
    from sportello_crm import models as m

    cases = await m.Case.all().order_by("id").values("id", "status", "created_at", "department_id")
    clocks = []
    for case in cases:
        running = case["status"] != "resolved"
        clocks.append(
            SlaClock(
                office="crm",
                item_type="case",
                item_id=case["id"],
                site_id=site_id,
                department_id=case["department_id"],
                state="running" if running else "met",
                started_at=case["created_at"],
                counted_from=case["created_at"] if running else None,
                resolution_target=43200,
                resolution_meter="calendar",
                due_resolution_at=case["created_at"] + dt.timedelta(days=30) if running else None,
            )
        )
        if len(clocks) == 2000:
            await SlaClock.bulk_create(clocks)
            clocks = []
    if clocks:
        await SlaClock.bulk_create(clocks)


def _stats(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p90_ms": round(times[int(len(times) * 0.9) - 1], 2),
        "p99_ms": round(times[max(0, int(len(times) * 0.99) - 1)], 2),
    }


async def measure(
    h: Any, reference: Any, query: str, variables: dict[str, Any], ref_vars: dict[str, Any], n: int
) -> dict[str, Any]:
    """Sportello and the reference in turn (A B, then B A: drift hits both alike)."""
    from sportello.testing import count_queries

    token = await h.token(roles=["front_desk"])

    # The same HTTP client path for both (``h.gql`` also parses the document for its audit
    # check: a test harness's cost, not the server's).
    body = {"query": query, "variables": variables}
    headers = {"authorization": f"Bearer {token}"}

    async def ours() -> float:
        began = time.perf_counter()
        answer = await h.client.post("/graphql", json=body, headers=headers)
        spent = (time.perf_counter() - began) * 1000
        assert not answer.json().get("errors"), answer.json()["errors"]
        return spent

    async def theirs() -> float:
        began = time.perf_counter()
        answer = await reference.post("/graphql", json={"query": query, "variables": ref_vars})
        spent = (time.perf_counter() - began) * 1000
        assert not answer.json().get("errors"), answer.json()["errors"]
        return spent

    await ours()
    await theirs()
    times: list[float] = []
    ref_times: list[float] = []
    sql = []
    for i in range(n):
        with count_queries() as statements:
            if i % 2:
                ref_times.append(await theirs())
                times.append(await ours())
            else:
                times.append(await ours())
                ref_times.append(await theirs())
        sql.append(len([s for s in statements if "events_" not in s]) - 1)
    row: dict[str, Any] = _stats(times)
    row["ref_p50_ms"] = _stats(ref_times)["p50_ms"]
    # Sportello's speed as a share of the reference's (its requests/s over the reference's).
    row["ratio"] = round(row["ref_p50_ms"] / row["p50_ms"], 2)
    # min: the page's own statements; max adds the bearer's lookup when its cache expires
    row["sql"] = f"{min(sql)}-{max(sql)}" if min(sql) != max(sql) else str(sql[0])
    return row


async def main_async(db: str, cases: int, interactions: int, requests: int) -> None:
    import httpx

    from bench.reference import crm as reference_app
    from sportello.testing import running_app

    with tempfile.TemporaryDirectory(prefix="sportello-bench-") as tmp:
        async with running_app(db, ["crm"], workdir=Path(tmp)) as h:
            began = time.perf_counter()
            ids = await generate(cases, interactions)
            print(
                f"{db}: {cases} cases, {interactions} interactions generated in "
                f"{time.perf_counter() - began:.0f} s"
            )
            transport = httpx.ASGITransport(app=reference_app.create_app())
            async with httpx.AsyncClient(transport=transport, base_url="http://ref") as ref:
                first = await h.ok(CASES, {"n": 50}, as_="admin")
                after = first["cases"]["edges"][-1]["cursor"]
                line = await h.ok(TIMELINE, {"id": ids["regular"], "n": 50}, as_="admin")
                later = line["node"]["timeline"]["edges"][-1]["cursor"]
                ref_first = (
                    await ref.post("/graphql", json={"query": CASES, "variables": {"n": 50}})
                ).json()
                assert not ref_first.get("errors"), ref_first["errors"]
                ref_first = ref_first["data"]
                ref_after = ref_first["cases"]["edges"][-1]["cursor"]
                ref_line = (
                    await ref.post(
                        "/graphql",
                        json={"query": TIMELINE, "variables": {"id": ids["regular"], "n": 50}},
                    )
                ).json()
                assert not ref_line.get("errors"), ref_line["errors"]
                ref_line = ref_line["data"]
                ref_later = ref_line["node"]["timeline"]["edges"][-1]["cursor"]
                regular = ids["regular"]
                rows = {
                    "cases, newest first": (CASES, {"n": 50}, None),
                    "cases, page 2": (CASES, {"n": 50, "after": after}, {"after": ref_after}),
                    "cases, a department's queue": (CASES, {"n": 50, "dep": ids["queue"]}, None),
                    "cases, open at the desk": (CASES, {"n": 50, "status": ["OPEN"]}, None),
                    "cases, page of 1": (CASES, {"n": 1}, None),
                    "cases, page of 100": (CASES, {"n": 100}, None),
                    "timeline, first page": (TIMELINE, {"id": regular, "n": 50}, None),
                    "timeline, page 2": (
                        TIMELINE,
                        {"id": regular, "n": 50, "after": later},
                        {"after": ref_later},
                    ),
                    "timeline, page of 1": (TIMELINE, {"id": regular, "n": 1}, None),
                    "timeline, page of 100": (TIMELINE, {"id": regular, "n": 100}, None),
                }
                print(f"  {'':30} {'Sportello p50/p90/p99 ms':>28}  {'ref p50':>8}  ratio  SQL")
                for name, (query, variables, ref_over) in rows.items():
                    ref_vars = {**variables, **(ref_over or {})}
                    row = await measure(h, ref, query, variables, ref_vars, requests)
                    print(
                        f"  {name:30} {row['p50_ms']:8.2f} {row['p90_ms']:8.2f} "
                        f"{row['p99_ms']:8.2f}  {row['ref_p50_ms']:8.2f}  "
                        f"{row['ratio']:4.2f}x  {row['sql']}"
                    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    if args.db == "postgres":
        os.environ.setdefault(
            "SPORTELLO_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        )
    asyncio.run(main_async(args.db, args.cases, args.interactions, args.requests))


if __name__ == "__main__":
    main()
