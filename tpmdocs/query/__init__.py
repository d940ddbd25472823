"""Queries in any page: a fenced block with the info string ``tpmdocs`` holds a query in YAML,
and the site shows the documents it selects as a table of links.

The pipeline, one module a step: :mod:`.blocks` finds the blocks of a Markdown text,
:mod:`.parse` reads one into a :class:`Query` (or a located :class:`QueryError`),
:mod:`.evaluate` runs it over the project graph, with the keys of :mod:`.computed`;
``tpmdocs.pages.query_table`` renders the result. A bad query is a finding (``TPM030``) of the
file it is in, found when the file is read (:func:`query_findings`), so ``tpmdocs lint`` and
``mkdocs build --strict`` both fail on it.
"""

from __future__ import annotations

from ..model import Finding
from .blocks import HINT, QueryBlock, find_blocks
from .computed import COMPUTED, ComputedKey, Evaluation, register
from .evaluate import project_at, run_query
from .parse import Query, QueryError, parse_query

__all__ = [
    "COMPUTED",
    "HINT",
    "QUERY_INVALID",
    "ComputedKey",
    "Evaluation",
    "Query",
    "QueryBlock",
    "QueryError",
    "block_problem",
    "find_blocks",
    "parse_query",
    "project_at",
    "query_findings",
    "register",
    "run_query",
]

#: The code of a query that cannot be run (registered in ``tpmdocs.rules.queries``).
QUERY_INVALID = "TPM030"


def block_problem(block: QueryBlock) -> tuple[str, int, int] | None:
    """``(message, line, column)`` of what is wrong with a block (0-based, in its text), or None."""
    if not block.closed:
        return "the query block is never closed: end it with a line of ``` (or ~~~)", block.start, 0
    try:
        parse_query(block.body)
    except QueryError as exc:
        if exc.line is None:
            return exc.message, block.start, len(block.indent)
        return exc.message, block.start + 1 + exc.line, len(block.indent) + exc.column
    return None


def query_findings(text: str, display: str, first_line: int = 0) -> list[Finding]:
    """A ``TPM030`` finding for each query block of ``text`` that cannot be run, at its line."""
    findings = []
    for block in find_blocks(text, first_line):
        problem = block_problem(block)
        if problem is not None:
            message, line, column = problem
            findings.append(Finding(display, line + 1, column + 1, QUERY_INVALID, message))
    return findings
