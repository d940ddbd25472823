"""The schedule chart: each task's plan and forecast, float, the driving path, milestones'
due and forecast, and today.

Two SVGs side by side in one figure: the names (a column of their own, as wide as the
longest name needs within bounds, which stays in view while the bars scroll sideways on a
wide screen) and the bars. The bars are laid out in pixels at the chart's least width and
written in shares of its width (``svg.Share``), so they stretch to fill the page's width
while text keeps its size; below that least width (a long schedule, a phone) the chart
scrolls within its figure instead of shrinking into illegible bars. Every text from a
document goes through ``svg.text`` / ``svg.shorten`` or a ``<title>`` tip
(``escape.svg_text``); numbers are formatted here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import escape
from ..model import Document
from . import svg

#: The names' column: two lines of LINE_CHARS to MAX_LINE_CHARS characters, as few as let
#: every name fit uncut (about 6.6 px a character at 12 px, CHAR_PX with room for a wider
#: fallback font); a longer name is cut with an ellipsis and shown whole in its tooltip.
LINE_CHARS, MAX_LINE_CHARS, CHAR_PX = 32, 46, 7.2
ROW, TOP, BOTTOM = 32, 40, 8
#: The time axis at the chart's least width: the whole schedule in FIT_WIDTH px when that gives
#: at least MIN_PER_DAY px a day (a year or so: it fits a page beside the names), else
#: MIN_PER_DAY and a sideways scroll. A wider page stretches it (see ``Scale.at``).
FIT_WIDTH, MIN_PER_DAY, MAX_PER_DAY, MAX_CHART = 380.0, 1.0, 6.0, 8000.0
LEFT, RIGHT = 10, 60  # room left of the first day, and right of the last for an id
BAR_MIDDLE = 18  # the middle of a forecast bar, from the top of its row
ID_CHARS = 7.2  # the width of a character of an id label at 11 px, generously
MAX_ROWS = 150  # beyond this a chart stops being readable; the tables list everything
DRIVING = "var(--tpm-driving, #d81b60)"
ONE_DAY = dt.timedelta(days=1)
LEGEND = ("Pale bar: the plan (start to due). Solid bar: the forecast; outlined: on a driving path. "
          "Line after a bar: float (red: negative float, it makes a milestone late). "
          "Hollow diamond: a milestone's due; solid diamond: its forecast.")


@dataclass(frozen=True)
class GanttRow:
    """One line of the chart: a task (``summary`` when it has tasks under it) or a milestone."""

    document: Document
    kind: str  # "task", "summary" or "milestone"
    state: str  # a colour of svg.COLOURS: the status, or "late"
    plan: tuple[dt.date, dt.date] | None  # start .. due (a milestone: its due, twice)
    forecast: tuple[dt.date, dt.date] | None  # forecast start .. finish (a milestone: its forecast)
    late_finish: dt.date | None = None
    float_days: int | None = None
    driving: bool = False
    driven_by: tuple[Document, ...] = ()  # on a driving path: the tasks whose finish set its start

    @property
    def dates(self) -> list[dt.date]:
        found = [*(self.plan or ()), *(self.forecast or ())]
        return found + ([self.late_finish] if self.late_finish else [])


class Scale:
    """Days to x coordinates in the bars' SVG at its least width (``width`` px): ``x(day)`` is
    where the day begins. The axis starts at ``since`` (earlier days are cut off) or the first
    day drawn. Whatever fits at the least width (an id beside its bar, a month's label) fits
    on a wider chart too, where the same shares are more pixels and text is no wider."""

    def __init__(self, rows: list[GanttRow], today: dt.date, since: dt.date | None = None) -> None:
        days = [day for row in rows for day in row.dates] + [today]
        self.first, last = since or min(days), max(days) + ONE_DAY
        span = max((last - self.first).days, 1)
        self.per_day = min(max(min(FIT_WIDTH / span, MAX_PER_DAY), MIN_PER_DAY), MAX_CHART / span)
        self.width = LEFT + span * self.per_day + RIGHT
        self.last = last

    def x(self, day: dt.date) -> float:
        return LEFT + max((day - self.first).days, 0) * self.per_day

    def at(self, px: float) -> svg.Share:
        """``px`` at the least width as a share of the chart's width, as the SVG is written."""
        return svg.Share(px / self.width)

    def end(self, day: dt.date) -> float:
        """Where ``day`` ends (a bar that finishes on it reaches here)."""
        return self.x(day) + self.per_day


def gantt(rows: list[GanttRow], today: dt.date, title: str, since: dt.date | None = None,
          note: str = "") -> str:
    """The chart's figure (one raw HTML block, no blank line), with a legend and ``note`` under
    it; the time axis starts at ``since`` when given (what began before is cut at the edge)."""
    drawn = rows[:MAX_ROWS]
    scale = Scale(drawn, today, since)
    height = TOP + len(drawn) * ROW + BOTTOM
    chars = label_chars(drawn)
    label_width = label_width_px(chars)
    labels = [_stripes(drawn, label_width)]
    bars = [svg.arrow_marker("tpm-arrow"), _stripes(drawn, svg.Share(1)), *_months(scale, height)]
    where: dict[int, tuple[float, float, float]] = {}
    for index, row in enumerate(drawn):
        y = TOP + index * ROW
        labels.extend(_label(row, y, chars))
        bars.extend(_milestone(row, scale, y) if row.kind == "milestone" else _task(row, scale, y))
        if row.kind == "task" and row.forecast:
            where[id(row.document)] = (scale.x(row.forecast[0]), scale.end(row.forecast[1]), y + BAR_MIDDLE)
    bars.extend(_today(scale, today, height))
    caption = LEGEND + ("" if len(rows) <= MAX_ROWS else f" The first {MAX_ROWS} of {len(rows)} are drawn.")
    caption += f" {note}" if note else ""
    return (f'<figure class="tpm-chart tpm-timeline"><div class="tpm-gantt" '
            f'style="display:flex;min-width:{svg.n(label_width + scale.width)}px">\n'
            + _svg("tpm-gantt-labels", label_width, height, f"{title}: names", labels) + "\n"
            + _stretching_svg("tpm-gantt-bars", scale.width, height, f"{title}: plan, forecast and float over time",
                              bars + _driving_links(drawn, where, scale)) + "\n"
            + f"</div><figcaption>{escape.md_text(caption)}</figcaption></figure>\n")


def _name(row: GanttRow) -> str:
    return f"{row.document.id or '?'} {escape.plain(row.document.title)}"


def label_chars(rows: list[GanttRow]) -> int:
    """The fewest characters a line (LINE_CHARS to MAX_LINE_CHARS) in which every row's name
    fits on two lines uncut."""
    chars = LINE_CHARS
    for row in rows:  # a name that fits fits in any wider line too: each is tried from here up
        name = _name(row)
        while chars < MAX_LINE_CHARS and not svg.fits(name, chars, 2):
            chars += 1
    return chars


def label_width_px(chars: int) -> float:
    """The names' column for lines of ``chars`` characters (236 px for 32)."""
    return round(chars * CHAR_PX + 6)


def _label(row: GanttRow, y: float, chars: int) -> list[str]:
    """The id and title on at most two lines, broken between words, cut with an ellipsis (the
    whole name then in a tooltip)."""
    name = _name(row)
    lines = svg.wrap(name, chars, 2)
    weight = "bold" if row.driving else "normal"
    texts = [svg.text(4, y + 13 + 13 * n, line, css="tpm-gantt-label", weight=weight) for n, line in enumerate(lines)]
    if svg.fits(name, chars, 2):
        return texts
    return [f'<g class="tpm-gantt-cut"><title>{escape.svg_text(name)}</title>', *texts, "</g>"]


def _svg(css: str, width: float, height: float, title: str, parts: list[str]) -> str:
    head = (f'<svg class="{css}" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'viewBox="0 0 {svg.n(width)} {svg.n(height)}" width="{svg.n(width)}" height="{svg.n(height)}" '
            f'style="color:inherit;font-family:inherit;font-size:12px"><title>{escape.svg_text(title)}</title>')
    return "\n".join([head, *parts, "</svg>"])


def _stretching_svg(css: str, width: float, height: float, title: str, parts: list[str]) -> str:
    """An SVG as wide as its container allows, at least ``width`` px, drawn in shares of its
    width (no viewBox: its text is never scaled)."""
    head = (f'<svg class="{css}" xmlns="http://www.w3.org/2000/svg" role="img" width="100%" height="{svg.n(height)}" '
            f'style="flex:1 1 0;min-width:{svg.n(width)}px;color:inherit;font-family:inherit;font-size:12px">'
            f'<title>{escape.svg_text(title)}</title>')
    return "\n".join([head, *parts, "</svg>"])


def _stripes(rows: list[GanttRow], width: float) -> str:
    return "\n".join(svg.rect(0, TOP + index * ROW, width, ROW, svg.COLOURS["muted"], css="tpm-stripe", rx=0)
                     for index in range(1, len(rows), 2))


def _months(scale: Scale, height: float) -> list[str]:
    """A tick and a label at the first of every month (every few months on a long chart)."""
    ticks, day = [], scale.first.replace(day=1)
    months = (scale.last.year - scale.first.year) * 12 + scale.last.month - scale.first.month + 1
    step = max(1, round(months * 80 / (scale.width - LEFT - RIGHT))) if months > 1 else 1
    for _ in range(0, months + 1, step):
        if scale.first <= day <= scale.last and scale.x(day) + 60 <= scale.width:
            ticks.append(svg.line(scale.at(scale.x(day)), TOP - 14, scale.at(scale.x(day)), height - BOTTOM,
                                  dash="2 3"))
            ticks.append(svg.text(scale.at(scale.x(day) + 3), TOP - 4, day.strftime("%b %Y")))
        month = day.month - 1 + step
        if day.year + month // 12 > dt.MAXYEAR:
            break
        day = dt.date(day.year + month // 12, month % 12 + 1, 1)
    return ticks


def _bar(scale: Scale, span: tuple[dt.date, dt.date], top: float, height: float, fill: str, tip: str,
         css: str, stroke: str = "", style: str = "") -> list[str]:
    """A bar from the start of the span's first day to the end of its last (none when it ends
    before the axis begins; cut at the axis when it begins before)."""
    if span[1] < scale.first:
        return []
    left, right = scale.x(span[0]), scale.end(span[1])
    drawn = svg.rect(scale.at(left), top, scale.at(max(right - left, 3)), height, fill, tip, css=css)
    style += f"stroke:{stroke};stroke-width:2;" if stroke else ""
    return [drawn.replace('style="', f'style="{style}', 1)]


def _task(row: GanttRow, scale: Scale, y: float) -> list[str]:
    colour, title = svg.COLOURS[row.state], row.document.title
    if row.kind == "summary" and row.plan:
        return _bar(scale, row.plan, y + 14, 4, svg.COLOURS["ink"], f"{title}: {_span(row.plan)} (summary)",
                    "tpm-summary", style="opacity:.55;")
    if row.forecast is None:  # done or cancelled: what was planned, in its status's colour
        if row.plan is None:
            return []
        return _bar(scale, row.plan, y + 9, 14, colour, f"{title}: {_span(row.plan)}, {row.state}",
                    "tpm-bar") + _id_label(row, scale, row.plan, y)
    parts = []
    if row.plan:
        parts += _bar(scale, row.plan, y + 4, 6, colour, f"{title}: planned {_span(row.plan)}", "tpm-plan",
                      style="opacity:.45;")
    tip = f"{title}: forecast {_span(row.forecast)}" + (", on a driving path" if row.driving else "")
    parts += _bar(scale, row.forecast, y + 12, 12, colour, tip, "tpm-bar tpm-driving" if row.driving else "tpm-bar",
                  DRIVING if row.driving else "")
    parts += _float(row, scale, y + BAR_MIDDLE)
    return parts + _id_label(row, scale, row.forecast, y, reach=row.late_finish)


def _float(row: GanttRow, scale: Scale, middle: float) -> list[str]:
    if row.late_finish is None or row.float_days is None or row.forecast is None or row.float_days == 0:
        return []
    finish, late = scale.end(row.forecast[1]), scale.end(row.late_finish)
    days = f"{row.float_days} working day{'s' if abs(row.float_days) != 1 else ''}"
    if row.float_days > 0:
        return [svg.rect(scale.at(finish), middle - 1, scale.at(late - finish), 2, svg.COLOURS["todo"],
                         f"{row.document.title}: float {days}, late finish {row.late_finish}", css="tpm-float")]
    return [svg.rect(scale.at(late), middle + 6, scale.at(finish - late), 3, svg.COLOURS["blocked"],
                     f"{row.document.title}: float {days}: it must finish by {row.late_finish}",
                     css="tpm-float tpm-float-negative", rx=0)]


def _milestone(row: GanttRow, scale: Scale, y: float) -> list[str]:
    middle, title = y + ROW / 2, row.document.title
    parts = []
    if row.plan and row.forecast:
        left, right = sorted((_centre(scale, row.plan[0]), _centre(scale, row.forecast[0])))
        parts.append(svg.line(scale.at(left), middle, scale.at(right), middle, stroke=svg.COLOURS[row.state], width=2,
                              css="tpm-slip"))
    if row.plan:
        due = svg.diamond(0, middle, 7, "none", f"Milestone {title}: due {row.plan[0]}", css="tpm-milestone tpm-due")
        parts.append(svg.placed(scale.at(_centre(scale, row.plan[0])),
                                due.replace('style="', 'style="stroke:currentColor;stroke-width:1.5;', 1)))
    if row.forecast:
        parts.append(svg.placed(scale.at(_centre(scale, row.forecast[0])),
                                svg.diamond(0, middle, 7, svg.COLOURS[row.state],
                                            f"Milestone {title}: forecast {row.forecast[0]}",
                                            css="tpm-milestone tpm-forecast")))
    spans = [span for span in (row.plan, row.forecast) if span]
    latest = max(span[1] for span in spans)
    return parts + _id_label(row, scale, (latest, latest), y, extra=5)


def _centre(scale: Scale, day: dt.date) -> float:
    return scale.x(day) + scale.per_day / 2


def _id_label(row: GanttRow, scale: Scale, span: tuple[dt.date, dt.date] | None, y: float,
              reach: dt.date | None = None, extra: float = 0) -> list[str]:
    """The id beside the bar (after it, or before it when the chart ends first), so a row can
    be told on a narrow screen where the names have scrolled away."""
    if span is None:
        return []
    text = svg.shorten(row.document.id or "?", 24)
    width = len(text) * ID_CHARS
    after = max(scale.end(span[1]), scale.end(reach) if reach else 0) + 4 + extra
    if after + width <= scale.width:
        return [svg.text(scale.at(after), y + BAR_MIDDLE + 4, text, css="tpm-gantt-id")]
    before = scale.x(span[0]) - 4 - extra
    if before - width < 0:
        return []
    return [svg.text(scale.at(before), y + BAR_MIDDLE + 4, text, anchor="end", css="tpm-gantt-id")]


def _today(scale: Scale, today: dt.date, height: float) -> list[str]:
    x = scale.x(today)
    label = f"today {today.isoformat()}"
    half = len(label) * 3.6
    return [svg.line(scale.at(x), TOP - 24, scale.at(x), height - BOTTOM, stroke=svg.COLOURS["blocked"], dash="4 3",
                     width=1.5, css="tpm-today"),
            svg.text(scale.at(min(max(x, half + 2), scale.width - half - 2)), TOP - 28, label, anchor="middle")]


def _driving_links(rows: list[GanttRow], where: dict[int, tuple[float, float, float]], scale: Scale) -> list[str]:
    """An elbow arrow along each link of a driving path: from the end of the task whose finish
    set the next one's start, down to that one's start (three lines: a path cannot be drawn in
    shares of the width)."""
    arrows = []
    for row in rows:
        if id(row.document) not in where:
            continue
        x2, _, y2 = where[id(row.document)]
        for before in row.driven_by:
            if id(before) in where:
                _, x1, y1 = where[id(before)]
                bend = scale.at(max(x1, x2) + 4)
                arrows.append('<g class="tpm-dependency tpm-driving-link">'
                              + svg.line(scale.at(x1), y1, bend, y1, stroke=DRIVING, width=1.5)
                              + svg.line(bend, y1, bend, y2, stroke=DRIVING, width=1.5)
                              + svg.line(bend, y2, scale.at(x2 + 1), y2, stroke=DRIVING, width=1.5, marker="tpm-arrow")
                              + "</g>")
    return arrows


def _span(span: tuple[dt.date, dt.date]) -> str:
    return span[0].isoformat() if span[0] == span[1] else f"{span[0]} to {span[1]}"
