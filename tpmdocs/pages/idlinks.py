"""Turn ids written as plain text in a document's body into links to their documents.

Only text that Markdown shows as prose is touched: code blocks, fenced code
and raw HTML blocks are found with markdown-it-py's block tokens; inside the
remaining lines code spans, existing links and bracketed text, HTML tags and
elements, URLs and link definitions are left alone. An id links only when
written exactly as its document writes it (ids match ignoring case, but
"pay" in a sentence is not ``PAY``).

It runs on every page of a site, so it avoids work it can prove useless: a
body that cannot hold a code or HTML block (no fence, no ``<``, no tab, no
four spaces in a row) is not parsed by markdown-it, prose without a character
that can start code, a tag, a link, a URL or attributes is not searched for
them, a stretch of prose whose words include no id is returned as it is,
and in one that does only the ids found are looked for again. The words
looked at are those that begin with a letter some id begins with (ids are
matched as written: mostly capitals, which few words of prose begin with).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import escape
from ..graph import ProjectGraph
from ..model import Document
from .context import ID_CLASS, relative

SourceOf = Callable[[Document], str | None]  # a document's path in the docs folder

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
#: Every code, indented-code or HTML block needs one of these (CommonMark: a fence is three
#: backticks or tildes, indented code four columns of spaces or a tab, an HTML block a ``<``).
_BLOCK_MARKS = ("```", "~~~", "<", "\t", "    ")
#: Every match of ``_LEAVE_ALONE`` holds one of these.
_INLINE_MARKS = ("`", "<", "[", "{", "http", "mailto:", "ftp:")
_parser = None


class _Ids:
    """The ids that link, as written (``by_id[word]`` is a document whose id is ``word``), and
    a pattern of the runs of id characters that begin with a first letter of one of them."""

    def __init__(self, graph: ProjectGraph | None) -> None:
        self.graph = graph
        self.by_id = {doc.id: doc for doc in graph.by_id.values() if doc.id} if graph is not None else {}
        firsts = "".join(sorted({word[0] for word in self.by_id}))
        self.runs = re.compile(f"[{re.escape(firsts)}][A-Za-z0-9_.-]*" if firsts else "(?!)")

    def in_text(self, text: str) -> set[str]:
        """The ids ``ID_PATTERN`` could find in ``text`` (and maybe more, never fewer): an id
        begins a run of id characters and ends at its end or before a ``.`` in it."""
        words = set(self.runs.findall(text))
        for word in [word for word in words if "." in word]:
            dot = word.find(".")
            while dot >= 0:
                words.add(word[:dot])
                dot = word.find(".", dot + 1)
        return words & self.by_id.keys()


_ids = _Ids(None)  # the last call's graph's


def link_ids(markdown: str, graph: ProjectGraph, page_src: str, src_of: SourceOf, spans: bool = True) -> str:
    """``markdown`` with plain-text ids linked; ``src_of(document)`` gives a document's docs path.

    Each link's text is the id in a span of class ``ID_CLASS``, which the stylesheet keeps on
    one line; with ``spans=False`` the id alone, for a generator that puts the span in after
    Markdown (:func:`keep_whole`): inline HTML in a link costs Python-Markdown and MkDocs an
    HTML parse of the page's tags, a tenth of the plugin's build time on a 200-document site.
    """
    if len(markdown) > MAX_BODY or not graph.by_id:
        return markdown
    ids = _ids_of(graph)
    lines = markdown.splitlines(keepends=True)
    code = _code_lines(markdown)
    out: list[str] = []
    run: list[str] = []
    for number, text in enumerate(lines):
        if number in code:
            out.append(_link_prose("".join(run), ids, page_src, src_of, spans))
            run = []
            out.append(text)
        else:
            run.append(text)
    out.append(_link_prose("".join(run), ids, page_src, src_of, spans))
    return "".join(out)


def _code_lines(markdown: str) -> set[int]:
    """The 0-based numbers of the lines inside code and HTML blocks."""
    global _parser
    if not any(mark in markdown for mark in _BLOCK_MARKS):
        return set()
    if _parser is None:
        from markdown_it import MarkdownIt
        _parser = MarkdownIt("commonmark")
    code: set[int] = set()
    for token in _parser.parse(markdown):
        if token.type in _CODE_BLOCKS and token.map:
            code.update(range(*token.map))
    return code


def _ids_of(graph: ProjectGraph) -> _Ids:
    global _ids
    if _ids.graph is not graph:
        _ids = _Ids(graph)
    return _ids


def _link_prose(text: str, ids: _Ids, page_src: str, src_of: SourceOf, spans: bool) -> str:
    if not any(mark in text for mark in _INLINE_MARKS):
        return _link_plain(text, ids, page_src, src_of, spans)
    pieces, last = [], 0
    for match in _LEAVE_ALONE.finditer(text):
        pieces.append(_link_plain(text[last:match.start()], ids, page_src, src_of, spans))
        pieces.append(match.group())
        last = match.end()
    pieces.append(_link_plain(text[last:], ids, page_src, src_of, spans))
    return "".join(pieces)


def _link_plain(text: str, ids: _Ids, page_src: str, src_of: SourceOf, spans: bool) -> str:
    """``text`` with every word that is an id (as ``ID_PATTERN`` splits words) linked.

    The words that may be ids are listed once; only those that are ids are looked for
    again, each where it stands as a word of its own (no regex compiled per page).
    """
    found = ids.in_text(text)
    if not found:
        return text
    places = []
    for word in found:
        start = text.find(word)
        while start >= 0:
            whole = ID_PATTERN.match(text, start)  # its lookbehind sees the character before
            if whole is not None and whole.group() == word:
                places.append((start, word))
            start = text.find(word, start + 1)
    pieces, last = [], 0
    for start, word in sorted(places):  # words of their own never overlap
        target = src_of(ids.by_id[word])
        if target is not None and target != page_src:
            label = f'<span class="{ID_CLASS}">{word}</span>' if spans else word  # only [A-Za-z0-9_.-]
            pieces += [text[last:start], f"[{label}]({escape.link_target(relative(page_src, target))})"]
            last = start + len(word)
    pieces.append(text[last:])
    return "".join(pieces)


#: A link as Python-Markdown writes ``[word](target)``: its text one run of id characters.
_LINK_OF_A_WORD = re.compile(r'(<a href="[^"<>]*">)([A-Za-z0-9_.-]+)</a>')


def keep_whole(html: str, graph: ProjectGraph) -> str:
    """``html`` (a page after Markdown) with the text of each link that is exactly an id of
    ``graph`` in a span of class ``ID_CLASS``, as :func:`link_ids` writes it with spans: the
    links ``link_ids(..., spans=False)`` made, and any an author wrote the same way."""
    if "</a>" not in html:
        return html
    ids = _ids_of(graph).by_id

    def wrap(match: re.Match[str]) -> str:
        opening, word = match.groups()
        return f'{opening}<span class="{ID_CLASS}">{word}</span></a>' if word in ids else match.group()

    return _LINK_OF_A_WORD.sub(wrap, html)
