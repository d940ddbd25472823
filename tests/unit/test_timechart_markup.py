"""A chart over time's markup: two SVGs in one grid cell, the value axis (its labels, on the
page's background, as wide as the plot's left margin) over the plot (the rest), drawn in the
same viewBox coordinates so that they scale together and each label stays level with its
gridline; every text from a document escaped once."""

from __future__ import annotations

import datetime as dt
import random
import re
from html.parser import HTMLParser
from itertools import pairwise

import pytest

from tpmdocs.pages import timechart
from tpmdocs.pages.timechart import HEIGHT, LEFT, WIDTH, Series

FIRST, LAST = dt.date(2026, 9, 1), dt.date(2026, 11, 20)


class _Parts(HTMLParser):
    """Each top-level SVG's class, attributes, and the tags (with attributes) and text in it."""

    def __init__(self) -> None:
        super().__init__()
        self.svgs: list[dict] = []
        self.figures: list[dict[str, str | None]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "figure":
            self.figures.append(dict(attrs))
        if tag == "svg":
            self.depth += 1
            if self.depth == 1:
                self.svgs.append({"attrs": dict(attrs), "tags": [], "text": []})
                return
        if self.depth:
            self.svgs[-1]["tags"].append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.svgs[-1]["text"].append(data)


def _parts(figure: str) -> _Parts:
    parser = _Parts()
    parser.feed(figure)
    return parser


def _burnup(name: str = "Scope", title: str = "Burn-up") -> str:
    points = [(FIRST, 10.0), (dt.date(2026, 10, 1), 140.0), (LAST, 160.0)]
    series = [Series(name, timechart.PALETTE[0], points)]
    return timechart.chart("burnup", title, series, timechart.number_scale([160.0], " d"), FIRST, LAST)


def test_the_value_axis_is_an_svg_of_its_own_over_the_plots_left_margin_in_the_same_coordinates():
    chart = _burnup()
    parts = _parts(chart)
    assert [f.get("class") for f in parts.figures] == ["tpm-chart tpm-burnup"]
    assert "data-tpm-latest" in parts.figures[0]  # the page's script shows its latest days first
    axis, plot = parts.svgs
    assert axis["attrs"]["class"] == "tpm-value-axis" and plot["attrs"]["class"] == "tpm-over-time-plot"
    # one image for a screen reader: the plot; the axis, whose figures the table under it holds, hidden
    assert plot["attrs"]["role"] == "img" and axis["attrs"].get("aria-hidden") == "true" and "role" not in axis["attrs"]
    assert axis["attrs"]["viewbox"] == f"0 0 {LEFT:g} {HEIGHT:g}"
    assert plot["attrs"]["viewbox"] == f"0 0 {WIDTH:g} {HEIGHT:g}"
    share = float(re.search(r"width:([0-9.]+)%", axis["attrs"]["style"]).group(1))
    assert abs(share - LEFT / WIDTH * 100) < 1e-3  # as wide a share of the grid as its viewBox of the plot's
    for each in (axis, plot):
        assert "grid-area:1/1" in each["attrs"]["style"] and "height:auto" in each["attrs"]["style"]
    wrapper = chart[chart.index('<div class="tpm-over-time"'):chart.index("<svg")]
    assert "display:grid" in wrapper and f"width:{WIDTH:g}px" in wrapper and "min-width:600px" in wrapper


def test_each_value_label_is_in_the_axis_level_with_its_gridline_in_the_plot():
    axis, plot = _parts(_burnup()).svgs
    labels = [a for tag, a in axis["tags"] if tag == "text"]
    grid = [a for tag, a in plot["tags"] if tag == "line" and a.get("class") == "tpm-grid"]
    assert len(labels) == len(grid) >= 3
    assert all(a.get("class") == "tpm-tick" and a["text-anchor"] == "end" for a in labels)
    assert [float(a["y"]) - 4 for a in labels] == [float(a["y1"]) for a in grid]
    assert all(float(a["x"]) < LEFT for a in labels) and all(float(a["x1"]) == LEFT for a in grid)
    assert not [a for tag, a in plot["tags"] if tag == "text" and a.get("text-anchor") == "end"]
    ground = [a for tag, a in axis["tags"] if tag == "rect"]
    assert ground and "--md-default-bg-color" in ground[0]["style"]  # hides the plot scrolled under it
    assert float(ground[0]["width"]) < LEFT - 3  # a dot on the first day (r = 3) is not hidden


def test_a_hostile_title_and_series_name_are_escaped_in_both_svgs():
    chart = _burnup(name='<script>alert(1)</script>"', title="Burn-up </title><script>x</script>")
    assert "<script>" not in chart and "</title><script>" not in chart
    axis, plot = _parts(chart).svgs
    assert "Burn-up </title><script>x</script>: value axis" in "".join(axis["text"])
    assert '<script>alert(1)</script>"' in "".join(plot["text"])


def _corners(d: str) -> list[tuple[float, float]]:
    """The corners a step line's path ``d`` (``M x,y`` then ``H x`` and ``V y`` moves) turns at,
    with its ends: points on the way that do not turn it dropped."""
    x = y = 0.0
    points: list[tuple[float, float]] = []
    for command, number in re.findall(r"([MHV])([-\d.,]+)", d):
        if command == "M":
            x, y = (float(each) for each in number.split(","))
        elif command == "H":
            x = float(number)
        else:
            y = float(number)
        if points and points[-1] == (x, y):
            continue
        if len(points) >= 2 and (points[-2][0] == points[-1][0] == x or points[-2][1] == points[-1][1] == y):
            points[-1] = (x, y)  # on along the same straight stroke
        else:
            points.append((x, y))
    return points


@pytest.mark.parametrize("seed", range(40))
def test_a_step_line_goes_through_every_day_though_days_alike_are_one_stroke(seed):
    """Days whose value did not move are left out of the path (a history of 1,000 days has
    few steps), and the line drawn is the one through every day's dot."""
    chooser = random.Random(seed)
    days = sorted(chooser.sample(range((LAST - FIRST).days + 1), chooser.randint(1, timechart.MARKERS_UP_TO)))
    values = [float(chooser.choice([2, 2, 2, 5, 9])) for _ in days]
    points = [(FIRST + dt.timedelta(days=day), value) for day, value in zip(days, values)]
    to_end = chooser.random() < 0.5
    figure = timechart.chart("burnup", "t", [Series("s", "#000", points, to_end=to_end)],
                             timechart.number_scale([*values, 0.0]), FIRST, LAST)
    drawn = re.search(r'class="tpm-series" d="([^"]+)"', figure).group(1)
    dots = re.findall(r'class="tpm-point" cx="([-\d.]+)" cy="([-\d.]+)"', figure)
    assert len(dots) == len(points)
    through_every_day = f"M{dots[0][0]},{dots[0][1]}" + "".join(f"H{cx}V{cy}" for cx, cy in dots[1:])
    if to_end:
        chart_end = re.search(r"H([-\d.]+)$", drawn).group(1)
        assert float(chart_end) >= float(dots[-1][0])
        through_every_day += f"H{chart_end}"
    assert _corners(drawn) == _corners(through_every_day)
    assert drawn.count("V") == sum(1 for before, value in pairwise(values) if value != before)
