"""A docs folder that any site generator builds as the plugin's site (``tpmdocs pages --documents``).

Every Markdown file of the docs folder is written again, ready to render, and every other file
is copied:

- a document: its front matter replaced by an escaped ``title`` alone (a generator reads
  nothing else of it, and has nothing to parse but a quoted string), its header card under its
  leading heading (or on top), its ids linked and its query blocks rendered;
- a file tpmdocs refused (malformed front matter, not UTF-8): a notice saying why, so that the
  generator never parses its YAML;
- an ordinary page: as written, its query blocks rendered.

Links in Markdown stay relative ``.md`` paths (every generator rewrites those); links in the
HTML blocks (tables, the card's table, the menus) follow the context's URL style.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..discover import discover
from ..loader import load_file
from ..model import Document
from ..query import project_at
from ..reading import REFUSING
from ..workspace import Workspace
from . import SCRIPT, STYLESHEET, context_pages, script, stylesheet
from .card import header_card, leads_with_heading
from .context import PageContext
from .idlinks import link_ids
from .markdown import front_matter
from .query_table import render_blocks
from .source import document_body, refused_page


@dataclass(frozen=True)
class SourceFile:
    """A file of the docs folder to write: Markdown made here, or another file copied as it is."""

    path: str  # POSIX, relative to the docs root
    markdown: str | None = None
    copy_of: Path | None = None

    def content(self) -> bytes:
        """What to write: the Markdown as UTF-8, or the copied file's bytes."""
        if self.markdown is not None:
            return self.markdown.encode("utf-8")
        return self.copy_of.read_bytes() if self.copy_of is not None else b""


def output_files(workspace: Workspace, ctx: PageContext, with_documents: bool) -> list[SourceFile]:
    """Everything ``tpmdocs pages`` writes: the status pages with their stylesheet and script
    (under the prefix), and with ``with_documents`` every other file of the docs folder."""
    generated = context_pages(ctx)
    files = [SourceFile(page.path, page.markdown) for page in generated]
    files += [SourceFile(f"{ctx.prefix}/{STYLESHEET}", stylesheet()), SourceFile(f"{ctx.prefix}/{SCRIPT}", script())]
    if with_documents:
        taken = {f.path for f in files}
        files += [f for f in document_files(workspace, ctx) if f.path not in taken]
    return files


def document_files(workspace: Workspace, ctx: PageContext) -> list[SourceFile]:
    """What to write for every file under the docs root (see the module's docstring)."""
    documents = {doc.path_text: doc for doc in ctx.graph.documents}
    refused = {finding.path: finding for finding in workspace.findings if finding.code in REFUSING}
    files = []
    for path, display in discover(ctx.docs_root, ctx.cwd).files:
        src = Path(path).relative_to(ctx.docs_root).as_posix()
        document = documents.get(path)
        if document is not None:
            files.append(SourceFile(src, document_page(document, ctx, src)))
        elif display in refused:
            files.append(SourceFile(src, front_matter(Path(path).name) + refused_page(refused[display])))
        else:
            files.append(SourceFile(src, _ordinary_page(Path(path), display, ctx, src)))
    files += [SourceFile(src, copy_of=source) for src, source in _other_files(ctx.docs_root)]
    return files


def document_page(document: Document, ctx: PageContext, here: str) -> str:
    """A document's page: an escaped title, the card under the leading heading, the body."""
    project = ctx.graph.project_of(document)
    body = link_ids(render_blocks(document_body(document), ctx, here, project), ctx.graph, here, ctx.src_of)
    card = header_card(document, ctx, here)
    if leads_with_heading(body):
        lines = body.lstrip("\n").split("\n", 1)
        body = lines[0] + "\n\n" + card + (lines[1] if len(lines) > 1 else "")
    else:
        body = card + body
    return front_matter(document.title) + body


def _ordinary_page(path: Path, display: str, ctx: PageContext, here: str) -> str:
    loaded = load_file(path, display)
    text = loaded.text or ""
    lines = text.split("\n")
    head, body = "\n".join(lines[:loaded.body_line - 1]), "\n".join(lines[loaded.body_line - 1:])
    rendered = render_blocks(body, ctx, here, project_at(ctx.graph, path.parent))
    return (head + "\n" if head else "") + rendered


def _other_files(docs_root: Path) -> list[tuple[str, Path]]:
    """``(docs path, file)`` of each regular file that is not Markdown, hidden folders left out,
    links not followed (a link could lead out of the tree)."""
    found = []
    for folder, folders, names in os.walk(docs_root):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            path = Path(folder) / name
            if not name.endswith(".md") and not name.startswith(".") and path.is_file() and not path.is_symlink():
                found.append((path.relative_to(docs_root).as_posix(), path))
    return found
