"""Markdown from the JSON results (``python -m bench.report bench/results/latest.json``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.scenarios import BY_NAME

TARGETS = """Targets (shown, not asserted):
- every list scenario >= 0.9 x reference (b) fast and >= 2.8 x reference (a) naive;
- GraphQL >= 30 % of reference (c) plain JSON on the nested list (arrivals);
- SQL statements per request constant across page sizes;
- cold start with every built-in office < 2 s; server RSS < 200 MB;
- p99 of the arrivals list at the 100x size < 100 ms on PostgreSQL with one worker."""


def _f(x: Any, fmt: str = "{:.0f}") -> str:
    return "-" if x is None else fmt.format(x)


def _mark(ok: bool | None) -> str:
    return "" if ok is None else (" ✓" if ok else " ✗")


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    s = results["settings"]
    lines = [
        "# Sportello benchmark",
        "",
        f"Generated {results['generated_at']} in {results.get('total_s', '?')} s. "
        f"Load tool: {results['tool']}.",
        "",
        f"Machine: {m['nproc']} CPUs ({m.get('cpu', '')}), Python {m['python']}, "
        f"PostgreSQL {m.get('postgres') or '?'}, SQLite {m.get('sqlite')}, {m.get('platform', '')}."
        + (f" Load average at start: {m['loadavg']}." if m.get("loadavg") else ""),
        "",
        "```",
        m.get("free_h", ""),
        "```",
        "",
        f"Settings: sizes {', '.join(s['sizes'])}; page sizes {s['page_sizes']}; "
        f"{s['rounds']} interleaved rounds of {s['duration_s']} s per app and cell; "
        f"{s['connections']} connections; {'quick run' if s['quick'] else 'full run'}.",
        "",
        "Ratios are medians of per-round ratios (Sportello req/s / reference req/s, the apps "
        "driven in turn A B C D, D C B A, ...). (a) naive = per-item resolvers + DataLoader, "
        "(b) fast = one joined query + caches + orjson, (c) plain = the same SQL as plain JSON.",
        "",
        TARGETS,
        "",
    ]
    if results.get("notes"):
        lines += ["Notes:", *(f"- {note}" for note in results["notes"]), ""]
    for run in results["runs"]:
        lines += render_run(run)
    return "\n".join(lines) + "\n"


def _workers(run: dict[str, Any]) -> str:
    workers = run["workers"] if isinstance(run["workers"], list) else [run["workers"]]
    return " and ".join(str(w) for w in workers)


def render_run(run: dict[str, Any]) -> list[str]:
    title = f"## {run['db']} · {run['size']}"
    if run.get("failed"):
        return [title, "", f"FAILED: `{run['failed'][:500]}`", ""]
    multi = isinstance(run["workers"], list) and len(run["workers"]) > 1
    lines = [
        title,
        "",
        f"{run['reservations']} reservations, {run['rooms']} rooms; "
        f"Sportello workers: {_workers(run)}.",
        "",
        "| scenario | page | Sportello req/s | p50 ms | p99 ms | SQL/req | vs (a) naive | "
        "vs (b) fast | vs (c) plain | (a) req/s | (b) req/s | (c) req/s | SQL/req a/b/c |"
        + (" several workers req/s (x one) |" if multi else ""),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
        + ("---:|" if multi else ""),
    ]
    sql_by_scenario: dict[str, set[float]] = {}
    for cell in run["scenarios"]:
        scenario = BY_NAME[cell["scenario"]]
        if cell.get("failed"):
            lines.append(
                f"| {scenario.title} | {cell['page_size'] or ''} | failed: "
                f"{cell['failed'][:100]} |" + " |" * 10
            )
            continue
        sp = cell["apps"].get("sportello", {})
        r = cell.get("ratios", {})
        listy = scenario.paged and len(scenario.apps) > 1
        if sp.get("status") != "ok":
            sp_cols = f"pending: {sp.get('note', '')[:80]} | | | |"
        else:
            sql_by_scenario.setdefault(scenario.name, set()).add(sp.get("sql_per_request"))
            slow = "" if sp.get("rps") else f" (one request: {_f(sp.get('single_ms'))} ms)"
            sp_cols = (
                f"{_f(sp.get('rps'))}{slow} | {_f(sp.get('p50_ms'), '{:.2f}')} | "
                f"{_f(sp.get('p99_ms'), '{:.2f}')} | {_f(sp.get('sql_per_request'), '{:.1f}')}"
            )
        naive_r, fast_r, plain_r = r.get("naive"), r.get("fast"), r.get("plain")
        cols = [
            _f(naive_r, "{:.2f}x") + (_mark(naive_r >= 2.8) if listy and naive_r else ""),
            _f(fast_r, "{:.2f}x") + (_mark(fast_r >= 0.9) if listy and fast_r else ""),
            _f(plain_r, "{:.2f}x") + (_mark(plain_r >= 0.3) if scenario.nested and plain_r else ""),
        ]
        refs = [_f(cell["apps"].get(a, {}).get("rps")) for a in ("naive", "fast", "plain")]
        sql = "/".join(
            _f(cell["apps"].get(a, {}).get("sql_per_request"), "{:.0f}")
            for a in ("naive", "fast", "plain")
        ) if len(scenario.apps) > 1 else ""  # fmt: skip
        several = ""
        if multi:
            m = cell["apps"].get("sportello_workers", {})
            several = (
                f" {_f(m.get('rps'))} ({_f(cell.get('workers_over_one'), '{:.2f}x')}) |"
                if m.get("status") == "ok"
                else " - |"
            )
        lines.append(
            f"| {scenario.title} | {cell['page_size'] or ''} | {sp_cols} | "
            + " | ".join(cols)
            + f" | {' | '.join(refs)} | {sql} |"
            + several
        )
    lines.append("")
    checks = []
    for name, counts in sql_by_scenario.items():
        if BY_NAME[name].paged:
            ok = max(counts) - min(counts) < 0.5
            checks.append(
                f"- SQL per request constant across page sizes, {name}: {sorted(counts)}{_mark(ok)}"
            )
    cold = run.get("cold_start_all_offices_s")
    checks.append(
        f"- cold start, every built-in office (spawn to first answer, median of 3): "
        f"{_f(cold, '{:.2f} s')}{_mark(cold < 2 if cold is not None else None)}"
    )
    for app, info in run["servers"].items():
        rss = info.get("rss_peak_mb")
        checks.append(
            f"- {app}: cold start {_f(info.get('cold_start_s'), '{:.2f} s')}, RSS after the run "
            f"{_f(info.get('rss_mb'), '{:.0f} MB')}, peak {_f(rss, '{:.0f} MB')}"
            + (_mark(rss < 200) if app == "sportello" and rss else "")
        )
    if run["db"] == "postgres" and run["size"] == "100x":
        for cell in run["scenarios"]:
            p99 = cell.get("apps", {}).get("sportello", {}).get("p99_ms")
            if cell["scenario"] == "arrivals" and p99 is not None:
                checks.append(
                    f"- p99 of the arrivals list, page {cell['page_size']}, one worker: "
                    f"{p99:.1f} ms{_mark(p99 < 100)}"
                )
    fon = [c.get("fast_over_naive") for c in run["scenarios"] if c.get("fast_over_naive")]
    if fon:
        checks.append(
            "- reference (b) over reference (a), per cell: "
            + ", ".join(f"{x:.2f}x" for x in fon)
            + " (the field notes measured 3.0-3.2x)"
        )
    return [*lines, *checks, ""]


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results/latest.json")
    sys.stdout.write(render(json.loads(path.read_text())))
