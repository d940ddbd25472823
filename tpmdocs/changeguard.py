"""``lint --since REF``: approved baselines that moved without an approved change request.

Each guarded document is compared with its own file at git revision ``REF``
(read with ``git cat-file --batch``, parsed by the linter's own
:func:`tpmdocs.loader.parse_text`). A change counts when the baseline was
already approved at ``REF`` — the charter, or for a milestone or goal its
project's charter, had ``approved: {by, on}`` — and no change request covers
it (:mod:`tpmdocs.covering`: approved, ``affects`` the document, and added or
approved since ``REF`` or decided on or after ``REF``'s date; the change
requests are read at ``REF`` too, to know which were approved there). Documents
that did not exist at ``REF`` have no baseline yet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .covering import Newer, change_requests, covering
from .git.repository import GitError, run_git
from .graph import ProjectGraph
from .loader import decode, parse_text
from .model import Document, Finding, echo
from .rules.changes import UNAPPROVED_BASELINE_CHANGE

#: What an approval fixes, by document type.
GUARDED = {"charter": ("scope", "budget", "start", "end"), "milestone": ("due",), "goal": ("target",)}


def repository_root(cwd: Path) -> Path:
    try:
        return Path(run_git(cwd, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        raise GitError(f"--since needs a git repository, and {cwd} is not in one") from None


def check_revision(top: Path, ref: str) -> None:
    if ref.startswith("-"):
        raise GitError(f"{ref!r} is not a git revision")
    try:
        run_git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(f"git knows no revision {ref!r}") from None


def revision_date(top: Path, ref: str) -> dt.date:
    """The day of ``ref``'s commit (committer date, in the commit's own time zone)."""
    stamp = run_git(top, "show", "-s", "--format=%cI", f"{ref}^{{commit}}").decode().strip()
    try:
        return dt.date.fromisoformat(stamp[:10])
    except ValueError:
        raise GitError(f"git gave no date for {ref!r}") from None


def read_at(top: Path, ref: str, paths: list[Path]) -> dict[Path, bytes]:
    """``{path: bytes}`` of the files that exist at ``ref`` (one ``git cat-file`` for all)."""
    names = []
    for path in paths:
        try:
            name = path.resolve().relative_to(top.resolve()).as_posix()
        except ValueError:
            continue
        if "\n" not in name:
            names.append((path, name))
    if not names:
        return {}
    request = "".join(f"{ref}:{name}\n" for _, name in names).encode("utf-8")
    output = run_git(top, "cat-file", "--batch", data=request)
    found, at = {}, 0
    for path, _ in names:
        end = output.index(b"\n", at)
        header = output[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[path] = output[at:at + size]
            at += size + 1
    return found


def _old_document(raw: bytes | None, current: Document) -> Document | None:
    if raw is None:
        return None
    try:
        text = decode(raw)
    except UnicodeDecodeError:
        return None
    old = parse_text(text, current.path, current.display).document
    return old if old is not None and old.type == current.type else None


def _approved(charter: Document | None) -> bool:
    approved = charter.get("approved") if charter is not None else None
    return isinstance(approved, dict) and bool(approved.get("by")) and bool(approved.get("on"))


def baseline_findings(graph: ProjectGraph, ref: str, cwd: Path) -> list[tuple[Finding, Document]]:
    """``(Finding, Document)`` for each guarded key changed since ``ref`` without cover."""
    top = repository_root(cwd)
    check_revision(top, ref)
    guarded = [doc for doc in graph.documents if doc.type in GUARDED and doc.id]
    requests = change_requests(graph)
    old_bytes = read_at(top, ref, [doc.path for doc in guarded + requests])
    old_docs = {id(doc): _old_document(old_bytes.get(doc.path), doc) for doc in guarded + requests}
    newer = Newer.since_revision([old for cr in requests if (old := old_docs[id(cr)]) is not None],
                                 revision_date(top, ref))
    found: list[tuple[Finding, Document]] = []
    for doc in guarded:
        old = old_docs[id(doc)]
        if old is None or not _approved(_old_charter(graph, doc, old_docs)):
            continue
        changed = [name for name in GUARDED[doc.type] if old.get(name) != doc.get(name)]
        if changed and not covering(doc.id or "", requests, newer):
            found.extend((_finding(doc, old, name, ref), doc) for name in changed)
    return found


def _old_charter(graph: ProjectGraph, doc: Document, old_docs: dict[int, Document | None]) -> Document | None:
    """The project's charter as it was at the revision (the document itself for a charter)."""
    if doc.type == "charter":
        return old_docs.get(id(doc))
    project = graph.project_of(doc)
    return old_docs.get(id(project.charter)) if project is not None else None


def _finding(doc: Document, old: Document, name: str, ref: str) -> Finding:
    before, after = old.get(name), doc.get(name)
    change = (f"was removed (it was {echo(before)})" if after is None
              else f"was set to {echo(after)}" if before is None
              else f"changed from {echo(before)} to {echo(after)}")
    message = (f"{doc.type} {doc.id}: `{name}` {change} since {ref}, after the baseline was approved; "
               f"no approved change request added, approved or decided since then `affects` {doc.id}")
    line, column = doc.where(name)
    return Finding(doc.display, line, column, UNAPPROVED_BASELINE_CHANGE.code, message)
