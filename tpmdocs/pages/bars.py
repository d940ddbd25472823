"""Charts of labelled bars (a bar per milestone, goal or owner), drawn to stay legible at
every width.

Each row is its label in bold (up to two lines, cut with an ellipsis and shown whole in a
tooltip), under it the bar, under that an optional note. The SVG has no viewBox: it takes
the column's width between MIN_WIDTH and MAX_WIDTH px, its bars are written in shares of
that width (``svg.Share``) and its text in pixels, so text is never scaled. Labels are cut
to fit the narrowest width, and nothing sits beside a bar where it could collide with it on
a phone. Below MIN_WIDTH the figure scrolls in its own box (``.tpm-chart``); a wide page does
not stretch the bars beyond MAX_WIDTH, far from their labels. Every text from a document goes
through ``svg.text`` or ``escape.svg_text``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import escape
from . import svg

#: The chart's width bounds (px): the narrowest phone's column (320 px less the page's
#: margins) and a width at which a bar still reads with its label.
MIN_WIDTH, MAX_WIDTH = 280, 720
#: A label line: LABEL_CHARS bold characters fit MIN_WIDTH (about 7.6 px each at 12 px in a
#: wide fallback font such as DejaVu Sans).
LABEL_CHARS, LABEL_LINES = 36, 2
LINE, BAR_HEIGHT, GAP = 15, 14, 12  # a line of text, a bar, the room between rows (px)


@dataclass(frozen=True)
class Bar:
    """One row: ``label`` and ``note`` are plain text (``note`` "": none), ``share`` the part
    filled (0–1, None: none), ``tip`` the bar's tooltip, ``css`` the class of the row's group
    (``data``: extra attributes, already escaped), ``track``: draw the whole bar's length
    under the filled part (a share of something; off for lengths relative to the longest)."""

    label: object
    share: float | None
    fill: str
    note: object
    tip: object
    css: str
    data: str = ""
    track: bool = True


def bar_chart(kind: str, title: object, bars: list[Bar]) -> str:
    """The ``<figure>`` of a chart of ``bars`` (one raw HTML block, no blank line)."""
    parts, y = [], 0.0
    for bar in bars:
        drawn, height = _row(bar, y)
        parts.append(drawn)
        y += height
    head = (f'<figure class="tpm-chart tpm-bars tpm-{kind}"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
            f'width="100%" height="{svg.n(y)}" style="min-width:{MIN_WIDTH}px;max-width:{MAX_WIDTH}px;'
            f'color:inherit;font-family:inherit;font-size:12px"><title>{escape.svg_text(title)}</title>')
    return "\n".join([head, *parts, "</svg></figure>"]) + "\n"


def _row(bar: Bar, y: float) -> tuple[str, float]:
    """A row's markup drawn from ``y`` down, and its height."""
    label = escape.plain(bar.label)
    lines = svg.wrap(label, _line_chars(label), LABEL_LINES)
    texts = "".join(svg.text(0, y + 12 + LINE * index, line, css="tpm-bar-label", weight="bold")
                    for index, line in enumerate(lines))
    if not svg.fits(label, LABEL_CHARS, LABEL_LINES):
        texts = f'<g class="tpm-bar-cut"><title>{escape.svg_text(label)}</title>{texts}</g>'
    top = y + LINE * len(lines) + 3
    parts = [f'<g class="{bar.css}"{bar.data}>', texts]
    if bar.track:
        parts.append(svg.rect(svg.Share(0), top, svg.Share(1), BAR_HEIGHT, svg.COLOURS["muted"], bar.tip))
    if bar.share:
        filled = svg.Share(min(max(bar.share, 0.004), 1))  # a sliver at least: there is something
        parts.append(svg.rect(svg.Share(0), top, filled, BAR_HEIGHT, bar.fill, bar.tip, css=f"{bar.css}-done"))
    bottom = top + BAR_HEIGHT
    note = escape.plain(bar.note)
    if note:
        parts.append(svg.text(0, bottom + 14, note, css="tpm-bar-note"))
        bottom += 18
    return "".join(parts) + "</g>", bottom + GAP - y


def _line_chars(label: str) -> int:
    """The shortest line (up to LABEL_CHARS characters) on which ``label`` still fits on
    LABEL_LINES lines: a label that needs two lines gets two of about even length rather than a
    full one and a last word alone."""
    if len(label) > LABEL_CHARS:
        for chars in range((len(label) + LABEL_LINES - 1) // LABEL_LINES, LABEL_CHARS):
            if svg.fits(label, chars, LABEL_LINES):
                return chars
    return LABEL_CHARS
