"""The risk register: a 5×5 probability × impact heat map with the risks in their cells,
and the register itself sorted by score."""

from __future__ import annotations

from .. import escape, figures
from ..graph import Project
from ..model import Document
from . import svg
from .context import PageContext
from .markdown import badge, cell_date, heading, page_menu, table

CELL, LEFT, TOP = 72, 44, 24  # 414 px wide: at 10 px text it fits a phone's column (345 px)
ID_CHARS = 9  # of an id written in a cell (bold 12 px); the whole id is in the cell's tooltip
PER_CELL = 3  # ids written in a cell; more are counted


def render(ctx: PageContext, project: Project, here: str) -> str:
    risks = figures.risks_by_score(project.of_type("risk"))
    live = [r for r in risks if r.get("status") != "closed"]
    return "\n".join([heading("Risk register", project.charter.title), page_menu(ctx, "risks"),
                      "## Heat map\n", heat_map(live, ctx.risk_threshold),
                      "## Register\n", _register(ctx, risks, here)])


def _band(score: int, threshold: int) -> str:
    if score >= threshold:
        return "high"
    return "medium" if score * 2 >= threshold else "low"


def heat_map(risks: list[Document], threshold: int) -> str:
    """The heat map: impact left to right, probability bottom to top; closed risks left out."""
    cells: dict[tuple[int, int], list[Document]] = {}
    for risk in risks:
        p, i = risk.get("probability"), risk.get("impact")
        if figures.risk_score(risk) is not None:
            cells.setdefault((p, i), []).append(risk)
    parts = []
    for p in range(5, 0, -1):
        y = TOP + (5 - p) * CELL
        parts.append(svg.text(LEFT - 8, y + CELL / 2 + 4, str(p), anchor="end"))
        for i in range(1, 6):
            parts.append(_cell(LEFT + (i - 1) * CELL, y, p, i, cells.get((p, i), []), threshold))
    for i in range(1, 6):
        parts.append(svg.text(LEFT + (i - 0.5) * CELL, TOP + 5 * CELL + 18, str(i), anchor="middle"))
    parts.append(svg.text(LEFT + 2.5 * CELL, TOP + 5 * CELL + 40, "Impact", anchor="middle", weight="bold"))
    parts.append(svg.text(14, TOP - 8, "Probability", weight="bold"))
    placed = sum(len(v) for v in cells.values())
    title = f"Risk heat map: {placed} open risk{'s' if placed != 1 else ''} by probability and impact"
    return svg.figure("heatmap", LEFT + 5 * CELL + 10, TOP + 5 * CELL + 50, title, parts)


def _cell(x: float, y: float, p: int, i: int, risks: list[Document], threshold: int) -> str:
    band = _band(p * i, threshold)
    names = "; ".join(f"{r.id or r.display}: {r.title}" for r in risks) or "no risks"
    tip = f"Probability {p}, impact {i}, score {p * i}: {names}"
    opacity = "1" if risks else "0.35"
    parts = [f'<g class="tpm-heat-cell" data-probability="{p}" data-impact="{i}" '
             f'data-count="{len(risks)}" style="opacity:{opacity}">',
             svg.rect(x + 2, y + 2, CELL - 4, CELL - 4, svg.COLOURS[band], tip)]
    for row, risk in enumerate(risks[:PER_CELL]):
        parts.append(svg.text(x + CELL / 2, y + 20 + row * 14, svg.shorten(risk.id or "?", ID_CHARS),
                              anchor="middle", css="tpm-heat-risk", weight="bold"))
    if len(risks) > PER_CELL:
        parts.append(svg.text(x + CELL / 2, y + 20 + PER_CELL * 14, f"+{len(risks) - PER_CELL} more",
                              anchor="middle"))
    return "".join(parts) + "</g>"


def _register(ctx: PageContext, risks: list[Document], here: str) -> str:
    rows = []
    for risk in risks:
        value = figures.risk_score(risk)
        rows.append([ctx.html_link(here, risk, risk.id or risk.title), ctx.html_link(here, risk),
                     escape.table_cell(value if value is not None else "—"),
                     escape.table_cell(risk.get("probability")), escape.table_cell(risk.get("impact")),
                     escape.table_cell(risk.get("owner")), escape.table_cell(risk.get("response")),
                     cell_date(risk.get("review_by")), badge("risk", risk.get("status"))])
    return table(["Id", "Risk", "Score", "P", "I", "Owner", "Response", "Review by", "Status"], rows,
                 "No risks recorded.")
