"""The markup of a chart of labelled bars (``tpmdocs.pages.bars``): no viewBox (its text is
never scaled), bars in shares of the width, labels cut to the narrowest width with the whole
label in a tooltip, and every document value escaped."""

from __future__ import annotations

import html
import itertools
import re

from tpmdocs import escape
from tpmdocs.pages import bars, svg

HOSTILE = '<script>alert(1)</script> & "quoted" \u202e reversed'


def _chart(*rows: bars.Bar) -> str:
    return bars.bar_chart("goals", "Goals", list(rows))


def test_the_chart_stretches_between_bounds_and_never_scales_its_text():
    chart = _chart(bars.Bar("G-1 A goal", 0.25, svg.COLOURS["done"], "25%", "tip", "tpm-goal-bar"))
    assert "viewBox" not in chart and 'width="100%"' in chart
    assert f"min-width:{bars.MIN_WIDTH}px;max-width:{bars.MAX_WIDTH}px" in chart
    assert 'x="0%" y="18" width="100%" height="14"' in chart  # the track, the whole width
    assert 'x="0%" y="18" width="25%" height="14"' in chart  # the filled quarter
    assert "\n\n" not in chart and chart.startswith('<figure class="tpm-chart tpm-bars tpm-goals">')


def test_a_long_label_is_cut_to_two_lines_and_shown_whole_in_a_tooltip():
    long = "G-2 " + "a goal with a title far longer than any narrow screen can show " * 2
    chart = _chart(bars.Bar(long, None, svg.COLOURS["done"], "", "tip", "tpm-goal-bar"))
    labels = [html.unescape(text) for text in re.findall(r'<text class="tpm-bar-label"[^>]*>([^<]*)</text>', chart)]
    assert len(labels) == 2 and labels[-1].endswith("…")
    assert all(len(label) <= bars.LABEL_CHARS for label in labels)
    assert f'<g class="tpm-bar-cut"><title>{escape.svg_text(long)}</title>' in chart
    assert "tpm-bar-note" not in chart and "tpm-goal-bar-done" not in chart  # no note, nothing filled


def test_a_label_on_two_lines_is_broken_near_its_middle_not_before_its_last_word():
    chart = _chart(bars.Bar("PAY-M2 Shadow traffic parity of 99.9%", 1, svg.COLOURS["done"], "", "tip", "tpm-bar"))
    labels = [html.unescape(text) for text in re.findall(r'<text class="tpm-bar-label"[^>]*>([^<]*)</text>', chart)]
    assert labels == ["PAY-M2 Shadow traffic", "parity of 99.9%"]
    one = _chart(bars.Bar("PAY-M3 Half of card volume live", 1, svg.COLOURS["done"], "", "tip", "tpm-bar"))
    assert one.count('class="tpm-bar-label"') == 1  # a label that fits one line keeps it


def test_rows_stack_without_overlapping():
    rows = [bars.Bar(f"M-{i} " + "word " * (i * 6), 0.5, svg.COLOURS["done"], "note" if i else "", "t", "row")
            for i in range(3)]
    chart = _chart(*rows)
    tops = [float(y) for y in re.findall(r'<rect x="0%" y="([0-9.]+)"', chart)[::2]]
    assert tops == sorted(tops) and all(b - a >= 30 for a, b in itertools.pairwise(tops))
    height = float(re.search(r'height="([0-9.]+)" style="min-width', chart).group(1))
    assert height > tops[-1] + bars.BAR_HEIGHT + 14  # the last note within the chart


def test_document_values_are_escaped_everywhere():
    chart = _chart(bars.Bar(HOSTILE, 0.5, svg.COLOURS["done"], HOSTILE, HOSTILE, "tpm-goal-bar"))
    assert "<script" not in chart and "\u202e" not in chart and "&#60;script&#62;" in chart
