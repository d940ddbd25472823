"""The dashboard's pictures of progress, drawn at build time as inline SVG.

Each picture is a function ``(ctx, project, here) -> Markdown`` (a chart, or "" when
there is nothing to draw) in :data:`PICTURES`, shown in that order under the
dashboard's progress figures. Today: a bar per milestone, the share of its work
done. The burn-up and the milestone trend need the project's history: they join
the tuple when the history is read, and draw nothing when it is not there.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import escape, figures
from ..graph import Project
from ..model import as_date
from . import svg
from .context import PageContext

NOTE = 260  # room for the note right of each bar
MAX_BARS = 60  # more milestones than this make an unreadable chart; the table lists them all
STATE_COLOUR = {"reached": "done", "late": "late", "missed": "blocked", "planned": "in-progress"}


def milestone_bars(ctx: PageContext, project: Project, here: str) -> str:
    """A bar per milestone, by due date: the share of its tasks' estimated work done, its due
    date and state written beside it (readable in grey as in colour)."""
    milestones = sorted(project.of_type("milestone"),
                        key=lambda m: (as_date(m.get("due")) or as_date("9999-12-31"), m.display))[:MAX_BARS]
    if not milestones:
        return ""
    work = figures.milestone_work(ctx.graph, project.of_type("task"))
    parts = []
    for index, milestone in enumerate(milestones):
        parts.append(_bar(index, milestone, work.get(id(milestone)), figures.milestone_state(milestone, ctx.today)))
    return svg.figure("milestones", svg.BAR_WIDTH + NOTE, svg.bars_height(len(milestones)),
                      "Milestones: share of the estimated work done", parts)


def _bar(index: int, milestone, rollup, state: str) -> str:
    share = rollup.share_done if rollup is not None else None
    due = milestone.get("due") if as_date(milestone.get("due")) else "no due date"
    done = f"{share:.0%} done" if share is not None else "no estimated tasks"
    note = f"{done} · due {due} · {state}"
    return svg.labelled_bar(index, f"{milestone.id or '?'} {milestone.title}", share,
                            svg.COLOURS[STATE_COLOUR.get(state, "todo")], note,
                            f"{milestone.id or milestone.display} {milestone.title}: {note}",
                            "tpm-milestone-bar", f' data-state="{escape.html_attr(state)}"')


#: The dashboard's pictures, in order (see the module's docstring).
PICTURES: tuple[Callable[[PageContext, Project, str], str], ...] = (milestone_bars,)


def pictures(ctx: PageContext, project: Project, here: str) -> str:
    """Every picture of :data:`PICTURES` that has something to draw, one after the other."""
    drawn = [picture(ctx, project, here) for picture in PICTURES]
    return "\n".join(chart for chart in drawn if chart)
