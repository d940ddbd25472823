"""What a document's header card says about approvals: "approved by X on D", a banner nobody
can miss when it changed since, which approved documents it relies on that changed (suspect),
and for a decision what superseded it. States come from :mod:`tpmdocs.approvals`.

Each note is one HTML paragraph; the caller passes ``link(target, label)`` (an HTML link) and
``text(value)`` (the escape function of its output), so the same notes serve the Markdown
card and the HTML card.
"""

from __future__ import annotations

from collections.abc import Callable

from ..approvals import ApprovalBook, ApprovalState
from ..graph import ProjectGraph, key
from ..model import Document

Link = Callable[[Document, str], str]
Text = Callable[[object], str]


def approval_notes(document: Document, book: ApprovalBook, link: Link, text: Text) -> list[str]:
    """The card's approval paragraphs (none for a document without any of these states)."""
    notes = []
    state = book.state(document)
    if state is not None:
        notes.append(_approval(state, book.graph, link, text))
    suspects = book.suspects(document)
    if suspects:
        targets = list({id(s.state.document): s.state for s in suspects}.values())
        names = ", ".join(f"{text(t.document.type)} {_named(t.document, link)}" for t in targets)
        notes.append(f'<p class="tpm-approval tpm-approval-suspect"><strong>Suspect:</strong> this '
                     f"{text(document.type)} relies on {names}, changed since "
                     f"{'its' if len(targets) == 1 else 'their'} approval; check that it still holds.</p>")
    superseding = superseded_by(document, book.graph)
    if superseding:
        names = ", ".join(_named(doc, link) for doc in superseding)
        notes.append(f'<p class="tpm-approval tpm-approval-superseded"><strong>Superseded by</strong> '
                     f"{names}.</p>")
    return notes


def _approval(state: ApprovalState, graph: ProjectGraph, link: Link, text: Text) -> str:
    who = f" by {text(state.by)}" if state.by else ""
    when = f" on {text(state.on.isoformat())}" if state.on else ""
    if not state.changed:
        return f'<p class="tpm-approval tpm-approval-ok">&#10003; Approved{who}{when}.</p>'
    if state.covered_by:
        documents = [doc for cr in state.covered_by if (doc := graph.get(cr)) is not None]
        covered = (" The change is covered by " + ", ".join(_named(doc, link) for doc in documents)
                   + "; it awaits approval again.")
    else:
        covered = " No change request decided since covers the change."
    return (f'<p class="tpm-approval tpm-approval-changed"><strong>&#9888; Changed since approval:'
            f"</strong> approved{who}{when}, but the document no longer says what was approved."
            f"{covered}</p>")


def _named(document: Document, link: Link) -> str:
    return link(document, f"{document.id or '?'} {document.title}")


def superseded_by(document: Document, graph: ProjectGraph) -> list[Document]:
    """The decisions whose ``supersedes`` names ``document`` (a decision), in path order."""
    if document.type != "decision" or not document.id:
        return []
    return [link.source for link in graph.referenced_by.get(key(document.id), [])
            if link.key == "supersedes" and link.source.type == "decision"]
