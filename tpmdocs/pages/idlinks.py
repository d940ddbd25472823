"""Turn ids written as plain text in a document's body into links to their documents.

Only text that Markdown shows as prose is touched: code blocks, fenced code
and raw HTML blocks are found with markdown-it-py's block tokens; inside the
remaining lines code spans, existing links and bracketed text, HTML tags and
elements, URLs and link definitions are left alone. An id links only when
written exactly as its document writes it (ids match ignoring case, but
"pay" in a sentence is not ``PAY``).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from ..graph import ProjectGraph
from .. import escape
from .context import relative

MAX_BODY = 1 << 20  # a larger body is shown as written: linking is a courtesy, not a duty
_CODE_BLOCKS = ("fence", "code_block", "html_block")
_LEAVE_ALONE = re.compile(
    r"(?P<code>(`+)[\s\S]*?(?<!`)\2(?!`))"
    r"|<!--[\s\S]*?-->"
    r"|<a\b[\s\S]*?</a\s*>"
    r"|<[^<>\n]*>"
    r"|!?\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?"
    r"|(?:https?|mailto|ftp):[^\s<>()]+"
    r"|^[ \t]*\[[^\]\n]+\]:.*$"
    r"|\{[^{}\n]*\}",
    re.MULTILINE)
ID_PATTERN = re.compile(r"(?<![\w./@#&-])[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9](?![\w@-]|\.\w)")


def link_ids(markdown: str, graph: ProjectGraph, page_src: str, src_of) -> str:
    """``markdown`` with plain-text ids linked; ``src_of(document)`` gives a document's docs path."""
    if len(markdown) > MAX_BODY or not graph.by_id:
        return markdown
    lines = markdown.splitlines(keepends=True)
    code = set()
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type in _CODE_BLOCKS and token.map:
            code.update(range(*token.map))
    out, run = [], []
    for number, text in enumerate(lines):
        if number in code:
            out.append(_link_prose("".join(run), graph, page_src, src_of))
            run = []
            out.append(text)
        else:
            run.append(text)
    out.append(_link_prose("".join(run), graph, page_src, src_of))
    return "".join(out)


def _link_prose(text: str, graph: ProjectGraph, page_src: str, src_of) -> str:
    pieces, last = [], 0
    for match in _LEAVE_ALONE.finditer(text):
        pieces.append(_link_plain(text[last:match.start()], graph, page_src, src_of))
        pieces.append(match.group())
        last = match.end()
    pieces.append(_link_plain(text[last:], graph, page_src, src_of))
    return "".join(pieces)


def _link_plain(text: str, graph: ProjectGraph, page_src: str, src_of) -> str:
    def replace(match: re.Match) -> str:
        word = match.group()
        document = graph.get(word)
        if document is None or document.id != word:
            return word
        target = src_of(document)
        if target is None or target == page_src:
            return word
        return f"[{word}]({escape.link_target(relative(page_src, target))})"
    return ID_PATTERN.sub(replace, text)
