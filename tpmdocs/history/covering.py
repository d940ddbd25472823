"""Which approved change requests cover a change between two revisions: the one place
``tpmdocs diff`` and the Changes page ask.

SPEC ("Approvals that stay true") defines *covers* once for the change guard, ``diff`` and
the fingerprint rule; that shared definition is being built on another branch and takes this
function's place when it lands. Until then, as SPEC words it for a comparison of revisions:
a change request covers a change to a document when it is approved (``status`` ``approved``
or ``implemented``), ``affects`` the document, and is newer than the base revision: not yet
approved there, or decided (``decided_on``, else its ``date``) on or after the base's day.
"""

from __future__ import annotations

import datetime as dt

from ..changeguard import COVERING_STATUS
from ..graph import ProjectGraph, ids_of, key
from ..model import Document, as_date


def covered_by(document_id: str, base: ProjectGraph, now: ProjectGraph, base_day: dt.date | None) -> list[str]:
    """The ids of the change requests of ``now`` that cover a change to ``document_id`` made
    since the base revision (``base``, of day ``base_day``)."""
    wanted = key(document_id)
    return [request.id for request in now.documents
            if request.type == "change-request" and request.id and _approved(request)
            and wanted in {key(target) for target in ids_of(request.get("affects"))}
            and _newer(request, base, base_day)]


def _approved(request: Document) -> bool:
    return request.get("status") in COVERING_STATUS


def _newer(request: Document, base: ProjectGraph, base_day: dt.date | None) -> bool:
    assert request.id is not None
    before = base.get(request.id)
    if before is None or before.type != "change-request" or not _approved(before):
        return True
    decided = as_date(request.get("decided_on")) or as_date(request.get("date"))
    return base_day is not None and decided is not None and decided >= base_day
