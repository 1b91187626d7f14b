"""The fallback load generator (when wrk is not available): ``python -m bench.load``.

Keeps C requests in flight on keep-alive connections for D seconds, cycling through the bodies
in a file (one JSON body a line), and prints a JSON summary like the one parsed from wrk.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time

import httpx


async def run(
    url: str, bodies: list[bytes], token: str, connections: int, duration: float, offset: int
) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    counter = [offset]
    headers = {"content-type": "application/json", "authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    deadline = time.perf_counter() + duration
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                body = bodies[counter[0] % len(bodies)]
                counter[0] += 1
                t = time.perf_counter()
                response = await client.post(url, content=body, headers=headers)
                latencies.append(time.perf_counter() - t)
                if response.status_code >= 400:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": q[49] * 1000,
        "p99_ms": q[98] * 1000,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--bodies", required=True)
    parser.add_argument("--token", default="")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=5)
    parser.add_argument("--offset", type=int, default=0)
    args = parser.parse_args()
    with open(args.bodies, "rb") as f:
        bodies = [line.rstrip(b"\n") for line in f if line.strip()]
    result = asyncio.run(
        run(args.url, bodies, args.token, args.connections, args.duration, args.offset)
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
