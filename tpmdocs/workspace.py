"""Load folder trees into one project graph: discover, read, index.

This is the one way every command and the site read documents. Reading
goes through the store of parsed documents when asked (:mod:`tpmdocs.store`:
only bytes it has not seen are parsed) and through worker processes when
many files must be parsed; neither changes what is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import parallel
from .discover import discover
from .entry import decode
from .graph import ProjectGraph, build_graph
from .loader import UNSUPPORTED_YAML, Loaded
from .model import Document, Finding, path_order
from .reading import FileRead, parse_again, parse_file, read_file
from .store import DocumentStore

#: The front matter one run holds at most (each file is bounded by the loader; this bounds
#: a folder of them). 128 MiB is some 100,000 documents of ordinary size.
MAX_HELD_FRONT_MATTER = 128 * 1024 * 1024


@dataclass
class Workspace:
    graph: ProjectGraph
    findings: list[Finding] = field(default_factory=list)  # the loader's and discovery's findings
    files: int = 0  # Markdown files read


def load_workspace(roots: list[Path], cwd: Path, progress: Callable[[int, int], None] | None = None,
                   cache: bool = False, jobs: int = 0, store_at: Path | None = None) -> Workspace:
    """Read every Markdown file under ``roots`` (folders or files) into one graph.

    ``progress``, when given, is called with the number of files read so far
    and the total, for a progress bar on long runs. ``cache`` uses the store
    of parsed documents (see :mod:`tpmdocs.store`) in ``store_at``, by default
    the repository's (:func:`store_root`); ``jobs`` is the number of worker
    processes (0: decide by size).
    """
    findings: list[Finding] = []
    if len(roots) == 1:
        found = discover(Path(roots[0]), cwd)
        findings.extend(found.findings)
        tasks = found.files  # (path as text, display), in path order
    else:
        files: dict[str, str] = {}  # path as text -> display
        for root in roots:
            found = discover(Path(root), cwd)
            findings.extend(found.findings)
            for path, display in found.files:
                files.setdefault(path, display)
        tasks = [(path, files[path]) for path in sorted(files, key=path_order)]
    store = None
    if cache and tasks:
        store = _open_store(store_at or store_root(Path(roots[0]), cwd), len(tasks))
    try:
        everything = _load_all(tasks, store, jobs)
        if store is not None:
            store.save([str(Path(root).absolute()) for root in roots])
    finally:
        if store is not None:
            store.close()
    documents: list[Document] = []
    held = 0  # characters of front matter held by the documents so far
    for count, loaded in enumerate(everything, 1):
        findings.extend(loaded.findings)
        if loaded.document is not None:
            held += loaded.document.size
            if held > MAX_HELD_FRONT_MATTER:
                findings.append(_over_budget(loaded.document))
            else:
                documents.append(loaded.document)
        if progress is not None:
            progress(count, len(tasks))
    return Workspace(graph=build_graph(documents, in_path_order=True), findings=findings,
                     files=len(tasks))


def _over_budget(document: Document) -> Finding:
    limit = MAX_HELD_FRONT_MATTER // (1024 * 1024)
    return Finding(document.display, 1, 1, UNSUPPORTED_YAML,
                   f"not read: this run already holds {limit} MiB of front matter, the most it "
                   "takes (lint fewer or smaller documents at a time)")


def store_root(start: Path, cwd: Path) -> Path | None:
    """Where the store of parsed documents for ``start`` lives (``.tpmdocs-cache/`` in it):
    the nearest folder with ``.git`` at or above ``start``, if it is inside ``cwd``."""
    start, cwd = start.absolute(), cwd.absolute()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder if folder == cwd or cwd in folder.parents else None
    return None


def _open_store(root: Path | None, files: int) -> DocumentStore | None:
    return DocumentStore.open(root, parse_again, files) if root is not None else None


def _load_all(tasks: list[tuple[str, str]], store: DocumentStore | None, jobs: int) -> list[Loaded]:
    """The loader's result for each ``(path as text, display)``, from the store where it can."""
    results: list[Loaded | None] = store.unchanged(tasks) if store is not None else [None] * len(tasks)
    todo = [index for index, hit in enumerate(results) if hit is None]
    workers = parallel.worker_count(len(todo), jobs)
    if store is None and workers <= 1:
        return [parse_file(path, display) for path, display in tasks]
    items = [(*tasks[index], store.blob_of(tasks[index][0]) if store is not None else None)
             for index in todo]
    for index, read in zip(todo, parallel.map_in_order(read_file, items, workers)):
        results[index] = _taken(read, *tasks[index], store)
    return results  # type: ignore[return-value]  # every None was replaced


def _taken(read: FileRead, path: str, display: str, store: DocumentStore | None) -> Loaded:
    """The loader's result from what :func:`read_file` gave, kept in the store."""
    if read.entry is None and read.blob is not None and store is not None:
        loaded = store.loaded(path, display)  # bytes the store knows
        if loaded is not None:
            store.record(path, read.blob, read.stat)
            return loaded
        read = read_file(path, display, None)  # its entry is not sound: parse the file after all
    if read.entry is None:  # not encodable (an integer beyond 64 bits): parsed here, not kept
        return parse_file(path, display)
    if read.blob is not None and store is not None:
        store.put(read.blob, read.entry)
        store.record(path, read.blob, read.stat)
    return decode(*read.entry, read.blob or "", path, display, parse_again)
