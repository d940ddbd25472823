"""``tpmdocs approve``: record who approved a document, when, and what it said.

The order of the checks, each a refusal that writes nothing: the id names
exactly one document; its type can be approved (its schema has ``approved``);
its front matter is valid apart from ``approved`` itself (which the approval
replaces); the file still reads as the workspace read it. Then the new front
matter is made (:mod:`tpmdocs.approval_edit`), read again to prove it says
what it said plus the approval with the fingerprint of what it says, the file
is read once more to make sure nobody changed it meanwhile, and it is
replaced at once (:func:`tpmdocs.safe_write.write_atomic`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import schema, validation
from .approval_edit import Approval, EditRefused, with_approval
from .fingerprint import document_fingerprint
from .graph import ProjectGraph, key
from .loader import decode, parse_text, read_bytes
from .model import Document
from .safe_write import write_atomic


class ApprovalRefused(Exception):
    """The approval cannot be written; the message says why. Nothing was written."""


@dataclass(frozen=True)
class Approved:
    """What ``approve`` did: the document, the approval, and whether the file changed."""

    display: str
    doc_id: str
    approval: Approval
    written: bool


def approve(graph: ProjectGraph, doc_id: str, by: str, on: dt.date) -> Approved:
    """Write ``approved: {by, on, fingerprint}`` into the document ``doc_id`` of ``graph``."""
    document = find_approvable(graph, doc_id)
    try:
        raw = read_bytes(document.path)
        current = _parsed(raw, document)
    except OSError as exc:
        raise ApprovalRefused(f"cannot read {document.display}: {exc.strerror or exc}") from None
    fingerprint = document_fingerprint(current)
    assert fingerprint is not None  # parsed with_fingerprint
    approval = Approval(by=by, on=on.isoformat(), fingerprint=fingerprint)
    if current.get("approved") == approval.as_dict():
        return Approved(document.display, document.id or doc_id, approval, written=False)
    try:
        edited = with_approval(raw, approval)
    except EditRefused as exc:
        raise ApprovalRefused(f"{document.display}: {exc}") from None
    _check_result(edited, document, approval)
    replace_if_unchanged(document.path, raw, edited, document.display)
    return Approved(document.display, document.id or doc_id, approval, written=True)


def replace_if_unchanged(path: Path, expected: bytes, new: bytes, display: str) -> None:
    """Replace the file with ``new`` at once, unless its bytes are no longer ``expected``."""
    try:
        if read_bytes(path) != expected:
            raise ApprovalRefused(f"{display} changed on disk while it was being approved "
                                  "(run the command again)")
        write_atomic(path, new)
    except OSError as exc:
        raise ApprovalRefused(f"cannot write {display}: {exc.strerror or exc}") from None


def find_approvable(graph: ProjectGraph, doc_id: str) -> Document:
    """The one document with id ``doc_id`` (ignoring case), of a type that can be approved."""
    document = graph.get(doc_id)
    if document is None:
        raise ApprovalRefused(f"no document has the id {doc_id!r}")
    twins = [doc.display for doc, first in graph.duplicates if first is document]
    if twins:
        raise ApprovalRefused(f"the id {document.id!r} names more than one document "
                              f"({document.display}, {', '.join(twins)}); make it unique first")
    if document.type not in schema.approvable_types():
        kinds = [kind.replace("-", " ") for kind in schema.approvable_types()]
        raise ApprovalRefused(f"{document.id} is a {document.type or 'document without a type'}, which "
                              f"cannot be approved (a {', '.join(kinds[:-1])} or {kinds[-1]} can)")
    return document


def _parsed(raw: bytes, document: Document) -> Document:
    """The file as it is now, which must be the valid document the workspace read."""
    try:
        loaded = parse_text(decode(raw), document.path, document.display, with_fingerprint=True)
    except UnicodeDecodeError:
        loaded = None
    current = loaded.document if loaded is not None else None
    if loaded is None or current is None or loaded.findings or key(current.id or "") != key(document.id or ""):
        raise ApprovalRefused(f"{document.display} no longer reads as {document.id} "
                              "(run `tpmdocs lint` on it)")
    problems = [(path, message) for path, message in validation.problems(current)
                if path[:1] != ("approved",)]
    if problems:
        path, message = problems[0]
        line, _column = current.where(*path)
        raise ApprovalRefused(f"{document.display}:{line}: the front matter is not valid ({message}); "
                              "fix it before approving")
    return current


def _check_result(edited: bytes, document: Document, approval: Approval) -> None:
    """The edited text reads back with a valid approval whose fingerprint is its own."""
    new = parse_text(decode(edited), document.path, document.display).document
    if new is None:
        raise ApprovalRefused(f"{document.display}: the edited front matter would not parse")
    problems = [message for path, message in validation.problems(new) if path[:1] == ("approved",)]
    if problems:
        raise ApprovalRefused(f"the approval would not be valid: {problems[0]}")
    if document_fingerprint(new) != approval.fingerprint:
        raise ApprovalRefused(f"{document.display}: the written approval would not match the document")

