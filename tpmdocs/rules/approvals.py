"""Approvals that stay true: an approved document still says what was approved (TPM702, or
TPM703 when a change request covers the change), and documents that rely on one that
changed are suspect (TPM704). The states come from :mod:`tpmdocs.approvals`."""

from __future__ import annotations

from collections.abc import Iterable

from .. import schema
from ..approvals import ApprovalBook, ApprovalState, approval_of
from ..model import Document, Severity
from .base import ALWAYS, Context, Problem, Rule, Unit

#: What TPM702 and TPM703 read of their neighbours: the change requests that affect them
#: (:func:`tpmdocs.covering.covering`).
_COVERING = frozenset({"id", "type", "affects", "status", "decided_on", "date"})


def _changed(ctx: Context, doc: Document, covered: bool) -> Iterable[ApprovalState]:
    """The document's approval when it changed since, with (or without) a covering request."""
    state = approval_of(doc, ctx.graph)
    if state is not None and state.changed and bool(state.covered_by) == covered:
        yield state


def _since(state: ApprovalState) -> str:
    doc = state.document
    who = f" by {state.by}" if state.by else ""
    when = f" on {state.on}" if state.on else ""
    return f"{doc.type} {doc.id} changed since it was approved{who}{when}"


def check_changed(ctx: Context, doc: Document) -> Iterable[Problem]:
    for state in _changed(ctx, doc, covered=False):
        yield Problem(state.document, ("approved", "fingerprint"),
                      f"{_since(state)} (fingerprint {state.recorded}, now {state.actual}); no change "
                      f"request decided since then covers it: undo the change, or record an approved "
                      f"change request that `affects` {state.document.id} and approve it again "
                      f"(`tpmdocs approve {state.document.id} --by HANDLE`)")


APPROVED_DOCUMENT_CHANGED = Rule(
    "TPM702", "approved-document-changed", ALWAYS, Severity.ERROR,
    "An approved document no longer says what was approved, and no change request covers it",
    "An approval is a promise about a text. Once someone edits an approved charter, milestone or "
    "change request, the approval silently covers something nobody approved. The fingerprint "
    "that `tpmdocs approve` writes shows the change in every lint, even without git history; "
    "reordering keys, quoting, comments and trailing spaces do not count.",
    check_changed, unit=Unit.DOCUMENT, types=schema.approvable_types(), neighbours=True, reads=_COVERING)


def check_covered(ctx: Context, doc: Document) -> Iterable[Problem]:
    for state in _changed(ctx, doc, covered=True):
        yield Problem(state.document, ("approved", "fingerprint"),
                      f"{_since(state)}; the change is covered by {', '.join(state.covered_by)}: "
                      f"approve it again (`tpmdocs approve {state.document.id} --by HANDLE`)")


APPROVED_CHANGE_COVERED = Rule(
    "TPM703", "approved-change-covered", ALWAYS, Severity.WARNING,
    "An approved document changed through an approved change request and awaits its new approval",
    "A change request decided after the approval allows the change, but the document's approval "
    "still describes the old text; approving it again records who accepted the new one.",
    check_covered, unit=Unit.DOCUMENT, types=schema.approvable_types(), neighbours=True, reads=_COVERING)


def check_suspect(ctx: Context, doc: Document) -> Iterable[Problem]:
    for suspect in ApprovalBook(ctx.graph).suspects(doc):
        target = suspect.state.document
        yield Problem(doc, suspect.link.keypath,
                      f"{doc.type} {doc.id or doc.display} is suspect: it references {target.type} "
                      f"{target.id} (`{suspect.link.key}`), which changed since it was approved; "
                      f"check that it still holds")


SUSPECT_REFERENCE = Rule(
    "TPM704", "suspect-reference", ALWAYS, Severity.WARNING,
    "A document references an approved document that changed since it was approved",
    "Tasks, risks and goals were written against the approved milestone or charter they name. "
    "When that changes, they may no longer fit: the warning asks someone to look, until the "
    "changed document is approved again.",
    check_suspect, unit=Unit.DOCUMENT, neighbours=True)

RULES = (APPROVED_DOCUMENT_CHANGED, APPROVED_CHANGE_COVERED, SUSPECT_REFERENCE)
