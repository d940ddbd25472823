"""The work breakdown: the ``parent`` tree of tasks with status and estimate roll-ups."""

from __future__ import annotations

from .. import escape, figures
from ..graph import Project, key
from ..model import Document
from .context import PageContext
from .markdown import badge, heading, page_menu, table


def render(ctx: PageContext, project: Project, here: str) -> str:
    tasks = project.of_type("task")
    sums = ctx.rollups(project)
    rows = [_row(ctx, task, depth, sums[id(task)], here) for task, depth in tree_order(ctx, tasks)]
    return "\n".join([heading("Work breakdown", project.charter.title), page_menu(ctx, "work"),
                      "Estimates in working days; a summary task shows the sum of the tasks under it.\n",
                      table(["Task", "Status", "Owner", "Done / estimate", "Done"], rows, "No tasks yet.")])


def tree_order(ctx: PageContext, tasks: list[Document]) -> list[tuple[Document, int]]:
    """``(task, depth)`` in depth-first order from the roots; tasks in a ``parent`` cycle come last."""
    members = {id(t) for t in tasks}
    roots = [t for t in tasks if not _parent_in(ctx, t, members)]
    ordered, seen = [], set()
    stack = [(t, 0) for t in reversed(roots)]
    while stack:
        task, depth = stack.pop()
        if id(task) in seen:
            continue
        seen.add(id(task))
        ordered.append((task, depth))
        children = ctx.graph.children.get(key(task.id), []) if task.id else []
        stack.extend((c, depth + 1) for c in reversed(children) if id(c) in members)
    ordered.extend((t, 0) for t in tasks if id(t) not in seen)
    return ordered


def _parent_in(ctx: PageContext, task: Document, members: set[int]) -> bool:
    links = ctx.graph.links_from(task, "parent")
    return any(link.target is not None and id(link.target) in members and link.target is not task
               for link in links)


def _row(ctx: PageContext, task: Document, depth: int, rollup: figures.Rollup, here: str) -> list[str]:
    indent = "&#160;&#160;&#160;&#160;" * min(depth, 12)
    marker = "└ " if depth else ""
    label = f"{indent}{marker}{ctx.html_link(here, task, task.id or task.title)} {escape.md_text(task.title)}"
    share = rollup.share_done
    estimate = f"{figures.days_text(rollup.done)} / {figures.days_text(rollup.total)}"
    if rollup.unestimated:
        estimate += f" ({rollup.unestimated} unestimated)"
    return [label, badge("task", task.get("status")), escape.table_cell(task.get("owner")),
            estimate, f"{share:.0%}" if share is not None else "&#8212;"]
