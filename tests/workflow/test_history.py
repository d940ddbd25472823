"""``tpmdocs history`` on real git repositories made here, with set dates, against figures
worked out by hand."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.helpers import cli_env, run_cli, write
from tests.helpers.acme import CHARTER, refused, task
from tests.helpers.projects import dated_commit, git


def history(repo: Path, *args: str) -> dict:
    result = run_cli("history", "--format", "json", *args, cwd=repo)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


#: By hand: (commit, date, scope_days, done_days, tasks_open, risk_exposure, errors, health, M1 due)
EXPECTED = [
    ("c1", "2026-03-02", 5, 3, 1, 12, 0, None, "2026-04-01"),  # T3 cancelled: not in the scope
    ("c2", "2026-03-03", 6.5, 5, 1, 12, 1, None, "2026-04-01"),  # TPM021; the report is dated later
    ("c3", "2026-03-04", 6.5, 5, 1, 12, 1, None, "2026-04-01"),  # no document changed
    ("c3b", "2026-03-04", 8.5, 7, 1, 12, 1, None, "2026-04-01"),
    ("c4", "2026-03-05", 8.5, 7, 1, 12, 0, "amber", "2026-04-01"),  # renamed T2 still counts once
    ("merge", "2026-03-07", 8.5, 7, 1, 37, 0, "amber", "2026-04-15"),  # the side commit is no snapshot
    ("c6", "2026-03-09", 8.5, 7, 1, 37, 1, "amber", "2026-04-15"),  # not UTF-8: TPM001, no document
    ("c7", "2026-03-10", 13.5, 7, 2, 25, 0, "amber", "2026-04-15"),
]


def test_every_commit_figures_by_hand(acme):
    repo, ids = acme
    snapshots = history(repo)["snapshots"]
    got = [(s["commit"], s["date"], *(s["projects"]["ACME"][k] for k in
            ("scope_days", "done_days", "tasks_open", "risk_exposure", "errors", "health")),
            s["projects"]["ACME"]["milestones"]["ACME-M1"]["due"]) for s in snapshots]
    assert got == [(ids[name], *rest) for name, *rest in EXPECTED]


def test_json_has_the_spec_shape(acme):
    repo, _ = acme
    data = history(repo)
    assert list(data) == ["snapshots"]
    snapshot = data["snapshots"][-1]
    assert list(snapshot) == ["commit", "date", "projects"]
    assert sorted(snapshot["projects"]["ACME"]) == sorted(
        ["scope_days", "done_days", "tasks_open", "risk_exposure", "errors", "health", "milestones"])
    assert snapshot["projects"]["ACME"]["milestones"] == {"ACME-M1": {"due": "2026-04-15", "forecast": None}}


def test_every_day_takes_the_last_commit_of_each_day_in_its_own_time_zone(acme):
    repo, ids = acme
    snapshots = history(repo, "--every", "day")["snapshots"]
    assert [s["commit"] for s in snapshots] == [ids[n] for n in ("c1", "c2", "c3b", "c4", "merge", "c6", "c7")]


def test_every_week_takes_the_last_commit_of_each_iso_week(acme):
    repo, ids = acme
    snapshots = history(repo, "--every", "week")["snapshots"]
    assert [(s["commit"], s["projects"]["ACME"]["risk_exposure"]) for s in snapshots] == [
        (ids["merge"], 37), (ids["c7"], 25)]


def test_since_a_revision_starts_at_its_commit(acme):
    repo, ids = acme
    snapshots = history(repo, "--since", ids["c4"])["snapshots"]
    assert [s["commit"] for s in snapshots] == [ids[n] for n in ("c4", "merge", "c6", "c7")]
    assert snapshots[0]["projects"]["ACME"]["scope_days"] == 8.5  # the state at c4, read whole


def test_since_a_date_starts_on_that_day(acme):
    repo, ids = acme
    snapshots = history(repo, "--since", "2026-03-05")["snapshots"]
    assert [s["commit"] for s in snapshots] == [ids[n] for n in ("c4", "merge", "c6", "c7")]
    assert snapshots[0]["projects"]["ACME"]["done_days"] == 7


def test_paths_name_the_documents_folder(acme):
    repo, _ids = acme
    snapshots = history(repo, "docs/tasks")["snapshots"]
    assert snapshots[-1]["projects"] == {}  # the charter is not under docs/tasks: no project


def test_csv_has_a_row_per_snapshot_and_project_with_milestone_columns(acme):
    repo, ids = acme
    result = run_cli("history", "--format", "csv", cwd=repo)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(EXPECTED)
    assert rows[-1]["milestones.ACME-M1.due"] == "2026-04-15"
    assert rows[-1]["milestones.ACME-M1.forecast"] == ""
    assert (rows[1]["commit"], rows[1]["errors"], rows[1]["scope_days"]) == (ids["c2"], "1", "6.5")


def test_text_tells_when_the_milestone_moved(acme):
    repo, ids = acme
    result = run_cli("history", cwd=repo)
    assert result.returncode == 0
    assert "ACME: Acme launch" in result.stdout
    assert (f"ACME-M1: 2026-04-01 (from 2026-03-02, {ids['c1'][:10]}); then 2026-04-15 "
            f"(from 2026-03-07, {ids['merge'][:10]})") in result.stdout


def test_nothing_is_checked_out_or_changed(acme):
    repo, _ = acme
    before = (git(repo, "status", "--porcelain=v1", "--ignored"), git(repo, "rev-parse", "HEAD"),
              (repo / ".git" / "index").read_bytes())
    history(repo, "--every", "day")
    after = (git(repo, "status", "--porcelain=v1", "--ignored"), git(repo, "rev-parse", "HEAD"),
             (repo / ".git" / "index").read_bytes())
    assert before == after


@pytest.mark.parametrize("damage", ["none", "heads", "bodies", "garbage"])
def test_the_store_of_parsed_documents_changes_no_figure(acme, tmp_path, damage):
    """History reads blobs through the store lint keeps (a blob id is its content key): a
    cold store, a warm one and a damaged one give what --no-cache gives."""
    repo = tmp_path / "acme"
    shutil.copytree(acme[0], repo)
    shutil.rmtree(repo / ".tpmdocs-cache", ignore_errors=True)
    plain = run_cli("history", "--format", "json", "--no-cache", cwd=repo)
    assert plain.returncode == 0 and not (repo / ".tpmdocs-cache").exists()
    store = repo / ".tpmdocs-cache" / "store.sqlite"
    assert run_cli("history", "--format", "json", cwd=repo).stdout == plain.stdout  # cold: fills it
    assert "ACME-T2" in str(sqlite_rows(store))
    if damage == "garbage":
        store.write_bytes(b"\x00not a store" * 300)
    elif damage != "none":
        db = sqlite3.connect(store)
        column = "head" if damage == "heads" else "body"
        db.execute(f"UPDATE parsed SET {column} = ?", (b'{"findings": 3, "data": {}, "locations": [1]}',))
        db.commit()
        db.close()
    warm = run_cli("history", "--format", "json", cwd=repo)
    assert (warm.returncode, warm.stderr, warm.stdout) == (0, "", plain.stdout)
    assert run_cli("history", "--format", "json", cwd=repo).stdout == plain.stdout
    lint = [run_cli("lint", "docs", "--today", "2026-03-10", *more, cwd=repo) for more in ([], ["--no-cache"])]
    assert lint[0].stdout == lint[1].stdout  # the same store serves the lint of the checkout


def sqlite_rows(file: Path) -> list:
    db = sqlite3.connect(file)
    try:
        return db.execute("SELECT head, body FROM parsed").fetchall()
    finally:
        db.close()


def test_invalid_yaml_at_an_old_commit_is_an_error_there_and_the_run_goes_on(tmp_path):
    repo = tmp_path / "r"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, "docs/index.md", CHARTER)
    write(repo, "docs/t.md", "---\ntype: task\nid: [unclosed\n---\n")
    dated_commit(repo, "2026-01-05T10:00:00+00:00", "broken")
    write(repo, "docs/t.md", task("ACME-T1", "1d", "todo"))
    dated_commit(repo, "2026-01-06T10:00:00+00:00", "fixed")
    snapshots = history(repo)["snapshots"]
    assert [s["projects"]["ACME"]["errors"] for s in snapshots] == [1, 0]
    assert [s["projects"]["ACME"]["tasks_open"] for s in snapshots] == [0, 1]


# -- bad input: a clear message, exit 2 ----------------------------------------------------------


def test_not_a_git_repository(tmp_path):
    write(tmp_path, "docs/index.md", CHARTER)
    refused(run_cli("history", cwd=tmp_path, env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}),
             "not in a git repository")


def test_repository_without_commits(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    refused(run_cli("history", cwd=tmp_path), "no commits yet")


def test_shallow_clone_says_how_to_fetch_the_history(acme, tmp_path):
    repo, _ = acme
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    refused(run_cli("history", cwd=clone), "shallow clone", "fetch-depth: 0", "git fetch --unshallow")


def test_unknown_revision(acme):
    repo, _ = acme
    refused(run_cli("history", "--since", "no-such-tag", cwd=repo), "no revision 'no-such-tag'")


def test_a_revision_that_is_an_option(acme):
    repo, _ = acme
    refused(run_cli("history", "--since", "--output=/tmp/x", cwd=repo), "is not a git revision")


def test_a_folder_outside_the_repository(acme, tmp_path):
    repo, _ = acme
    refused(run_cli("history", str(tmp_path), cwd=repo), "outside the git repository")


# -- a long history: bounded memory ------------------------------------------------------------


def _long_history(repo: Path, commits: int) -> Path:
    """A project of a charter and 20 tasks, then ``commits`` commits changing one task each."""
    import datetime as dt
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    stream = []

    def commit_block(mark: int, when: dt.datetime, files: dict[str, str]) -> str:
        lines = [f"commit refs/heads/main\nmark :{mark}\ncommitter t <t@example.org> {int(when.timestamp())} +0000\n"
                 f"data 1\nc\n" + (f"from :{mark - 1}\n" if mark > 1 else "")]
        for name, text in files.items():
            lines.append(f"M 100644 inline docs/{name}\ndata {len(text.encode())}\n{text}\n")
        return "".join(lines)

    files = {"index.md": CHARTER, **{f"t{n}.md": task(f"ACME-T{n}", "1d", "todo") for n in range(20)}}
    stream.append(commit_block(1, start, files))
    for number in range(commits):
        n = number % 20
        status = ("todo", "in-progress", "done")[number // 20 % 3]
        stream.append(commit_block(number + 2, start + dt.timedelta(hours=number),
                                   {f"t{n}.md": task(f"ACME-T{n}", f"{1 + number % 7}d", status)}))
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input="".join(stream).encode(), check=True)
    return repo


def _peak_run(repo: Path) -> tuple[int, float, int]:
    """``tpmdocs history --format json`` under a 1 GiB address-space limit: (exit status, peak
    resident MB, snapshots)."""
    import resource
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    with open(repo / "out.json", "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "tpmdocs", "history", "--format", "json"], cwd=repo,
                                   env=cli_env(), stdout=out, stderr=subprocess.PIPE, preexec_fn=limit)
        _, status, usage = os.wait4(process.pid, 0)
    snapshots = len(json.loads((repo / "out.json").read_bytes())["snapshots"])
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024, snapshots


@pytest.mark.slow
@pytest.mark.acceptance  # a new process under a memory limit
def test_ten_thousand_commits_in_bounded_memory(tmp_path):
    short = _peak_run(_long_history(tmp_path / "short", 1_000))
    long = _peak_run(_long_history(tmp_path / "long", 10_000))
    assert (short[0], short[2]) == (0, 1_001) and (long[0], long[2]) == (0, 10_001)
    # Memory follows the documents, not the length of the history.
    assert long[1] < short[1] + 16, (short, long)
