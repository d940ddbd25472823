"""The schedule chart's markup: bars written in shares of the chart's width (so it stretches to
the page while its text keeps its size) above a least width in pixels, and a names column as
wide as the names need within bounds, a name cut only beyond them (whole in its tooltip)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tpmdocs.model import Document
from tpmdocs.pages import svg
from tpmdocs.pages.gantt import LINE_CHARS, MAX_LINE_CHARS, GanttRow, gantt, label_chars, label_width_px

TODAY = dt.date(2026, 11, 20)


def _row(name: str, title: str, start: str, finish: str) -> GanttRow:
    document = Document(path=Path(f"/p/{name}.md"), display=f"{name}.md", data={"id": name, "title": title},
                        locations={})
    span = (dt.date.fromisoformat(start), dt.date.fromisoformat(finish))
    return GanttRow(document, "task", "todo", span, span)


def _bars(chart: str) -> str:
    return chart[chart.index('<svg class="tpm-gantt-bars"'):chart.index("</div>")]


def test_the_bars_stretch_above_a_least_width_and_only_their_x_coordinates_are_shares():
    chart = gantt([_row("T-1", "Build it", "2026-11-23", "2026-12-18")], TODAY, "Schedule")
    bars = _bars(chart)
    head = bars[:bars.index(">")]
    assert 'width="100%"' in head and "viewBox" not in head and "min-width:" in head
    least = float(re.search(r"min-width:([0-9.]+)px", head).group(1))
    names = float(re.search(r'class="tpm-gantt-labels"[^>]* width="([0-9.]+)"', chart).group(1))
    assert f"min-width:{svg.n(names + least)}px" in chart[:chart.index("<svg")]  # the figure scrolls below it
    bar = re.search(r'<rect class="tpm-bar" x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)"', bars)
    assert bar.group(1).endswith("%") and bar.group(3).endswith("%")  # along the time axis: shares
    assert not bar.group(2).endswith("%") and not bar.group(4).endswith("%")  # across it: pixels
    assert all(x.endswith("%") for x in re.findall(r'<text[^>]* x="([^"]+)"', bars))


def test_a_milestone_keeps_its_shape_and_a_driving_link_is_drawn_in_lines():
    document = Document(path=Path("/p/m.md"), display="m.md", data={"id": "M-1", "title": "Live"}, locations={})
    first = _row("T-1", "Build it", "2026-11-23", "2026-12-04")
    second = _row("T-2", "Ship it", "2026-12-07", "2026-12-11")
    second = GanttRow(second.document, "task", "todo", second.plan, second.forecast, driving=True,
                      driven_by=(first.document,))
    milestone = GanttRow(document, "milestone", "done", (dt.date(2026, 12, 18),) * 2, (dt.date(2026, 12, 11),) * 2)
    bars = _bars(gantt([first, second, milestone], TODAY, "Schedule"))
    placed = re.findall(r'<svg class="tpm-placed" x="([^"]+)"[^>]*overflow="visible"><polygon[^>]* points="([^"]+)"',
                        bars)
    assert len(placed) == 2 and all(x.endswith("%") for x, _ in placed)
    middle = 40 + 2 * 32 + 16  # the third row's
    assert all(points == f"0,{middle - 7} 7,{middle} 0,{middle + 7} -7,{middle}" for _, points in placed)  # in px
    link = re.search(r'<g class="tpm-dependency tpm-driving-link">(.*?)</g>', bars).group(1)
    assert link.count("<line") == 3 and link.count('marker-end="url(#tpm-arrow)"') == 1


def test_the_names_column_widens_until_every_name_fits_on_two_lines():
    short = [_row("T-1", "Build it", "2026-11-23", "2026-12-18")]
    assert label_chars(short) == LINE_CHARS and label_width_px(LINE_CHARS) == 236
    title = "Migrate recurring mandates and stored-credential agreements"  # 67 characters with its id
    assert not svg.fits(f"PAY-T17 {title}", 33, 2)
    assert label_chars([_row("PAY-T17", title, "2026-11-23", "2026-12-18")]) == 34
    chart = gantt([_row("PAY-T17", title, "2026-11-23", "2026-12-18")], TODAY, "Schedule")
    labels = re.findall(r'class="tpm-gantt-label"[^>]*>([^<]*)<', chart)
    assert labels == ["PAY&#45;T17 Migrate recurring mandates", "and stored&#45;credential agreements"]
    assert "tpm-gantt-cut" not in chart and "…" not in chart


def test_a_name_too_long_for_the_widest_column_is_cut_and_whole_in_its_tooltip():
    title = "A " + "very " * 30 + "long title"
    chart = gantt([_row("T-1", title, "2026-11-23", "2026-12-18")], TODAY, "Schedule")
    assert f'width="{svg.n(label_width_px(MAX_LINE_CHARS))}"' in chart
    cut = re.search(r"<g class=\"tpm-gantt-cut\"><title>([^<]*)</title>(.*?)</g>", chart, re.S)
    assert cut.group(1) == "T&#45;1 " + title and cut.group(2).count("<text") == 2 and "…" in cut.group(2)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab -", min_size=1, max_size=100), min_size=1, max_size=5))
def test_the_names_column_is_the_fewest_characters_in_which_every_name_fits(titles):
    """Tried name by name from the width the names before needed (a name that fits fits in
    any wider line): the same as trying every width for every name."""
    rows = [_row(f"T-{n}", title, "2026-11-23", "2026-12-18") for n, title in enumerate(titles)]
    names = [f"T-{n} {title}" for n, title in enumerate(titles)]
    fewest = next((chars for chars in range(LINE_CHARS, MAX_LINE_CHARS)
                   if all(svg.fits(name, chars, 2) for name in names)), MAX_LINE_CHARS)
    assert label_chars(rows) == fewest
