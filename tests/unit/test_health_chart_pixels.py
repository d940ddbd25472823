"""The health chart's levels (green, amber, red) sit on whole pixels: the series' 2 px line and
each level's dashed gridline draw crisp at 1,400 px, without a faint antialiased row beside them."""

from __future__ import annotations

import datetime as dt
import re

from tpmdocs.pages.trends import _health_chart


def test_every_level_and_the_series_on_it_sit_on_whole_pixels() -> None:
    reports: list[tuple[dt.date, object]] = [(dt.date(2026, 10, 19), "green"), (dt.date(2026, 11, 2), "amber"),
                                             (dt.date(2026, 11, 9), "red"), (dt.date(2026, 11, 16), "amber")]
    markup = _health_chart(reports)
    grid = [float(y) for y in re.findall(r'<line class="tpm-grid" x1="[\d.]+" y1="([\d.]+)"', markup)]
    series = re.search(r'<path class="tpm-series" d="([^"]+)"', markup)
    assert series is not None
    ys = [float(y) for y in re.findall(r"[MV][\d.]+,?([\d.]+)?", series.group(1)) if y]
    ys += [float(y) for y in re.findall(r"V([\d.]+)", series.group(1))]
    points = [float(y) for y in re.findall(r'<circle class="tpm-point" cx="[\d.]+" cy="([\d.]+)"', markup)]
    assert len(grid) == 3 and len(points) == 4, markup
    assert all(y == int(y) for y in grid + ys + points), (grid, ys, points)
    assert set(points) <= set(grid)
