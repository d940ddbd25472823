"""The decision log: every decision of a project on a timeline, newest first, with what each
supersedes and what superseded it, its status and whether its approval still holds.

The timeline is one raw HTML block (an ordered list, no blank line inside, as the tables
of :func:`tpmdocs.pages.markdown.table`), so it reads the same in any Markdown renderer, and
it wraps to a phone's width where a table of the same facts would be squeezed.
"""

from __future__ import annotations

from collections import Counter

from .. import escape, schema
from ..approvals import ApprovalState
from ..graph import Project
from ..model import Document, as_date
from .approval_notes import superseded_by
from .context import PageContext
from .markdown import badge, heading, page_menu


def render(ctx: PageContext, project: Project, here: str) -> str:
    decisions = sorted(project.of_type("decision"), key=_newest_first)
    parts = [heading("Decisions", project.charter.title), page_menu(ctx, "decisions"),
             _summary(decisions)]
    if decisions:
        parts += ["## Decision log\n", _timeline(ctx, decisions, here)]
    return "\n".join(parts)


def _newest_first(decision: Document) -> tuple[bool, int, str]:
    day = as_date(decision.get("date"))
    return (day is None, -(day.toordinal() if day else 0), decision.id or decision.display)


def _summary(decisions: list[Document]) -> str:
    if not decisions:
        return "*No decisions recorded.*\n"
    counts = Counter(d.get("status") if isinstance(d.get("status"), str) else "no status" for d in decisions)
    order = [s for s in schema.vocabulary("decision", "status") if counts.get(s)] + \
        sorted(s for s in counts if s not in schema.vocabulary("decision", "status"))
    listed = ", ".join(f"{counts[s]} {escape.md_text(s)}" for s in order)
    return f"{len(decisions)} decision{'s' if len(decisions) != 1 else ''}: {listed}.\n"


def _timeline(ctx: PageContext, decisions: list[Document], here: str) -> str:
    items = [_entry(ctx, decision, here) for decision in decisions]
    return '<ol class="tpm-timeline">\n' + "\n".join(items) + "\n</ol>\n"


def _entry(ctx: PageContext, decision: Document, here: str) -> str:
    day = as_date(decision.get("date"))
    status = decision.get("status")
    superseded = status == "superseded"
    lines = [f'<li class="tpm-timeline-item{" tpm-timeline-superseded" if superseded else ""}">',
             f'<div class="tpm-timeline-date">{escape.md_text(day.isoformat()) if day else "undated"}</div>',
             '<div class="tpm-timeline-body">',
             f"<p>{badge('decision', status)} <strong>{ctx.named_html_link(here, decision)}</strong></p>"]
    facts = _facts(ctx, decision, here)
    if facts:
        lines.append("<p>" + "<br>".join(facts) + "</p>")
    lines.append("</div>\n</li>")
    return "\n".join(lines)


def _facts(ctx: PageContext, decision: Document, here: str) -> list[str]:
    """Deciders, supersession both ways, and the approval, each one line."""
    facts = []
    deciders = decision.get("deciders")
    names = [deciders] if isinstance(deciders, str) else \
        [d for d in deciders if isinstance(d, str)] if isinstance(deciders, list) else []
    if names:
        facts.append("Decided by " + ", ".join(escape.md_text(name) for name in names))
    for link in ctx.graph.links_from(decision, "supersedes"):
        target = link.target
        shown = ctx.named_html_link(here, target) if target is not None else escape.md_text(link.target_id)
        facts.append(f"Supersedes {shown}")
    newer = superseded_by(decision, ctx.graph)
    if newer:
        facts.append("<strong>Superseded by</strong> " + ", ".join(ctx.named_html_link(here, d) for d in newer))
    facts += _approval(ctx.approvals.state(decision))
    return facts


def _approval(state: ApprovalState | None) -> list[str]:
    if state is None:
        return []
    who = f" by {escape.md_text(state.by)}" if state.by else ""
    when = f" on {escape.md_text(state.on.isoformat())}" if state.on else ""
    if state.changed:
        return [f'<span class="tpm-approval-flag">&#9888; Changed since approval</span>{who}{when}']
    return [f"Approved{who}{when}"]

