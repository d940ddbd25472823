"""The dashboard's milestone trend analysis draws at most as many milestones as the palette
has colours: in a project with more, those whose date is still ahead at the last snapshot,
the soonest first (the Trends page draws every one)."""

from __future__ import annotations

import datetime as dt

from tpmdocs.history.site import TrendPoint
from tpmdocs.pages import timechart, trends

DAYS = [dt.date(2026, 10, 1) + dt.timedelta(days=7 * week) for week in range(4)]


def _point(day: dt.date, milestones: dict[str, tuple[dt.date | None, dt.date | None]]) -> TrendPoint:
    return TrendPoint(day=day, commit="0" * 40, scope_days=10, done_days=1, tasks_open=3, risk_exposure=0,
                      errors=0, health=None, milestones=milestones)


def _plan() -> list[TrendPoint]:
    """Twelve milestones due a week apart from 2026-10-05 (M00 first); M00 to M02 are reached
    (their dates come) before the last snapshot."""
    due = {f"M{n:02d}": dt.date(2026, 10, 5) + dt.timedelta(days=7 * n) for n in range(12)}
    return [_point(day, {mid: (d, None) for mid, d in due.items()}) for day in DAYS]


def test_the_trend_page_draws_every_milestone_and_the_dashboard_the_soonest_open_ones():
    everything = trends.milestone_trend(_plan())
    limited = trends.milestone_trend(_plan(), limit=len(timechart.PALETTE))
    assert everything is not None and limited is not None
    drawn = [f"M{n:02d}" for n in range(12) if f">M{n:02d}<" in everything[1]]
    assert drawn == [f"M{n:02d}" for n in range(12)]
    shown = [f"M{n:02d}" for n in range(12) if f">M{n:02d}<" in limited[1]]
    # M00..M02 are due on or before the last snapshot (2026-10-22): reached, left out
    assert shown == [f"M{n:02d}" for n in range(3, 3 + len(timechart.PALETTE))]


def test_a_project_with_few_milestones_shows_them_all_on_the_dashboard():
    few = [_point(p.day, dict(list(p.milestones.items())[:5])) for p in _plan()]
    assert trends.milestone_trend(few, limit=len(timechart.PALETTE)) == trends.milestone_trend(few)
