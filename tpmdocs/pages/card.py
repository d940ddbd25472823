"""The header card shown above every document's own text: what its front matter says,
with its references and the documents that refer to it as links."""

from __future__ import annotations

from .. import escape, schema
from ..graph import key
from ..model import Document
from .. import figures
from .context import PageContext
from .markdown import badge, table


def date_keys(doc_type: str) -> list:
    """The keys of a type that hold a date, as the schema declares them."""
    return [name for name, prop in schema.properties(doc_type).items()
            if str(prop.get("$ref", "")).endswith("/date")]


def header_card(document: Document, ctx: PageContext, here: str) -> str:
    """Markdown for the card: a one-row table, then references and backlinks as links."""
    doc_type = document.type if document.type in schema.document_types() else ""
    headers, row = ["Type", "Id"], [escape.table_cell(document.type), escape.table_cell(document.id)]
    if doc_type and "status" in schema.properties(doc_type):
        headers.append("Status")
        row.append(badge(doc_type, document.get("status")))
    if doc_type == "charter":
        headers.append("Phase")
        row.append(escape.table_cell(document.get("phase")))
    if doc_type == "status-report":
        headers.append("Health")
        row.append(badge("status-report", document.get("health")))
    headers.append("Owner")
    row.append(escape.table_cell(document.get("owner")) or "&#8212;")
    for name in date_keys(doc_type) if doc_type else ():
        if document.get(name) is not None:
            headers.append(escape.table_cell(name.replace("_", " ").capitalize()))
            row.append(escape.table_cell(document.get(name)))
    if doc_type == "risk":
        headers.append("Score")
        row.append(escape.table_cell(figures.risk_score(document) or "—"))
    parts = [table(headers, [row])]
    parts += _references(document, ctx, here)
    parts += _referenced_by(document, ctx, here)
    return "\n".join(parts) + "\n---\n\n"


def _references(document: Document, ctx: PageContext, here: str) -> list:
    if document.type not in schema.document_types():
        return []
    groups = []
    for ref in schema.references(document.type):
        links = ctx.graph.links_from(document, ref.key)
        if links:
            items = [_target(link.target, link.target_id, ctx, here) for link in links]
            groups.append(f"{escape.md_text(ref.key.replace('_', ' '))}: " + ", ".join(items))
    return [f"**References:** {' · '.join(groups)}\n"] if groups else []


def _referenced_by(document: Document, ctx: PageContext, here: str) -> list:
    if not document.id:
        return []
    links = ctx.graph.referenced_by.get(key(document.id), [])
    items = [f"{_target(link.source, None, ctx, here)} ({escape.md_text(link.key.replace('_', ' '))})"
             for link in links]
    return [f"**Referenced by:** {', '.join(items)}\n"] if items else []


def _target(target, written_id, ctx: PageContext, here: str) -> str:
    if target is None:
        return f"{escape.md_text(written_id)} (not found)"
    label = f"{target.id or '?'} {target.title}"
    return ctx.link(here, target, label)


def with_card(markdown: str, card: str) -> str:
    """The body with the card after its leading ``# heading`` (or at the top when it has none)."""
    lines = markdown.splitlines(keepends=True)
    for index, text in enumerate(lines):
        if not text.strip():
            continue
        if text.startswith("# "):
            return "".join(lines[: index + 1]) + "\n" + card + "".join(lines[index + 1:])
        break
    return card + markdown
