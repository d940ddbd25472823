"""Inline SVG building blocks for the charts.

Charts are drawn at build time: they need no script and no CDN, print, carry a
``<title>`` for screen readers, and take their colours from CSS variables with
fallbacks (Material's palette when present, ``currentColor`` for text), so they
read in light and dark schemes. Every text from a document goes through
``escape.svg_text`` or ``escape.html_attr``; numbers are formatted here.
The figure is one block of raw HTML without blank lines, which Markdown
renderers pass through untouched.
"""

from __future__ import annotations

from .. import escape

#: Fill colours by meaning; CSS variables let a theme override them.
COLOURS = {
    "done": "var(--tpm-done, #43a047)",
    "in-progress": "var(--tpm-active, #1e88e5)",
    "todo": "var(--tpm-todo, #90a4ae)",
    "blocked": "var(--tpm-blocked, #e53935)",
    "cancelled": "var(--tpm-cancelled, #bdbdbd)",
    "late": "var(--tpm-late, #fb8c00)",
    "low": "var(--tpm-low, #66bb6a)",
    "medium": "var(--tpm-medium, #ffca28)",
    "high": "var(--tpm-high, #ef5350)",
    "accent": "var(--md-accent-fg-color, #526cfe)",
    "muted": "var(--md-default-fg-color--lightest, #8884)",
    "ink": "currentColor",
}


class Share(float):
    """A horizontal coordinate or width as a share (0 to 1) of its SVG's width, written as a
    percentage: a chart drawn in shares stretches with its container while its text, bar
    heights and markers keep their size (the schedule's bars fill the page's width)."""


def n(value: float) -> str:
    """A coordinate: at most one decimal (three of a percentage for a :class:`Share`), no
    trailing zeros."""
    if isinstance(value, Share):
        return f"{value * 100:.3f}".rstrip("0").rstrip(".") + "%"
    return f"{value:.1f}".rstrip("0").rstrip(".")


#: Charts are drawn with FONT_PX text; a chart drawn in a viewBox shrinks with a narrow
#: column, text included, down to LEAST_TEXT_PX at most: below that width it scrolls instead.
FONT_PX, LEAST_TEXT_PX = 12, 10


def figure(kind: str, width: float, height: float, title: object, parts: list[str], caption: object = None,
           min_width: float | None = None) -> str:
    """The ``<figure>`` around one chart drawn ``width`` × ``height`` px in a viewBox; ``title``
    and ``caption`` are plain text. It shrinks with a narrower column, down to ``min_width``
    (px) or the width at which its text reads LEAST_TEXT_PX, whichever is wider; narrower
    screens scroll the chart in its own box rather than shrink its text further (a chart
    over time has a figure of its own: ``timechart.figure``)."""
    least = f"min-width:{n(max(min_width or 0, width * LEAST_TEXT_PX / FONT_PX))}px;"
    head = (f'<figure class="tpm-chart tpm-{kind}"><svg xmlns="http://www.w3.org/2000/svg" '
            f'role="img" viewBox="0 0 {n(width)} {n(height)}" width="{n(width)}" '
            f'style="max-width:100%;{least}height:auto;color:inherit;font-family:inherit;font-size:12px">'
            f"<title>{escape.svg_text(title)}</title>")
    tail = "</svg>"
    if caption is not None:
        tail += f"<figcaption>{escape.md_text(caption)}</figcaption>"
    return "\n".join([head, *parts, tail + "</figure>"]) + "\n"


def rect(x: float, y: float, w: float, h: float, fill: str, tip: object = None, css: str = "",
         rx: float = 2) -> str:
    inner = f"<title>{escape.svg_text(tip)}</title>" if tip is not None else ""
    cls = f' class="{css}"' if css else ""
    return (f'<rect{cls} x="{n(x)}" y="{n(y)}" width="{n(max(w, 0))}" height="{n(max(h, 0))}" '
            f'rx="{n(rx)}" style="fill:{fill}">{inner}</rect>')


def text(x: float, y: float, content: object, anchor: str = "start", css: str = "",
         weight: str = "normal") -> str:
    cls = f' class="{css}"' if css else ""
    return (f'<text{cls} x="{n(x)}" y="{n(y)}" text-anchor="{anchor}" '
            f'style="fill:currentColor;font-weight:{weight}">{escape.svg_text(content)}</text>')


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = COLOURS["muted"], dash: str = "", width: float = 1,
         css: str = "", marker: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    dashes = f";stroke-dasharray:{dash}" if dash else ""
    end = f' marker-end="url(#{marker})"' if marker else ""
    return (f'<line{cls} x1="{n(x1)}" y1="{n(y1)}" x2="{n(x2)}" y2="{n(y2)}"{end} '
            f'style="stroke:{stroke};stroke-width:{n(width)}{dashes}"/>')


def diamond(cx: float, cy: float, r: float, fill: str, tip: object = None, css: str = "") -> str:
    inner = f"<title>{escape.svg_text(tip)}</title>" if tip is not None else ""
    cls = f' class="{css}"' if css else ""
    points = f"{n(cx)},{n(cy - r)} {n(cx + r)},{n(cy)} {n(cx)},{n(cy + r)} {n(cx - r)},{n(cy)}"
    return f'<polygon{cls} points="{points}" style="fill:{fill}">{inner}</polygon>'


def placed(x: Share, part: str) -> str:
    """``part``, drawn around x = 0, moved to ``x`` (a share of the width) without being
    stretched: a milestone's diamond on a chart that stretches."""
    return f'<svg class="tpm-placed" x="{n(x)}" width="1" height="1" overflow="visible">{part}</svg>'


def arrow_marker(marker_id: str) -> str:
    return (f'<defs><marker id="{marker_id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
            f'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
            f'style="fill:{COLOURS["ink"]}"/></marker></defs>')


def shorten(value: object, limit: int) -> str:
    """Plain text cut to ``limit`` characters (labels must fit their column)."""
    text_value = escape.plain(value)
    return text_value if len(text_value) <= limit else text_value[: limit - 1] + "…"


def wrap(text: str, width: int, count: int) -> list[str]:
    """``text`` in at most ``count`` lines of at most ``width`` characters, broken at spaces
    where it can be; the last line cut with an ellipsis when the text is longer."""
    lines, rest = _broken(text, width, count)
    if rest:
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def fits(text: str, width: int, count: int) -> bool:
    """Whether ``wrap`` shows all of ``text`` (nothing cut)."""
    return not _broken(text, width, count)[1]


def _broken(text: str, width: int, count: int) -> tuple[list[str], str]:
    """``text`` broken into at most ``count`` lines, and what is left over."""
    lines: list[str] = []
    rest = " ".join(text.split())
    while rest and len(lines) < count:
        if len(rest) <= width:
            lines.append(rest)
            rest = ""
            break
        cut = rest.rfind(" ", 0, width + 1)
        cut = cut if cut > width // 2 else width
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return lines, rest
