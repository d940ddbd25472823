"""Where each approval stands: still true, changed since (and whether a change request covers
the change), and which documents rely on an approved document that changed (*suspect*).

The rules (TPM702–TPM704), the header cards and ``tpmdocs status`` all ask
here, so they cannot disagree. Only an approval with a well-formed
fingerprint can be checked; a v1 ``{by, on}`` is taken as it stands, and a
malformed ``approved`` is the schema's finding (TPM010), not this module's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import schema
from .covering import Newer, covering
from .fingerprint import document_fingerprint, is_well_formed
from .graph import Link, ProjectGraph, key
from .model import Document, as_date


@dataclass(frozen=True)
class ApprovalState:
    """A document's approval, and whether what it says still matches what was approved."""

    document: Document
    by: str | None
    on: dt.date | None
    recorded: str | None  # the fingerprint written in ``approved``, when well-formed
    actual: str | None  # the fingerprint of the document as it is
    covered_by: tuple[str, ...] = ()  # change requests that cover the change (when changed)

    @property
    def changed(self) -> bool:
        """The document no longer says what was approved."""
        return self.recorded is not None and self.actual is not None and self.recorded != self.actual


@dataclass(frozen=True)
class Suspect:
    """A document that references (``link``) an approved document that changed since."""

    link: Link
    state: ApprovalState


def approval_of(document: Document, graph: ProjectGraph) -> ApprovalState | None:
    """The approval of a document that carries one (``approved`` a mapping), else None."""
    if document.type not in schema.approvable_types():
        return None
    approved = document.get("approved")
    if not isinstance(approved, dict):
        return None
    by = approved.get("by") if isinstance(approved.get("by"), str) else None
    on = as_date(approved.get("on"))
    recorded = approved.get("fingerprint") if is_well_formed(approved.get("fingerprint")) else None
    actual = document_fingerprint(document) if recorded is not None else None
    state = ApprovalState(document, by, on, recorded, actual)
    if state.changed and document.id:
        affecting = [link.source for link in graph.referenced_by.get(key(document.id), [])
                     if link.key == "affects" and link.source.type == "change-request"]
        cover = covering(document.id, affecting, Newer.since_approval(on))
        state = ApprovalState(document, by, on, recorded, actual, tuple(cover))
    return state


class ApprovalBook:
    """The approval states of one graph, each worked out once (pages and rules ask many times)."""

    def __init__(self, graph: ProjectGraph) -> None:
        self.graph = graph
        self._states: dict[int, ApprovalState | None] = {}

    def state(self, document: Document) -> ApprovalState | None:
        if id(document) not in self._states:
            self._states[id(document)] = approval_of(document, self.graph)
        return self._states[id(document)]

    def suspects(self, document: Document) -> list[Suspect]:
        """The approved documents that changed since, which ``document`` references."""
        return [Suspect(link, state) for link in self.graph.links_of(document)
                if (state := self._changed_target(link)) is not None]

    def _changed_target(self, link: Link) -> ApprovalState | None:
        target = link.target
        if target is None or target is link.source or link.key == "project" or link.wrong_type:
            return None  # ``project`` says where a document belongs, not what it relies on
        if link.source.type == "change-request" and link.key == "affects":
            return None  # a change request that affects it is what changes it
        if target.type not in schema.approvable_types():
            return None
        state = self.state(target)
        return state if state is not None and state.changed else None


def changed_and_suspect(graph: ProjectGraph, documents: list[Document]
                        ) -> tuple[list[ApprovalState], list[tuple[Document, list[Suspect]]]]:
    """``(changed approvals, (document, suspects))`` among ``documents``: what ``status`` lists."""
    book = ApprovalBook(graph)
    changed = [state for doc in documents if (state := book.state(doc)) is not None and state.changed]
    suspect = [(doc, found) for doc in documents if (found := book.suspects(doc))]
    return changed, suspect
