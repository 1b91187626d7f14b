"""Concurrent invoice issuing: ``python -m bench.invoice_issue [--db postgres] [--clients 1,4,16,50]``.

Generates the bench hotel (tiny), serves Sportello as ``bench.run`` does (one uvicorn worker,
or ``--workers``), creates the drafts over HTTP, then for each number of clients C issues D
drafts (``invoiceIssue``) with C requests in flight, all in series FT of this year: the issues
queue on that series' counter row for the end of their transactions. Prints invoices issued per
second and latency per C, and checks afterwards that the numbers are consecutive and without
gaps (a failure exits non-zero). Anchor: Odoo's numbering made concurrent invoicing a
bottleneck (odoo/odoo#91873).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from typing import Any

import httpx

from bench.generate import generate
from bench.reference.common import global_id
from bench.run import HOTEL, Server

CREATE = """mutation Create($input: InvoiceCreateInput!) {
  invoiceCreate(input: $input) { invoice { id } errors { code } } }"""
ISSUE = """mutation Issue($input: InvoiceIssueInput!) {
  invoiceIssue(input: $input) { invoice { number } errors { code } } }"""
NUMBERS = """query Numbers($first: Int, $after: String) {
  invoices(first: $first, after: $after, status: ISSUED) {
    edges { node { number } } pageInfo { hasNextPage endCursor } } }"""
LINES = [
    {"chargeCode": "ROOM_NIGHT", "quantity": "2"},
    {"chargeCode": "MINIBAR"},
    {"chargeCode": "CITY_TAX", "quantity": "2"},
]


async def _post(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> Any:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    body = response.json()
    if body.get("errors"):
        raise RuntimeError(json.dumps(body["errors"])[:500])
    return body["data"]


async def drafts(client: httpx.AsyncClient, count: int, parties: int) -> list[str]:
    ids: list[str] = []
    sem = asyncio.Semaphore(8)

    async def one(i: int) -> None:
        async with sem:
            party = global_id("Party", 1 + i % parties)
            variables = {"input": {"partyId": party, "lines": LINES, "pricesIncludeTax": True}}
            data = await _post(client, CREATE, variables)
            ids.append(data["invoiceCreate"]["invoice"]["id"])

    await asyncio.gather(*(one(i) for i in range(count)))
    return ids


async def issue_all(client: httpx.AsyncClient, ids: list[str], clients: int) -> dict[str, Any]:
    queue = list(ids)
    latencies: list[float] = []
    numbers: list[str] = []

    async def worker() -> None:
        while queue:
            invoice = queue.pop()
            t = time.perf_counter()
            data = await _post(client, ISSUE, {"input": {"id": invoice}})
            latencies.append(time.perf_counter() - t)
            payload = data["invoiceIssue"]
            if payload["errors"]:
                raise RuntimeError(str(payload["errors"]))
            numbers.append(payload["invoice"]["number"])

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "clients": clients,
        "issued": len(numbers),
        "seconds": round(elapsed, 2),
        "per_second": round(len(numbers) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
    }


async def consecutive(client: httpx.AsyncClient) -> tuple[int, bool]:
    """Every FT number of the year, from 1 up, without a gap or a duplicate."""
    numbers: list[str] = []
    after = None
    while True:
        data = await _post(client, NUMBERS, {"first": 200, "after": after})
        page = data["invoices"]
        numbers += [e["node"]["number"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    sequences = sorted(int(n.rsplit("/", 1)[1]) for n in numbers if "/FT/" in n)
    return len(sequences), sequences == list(range(1, len(sequences) + 1))


async def run(args: argparse.Namespace) -> int:
    meta = await generate(args.db, "tiny")
    server = Server("sportello", meta["url"], config=HOTEL, workers=args.workers)
    results = []
    ok = True
    try:
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
        headers = {"authorization": f"Bearer {meta['token']}"}
        async with httpx.AsyncClient(
            base_url=server.base, headers=headers, limits=limits, timeout=120
        ) as client:
            for clients in args.clients:
                ids = await drafts(client, args.drafts, parties=meta.get("invoices", 50) or 50)
                results.append(await issue_all(client, ids, clients))
                print(json.dumps(results[-1]), flush=True)
            total, ok = await consecutive(client)
    finally:
        server.stop()
    print(
        json.dumps(
            {"db": args.db, "workers": args.workers, "numbers": total, "gapless": ok}, indent=None
        )
    )
    return 0 if ok else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--clients", default="1,4,16,50")
    parser.add_argument("--drafts", type=int, default=200, help="drafts issued per client count")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    args.clients = [int(c) for c in args.clients.split(",")]
    raise SystemExit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
