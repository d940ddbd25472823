"""The header card shown above every document's own text: what its front matter says,
with its references and the documents that refer to it as links."""

from __future__ import annotations

import functools
from collections.abc import Callable

from .. import escape, figures, schema
from ..forecast import MilestoneForecast, TaskForecast
from ..forecast.report import float_text, slip_text
from ..graph import key
from ..model import Document
from .approval_notes import approval_notes
from .context import PageContext, id_label
from .markdown import badge, table

LinkTo = Callable[[Document, str], str]  # (document, label) -> a link to its page
Escape = Callable[[object], str]  # a function of tpmdocs.escape, for the output's context


@functools.cache  # the schemas are the package's own: every card of a type asks the same
def date_keys(doc_type: str) -> tuple[str, ...]:
    """The keys of a type that hold a date, as the schema declares them."""
    return tuple(name for name, prop in schema.properties(doc_type).items()
                 if str(prop.get("$ref", "")).endswith("/date"))


def header_card(document: Document, ctx: PageContext, here: str) -> str:
    """Markdown for the card: a one-row table, then references and backlinks as links."""
    headers, row = card_cells(document)
    notes = approval_notes(document, ctx.approvals,
                           lambda target, label: ctx.html_link(here, target, label), escape.md_text)
    parts = [note + "\n" for note in notes] + [table(headers, [row])]
    link = lambda target, label: ctx.link(here, target, label)  # noqa: E731
    forecast = forecast_line(document, ctx, link)
    parts += [f"**Forecast:** {forecast}\n"] if forecast else []
    parts += [f"**{name}:** {items}\n" for name, items in _link_lines(document, ctx, link)]
    return "\n".join(parts) + "\n---\n\n"


def header_card_html(document: Document, ctx: PageContext, url_of: Callable[[Document], str | None]) -> str:
    """The same card as HTML, for a site generator to put into a page it has already rendered.

    ``url_of(document)`` is the URL of a document's page relative to this one
    (None: it has none). The HTML never passes through Markdown, so values
    are escaped for HTML only (``escape.html_text``): half the size of
    Markdown-proof text, and cheaper for everything that parses the page.
    """
    def link(target: Document, label: str) -> str:
        url = url_of(target)
        text = id_label(label, target.id, escape.html_text)
        return text if url is None else f'<a href="{escape.html_url(url)}">{text}</a>'
    headers, row = card_cells(document, _html_cell)
    parts = approval_notes(document, ctx.approvals, link, escape.html_text)
    parts += ["<table>\n<thead>\n<tr>\n" + "".join(f"<th>{h}</th>\n" for h in headers)
             + "</tr>\n</thead>\n<tbody>\n<tr>\n" + "".join(f"<td>{c}</td>\n" for c in row)
             + "</tr>\n</tbody>\n</table>"]
    forecast = forecast_line(document, ctx, link, escape.html_text)
    parts += [f"<p><strong>Forecast:</strong> {forecast}</p>"] if forecast else []
    parts += [f"<p><strong>{name}:</strong> {items}</p>"
              for name, items in _link_lines(document, ctx, link, escape.html_text)]
    return "\n".join(parts) + "\n<hr />\n"


def _html_cell(value: object) -> str:
    return escape.html_text(value).strip()


def card_cells(document: Document, cell: Escape = escape.table_cell) -> tuple[list[str], list[str]]:
    """The card's table: its headers and its one row, each value escaped by ``cell``."""
    doc_type = document.type if document.type in schema.document_types() else ""
    headers, row = ["Type", "Id"], [cell(document.type), cell(document.id)]
    if doc_type and "status" in schema.properties(doc_type):
        headers.append("Status")
        row.append(badge(doc_type, document.get("status")))
    if doc_type == "charter":
        headers.append("Phase")
        row.append(cell(document.get("phase")))
    if doc_type == "status-report":
        headers.append("Health")
        row.append(badge("status-report", document.get("health")))
    headers.append("Owner")
    row.append(cell(document.get("owner")) or "&#8212;")
    for name in date_keys(doc_type) if doc_type else ():
        if document.get(name) is not None:
            headers.append(cell(name.replace("_", " ").capitalize()))
            row.append(cell(document.get(name)))
    if doc_type == "risk":
        headers.append("Score")
        row.append(cell(figures.risk_score(document) or "—"))
    return headers, row


def forecast_line(document: Document, ctx: PageContext, link: LinkTo, text: Escape = escape.md_text) -> str:
    """A task's forecast finish and float, a milestone's forecast, slip and where its driving
    path begins; "" for any other document or one without a forecast."""
    project = ctx.graph.project_of(document) if document.type in ("task", "milestone") else None
    expected = ctx.forecast(project).of(document) if project is not None else None
    if isinstance(expected, TaskForecast) and expected.forecast_finish is not None:
        return (f"finish {text(expected.forecast_finish.isoformat())} · {text(float_text(expected.float_days))}"
                + (" · on a driving path" if expected.driving else ""))
    if isinstance(expected, MilestoneForecast) and expected.forecast is not None:
        first = expected.driving[0] if expected.driving else None
        return (f"{text(expected.forecast.isoformat())}, {text(slip_text(expected))}"
                + (f" · the driving path begins with {link(first, f'{first.id or chr(63)} {first.title}')}"
                   if first is not None else ""))
    return ""


def _link_lines(document: Document, ctx: PageContext, link: LinkTo,
                text: Escape = escape.md_text) -> list[tuple[str, str]]:
    """``(name, items)`` of the references and the backlinks lines; ``link(target, label)``,
    ``text(value)`` escapes the rest."""
    lines = []
    references = _references(document, ctx, link, text)
    if references:
        lines.append(("References", references))
    backlinks = _referenced_by(document, ctx, link, text)
    if backlinks:
        lines.append(("Referenced by", backlinks))
    return lines


def _references(document: Document, ctx: PageContext, link: LinkTo, text: Escape) -> str:
    if document.type not in schema.document_types():
        return ""
    groups = []
    for ref in schema.references(document.type):
        links = ctx.graph.links_from(document, ref.key)
        if links:
            items = [_target(each.target, each.target_id, link, text) for each in links]
            groups.append(f"{text(ref.key.replace('_', ' '))}: " + ", ".join(items))
    return " · ".join(groups)


def _referenced_by(document: Document, ctx: PageContext, link: LinkTo, text: Escape) -> str:
    if not document.id:
        return ""
    links = ctx.graph.referenced_by.get(key(document.id), [])
    return ", ".join(f"{_target(each.source, None, link, text)} ({text(each.key.replace('_', ' '))})"
                     for each in links)


def _target(target: Document | None, written_id: str | None, link: LinkTo, text: Escape) -> str:
    if target is None:
        return f"{text(written_id)} (not found)"
    return link(target, f"{target.id or '?'} {target.title}")


def leads_with_heading(markdown: str) -> bool:
    """Whether the body's first non-blank line is a ``# heading``: the card goes under it."""
    for text in markdown.splitlines():
        if text.strip():
            return text.startswith("# ")
    return False
