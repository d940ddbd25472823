#!/usr/bin/env python3
"""Build a git repository of the example project (docs/example) as it grew, with set dates.

Usage::

    python tests/helpers/example_history.py OUT      # OUT/docs/example/..., branch main, tag v1.0-baseline

The payments migration (PAY) from its draft charter in May 2026 to the state in
``docs/example`` on 2026-11-20, one commit per step of :data:`STEPS`: goals, the work
breakdown and the first risks; the baseline approved and tagged ``v1.0-baseline`` at the
kick-off; tasks starting and finishing, estimates growing, a task cancelled; milestones
moving (PAY-M1 and PAY-M2 slip); risks opening, being re-scored and closing; change requests
raised and approved; documents approved with their fingerprints and approved again after a
change request; fortnightly status reports; the reporting project (RPT) added in
November. The last commit puts every file in its final form, so the tree at ``main`` is
``docs/example`` byte for byte. Earlier forms of a file are its final text with some
front-matter keys set otherwise (:func:`with_keys`).

Built with one ``git fast-import`` (about 0.1 s); the tests, the project's own site (through
``docs/hooks/example_history.py``) and the Trends page's screenshots use it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example"
PREFIX = "docs/example"
BASELINE_TAG = "v1.0-baseline"
AUTHOR = "Amira Haddad <amira@example.com>"

T = "tasks/pay-t{:02d}.md".format
R = "risks/pay-r{:02d}.md".format
M = "milestones/pay-m{}.md".format
RPT = ("reporting/index.md", "reporting/goals/rpt-g1.md", "reporting/milestones/rpt-m1.md",
       "reporting/risks/rpt-r01.md", "reporting/risks/rpt-r02.md", "reporting/tasks/rpt-t01.md",
       "reporting/tasks/rpt-t02.md", "reporting/tasks/rpt-t03.md")
NOT_APPROVED = {"approved": None}
FINAL = "<final>"  # a key's value as in the final text again

#: (when, message, {file: keys to set (None: the key removed; FINAL: as in the final text) or
#: "final", or None: the file removed}). A file keeps its last form until a step changes it;
#: a key set earlier stays set for the next steps of that file unless they set it again.
STEPS: list[tuple[str, str, dict[str, dict[str, str | None] | str | None]]] = [
    ("2026-05-11T09:30:00+02:00", "Draft the charter of the payments migration",
     {"index.md": {"phase": "initiation", **NOT_APPROVED}}),
    ("2026-05-15T14:10:00+02:00", "Goals: volume on the new service, latency, PCI scope",
     {f"goals/pay-g{n}.md": {"status": "proposed", "current": None, "approved": None} for n in (1, 2, 3)}),
    ("2026-05-22T16:05:00+02:00", "Charter, goal PAY-G1 and the milestones approved by the sponsor; planning starts",
     {"index.md": {"phase": "planning", "approved": '{by: "@henrik", on: 2026-05-22}'},
      "goals/pay-g1.md": {"approved": FINAL},
      M(1): {"status": "planned", "due": "2026-09-16"}, M(2): {"status": "planned", "due": "2026-10-30"},
      M(3): {"status": "planned"}, M(4): {"status": "planned", "approved": None}}),
    ("2026-05-27T11:00:00+02:00", "Work breakdown: tokenisation and the payments service",
     {**{T(n): {"status": "todo"} for n in range(1, 11)},
      T(7): {"status": "todo", "estimate": "4w"}, T(8): {"status": "todo", "estimate": "4w"}}),
    ("2026-05-29T15:20:00+02:00", "Work breakdown: migration and decommissioning; first risks",
     {**{T(n): {"status": "todo"} for n in range(11, 20)}, T(17): {"status": "todo", "estimate": "2w"},
      R(1): {"status": "open", "probability": "4"}, R(2): {"status": "open", "probability": "3"},
      R(3): {"status": "open", "probability": "3"}}),
    ("2026-06-01T09:00:00+02:00", "Kick-off: execution; tokenisation under way",
     {"index.md": {"phase": "execution"}, T(1): {"status": "in-progress"}, T(2): {"status": "in-progress"},
      **{f"goals/pay-g{n}.md": {"status": "active", "current": "0"} for n in (1, 3)},
      "goals/pay-g2.md": {"status": "active", "current": "1400"}}),
    ("2026-06-10T10:45:00+02:00", "Decision PAY-D1: hosted token vault", {"decisions/pay-d1.md": "final"}),
    ("2026-06-22T17:30:00+02:00", "Risks: acquirer certification, legacy data quality, ramp capacity",
     {R(4): {"status": "open"}, R(5): {"status": "open", "probability": "3"},
      R(6): {"status": "open", "probability": "3"}}),
    ("2026-07-10T16:00:00+02:00", "Vault live (PAY-T02 done); backfill and the service start",
     {T(2): "final", T(3): {"status": "in-progress"}, T(5): "final", T(6): {"status": "in-progress"}}),
    ("2026-08-05T12:15:00+02:00", "Decision PAY-D2: dual writes to the legacy ledger",
     {"decisions/pay-d2.md": {"status": "accepted"}}),
    ("2026-08-28T15:40:00+02:00", "Backfill done a fortnight late; PAY-M1 moves to 2026-09-30",
     {T(3): "final", T(4): {"status": "in-progress"}, R(6): {"status": "mitigating"}, M(1): {"due": FINAL}}),
    ("2026-09-18T18:10:00+02:00", "Authorisation API and acquirer adapter done", {T(6): "final"}),
    ("2026-09-21T09:20:00+02:00", "Retries, shadow traffic and the migration start; PAY-T07 re-estimated",
     {T(7): {"status": "in-progress", "estimate": "6w"}, T(11): "final", T(12): {"status": "in-progress"},
      R(1): {"status": "mitigating", "probability": "3"}, R(5): {"status": "mitigating", "probability": "4"}}),
    ("2026-09-25T14:00:00+02:00", "Tokenisation finished", {T(1): "final", T(4): "final",
                                                           "goals/pay-g3.md": {"current": "6"}}),
    ("2026-09-28T10:00:00+02:00", "Refunds and chargebacks started", {T(8): {"status": "in-progress",
                                                                          "estimate": "4w"}}),
    ("2026-09-30T17:00:00+02:00", "PAY-M1 reached: the PCI scope is four systems",
     {M(1): "final", "goals/pay-g3.md": "final", R(6): "final"}),
    ("2026-10-05T11:30:00+02:00", "PAY-CR1 raised: recurring mandates into scope",
     {"changes/pay-cr1.md": {"status": "proposed", "decided_by": None, "decided_on": None},
      R(3): {"status": "mitigating", "probability": "2"}}),
    ("2026-10-09T16:20:00+02:00", "PAY-CR1 approved: PAY-T17 grows to four weeks",
     {"changes/pay-cr1.md": "final", T(17): "final", "index.md": {"phase": "controlling"}}),
    ("2026-10-12T08:55:00+02:00", "Scope and PAY-M4 approved again after PAY-CR1; CI checks every pull request",
     {"../../.ci-notes.txt": "final", "index.md": {"phase": "controlling", "approved": FINAL}, M(4): "final"}),
    ("2026-10-19T10:00:00+02:00", "Status report 2026-10-19; PAY-M2 moves to 2026-11-13",
     {"reports/pay-sr-2026-10-19.md": "final", M(2): {"due": FINAL}, T(9): {"status": "in-progress"},
      R(2): {"status": "open", "probability": "4"}}),
    ("2026-10-22T15:30:00+02:00", "Decision PAY-D3 supersedes PAY-D2; dual-write adapter cancelled",
     {"decisions/pay-d3.md": "final", "decisions/pay-d2.md": "final", T(19): "final"}),
    ("2026-11-02T10:00:00+01:00", "Status report 2026-11-02: refunds re-estimated, 3-D Secure blocked",
     {"reports/pay-sr-2026-11-02.md": "final", T(8): {"estimate": "5w"}, T(9): "final"}),
    ("2026-11-06T17:45:00+01:00", "Shadow harness done", {T(12): "final"}),
    ("2026-11-09T09:10:00+01:00", "Routing flag and rollback under way", {T(13): "final"}),
    ("2026-11-10T14:00:00+01:00", "Finance reporting refresh (RPT) chartered and planned",
     dict.fromkeys(RPT, "final")),
    ("2026-11-12T16:30:00+01:00", "PAY-M2 reached at 99.94% parity; PAY-CR2 (wallets) received",
     {M(2): "final", "changes/pay-cr2.md": "final", "goals/pay-g2.md": {"current": "520"}}),
    ("2026-11-16T10:00:00+01:00", "Status report 2026-11-16: pilot cohort live",
     {"reports/pay-sr-2026-11-16.md": "final", "goals/pay-g1.md": "final", "goals/pay-g2.md": "final"}),
    ("2026-11-20T11:00:00+01:00", "Risk review before the steering committee", {}),
]


def with_keys(text: str, keys: dict[str, str | None]) -> str:
    """``text`` with each top-level front-matter key set to a value written as given (the
    key's block replaced, or added before the closing ``---``), or removed (None)."""
    head_end = text.index("\n---", 3)
    lines = text[:head_end].split("\n")
    for name, value in keys.items():
        start = next((i for i, line in enumerate(lines) if re.match(rf"{re.escape(name)}:", line)), None)
        if start is None:
            if value is not None:
                lines.append(f"{name}: {value}")
            continue
        end = start + 1
        while end < len(lines) and lines[end].startswith((" ", "\t")):
            end += 1
        lines[start:end] = [] if value is None else [f"{name}: {value}"]
    return "\n".join(lines) + text[head_end:]


def final_text(name: str, source: Path) -> bytes:
    if name.startswith("../"):
        return b"Run `tpmdocs lint` in CI on every pull request.\n"
    return (source / name).read_bytes()


def states(source: Path = EXAMPLE) -> list[tuple[str, str, dict[str, bytes | None]]]:
    """``(when, message, {file: contents or None})`` of each commit; the last makes every file final."""
    keys_of: dict[str, dict[str, str | None]] = {}
    commits = []
    for when, message, step in STEPS:
        files: dict[str, bytes | None] = {}
        for name, change in step.items():
            if change == "final" or change is None:
                files[name] = None if change is None else final_text(name, source)
                keys_of[name] = {}
                continue
            assert isinstance(change, dict)
            merged = {**keys_of.get(name, {}), **change}
            keys_of[name] = {key: value for key, value in merged.items() if value != FINAL}
            files[name] = with_keys(final_text(name, source).decode("utf-8"), keys_of[name]).encode("utf-8")
        commits.append((when, message, files))
    last_files = commits[-1][2]
    for path in sorted(source.rglob("*.md")):
        name = path.relative_to(source).as_posix()
        if keys_of.get(name) != {} or name not in {n for _, _, f in commits for n in f}:
            last_files[name] = path.read_bytes()
    return commits


def _stamp(when: str) -> str:
    import datetime as dt
    moment = dt.datetime.fromisoformat(when)
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"{int(moment.timestamp())} {sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def fast_import_stream(commits: list[tuple[str, str, dict[str, bytes | None]]]) -> bytes:
    out: list[bytes] = []
    for mark, (when, message, files) in enumerate(commits, 1):
        text = message.encode("utf-8")
        out.append(f"commit refs/heads/main\nmark :{mark}\nauthor {AUTHOR} {_stamp(when)}\n"
                   f"committer {AUTHOR} {_stamp(when)}\ndata {len(text)}\n".encode() + text + b"\n")
        if mark > 1:
            out.append(f"from :{mark - 1}\n".encode())
        for name, contents in files.items():
            path = f"{PREFIX}/{name}" if not name.startswith("../../") else name[len("../../"):]
            if contents is None:
                out.append(f"D {path}\n".encode())
            else:
                out.append(f"M 100644 inline {path}\ndata {len(contents)}\n".encode() + contents + b"\n")
        if message.startswith("Kick-off"):
            out.append(f"reset refs/tags/{BASELINE_TAG}\nfrom :{mark}\n".encode())
    return b"".join(out)


def build(target: Path, source: Path = EXAMPLE, checkout: bool = True) -> Path:
    """Make ``target`` a git repository holding the example's history (``main``); returns it."""
    target.mkdir(parents=True, exist_ok=True)
    git = ["git", "-C", str(target)]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "fast-import", "--quiet"], input=fast_import_stream(states(source)), check=True)
    if checkout:
        subprocess.run([*git, "reset", "-q", "--hard", "main"], check=True)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(build(Path(sys.argv[1])))
