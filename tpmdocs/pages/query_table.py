"""A page's query blocks rendered: each ``tpmdocs`` block becomes the table of the documents it
selects (links to their pages), or a notice saying why it cannot be run.

Used by the MkDocs plugin (which holds the tables until after the search index, as it does a
status page's) and by ``tpmdocs pages --documents`` (which writes them into the page). Every
value goes through ``escape``: cells through ``table_cell``, links through the context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import escape, schema
from ..graph import Project
from ..model import Document
from ..query import COMPUTED, Evaluation, QueryBlock, block_problem, find_blocks, parse_query, run_query
from .context import PageContext
from .markdown import TABLE_MARK, badge, table

BADGE_KEYS = ("status", "health")
#: Marks a query's table: the stylesheet gives a page holding one the page's width.
QUERY_MARK = "data-tpm-query"


def render_blocks(markdown: str, ctx: PageContext, here: str, page_project: Project | None,
                  place: Callable[[str], str] | None = None) -> str:
    """``markdown`` with each query block replaced by what it renders to.

    ``place(block_markdown)``, when given, returns what to put in the page instead (a marker
    the caller fills later); otherwise the rendered block goes in, indented as the block was.
    """
    blocks = find_blocks(markdown)
    if not blocks:
        return markdown
    lines = markdown.split("\n")
    evaluation = Evaluation(ctx.graph, ctx.today, ctx.config)
    for block in reversed(blocks):  # from the end: the earlier blocks' lines stay where they are
        rendered = render_block(block, ctx, here, page_project, evaluation)
        text = place(rendered) if place is not None else rendered
        lines[block.start:block.end] = ["", *(block.indent + line if line else line
                                              for line in text.rstrip("\n").split("\n")), ""]
    return "\n".join(lines)


def render_block(block: QueryBlock, ctx: PageContext, here: str, page_project: Project | None,
                 evaluation: Evaluation) -> str:
    """The table of one block, or the notice of what is wrong with it (Markdown, one HTML block)."""
    problem = block_problem(block)
    if problem is not None:
        return problem_notice(problem[0])
    query = parse_query(block.body)
    documents = run_query(query, evaluation, page_project)
    rows = [[_cell(ctx, here, document, name, evaluation) for name in query.columns] for document in documents]
    headers = [escape.table_cell(name.replace("_", " ").capitalize()) for name in query.columns]
    return table(headers, rows, f"No {query.type} matches this query.").replace(
        f"<table {TABLE_MARK}>", f"<table {TABLE_MARK} {QUERY_MARK}>", 1)


def problem_notice(message: str) -> str:
    """Where a query could not be run: a notice (Material styles it as a failure admonition)."""
    return ('<div class="admonition failure tpm-query-problem" role="note">'
            '<p class="admonition-title">This query could not be run</p>'
            f"<p>{escape.md_text(message)}</p></div>\n")


def _cell(ctx: PageContext, here: str, document: Document, name: str, evaluation: Evaluation) -> str:
    if name == "id":
        return ctx.html_link(here, document, document.id or document.title)
    if name == "title":
        return ctx.html_link(here, document)
    if name == "project":
        project = ctx.graph.project_of(document)
        return ctx.html_link(here, project.charter, project.id) if project is not None else "&#8212;"
    computed = evaluation_value(document, name, evaluation)
    if computed is not _NOT_COMPUTED:
        return _plain(computed)
    if name in BADGE_KEYS:
        return badge(document.type if name == "status" else "status-report", document.get(name))
    if name in _reference_keys(document.type):
        links = ctx.graph.links_from(document, name)
        return ", ".join(ctx.html_link(here, link.target, link.target_id) if link.target is not None
                         else f"{escape.table_cell(link.target_id)} (not found)" for link in links) or "&#8212;"
    return _plain(document.get(name))


_NOT_COMPUTED = object()


def evaluation_value(document: Document, name: str, evaluation: Evaluation) -> Any:
    """The value of a computed key for the document, or ``_NOT_COMPUTED``."""
    key = COMPUTED.get(name)
    if key is None or not key.applies_to(document.type):
        return _NOT_COMPUTED
    return key.value(document, evaluation)


def _reference_keys(doc_type: str) -> frozenset[str]:
    if doc_type not in schema.document_types():
        return frozenset()
    return frozenset(ref.key for ref in schema.references(doc_type))


def _plain(value: Any) -> str:
    """A front-matter value as one cell: lists joined, mappings as ``key: value``, none as a dash."""
    if value is None or value == "" or value == []:
        return "&#8212;"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{escape.table_cell(k)}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return escape.table_cell(value)
