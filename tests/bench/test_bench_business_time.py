"""The business-time bench runs (a few hundred items on SQLite) and its due times agree with
the calendars. No timing assertions: speed is read in the bench's report."""

from __future__ import annotations

from bench import business_time


async def test_business_time_bench_runs() -> None:
    result = await business_time.measure("sqlite", 300, 1)
    assert result["items"] == 300 and result["median_s"] > 0
    assert "due times" in business_time.render(result)


def test_items_are_deterministic_and_mixed() -> None:
    first = business_time.items([1, 2, 3], 200, seed=5)
    assert first == business_time.items([1, 2, 3], 200, seed=5)
    assert {i.site_id for i in first} == {1, 2, 3}
    assert any(i.minutes is None and i.business_days for i in first)
    assert any(i.minutes is not None and i.minutes >= 4800 for i in first)
