"""The one definition of "a change request covers a change" (tpmdocs.covering)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tpmdocs.covering import Newer, covering, decided_on
from tpmdocs.model import Document


def cr(cr_id: str, status: str = "approved", affects=("M-1",), **more) -> Document:
    data = {"type": "change-request", "id": cr_id, "title": "t", "status": status,
            "affects": list(affects), **more}
    return Document(path=Path(f"/x/{cr_id}.md"), display=f"{cr_id}.md", data=data, locations={})


D = dt.date


def test_for_a_fingerprint_only_a_decision_on_or_after_the_approval_covers():
    newer = Newer.since_approval(D(2026, 5, 1))
    requests = [cr("CR-1", decided_on="2026-04-30"), cr("CR-2", decided_on="2026-05-01"),
                cr("CR-3", decided_on="2026-06-01", status="proposed"), cr("CR-4", decided_on="2026-06-01",
                                                                         affects=["M-2"]),
                cr("CR-5", status="implemented", decided_on="2026-07-01"),
                cr("CR-6", date="2026-05-02"),  # no decided_on: asked for after the approval
                cr("CR-7", date="2026-04-02"), cr("CR-8")]
    assert covering("m-1", requests, newer) == ["CR-2", "CR-5", "CR-6"]
    assert covering("M-1", requests, Newer.since_approval(None)) == []


def test_for_a_revision_a_request_added_or_approved_since_it_covers():
    at_base = [cr("CR-1", decided_on="2026-01-01"), cr("CR-2", status="proposed"),
               Document(path=Path("/x/t.md"), display="t.md", data={"type": "task", "id": "CR-3"},
                        locations={})]
    newer = Newer.since_revision(at_base, D(2026, 3, 1))
    now = [cr("CR-1", decided_on="2026-01-01"), cr("CR-2", decided_on="2026-01-01"),
           cr("CR-3"), cr("cr-4", decided_on="2026-03-01")]
    # CR-1 was approved at the base and decided before it; CR-2 was approved since; CR-3 is new
    assert covering("M-1", now, newer) == ["CR-2", "CR-3", "cr-4"]
    assert covering("M-1", [cr("CR-1", decided_on="2026-03-01")], newer) == ["CR-1"]


def test_decided_on_falls_back_to_the_request_date():
    assert decided_on(cr("A", decided_on="2026-02-03", date="2026-01-01")) == D(2026, 2, 3)
    assert decided_on(cr("A", date="2026-01-01")) == D(2026, 1, 1)
    assert decided_on(cr("A", decided_on="not a date")) is None
