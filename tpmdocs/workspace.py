"""Load folder trees into one project graph: discover, read, index.

This is the one way every command and the site read documents. Reading
goes through the cache of parsed documents when asked (only changed files
are parsed again) and through worker processes when many files must be
parsed; neither changes what is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import parallel
from .discover import discover, path_order
from .graph import ProjectGraph, build_graph
from .loader import DUPLICATE_KEY, MALFORMED, UNSUPPORTED_YAML, Loaded, load_bytes, load_file, read_bytes
from .model import Finding
from .query import HINT, query_findings

#: Loader findings that refuse a file: its body is not read for queries either.
REFUSING = frozenset({MALFORMED, DUPLICATE_KEY, UNSUPPORTED_YAML})

#: The front matter one run holds at most (each file is bounded by the loader; this bounds
#: a folder of them). 128 MiB is some 100,000 documents of ordinary size.
MAX_HELD_FRONT_MATTER = 128 * 1024 * 1024


@dataclass
class Workspace:
    graph: ProjectGraph
    findings: list = field(default_factory=list)  # the loader's and discovery's findings
    files: int = 0  # Markdown files read


def load_workspace(roots: list, cwd: Path, progress=None, cache: bool = False,
                   jobs: int = 0) -> Workspace:
    """Read every Markdown file under ``roots`` (folders or files) into one graph.

    ``progress``, when given, is called with the number of files read so far
    and the total, for a progress bar on long runs. ``cache`` uses the cache
    of parsed documents of the repository (see :mod:`tpmdocs.cache`);
    ``jobs`` is the number of worker processes (0: decide by size).
    """
    findings: list = []
    if len(roots) == 1:
        found = discover(Path(roots[0]), cwd)
        findings.extend(found.findings)
        tasks = found.files  # (path as text, display), in path order
    else:
        files: dict = {}  # path as text -> display
        for root in roots:
            found = discover(Path(root), cwd)
            findings.extend(found.findings)
            for path, display in found.files:
                files.setdefault(path, display)
        tasks = [(path, files[path]) for path in sorted(files, key=path_order)]
    store = _open_cache(roots, cwd) if cache and tasks else None
    documents = []
    held = 0  # characters of front matter held by the documents so far
    for count, loaded in enumerate(_load_all(tasks, store, jobs), 1):
        findings.extend(loaded.findings)
        if loaded.document is not None:
            held += loaded.document.size
            if held > MAX_HELD_FRONT_MATTER:
                findings.append(_over_budget(loaded.document))
            else:
                documents.append(loaded.document)
        if progress is not None:
            progress(count, len(tasks))
    if store is not None:
        store.save()
    return Workspace(graph=build_graph(documents, in_path_order=True), findings=findings,
                     files=len(tasks))


def _over_budget(document) -> Finding:
    limit = MAX_HELD_FRONT_MATTER // (1024 * 1024)
    return Finding(document.display, 1, 1, UNSUPPORTED_YAML,
                   f"not read: this run already holds {limit} MiB of front matter, the most it "
                   "takes (lint fewer or smaller documents at a time)")


def cache_root(start: Path, cwd: Path) -> Path | None:
    """Where the cache of parsed documents for ``start`` lives (``.tpmdocs-cache/`` in it):
    the nearest folder with ``.git`` at or above ``start``, if it is inside ``cwd``."""
    start, cwd = start.absolute(), cwd.absolute()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder if folder == cwd or cwd in folder.parents else None
    return None


def _open_cache(roots: list, cwd: Path):
    root = cache_root(Path(roots[0]), cwd)
    if root is None:
        return None
    from .cache import DocumentCache  # here: a run without cache does not import it
    return DocumentCache(root, cwd.as_posix())


def _load_all(tasks: list, store, jobs: int) -> list:
    """The loader's result for each ``(path as text, display)``, from the cache where it is fresh."""
    if store is None:
        todo = list(range(len(tasks)))
        results = [None] * len(tasks)
    else:
        results = store.by_stat(tasks)
        todo = [index for index, hit in enumerate(results) if hit is None]
    workers = parallel.worker_count(len(todo), jobs)
    items = [(*tasks[index], store.digest(tasks[index][0]) if store is not None else None,
              store is not None, workers > 1) for index in todo]
    for index, (loaded, key, digest, encoded) in zip(todo, parallel.map_in_order(read_one, items, workers)):
        path, display = tasks[index]
        if loaded is None and encoded is not None:  # parsed by a worker: sent back as JSON
            from .cache import decode
            loaded = decode(path, display, encoded[0])
        if store is not None and digest is not None:
            if encoded is None:  # same bytes as the cached entry
                loaded = store.by_content(path, display, key, digest)
                if loaded is None:  # an entry this cache did not write: parse after all
                    loaded, key, digest, encoded = read_one(path, display, None, True, False)
            if encoded is not None:
                store.put_encoded(path, encoded[1])
        results[index] = loaded
    return results


def read_one(path: str, display: str, known_digest: str | None, for_cache: bool,
             in_worker: bool) -> tuple:
    """``(loaded, stat key, digest, encoded)`` of one file (``path``: absolute, as text).

    ``encoded`` is :func:`tpmdocs.cache.encode`'s ``(payload, entry)`` when the result is
    to be cached or sent from a worker process (JSON text pickles far more cheaply than
    documents, and workers so share the encoding); ``loaded`` is None when a worker sends
    ``encoded`` instead. With a cache, a file whose digest is ``known_digest`` gives
    ``(None, key, digest, None)``: it was not parsed again.
    """
    key = digest = None
    if for_cache:
        from .cache import content_digest, file_key
        key = file_key(path)
        try:
            raw = read_bytes(path)
        except OSError:
            return load_file(Path(path), display), None, None, None  # the loader says why; never cached
        digest = content_digest(raw)
        if digest == known_digest:
            return None, key, digest, None
        loaded = _checked(load_bytes(raw, Path(path), display), display)
    else:
        loaded = _checked(load_file(Path(path), display), display)
    if not (for_cache or in_worker):
        return loaded, None, None, None
    from .cache import encode
    encoded = encode(path, key, digest, loaded)
    return (None if in_worker else loaded), key, digest, encoded


def _checked(loaded: Loaded, display: str) -> Loaded:
    """Drop the text and validate here, so that workers share the validation too: the
    document against its schema, the query blocks of any page that is read (a refused file
    shows none of its body)."""
    text, loaded.text = loaded.text, None
    if loaded.document is not None:
        from .validation import problems
        loaded.document.schema_problems = list(problems(loaded.document, text))
    check_queries(loaded, text, display)
    return loaded


def check_queries(loaded: Loaded, text: str | None, display: str) -> None:
    """Add a finding for each query block of the file's ``text`` that cannot be run (a file
    the loader refused shows none of its body); every way a file is read goes through here."""
    if text is not None and HINT in text and not any(f.code in REFUSING for f in loaded.findings):
        loaded.findings.extend(query_findings(text, display, loaded.body_line - 1))
