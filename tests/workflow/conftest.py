"""Fixtures of the workflow tests: repositories with a history."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import write
from tests.helpers.acme import CHARTER, milestone, report, risk, task
from tests.helpers.projects import dated_commit, git


@pytest.fixture(scope="module")
def acme(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The Acme history: each step's commit id by name (see the figures in the tests)."""
    repo = tmp_path_factory.mktemp("acme")
    git(repo, "init", "-q", "-b", "main")
    ids = {}
    write(repo, "docs/index.md", CHARTER)
    write(repo, "docs/tasks/t1.md", task("ACME-T1", "2d", "todo"))
    write(repo, "docs/tasks/t2.md", task("ACME-T2", "3d", "done"))
    write(repo, "docs/tasks/t3.md", task("ACME-T3", "5d", "cancelled", cancel_reason="dropped"))
    write(repo, "docs/milestones/m1.md", milestone("2026-04-01"))
    write(repo, "docs/risks/r1.md", risk("ACME-R1", 3, 4))
    write(repo, "README.txt", "Acme\n")
    ids["c1"] = dated_commit(repo, "2026-03-02T10:00:00+01:00", "start")
    # 23:30 in New York is already 03-04 in UTC: the snapshot's day is the commit's own, 03-03.
    write(repo, "docs/tasks/t1.md", task("ACME-T1", "2d", "done"))
    write(repo, "docs/tasks/t4.md", task("ACME-T4", "1.5d", "todo", depends_on="[ACME-T9]"))
    write(repo, "docs/reports/sr1.md", report("2026-03-20", "red"))
    ids["c2"] = dated_commit(repo, "2026-03-03T23:30:00-05:00", "T1 done; T4 with a broken reference")
    write(repo, "README.txt", "Acme, the shop\n")
    ids["c3"] = dated_commit(repo, "2026-03-04T09:00:00+01:00", "only the README")
    write(repo, "docs/tasks/t1.md", task("ACME-T1", "4d", "done"))
    ids["c3b"] = dated_commit(repo, "2026-03-04T18:00:00+01:00", "T1 took four days")
    (repo / "docs/work").mkdir()
    git(repo, "mv", "docs/tasks/t2.md", "docs/work/t2.md")
    write(repo, "docs/tasks/t4.md", task("ACME-T4", "1.5d", "todo", depends_on="[ACME-T1]"))
    write(repo, "docs/reports/sr0.md", report("2026-03-05", "amber"))
    ids["c4"] = dated_commit(repo, "2026-03-05T12:00:00+01:00", "rename T2; fix the reference; a report")
    git(repo, "checkout", "-q", "-b", "side")
    write(repo, "docs/risks/r2.md", risk("ACME-R2", 5, 5))
    write(repo, "docs/milestones/m1.md", milestone("2026-04-15"))
    ids["side"] = dated_commit(repo, "2026-03-06T12:00:00+01:00", "side: a big risk, the launch moves")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "side", "-m", "merge side", when="2026-03-07T12:00:00+01:00")
    ids["merge"] = git(repo, "rev-parse", "HEAD").strip()
    (repo / "docs/tasks/t5.md").write_bytes(b"---\ntype: task\nid: ACME-T5\ntitle: Caf\xe9\n---\n")
    ids["c6"] = dated_commit(repo, "2026-03-09T09:00:00+01:00", "a task in Latin-1")
    write(repo, "docs/tasks/t5.md", task("ACME-T5", "1w", "todo"))
    write(repo, "docs/risks/r1.md", risk("ACME-R1", 3, 4, "closed"))
    ids["c7"] = dated_commit(repo, "2026-03-10T09:00:00+01:00", "T5 fixed; R1 closed")
    return repo, ids
