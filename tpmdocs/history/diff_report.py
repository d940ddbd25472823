"""``tpmdocs diff`` output: SPEC's JSON, and text for a steering committee."""

from __future__ import annotations

import json
from typing import Any

from ..model import printable
from .diff import Comparison, Revision, moved_by

MAX_SHOWN = 80


def diff_json(comparison: Comparison) -> str:
    data = {"from": comparison.base.commit, "to": comparison.target.commit,
            "added": [doc.id for doc in comparison.added], "removed": [doc.id for doc in comparison.removed],
            "changed": [{"id": change.id, "keys": {name: {"old": old, "new": new}
                                                   for name, (old, new) in change.keys.items()},
                         "approved": change.approved, "covered_by": change.covered_by}
                        for change in comparison.changed]}
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def _revision(revision: Revision) -> str:
    if revision.commit is None:
        return "the working tree"
    return f"{printable(revision.name)} ({revision.commit[:10]}, {revision.day})"


def shown(value: Any) -> str:
    """A value on one line of a terminal: absent, a text as written, others as JSON; cut short."""
    if value is None:
        return "(absent)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = printable(text)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1] + "…"


def diff_text(comparison: Comparison) -> str:
    lines = [f"Comparing {_revision(comparison.base)} with {_revision(comparison.target)}", ""]
    for label, documents in (("Added", comparison.added), ("Removed", comparison.removed)):
        names = ", ".join(printable(doc.id or "?") for doc in documents) or "none"
        lines.append(f"{label} ({len(documents)}): {names}")
    lines.append(f"Changed ({len(comparison.changed)}):" if comparison.changed else "Changed (0): none")
    for change in comparison.changed:
        notes = [change.new.type]
        if change.covered_by:
            notes.append(f"covered by {', '.join(map(printable, change.covered_by))}")
        if change.approved:
            notes.insert(1, "approved" if change.covered_by else "approved; no approved change request covers it")
        lines.append(f"  {printable(change.id)} ({'; '.join(notes)})")
        for name, (old, new) in change.keys.items():
            moved = moved_by(name, old, new)
            lines.append(f"    {printable(name)}: {shown(old)} -> {shown(new)}" + (f"  ({moved})" if moved else ""))
    return "\n".join(lines) + "\n"
