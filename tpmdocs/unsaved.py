"""Text that is not on disk, read as if it were the file it will be saved as.

An editor's unsaved buffer (``tpmdocs lsp``) and ``tpmdocs lint --stdin`` both check text
that is not (yet) a file's contents. The text takes the loader's own way (bounded, decoded,
front matter parsed: one parser), and its result takes the file's place among the documents
and findings read from disk, so that every rule sees the project as it would be with the
text saved. Nothing here writes a file.
"""

from __future__ import annotations

import os
from pathlib import Path

from .discover import display_path
from .linter import Extra, LintOptions, LintResult, lint, roots_and_scope
from .loader import MAX_FILE_BYTES, Loaded, load_bytes, too_large, unreadable
from .reading import check_queries
from .workspace import Workspace, load_workspace


def read_unsaved(raw: bytes, path: Path, display: str) -> Loaded:
    """The loader's result for ``raw`` as the contents of ``path`` (bounded as a file is: a
    caller reads at most one byte more than :data:`MAX_FILE_BYTES`, so the size is not known)."""
    if len(raw) > MAX_FILE_BYTES:
        return unreadable(display, too_large(None))
    loaded = load_bytes(raw, path, display)
    check_queries(loaded, loaded.text, display)
    loaded.text = None  # the caller has the text; a document does not keep it
    return loaded


def read_unsaved_text(text: str, path: Path, display: str) -> Loaded:
    """:func:`read_unsaved` of text an editor holds (lone surrogates, which no file can hold
    as UTF-8, are refused as a file's invalid bytes are)."""
    return read_unsaved(text.encode("utf-8", "surrogatepass"), path, display)


def with_unsaved(workspace: Workspace, path: Path, display: str, raw: bytes) -> Workspace:
    """The workspace with ``raw`` as the contents of ``path``: its document takes the file's
    place in the graph (:meth:`~tpmdocs.graph.ProjectGraph.apply`, which changes
    ``workspace.graph`` in place) and its findings the file's."""
    loaded = read_unsaved(raw, path, display)
    graph = workspace.graph
    graph.apply([(graph.document_at(str(path)), loaded.document)])
    findings = [finding for finding in workspace.findings if finding.path != display]
    files = workspace.files + (0 if path.exists() else 1)  # Markdown files read, this one too
    return Workspace(graph=graph, findings=findings + loaded.findings, files=files)


def lint_unsaved(options: LintOptions, raw: bytes, extra: Extra | None = None) -> LintResult:
    """``tpmdocs lint --stdin``: ``raw`` checked as the contents of the one path in ``options``,
    within its project as read from disk.

    Nothing is written, not even the cache of parsed documents: reading through it would
    write it (an option to read it without writing it needs a hook in ``workspace.py``).
    """
    roots, _ = roots_and_scope(options)
    workspace = load_workspace(roots, options.cwd, cache=False, jobs=options.jobs)
    path = Path(os.path.normpath((options.cwd / options.paths[0]).absolute()))  # as discovered
    workspace = with_unsaved(workspace, path, display_path(path, options.cwd), raw)
    return lint(options, workspace, extra=extra)
