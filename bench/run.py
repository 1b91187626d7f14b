"""Run the benchmark: ``python -m bench.run [--quick] [--db sqlite,postgres] ...``.

For every database and size: generate the hotel, serve Sportello and the three reference apps
(each in its own process, one uvicorn worker), drive them over HTTP with wrk (or the built-in
httpx generator) in interleaved rounds, and write ``bench/results/latest.{md,json}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench import report
from bench.generate import ROOT, VAR
from bench.scenarios import SCENARIOS, Scenario

APPS = ("sportello", "naive", "fast", "plain")
#: Sportello served by several uvicorn workers (PostgreSQL only), driven in the same rounds.
MULTI = "sportello_workers"
HOTEL = ROOT / "bench" / "config" / "hotel.toml"
ALL_OFFICES = ROOT / "bench" / "config" / "all-offices.toml"
PY = sys.executable

LUA = """
local bodies = {}
local f = io.open(os.getenv("BENCH_BODIES"), "r")
for line in f:lines() do bodies[#bodies + 1] = line end
f:close()
local i = tonumber(os.getenv("BENCH_OFFSET") or "0")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")
if #bodies == 1 then
  wrk.body = bodies[1]
else
  request = function()
    i = i + 1
    return wrk.format(nil, nil, nil, bodies[(i - 1) % #bodies + 1])
  end
end
"""


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# -- load tools -------------------------------------------------------------------------------


def find_wrk() -> tuple[str | None, str]:
    path = shutil.which("wrk")
    if path:
        return path, "found"
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk not found: running apt-get install -y wrk")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        ok = subprocess.run(["apt-get", "install", "-y", "wrk"], env=env, capture_output=True)
        if ok.returncode != 0:
            subprocess.run(["apt-get", "update"], env=env, capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "wrk"], env=env, capture_output=True)
        path = shutil.which("wrk")
        if path:
            return path, "installed with apt-get"
        return None, "apt-get install wrk failed"
    return None, "not installed (and not root, so not installed by the runner)"


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text.strip())
    if not m:
        return float("nan")
    return float(m.group(1)) * _UNITS[m.group(2)]


def parse_wrk(out: str) -> dict[str, float]:
    result: dict[str, float] = {"errors": 0}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    result["rps"] = float(m.group(1)) if m else 0.0
    m = re.search(r"(\d+) requests in", out)
    result["requests"] = int(m.group(1)) if m else 0
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.M)
        result[key] = _ms(m.group(1)) if m else float("nan")
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if m:
        result["errors"] += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        result["errors"] += sum(int(x) for x in m.groups())
    return result


class Load:
    def __init__(self, wrk: str | None, connections: int, duration: int) -> None:
        self.wrk = wrk
        self.connections = connections
        self.duration = duration
        self.lua = Path(tempfile.mkstemp(suffix=".lua")[1])
        self.lua.write_text(LUA)

    def run(self, url: str, bodies_file: Path, token: str, offset: int) -> dict[str, float]:
        if self.wrk:
            env = {
                **os.environ,
                "BENCH_BODIES": str(bodies_file),
                "BENCH_TOKEN": token,
                "BENCH_OFFSET": str(offset),
            }
            cmd = [self.wrk, "-t1", f"-c{self.connections}", f"-d{self.duration}s", "--latency"]
            out = subprocess.run(
                [*cmd, "-s", str(self.lua), url], env=env, capture_output=True, text=True
            )
            return parse_wrk(out.stdout)
        cmd = [PY, "-m", "bench.load", url, "--bodies", str(bodies_file), "--token", token,
               "--connections", str(self.connections), "--duration", str(self.duration),
               "--offset", str(offset)]  # fmt: skip
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        return json.loads(out.stdout.strip().splitlines()[-1])


# -- servers ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, app: str, url: str, *, config: Path = HOTEL, workers: int = 1) -> None:
        self.app = app
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "SPORTELLO_CONFIG": str(config),
            "SPORTELLO_DATABASE_URL": url,
            "BENCH_DATABASE_URL": url,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        self.started = time.perf_counter()
        cmd = [PY, "-m", "bench.serve", app, "--port", str(self.port), "--workers", str(workers)]
        # The server's output goes to a file: a pipe nobody reads fills up and blocks the server.
        logs = VAR / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        self.log_path = logs / f"{app}-{self.port}.log"
        self.log_file = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            cmd, env=env, cwd=ROOT, stdout=self.log_file, stderr=subprocess.STDOUT
        )
        self.cold_start_s = self.wait()

    def wait(self, timeout: float | None = None) -> float:
        # A loaded machine imports and builds the schema slowly: BENCH_START_TIMEOUT (seconds).
        timeout = timeout or float(os.environ.get("BENCH_START_TIMEOUT", "60"))
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                err = self.log_path.read_text(errors="replace")
                raise RuntimeError(f"{self.app} server exited: {err[-2000:]}")
            try:
                if httpx.get(f"{self.base}/__bench/sql", timeout=1).status_code == 200:
                    return time.perf_counter() - self.started
            except httpx.HTTPError:
                pass
            time.sleep(0.01)
        raise RuntimeError(f"{self.app} server did not start in {timeout}s")

    def sql_count(self) -> int:
        return int(httpx.get(f"{self.base}/__bench/sql", timeout=5).text)

    def rss_mb(self) -> dict[str, float]:
        """Resident memory of the server process (and its workers), now and at peak."""
        pids = [self.proc.pid]
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
            pids += [int(p) for p in children.split()]
        except OSError:
            pass
        now = peak = 0.0
        for pid in pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for key in ("VmRSS", "VmHWM"):
                m = re.search(rf"{key}:\s+(\d+) kB", status)
                if m and key == "VmRSS":
                    now += int(m.group(1)) / 1024
                elif m:
                    peak += int(m.group(1)) / 1024
        return {"rss_mb": round(now, 1), "rss_peak_mb": round(peak, 1)}

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log_file.close()


# -- one database at one size ------------------------------------------------------------------


def edges_of(payload: dict[str, Any]) -> int | None:
    data = payload.get("data") or {}
    for value in data.values():
        if isinstance(value, dict) and "edges" in value:
            return len(value["edges"])
        if isinstance(value, list):
            return len(value)
    return None


def check(
    server: Server, body: bytes, token: str, n: int = 5, again: bytes | None = None
) -> dict[str, Any]:
    """One request to see it works (errors make the cell 'pending'), then SQL per request."""
    headers = {"content-type": "application/json", "authorization": f"Bearer {token}"}
    url = f"{server.base}/graphql"
    first = httpx.post(url, content=body, headers=headers, timeout=30)
    try:
        payload = first.json()
    except ValueError:
        return {"status": "error", "note": f"HTTP {first.status_code}: {first.text[:200]}"}
    errors = payload.get("errors") or []
    for value in (payload.get("data") or {}).values():
        if isinstance(value, dict) and value.get("errors"):
            errors = value["errors"]
    if errors:
        message = errors[0].get("message", str(errors[0]))
        return {"status": "pending", "note": message[:200]}
    t = time.perf_counter()
    httpx.post(url, content=again or body, headers=headers, timeout=60)
    single_ms = (time.perf_counter() - t) * 1000
    if not n:
        return {"status": "ok", "rows": edges_of(payload), "single_ms": single_ms}
    sql = sql_per_request(
        server, lambda: httpx.post(url, content=body, headers=headers, timeout=60), n
    )
    return {
        "status": "ok",
        "rows": edges_of(payload),
        "sql_per_request": sql,
        "single_ms": single_ms,
    }


def sql_per_request(server: Server, send: Any, n: int) -> float:
    """Statements per request, minus what the server sends by itself meanwhile (pollers)."""
    before = server.sql_count()
    time.sleep(0.5)
    idle_rate = (server.sql_count() - before) / 0.5
    before, t = server.sql_count(), time.perf_counter()
    for _ in range(n):
        send()
    elapsed = time.perf_counter() - t
    total = server.sql_count() - before - idle_rate * elapsed
    return round(max(total, 0) / n, 1)


def median(xs: list[float]) -> float | None:
    xs = [x for x in xs if x == x]
    return statistics.median(xs) if xs else None


def bench_database(db: str, size: str, args: argparse.Namespace, load: Load) -> dict[str, Any]:
    log(f"{db} {size}: generating")
    gen = subprocess.run(
        [PY, "-m", "bench.generate", "--db", db, "--size", size],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    if gen.returncode != 0:
        raise RuntimeError(f"generator failed: {gen.stderr[-2000:]}")
    data = json.loads((VAR / f"{db}-{size}.json").read_text())
    url = data["url"]
    result: dict[str, Any] = {
        "db": db,
        "size": size,
        "reservations": data["reservations"],
        "rooms": data["rooms"],
        "generate_s": data["seconds"],
        # Sportello with one worker against the references; on PostgreSQL also with several.
        "workers": [1, args.workers] if db == "postgres" and args.workers > 1 else [1],
        "servers": {},
        "scenarios": [],
    }
    result["cold_start_all_offices_s"] = cold_start_all_offices(url)
    servers: dict[str, Server] = {}
    try:
        for app in APPS:
            servers[app] = Server(app, url)
            result["servers"][app] = {"cold_start_s": round(servers[app].cold_start_s, 3)}
        if len(result["workers"]) > 1:
            servers[MULTI] = Server("sportello", url, workers=result["workers"][-1])
            result["servers"][MULTI] = {"cold_start_s": round(servers[MULTI].cold_start_s, 3)}
        bodies_dir = Path(tempfile.mkdtemp(prefix="bench-bodies-"))
        offsets: dict[tuple[str, str], int] = {}
        for scenario in SCENARIOS:
            if args.scenarios and scenario.name not in args.scenarios:
                continue
            sizes: list[int | None] = list(args.page_sizes) if scenario.paged else [None]
            for page in sizes:
                try:
                    cell = run_cell(scenario, page, servers, data, args, load, bodies_dir, offsets)
                except Exception as exc:  # one broken cell must not lose the others
                    log(f"  {scenario.name} page={page} failed: {exc!r}")
                    cell = {"scenario": scenario.name, "page_size": page, "failed": repr(exc)}
                result["scenarios"].append(cell)
        for app, server in servers.items():
            result["servers"][app].update(server.rss_mb())
    finally:
        for server in servers.values():
            server.stop()
    return result


def cold_start_all_offices(url: str, tries: int = 3) -> float | None:
    """Spawn to first answer, the all-offices profile (migrated first), median of a few."""
    env = {**os.environ, "SPORTELLO_DATABASE_URL": url}
    migrated = subprocess.run(
        [str(Path(PY).parent / "sportello"), "--config", str(ALL_OFFICES), "migrate"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if migrated.returncode != 0:
        log(f"all-offices migrate failed: {migrated.stderr[-500:]}")
        return None
    times = []
    for _ in range(tries):
        server = Server("sportello", url, config=ALL_OFFICES)
        times.append(server.cold_start_s)
        server.stop()
    return round(statistics.median(times), 3)


def run_cell(
    scenario: Scenario,
    page: int | None,
    servers: dict[str, Server],
    data: dict[str, Any],
    args: argparse.Namespace,
    load: Load,
    bodies_dir: Path,
    offsets: dict[tuple[str, str], int],
) -> dict[str, Any]:
    cell: dict[str, Any] = {"scenario": scenario.name, "page_size": page, "apps": {}}
    token = data["token"]
    count = min(200_000, 2000 * args.duration * args.rounds + 100) if scenario.mutation else 1
    # The check takes the last bodies (-1 for the first request, -2 for the timed one, -12..-3).
    active = []
    apps = [*scenario.apps, *([MULTI] if MULTI in servers else [])]
    for app in apps:
        bodies = scenario.bodies("sportello" if app == MULTI else app, page, data, count + 20)
        if app == MULTI:  # its own bookings: the one-worker server takes the others
            bodies = bodies[count // 2 :] + bodies[: count // 2] if scenario.mutation else bodies
        path = bodies_dir / f"{scenario.name}-{app}-{page}.jsonl"
        path.write_bytes(b"\n".join(bodies[:count]) + b"\n")
        # The check uses the spare bodies at the end so mutations never repeat.
        info = check(
            servers[app],
            bodies[-1],
            token,
            # each worker counts its own statements: no SQL count for the multi-worker server
            n=0 if scenario.mutation or app == MULTI else 20,
            again=bodies[-2] if len(bodies) > 1 else None,
        )
        if scenario.mutation and info["status"] == "ok" and app != MULTI:
            spare = iter(bodies[-12:-2])
            info["sql_per_request"] = sql_per_request(
                servers[app],
                lambda s=servers[app], spare=spare: httpx.post(
                    f"{s.base}/graphql",
                    content=next(spare),
                    timeout=60,
                    headers={
                        "content-type": "application/json",
                        "authorization": f"Bearer {token}",
                    },
                ),
                10,
            )
        info["rounds"] = []
        cell["apps"][app] = info
        if info["status"] == "ok":
            active.append((app, path))
    label = f"{scenario.name} page={page}" if page else scenario.name
    states = ", ".join(
        f"{a}={cell['apps'][a]['status']}"
        + (f" ({cell['apps'][a]['note'][:100]})" if cell["apps"][a].get("note") else "")
        for a in apps
    )
    log(f"  {label}: {states}")
    for r in range(args.rounds):
        order = active if r % 2 == 0 else active[::-1]  # A B C D, D C B A, ...
        for app, path in order:
            key = (scenario.name, app)
            run = load.run(f"{servers[app].base}/graphql", path, token, offsets.get(key, 0))
            offsets[key] = offsets.get(key, 0) + int(run.get("requests", 0)) + 100
            cell["apps"][app]["rounds"].append(run)
    for info in cell["apps"].values():
        rounds = info["rounds"]
        if rounds:
            info["rps"] = median([x["rps"] for x in rounds])
            info["p50_ms"] = median([x["p50_ms"] for x in rounds])
            info["p99_ms"] = median([x["p99_ms"] for x in rounds])
            info["errors"] = sum(int(x.get("errors", 0)) for x in rounds)
    sp = cell["apps"].get("sportello", {})
    cell["ratios"] = {}
    for ref in ("naive", "fast", "plain"):
        other = cell["apps"].get(ref)
        if not other or not sp.get("rounds") or not other.get("rounds"):
            continue
        per_round = [
            a["rps"] / b["rps"]
            for a, b in zip(sp["rounds"], other["rounds"], strict=False)
            if b["rps"]
        ]
        cell["ratios"][ref] = median(per_round)
    multi = cell["apps"].get(MULTI)
    if multi and multi.get("rounds") and sp.get("rounds"):
        cell["workers_over_one"] = median(
            [a["rps"] / b["rps"] for a, b in zip(multi["rounds"], sp["rounds"], strict=False)
             if b["rps"]]
        )  # fmt: skip
    # The references among themselves: how much the fast way buys over the naive one.
    fast, naive = cell["apps"].get("fast"), cell["apps"].get("naive")
    if fast and naive and fast.get("rounds") and naive.get("rounds"):
        cell["fast_over_naive"] = median(
            [a["rps"] / b["rps"] for a, b in zip(fast["rounds"], naive["rounds"], strict=False)
             if b["rps"]]
        )  # fmt: skip
    return cell


# -- main -------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    def sh(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""

    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    pg = sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "show server_version"])
    return {
        "nproc": sh(["nproc"]),
        "cpu": cpu,
        "free_h": sh(["free", "-h"]),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "postgres": pg,
        "sqlite": __import__("sqlite3").sqlite_version,
        # Other work on the machine skews absolute figures: the load average at the start says so.
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    p.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both (comma)")
    p.add_argument("--sizes", default=None, help="small,10x (default); 100x only when named")
    p.add_argument("--page-sizes", default="1,10,50,200")
    p.add_argument("--duration", type=int, default=None, help="seconds per load run (default 3)")
    p.add_argument("--rounds", type=int, default=None, help="interleaved rounds (default 3)")
    p.add_argument("--connections", type=int, default=8)
    p.add_argument(
        "--workers",
        type=int,
        default=2,
        help="on PostgreSQL, also serve Sportello with this many uvicorn workers (1: don't)",
    )
    p.add_argument("--scenarios", default="", help="names, comma separated (default all)")
    p.add_argument("--tool", choices=["auto", "wrk", "httpx"], default="auto")
    p.add_argument("--quick", action="store_true", help="small size, 1 s runs, 3 rounds")
    p.add_argument("--out", default=str(ROOT / "bench" / "results"))
    p.add_argument("--name", default="latest", help="report file name (without extension)")
    args = p.parse_args(argv)
    args.dbs = [d.strip() for d in args.db.split(",") if d.strip()]
    args.sizes = [
        s.strip() for s in (args.sizes or ("small" if args.quick else "small,10x")).split(",")
    ]
    args.page_sizes = [int(x) for x in args.page_sizes.split(",")]
    args.duration = args.duration or (1 if args.quick else 3)
    args.rounds = args.rounds or 3
    args.scenarios = [s for s in args.scenarios.split(",") if s]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    if args.tool == "httpx":
        wrk, why = None, "httpx chosen with --tool httpx"
    else:
        wrk, why = find_wrk()
        if wrk is None and args.tool == "wrk":
            log(f"wrk unavailable: {why}")
            return 2
    if wrk:
        version = subprocess.run([wrk, "-v"], capture_output=True, text=True)
        tool = (
            (version.stdout or version.stderr).splitlines()[0]
            if (version.stdout or version.stderr)
            else "wrk"
        )
    else:
        tool = f"built-in httpx load generator (wrk unavailable: {why})"
    log(f"load tool: {tool}")
    load = Load(wrk, args.connections, args.duration)
    results: dict[str, Any] = {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "tool": tool,
        "settings": {
            "dbs": args.dbs,
            "sizes": args.sizes,
            "page_sizes": args.page_sizes,
            "duration_s": args.duration,
            "rounds": args.rounds,
            "connections": args.connections,
            "workers": args.workers,
            "quick": args.quick,
        },
        "runs": [],
    }
    for db in args.dbs:
        for size in args.sizes:
            try:
                results["runs"].append(bench_database(db, size, args, load))
            except Exception as exc:  # a broken database must not lose the other's figures
                log(f"{db} {size} failed: {exc}")
                results["runs"].append({"db": db, "size": size, "failed": str(exc)[:2000]})
    results["total_s"] = round(time.perf_counter() - started, 1)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{args.name}.json").write_text(json.dumps(results, indent=2, default=str))
    (out / f"{args.name}.md").write_text(report.render(results))
    log(f"wrote {out / args.name}.md and .json in {results['total_s']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
