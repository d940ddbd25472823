"""Text that is not on disk, read as if it were the file it will be saved as.

An editor's unsaved buffer (``tpmdocs lsp``) and ``tpmdocs lint --stdin`` both check text
that is not (yet) a file's contents. The text takes the loader's own way (bounded, decoded,
front matter parsed: one parser), and its result takes the file's place among the documents
and findings read from disk, so that every rule sees the project as it would be with the
text saved. Nothing here writes anything.
"""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

from .discover import display_path, path_order
from .graph import build_graph
from .linter import LintOptions, LintResult, lint, roots_and_scope
from .loader import MAX_FILE_BYTES, Loaded, load_bytes, too_large, unreadable
from .model import Document, Finding
from .workspace import Workspace, load_workspace

#: What one file's reading gave, keyed by its absolute path as text: ``(display, result)``;
#: a result of None means the file is gone.
Swaps = dict  # dict[str, tuple[str, Loaded | None]]


def read_unsaved(raw: bytes, path: Path, display: str) -> Loaded:
    """The loader's result for ``raw`` as the contents of ``path`` (bounded as a file is: a
    caller reads at most one byte more than :data:`MAX_FILE_BYTES`, so the size is not known)."""
    if len(raw) > MAX_FILE_BYTES:
        return unreadable(display, too_large(None))
    loaded = load_bytes(raw, path, display)
    loaded.text = None  # the caller has the text; a document does not keep it
    return loaded


def read_unsaved_text(text: str, path: Path, display: str) -> Loaded:
    """:func:`read_unsaved` of text an editor holds (lone surrogates, which no file can hold
    as UTF-8, are refused as a file's invalid bytes are)."""
    return read_unsaved(text.encode("utf-8", "surrogatepass"), path, display)


def swapped(documents: list[Document], findings: list[Finding],
            swaps: Swaps) -> tuple[list[Document], list[Finding]]:
    """``documents`` (in path order) and ``findings`` with each swapped file's document and
    findings in place of what was read before (a new file's document inserted in path order)."""
    if not swaps:
        return documents, findings
    displays = {display for display, _ in swaps.values()}
    kept_findings = [finding for finding in findings if finding.path not in displays]
    new_documents = []
    for document in documents:
        swap = swaps.get(document.path_text)
        if swap is None:
            new_documents.append(document)
        elif swap[1] is not None and swap[1].document is not None:
            new_documents.append(swap[1].document)
    placed = {document.path_text for document in documents}
    for path, (_, loaded) in swaps.items():
        if loaded is None:
            continue
        kept_findings.extend(loaded.findings)
        if loaded.document is not None and path not in placed:
            at = bisect_left(new_documents, path_order(path), key=lambda d: path_order(d.path_text))
            new_documents.insert(at, loaded.document)
    return new_documents, kept_findings


def with_unsaved(workspace: Workspace, path: Path, display: str, raw: bytes) -> Workspace:
    """The workspace with ``raw`` as the contents of ``path`` (its project's graph built again)."""
    documents, findings = swapped(workspace.graph.documents, workspace.findings,
                                  {str(path): (display, read_unsaved(raw, path, display))})
    files = workspace.files + (0 if path.exists() else 1)  # Markdown files read, this one too
    return Workspace(graph=build_graph(documents, in_path_order=True), findings=findings, files=files)


def lint_unsaved(options: LintOptions, raw: bytes, extra=None) -> LintResult:
    """``tpmdocs lint --stdin``: ``raw`` checked as the contents of the one path in ``options``,
    within its project as read from disk.

    Nothing is written, not even the cache of parsed documents: reading through it would
    write it (an option to read it without writing it needs a hook in ``workspace.py``).
    """
    roots, _ = roots_and_scope(options)
    workspace = load_workspace(roots, options.cwd, cache=False, jobs=options.jobs)
    path = (options.cwd / options.paths[0]).absolute()
    workspace = with_unsaved(workspace, path, display_path(path, options.cwd), raw)
    return lint(options, workspace, extra=extra)
