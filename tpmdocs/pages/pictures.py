"""The dashboard's pictures of progress, drawn at build time as inline SVG.

Each picture is a function ``(ctx, project, here) -> Markdown`` (a chart, or "" when
there is nothing to draw) in :data:`PICTURES`, shown in that order under the
dashboard's progress figures: a bar per milestone, the share of its work done.

The burn-up and the milestone trend analysis need the project's history: they are the
Trends page's own charts (:mod:`.trends`, one implementation), in a section of their own
(:func:`trend_pictures`), each with its figures as a table under it, folded away (a screen
reader reaches them, and so does anyone who wants the numbers). Without history the
section says why in a sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import escape, figures
from ..graph import Project
from ..model import Document, as_date
from . import bars, svg, timechart, trends
from .context import PageContext

MAX_BARS = 60  # more milestones than this make an unreadable chart; the table lists them all
STATE_COLOUR = {"reached": "done", "late": "late", "missed": "blocked", "planned": "in-progress"}


def milestone_bars(ctx: PageContext, project: Project, here: str) -> str:
    """A bar per milestone, by due date: the share of its tasks' estimated work done, its due
    date and state written under it (readable in grey as in colour)."""
    milestones = sorted(project.of_type("milestone"),
                        key=lambda m: (as_date(m.get("due")) or as_date("9999-12-31"), m.display))[:MAX_BARS]
    if not milestones:
        return ""
    work = figures.milestone_work(ctx.graph, project.of_type("task"))
    drawn = [_bar(milestone, work.get(id(milestone)), figures.milestone_state(milestone, ctx.today))
             for milestone in milestones]
    return bars.bar_chart("milestones", "Milestones: share of the estimated work done", drawn)


def _bar(milestone: Document, rollup: figures.Rollup | None, state: str) -> bars.Bar:
    share = rollup.share_done if rollup is not None else None
    due = milestone.get("due") if as_date(milestone.get("due")) else "no due date"
    done = f"{share:.0%} done" if share is not None else "no estimated tasks"
    note = f"{done} · due {due} · {state}"
    return bars.Bar(f"{milestone.id or '?'} {milestone.title}", share, svg.COLOURS[STATE_COLOUR.get(state, "todo")],
                    note, f"{milestone.id or milestone.display} {milestone.title}: {note}", "tpm-milestone-bar",
                    f' data-state="{escape.html_attr(state)}"')


#: The dashboard's pictures, in order (see the module's docstring).
PICTURES: tuple[Callable[[PageContext, Project, str], str], ...] = (milestone_bars,)


def pictures(ctx: PageContext, project: Project, here: str) -> str:
    """Every picture of :data:`PICTURES` that has something to draw, one after the other."""
    drawn = [picture(ctx, project, here) for picture in PICTURES]
    return "\n".join(chart for chart in drawn if chart)


def trend_pictures(ctx: PageContext, project: Project, here: str) -> str:
    """The dashboard's section of trends: the burn-up and the milestone trend analysis from
    the project's history, or a sentence saying why there are none."""
    history = ctx.history
    points = history.of(project.id) if history is not None else []
    more = " (see [Trends](trends.md))" if "trends" in ctx.pages else ""  # the dashboard's own folder
    if history is None:
        return "## Trends\n\n*No history was read for this build, so there is no burn-up or trend.*\n"
    if history.note:
        return f"## Trends\n\n*No history to draw{more}: {escape.md_text(history.note)}*\n"
    if not points:
        return f"## Trends\n\n*The history holds no snapshot of this project yet{more}.*\n"
    parts = [f"## Trends\n\nFrom the git history of the documents, {points[0].day.isoformat()} to "
             f"{points[-1].day.isoformat()}{more}.\n",
             "### Burn-up\n", _with_figures(*trends.burn_up(points), "burn-up")]
    limit = len(timechart.PALETTE)  # a line per colour; the Trends page draws every milestone
    trend = trends.milestone_trend(points, limit=limit)
    if trend is not None:
        parts += ["### Milestone trend analysis\n", trends.MTA_NOTE]
        if trends.milestones_drawn(points) > limit:
            parts.append(f"*The {limit} open milestones due soonest"
                         + ("; every milestone is on the [Trends](trends.md) page" if more else "") + ".*\n")
        parts.append(_with_figures(*trend, "milestone trend"))
    return "\n".join(parts)


def _with_figures(chart: str, table: str, name: str) -> str:
    """A chart, and under it its figures as a table in a folded ``<details>`` (one raw HTML
    block: no blank line in it)."""
    return (chart + f'<details class="tpm-figures">\n<summary>The {name} chart\'s figures as a table</summary>\n'
            + table + "</details>\n")
