"""Which approved change requests cover a change between two revisions: the one place
``tpmdocs diff`` and the Changes page ask, through SPEC's one definition of *covers*
(:mod:`tpmdocs.covering`, shared with ``lint --since`` and the fingerprint rules): approved,
``affects`` the document, and newer than the base revision (not yet approved there, or
decided on or after its day).
"""

from __future__ import annotations

import datetime as dt

from ..covering import Newer, change_requests, covering
from ..graph import ProjectGraph


def covered_by(document_id: str, base: ProjectGraph, now: ProjectGraph, base_day: dt.date | None) -> list[str]:
    """The ids of the change requests of ``now`` that cover a change to ``document_id`` made
    since the base revision (``base``, of day ``base_day``)."""
    return covering(document_id, change_requests(now), Newer.since_revision(base.documents, base_day))
