"""Line charts over time, for the Trends page: dates along the bottom, values (numbers or
dates) up the side, one step line per series (a value holds until the next snapshot).

Built from :mod:`tpmdocs.pages.svg`'s pieces and held to its rules: no script, colours from
CSS variables with fallbacks that read in light and dark schemes, every text through
``escape.svg_text`` (by way of ``svg.text`` and ``<title>``), numbers formatted here. The
chart keeps a minimum width, so that on a phone it scrolls sideways rather than shrinking
its labels below reading size; its value axis is an SVG of its own that stays in view
while the plot scrolls (see :func:`figure`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

from .. import escape
from . import svg

T = TypeVar("T")

WIDTH, HEIGHT = 720.0, 300.0
LEFT, RIGHT, TOP, BOTTOM = 64.0, 118.0, 16.0, 40.0
MARKERS_UP_TO = 60  # points per series drawn as dots (each with its value as a tooltip)
#: Colours of series that have no meaning of their own (one per milestone), light and dark alike.
PALETTE = ("var(--tpm-series-1, #1e88e5)", "var(--tpm-series-2, #e53935)", "var(--tpm-series-3, #43a047)",
           "var(--tpm-series-4, #fb8c00)", "var(--tpm-series-5, #8e24aa)", "var(--tpm-series-6, #00acc1)",
           "var(--tpm-series-7, #c0ca33)", "var(--tpm-series-8, #6d4c41)")

Value = float  # a number, or a date as its ordinal


@dataclass(frozen=True)
class Series:
    """One line: its name (legend, tooltips), colour, and ``(day, value)`` points by day."""

    name: str
    colour: str
    points: Sequence[tuple[dt.date, Value]]
    dash: str = ""
    point_colours: Sequence[str] = ()  # a colour per point (default: the line's)
    to_end: bool = True  # the last value holds to the chart's last day (else the line stops there)


@dataclass(frozen=True)
class Scale:
    """A value axis: its range and how a value is written."""

    low: Value
    high: Value
    shown: Callable[[Value], str]
    ticks: Sequence[Value]


def number_scale(values: Sequence[float], unit: str = "") -> Scale:
    """From 0 to a round number above the largest value, ticks at round steps."""
    top = max([*values, 1.0])
    step = _round_step(top / 5)
    high = step * math.ceil(top / step)
    ticks = [step * i for i in range(round(high / step) + 1)]
    return Scale(0.0, high, lambda v: f"{v:,.0f}{unit}" if step >= 1 else f"{v:,.1f}{unit}", ticks)


def date_scale(days: Sequence[dt.date]) -> Scale:
    """From the first of the month of the earliest day to the first after the latest."""
    first, last = min(days), max(days)
    low = first.replace(day=1)
    high = _month_after(last)
    ticks = [day.toordinal() for day in _months(low, high)]
    return Scale(low.toordinal(), high.toordinal(), lambda v: dt.date.fromordinal(int(v)).strftime("%b %Y"),
                 _thin(ticks, 8))


def chart(kind: str, title: str, series: Sequence[Series], scale: Scale, first: dt.date, last: dt.date,
          labels_at_end: bool = False, diagonal: bool = False, legend: bool = True) -> str:
    """The figure: axes, grid, each series as a step line; ``labels_at_end`` writes each
    series' name where its line ends (else a legend on the right); ``diagonal`` (a scale of
    dates) draws where a value equals its day, the line a milestone trend ends on."""
    last = max(last, first + dt.timedelta(days=1))
    span = (last - first).days
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: dt.date) -> float:
        return LEFT + (day - first).days / span * plot_w

    def y(value: Value) -> float:
        share = (value - scale.low) / ((scale.high - scale.low) or 1.0)
        return TOP + plot_h - min(max(share, 0.0), 1.0) * plot_h

    parts = [*_grid(scale, y), *_day_axis(first, last, x)]
    low, high = max(first.toordinal(), int(scale.low)), min(last.toordinal(), int(scale.high))
    if diagonal and low < high:
        start, end = dt.date.fromordinal(low), dt.date.fromordinal(high)
        parts.append(svg.line(x(start), y(low), x(end), y(high), stroke=svg.COLOURS["todo"], dash="6 4",
                              width=1.5, css="tpm-diagonal"))
    for index, each in enumerate(series):
        parts += _line(each, x, y, last, scale)
        if labels_at_end and each.points:
            end_day, end_value = each.points[-1]
            at = WIDTH - RIGHT + 8 if each.to_end else x(end_day) + 8
            parts.append(svg.text(at, y(end_value) + 4, svg.shorten(each.name, 16), css="tpm-series-label"))
        elif legend:
            parts += _legend_row(index, each)
    return figure(kind, title, _value_labels(scale, y), parts)


def _line(each: Series, x: Callable[[dt.date], float], y: Callable[[Value], float], last: dt.date,
          scale: Scale) -> list[str]:
    if not each.points:
        return []
    start_day, start_value = each.points[0]
    path = [f"M{svg.n(x(start_day))},{svg.n(y(start_value))}"]
    for (_, before), (day, value) in pairwise(each.points):
        if value != before:  # a step where the value moved: days alike in between are one stroke
            path.append(f"H{svg.n(x(day))}V{svg.n(y(value))}")
    end_day, end_value = each.points[-1]
    if len(each.points) > 1 and end_value == each.points[-2][1]:
        path.append(f"H{svg.n(x(end_day))}")  # the line reaches its last point all the same
    if each.to_end:
        path.append(f"H{svg.n(x(last))}")
    dashes = f";stroke-dasharray:{each.dash}" if each.dash else ""
    parts = [(f'<path class="tpm-series" d="{"".join(path)}" style="fill:none;stroke:{each.colour};'
              f'stroke-width:2{dashes}"><title>{escape.svg_text(each.name)}</title></path>')]
    if len(each.points) <= MARKERS_UP_TO:
        colours = each.point_colours or [each.colour] * len(each.points)
        for (day, value), colour in zip(each.points, colours):
            tip = f"{each.name}: {scale.shown(value)} on {day.isoformat()}"
            parts.append(f'<circle class="tpm-point" cx="{svg.n(x(day))}" cy="{svg.n(y(value))}" r="3" '
                         f'style="fill:{colour}"><title>{escape.svg_text(tip)}</title></circle>')
    return parts


def _legend_row(index: int, each: Series) -> list[str]:
    top = TOP + 6 + index * 18
    return [svg.rect(WIDTH - RIGHT + 10, top, 12, 4, each.colour, rx=1),
            svg.text(WIDTH - RIGHT + 28, top + 6, svg.shorten(each.name, 13), css="tpm-legend")]


def figure(kind: str, title: str, axis: list[str], plot: list[str]) -> str:
    """The ``<figure>`` of a chart over time: two SVGs drawn in one ``WIDTH`` × ``HEIGHT``
    viewBox's coordinates and laid one over the other in a grid's one cell, so that they
    scale together: the plot (all of the chart but the value axis' labels) and the value axis
    (``axis``: the labels left of ``LEFT``, on the page's background), as wide as the plot's
    left margin. The pair shrinks with a narrower column down to the width at which its text
    reads ``svg.LEAST_TEXT_PX``; below that the figure scrolls sideways in its own box, its
    latest days shown first (``data-tpm-latest``), while the axis stays at its left edge
    (``position: sticky`` in tpmdocs.css), as the schedule's names do: a reader of a phone
    sees the scale the lines are drawn on. A screen reader meets one image, the plot (the axis
    is hidden from it: the figures are in the table under the chart). Without the stylesheet
    the axis is still drawn in place (the grid is set here), it only scrolls with the plot."""
    least = WIDTH * svg.LEAST_TEXT_PX / svg.FONT_PX
    look = "display:block;height:auto;color:inherit;font-family:inherit;font-size:12px"
    shared = f'xmlns="http://www.w3.org/2000/svg" style="grid-area:1/1;{look};'
    ground = "var(--md-default-bg-color, #fff)"
    background = svg.rect(0, 0, LEFT - 4, HEIGHT - BOTTOM + 5, ground, css="tpm-axis-ground", rx=0)
    # Under the axis, the days' strip: covered only while the plot is scrolled (tpmdocs.js sets
    # data-tpm-scrolled), so that a day scrolled under the axis does not show its tail there,
    # while the first day's label of a chart that fits is never covered.
    days_ground = (f'<rect class="tpm-axis-ground-days" x="0" y="{svg.n(HEIGHT - BOTTOM + 5)}" '
                   f'width="{svg.n(LEFT - 4)}" height="{svg.n(BOTTOM - 5)}" visibility="hidden" '
                   f'style="fill:{ground}"></rect>')
    return "\n".join([
        f'<figure class="tpm-chart tpm-{kind}" data-tpm-latest><div class="tpm-over-time" '
        f'style="display:grid;width:{svg.n(WIDTH)}px;max-width:100%;min-width:{svg.n(least)}px">',
        f'<svg class="tpm-value-axis" aria-hidden="true" {shared}justify-self:start;'
        f'width:{LEFT / WIDTH * 100:.4f}%;z-index:1" viewBox="0 0 {svg.n(LEFT)} {svg.n(HEIGHT)}">'
        f'<title>{escape.svg_text(f"{title}: value axis")}</title>',
        background, days_ground, *axis, "</svg>",
        f'<svg class="tpm-over-time-plot" role="img" {shared}width:100%" viewBox="0 0 {svg.n(WIDTH)} {svg.n(HEIGHT)}">'
        f"<title>{escape.svg_text(title)}</title>",
        *plot, "</svg></div></figure>"]) + "\n"


def _grid(scale: Scale, y: Callable[[Value], float]) -> list[str]:
    """A dashed line across the plot at each of the value axis' ticks."""
    return [svg.line(LEFT, y(tick), WIDTH - RIGHT, y(tick), dash="2 3", css="tpm-grid") for tick in scale.ticks]


def _value_labels(scale: Scale, y: Callable[[Value], float]) -> list[str]:
    """Each tick's value, right-aligned left of the plot, level with its gridline."""
    return [svg.text(LEFT - 6, y(tick) + 4, scale.shown(tick), anchor="end", css="tpm-tick") for tick in scale.ticks]


def _day_axis(first: dt.date, last: dt.date, x: Callable[[dt.date], float]) -> list[str]:
    span = (last - first).days
    if span <= 62:
        days = [first + dt.timedelta(days=d) for d in range(span + 1)]
        ticks = _thin([d for d in days if d.weekday() == 0] or [first], 7)
        label = "%d %b"
    else:
        ticks = _thin([d for d in _months(first, last) if first <= d <= last], 7)
        label = "%b %Y"
    parts = [svg.line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM)]
    for day in ticks:
        parts.append(svg.line(x(day), HEIGHT - BOTTOM, x(day), HEIGHT - BOTTOM + 4))
        parts.append(svg.text(x(day), HEIGHT - BOTTOM + 18, day.strftime(label), anchor="middle"))
    return parts


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = _month_after(day)
    return months


def _month_after(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _thin(ticks: Sequence[T], most: int) -> list[T]:
    step = max(1, math.ceil(len(ticks) / most))
    return list(ticks[::step])


def _round_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude
