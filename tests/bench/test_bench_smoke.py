"""The benchmark code cannot rot: it imports, generates a tiny hotel, and the reference apps
answer the scenarios' operations over it. No timing assertions."""

from __future__ import annotations

import json
import math

import httpx
import pytest

from bench import generate, report, run, scenarios
from bench.reference import fast, naive, plain

WRK_OUTPUT = """Running 1s test @ http://127.0.0.1:1/graphql
  1 threads and 8 connections
  Latency Distribution
     50%    1.50ms
     75%    2.00ms
     90%    3.00ms
     99%  820.00us
  1234 requests in 1.00s, 1.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   1234.50
"""


def test_parse_wrk() -> None:
    parsed = run.parse_wrk(WRK_OUTPUT)
    assert parsed["rps"] == 1234.5
    assert parsed["requests"] == 1234
    assert parsed["p50_ms"] == 1.5
    assert math.isclose(parsed["p99_ms"], 0.82)
    assert parsed["errors"] == 3


def test_args_quick() -> None:
    args = run.parse_args(["--quick", "--db", "sqlite"])
    assert args.sizes == ["small"] and args.dbs == ["sqlite"]
    assert args.page_sizes == [1, 10, 50, 200]
    assert "100x" not in run.parse_args([]).sizes


@pytest.fixture
async def tiny(tmp_path, monkeypatch):
    monkeypatch.setenv("SPORTELLO_DATABASE_URL", "sqlite://:memory:")  # restored afterwards
    url = f"sqlite://{tmp_path / 'hotel-tiny.sqlite3'}"
    meta = await generate.generate("sqlite", "tiny", url=url, meta_dir=tmp_path)
    return meta


async def test_generator_and_references(tiny, tmp_path) -> None:
    assert tiny["reservations"] == 60 and tiny["rooms"] == 12 and tiny["token"]
    assert tiny["invoices"] == 50
    assert json.loads((tmp_path / "sqlite-tiny.json").read_text())["rooms"] == 12
    for module in (naive, fast, plain):
        app = module.create_app(tiny["url"])
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                for name in ("arrivals", "rooms", "invoices"):
                    scenario = scenarios.BY_NAME[name]
                    body = scenario.bodies(module.__name__.rsplit(".", 1)[1], 10, tiny)[0]
                    response = await client.post(
                        "/graphql", content=body, headers={"content-type": "application/json"}
                    )
                    payload = response.json()
                    assert "errors" not in payload, (module.__name__, payload)
                    connection = next(iter(payload["data"].values()))
                    assert len(connection["edges"]) == 10, (module.__name__, name)


def test_scenario_bodies_and_report() -> None:
    data = {"bench_day": "2026-06-15", "site_id": 1, "node_reservation_id": 3, "rooms": 12}
    for scenario in scenarios.SCENARIOS:
        for app in scenario.apps:
            bodies = scenario.bodies(app, 10 if scenario.paged else None, data, count=3)
            assert all(b"\n" not in b for b in bodies)
            assert len(bodies) == (3 if scenario.mutation else 1)
    creates = scenarios.BY_NAME["reservation_create"].bodies("sportello", None, data, count=30)
    assert len(set(creates)) == 30
    cell = {
        "scenario": "arrivals",
        "page_size": 10,
        "apps": {
            a: {"status": "ok", "rps": 100.0, "p50_ms": 1.0, "p99_ms": 2.0, "sql_per_request": 1,
                "rounds": [{"rps": 100.0}]}
            for a in ("sportello", "naive", "fast", "plain")
        },
        "ratios": {"naive": 1.0, "fast": 1.0, "plain": 1.0},
    }  # fmt: skip
    results = {
        "generated_at": "now",
        "machine": {"nproc": "2", "python": "3.11", "free_h": ""},
        "tool": "wrk",
        "settings": {"sizes": ["small"], "page_sizes": [10], "rounds": 1, "duration_s": 1,
                     "connections": 8, "quick": True},
        "runs": [
            {"db": "sqlite", "size": "small", "reservations": 2000, "rooms": 250, "workers": 1,
             "servers": {"sportello": {"cold_start_s": 1.0, "rss_mb": 80, "rss_peak_mb": 90}},
             "cold_start_all_offices_s": 1.0, "scenarios": [cell]},
            {"db": "postgres", "size": "small", "failed": "boom"},
        ],
    }  # fmt: skip
    text = report.render(results)
    assert "Front desk" in text and "FAILED" in text
