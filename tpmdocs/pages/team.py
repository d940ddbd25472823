"""Team: the work of each owner (open tasks, estimate still to do, overdue, blocked)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import escape, figures
from ..graph import Project
from ..model import Document
from . import bars, svg
from .context import PageContext
from .markdown import heading, page_menu, table

UNASSIGNED = "(unassigned)"
MAX_BARS = 60  # the heaviest owners; the table lists everyone


@dataclass
class Load:
    owner: str
    open_tasks: list[Document] = field(default_factory=list)
    remaining: float = 0.0
    overdue: int = 0
    blocked: int = 0


def loads(ctx: PageContext, project: Project) -> list[Load]:
    """One :class:`Load` per owner of an open leaf task, heaviest first."""
    by_owner: dict[str, Load] = {}
    for task in project.of_type("task"):
        if not figures.is_open(task) or not ctx.graph.is_leaf_task(task):
            continue
        owner = task.get("owner") if isinstance(task.get("owner"), str) and task.get("owner") else UNASSIGNED
        load = by_owner.setdefault(owner, Load(owner))
        load.open_tasks.append(task)
        load.remaining += figures.estimate_days(task) or 0.0
        load.overdue += figures.is_overdue(task, ctx.today)
        load.blocked += task.get("status") == "blocked"
    return sorted(by_owner.values(), key=lambda ld: (-ld.remaining, ld.owner))


def render(ctx: PageContext, project: Project, here: str) -> str:
    team = loads(ctx, project)
    rows = [[escape.table_cell(ld.owner), str(len(ld.open_tasks)), figures.days_text(ld.remaining),
             str(ld.overdue), str(ld.blocked),
             ", ".join(ctx.html_link(here, t, t.id or t.title) for t in ld.open_tasks)] for ld in team]
    return "\n".join([heading("Team", project.charter.title), page_menu(ctx, "team"),
                      "Open leaf tasks per owner; estimates in working days.\n",
                      chart(team) if team else "",
                      table(["Owner", "Open tasks", "Still to do", "Overdue", "Blocked", "Tasks"], rows,
                            "No open work.")])


def chart(team: list[Load]) -> str:
    """A bar per owner (the heaviest MAX_BARS), as long as their remaining estimate against the
    heaviest's; the owner and the figures on the bar's label (orange: overdue or blocked work)."""
    team = team[:MAX_BARS]
    most = max((ld.remaining for ld in team), default=0) or 1
    drawn = []
    for ld in team:
        tip = (f"{ld.owner}: {len(ld.open_tasks)} open, {figures.days_text(ld.remaining)} to do, "
               f"{ld.overdue} overdue, {ld.blocked} blocked")
        trouble = [f"{count} {what}" for count, what in ((ld.overdue, "overdue"), (ld.blocked, "blocked")) if count]
        label = " · ".join([svg.shorten(ld.owner, 24), f"{figures.days_text(ld.remaining)} to do", *trouble])
        colour = svg.COLOURS["late" if trouble else "in-progress"]
        drawn.append(bars.Bar(label, ld.remaining / most, colour, "", tip, "tpm-load", track=False))
    return bars.bar_chart("team", "Remaining estimate per owner", drawn)
