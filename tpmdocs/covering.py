"""When a change request *covers* a change to a document: the one definition of SPEC's
"Approvals that stay true", used by the fingerprint rules (TPM702/TPM703), by
``lint --since REF`` (:mod:`tpmdocs.changeguard`) and by ``tpmdocs diff``.

A change request covers a change to a document when it

1. is approved: its ``status`` is ``approved`` or ``implemented``;
2. ``affects`` the document (ids compared ignoring case);
3. is newer than what it would excuse (:class:`Newer`):

   * for an approval's fingerprint: decided on or after the approval's ``on``;
   * for a comparison of two revisions (``--since``, ``diff``): added or approved
     within the compared changes (not yet approved at the base revision), or decided on
     or after the base revision's date.

A change request approved before the approval it would break was part of
what was approved: it covers nothing new. "Decided on" is ``decided_on``; a
change request without one counts from its ``date`` (the day it was asked
for, which no decision can precede), and with neither it is not newer than
any date.

The API, for a caller that has the document's id and the change requests::

    covering(doc_id, change_requests(graph), Newer.since_approval(approved_on))
    covering(doc_id, change_requests(graph), Newer.since_revision(old_documents, base_date))

gives the ids of the change requests that cover the change, in the order given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .graph import ProjectGraph, ids_of, key
from .model import Document, as_date

#: The statuses of a change request that has been approved.
COVERING_STATUS = ("approved", "implemented")


@dataclass(frozen=True)
class Newer:
    """What a change request must be newer than to cover a change.

    ``decided_since``: it covers when decided on or after this date (None: no date counts).
    ``approved_before``: the keys (:func:`tpmdocs.graph.key`) of the change requests that were
    already approved at the base revision; one not among them was added or approved within the
    compared changes and covers (None: no revision is compared).
    """

    decided_since: dt.date | None = None
    approved_before: frozenset[str] | None = None

    @classmethod
    def since_approval(cls, approved_on: dt.date | None) -> Newer:
        """For an approval's fingerprint: decided on or after the approval (``approved.on``)."""
        return cls(decided_since=approved_on)

    @classmethod
    def since_revision(cls, base_documents: Iterable[Document], base_date: dt.date | None) -> Newer:
        """For a comparison with a base revision: ``base_documents`` are the documents as they
        were there (any types; only approved change requests count), ``base_date`` its date."""
        before = frozenset(key(doc.id) for doc in base_documents
                           if doc.type == "change-request" and doc.id and is_approved(doc))
        return cls(decided_since=base_date, approved_before=before)

    def admits(self, change_request: Document) -> bool:
        """Whether ``change_request`` is newer than what it would excuse."""
        if self.approved_before is not None and change_request.id \
                and key(change_request.id) not in self.approved_before:
            return True
        decided = decided_on(change_request)
        return self.decided_since is not None and decided is not None and decided >= self.decided_since


def is_approved(change_request: Document) -> bool:
    return change_request.get("status") in COVERING_STATUS


def decided_on(change_request: Document) -> dt.date | None:
    """When the change request was decided: ``decided_on``, else the ``date`` it was asked for
    (a lower bound: no decision precedes the request), else None."""
    return as_date(change_request.get("decided_on")) or as_date(change_request.get("date"))


def change_requests(graph: ProjectGraph) -> list[Document]:
    """Every change request of the graph, in path order."""
    return [doc for doc in graph.documents if doc.type == "change-request"]


def covering(doc_id: str, requests: Iterable[Document], newer: Newer) -> list[str]:
    """The ids of the change requests among ``requests`` that cover a change to ``doc_id``."""
    wanted = key(doc_id)
    return [cr.id for cr in requests
            if cr.id and is_approved(cr) and wanted in {key(t) for t in ids_of(cr.get("affects"))}
            and newer.admits(cr)]
