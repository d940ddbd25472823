"""The Changes page: the project now against its baseline revision, for a steering committee.

What moved (dates, estimates, budgets, scope: every front-matter key but the ones that move on
by themselves), by how much, and which approved change request covers it; then the state
that moved on (status, phase, current values), the documents added and those removed. The
comparison is :func:`tpmdocs.history.diff.compare`'s, the one ``tpmdocs diff`` prints.
"""

from __future__ import annotations

from .. import escape
from ..graph import Project, key
from ..history.diff import Comparison, DocumentChange, moved_by
from ..history.diff_report import shown
from ..model import Document
from .context import PageContext
from .markdown import heading, page_menu, table

#: Keys whose change is the project moving on, not the plan changing (as for a fingerprint).
STATE_KEYS = frozenset({"status", "phase", "current", "approved"})


def render(ctx: PageContext, project: Project, here: str) -> str:
    parts = [heading("Changes since the baseline", project.charter.title), page_menu(ctx, "changes")]
    history = ctx.history
    comparison = history.comparison if history is not None else None
    if history is None or not history.baseline:
        parts.append("> **No baseline set.** Name the revision to compare with, e.g. "
                     "`baseline = \"v1.0-baseline\"` under `[tool.tpmdocs]` in `pyproject.toml`.\n")
        return "\n".join(parts)
    if comparison is None:
        why = history.baseline_note or "it could not be read"
        parts.append(f"> **No comparison.** The baseline is <code>{escape.md_text(history.baseline)}</code>, and "
                     f"{escape.md_text(why)}\n")
        return "\n".join(parts)
    mine = [c for c in comparison.changed if comparison.new_graph.project_of(c.new) is project]
    added = [d for d in comparison.added if comparison.new_graph.project_of(d) is project]
    removed = [d for d in comparison.removed if _old_project_key(comparison, d) == key(project.id)]
    base = comparison.base
    parts.append(f"Compared with <code>{escape.md_text(base.name)}</code> "
                 f"(commit {escape.md_text((base.commit or '')[:10])}, "
                 f"{escape.md_text(base.day)}): {len(mine)} documents changed, {len(added)} added, "
                 f"{len(removed)} removed.\n")
    parts += ["## What moved in the plan\n", _moved(ctx, here, mine, plan=True),
              "## What moved on\n", _moved(ctx, here, mine, plan=False),
              "## Added\n", table(["Document", "Type"], [[ctx.named_html_link(here, d), escape.table_cell(d.type)]
                                                       for d in added], "Nothing added."),
              "## Removed\n", table(["Document", "Type"], [[escape.table_cell(f"{d.id} {d.title}"),
                                                          escape.table_cell(d.type)] for d in removed],
                                    "Nothing removed.")]
    return "\n".join(parts)


def _old_project_key(comparison: Comparison, document: Document) -> str | None:
    project = comparison.old_graph.project_of(document)
    return key(project.id) if project is not None else None


def _moved(ctx: PageContext, here: str, changes: list[DocumentChange], plan: bool) -> str:
    rows = []
    for change in changes:
        for name, (old, new) in change.keys.items():
            if (name in STATE_KEYS) == plan:
                continue
            document = ctx.named_html_link(here, change.new) if plan else ctx.html_link(here, change.new, change.id)
            rows.append([document, escape.table_cell(name), escape.table_cell(_value(name, old)),
                         escape.table_cell(_value(name, new)),
                         escape.table_cell(moved_by(name, old, new) or ""), _cover(ctx, here, change, plan)])
    empty = "Nothing in the plan moved." if plan else "No status moved."
    return table(["Document", "Key", "Baseline", "Now", "Moved by", "Covered&nbsp;by"], rows, empty)


def _value(name: str, value: object) -> str:
    """A value as the table shows it: an approval as who and when, others as ``tpmdocs diff``."""
    if name == "approved" and isinstance(value, dict):
        return f"by {shown(value.get('by'))} on {shown(value.get('on'))}"
    return shown(value)


def _cover(ctx: PageContext, here: str, change: DocumentChange, plan: bool) -> str:
    """The change requests that cover a change; a change to the plan of an approved document
    that none covers is marked (a change of state needs none)."""
    if change.covered_by:
        return ", ".join(ctx.html_link(here, ctx.graph.get(cr), cr) for cr in change.covered_by)
    if change.approved and plan:
        return '<span class="tpm-badge tpm-late">not covered</span>'
    return "&#8212;"
