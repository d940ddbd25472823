"""The snapshot engine carries one graph through history; each snapshot must equal what a
fresh read and lint of that commit's documents gives (built from scratch, linted by
``tpmdocs.linter.lint``, figures from the graph), on the example's whole history."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import example_history, run_cli_process
from tests.helpers.projects import git
from tpmdocs.config import Config
from tpmdocs.forecast import project_forecast
from tpmdocs.git import BlobReader, Repository, first_parent_log
from tpmdocs.graph import build_graph
from tpmdocs.history import walk as walk_module
from tpmdocs.history.documents import DocumentFiles, open_store, parse_blob
from tpmdocs.history.engine import SnapshotEngine
from tpmdocs.history.figures import health_on, milestone_dues, plan_figures
from tpmdocs.history.site import read_site_history
from tpmdocs.history.walk import read_history
from tpmdocs.linter import LintOptions, lint
from tpmdocs.model import Severity
from tpmdocs.workspace import Workspace


@pytest.fixture(scope="module")
def example_repo(tmp_path_factory) -> Path:
    return example_history.build(tmp_path_factory.mktemp("example-history"))


def fresh(repo: Repository, files: DocumentFiles, commit: str, day: dt.date, cwd: Path) -> dict:
    """Each project's figures at ``commit``, from nothing: every blob parsed, a new graph, a lint."""
    tree = {path: blob for path, blob in repo.tree(commit, files.pathspecs).items() if files.is_document(path)}
    documents, refused = [], []
    with BlobReader(repo) as reader:
        contents = reader.read(list(tree.values()))
    for path, blob in tree.items():
        absolute, display = files.location(path)
        loaded = parse_blob(blob, contents[blob], Path(absolute), display)
        refused.extend(loaded.findings)
        if loaded.document is not None:
            documents.append(loaded.document)
    graph = build_graph(documents)
    result = lint(LintOptions(cwd=cwd, today=day, config=Config()), workspace=Workspace(graph, refused))
    project_of = {doc.display: graph.project_of(doc) for doc in graph.documents}
    errors: dict[str, int] = {}
    for finding in result.findings:
        project = project_of.get(finding.path)
        if finding.severity is Severity.ERROR and project is not None:
            errors[project.id] = errors.get(project.id, 0) + 1
    return {project.id: (plan_figures(graph, project), errors.get(project.id, 0), health_on(project, day),
                         _milestones(graph, project, day)) for project in graph.projects}


def _milestones(graph, project, day: dt.date) -> dict:
    """Each milestone's due date and forecast, as ``tpmdocs schedule`` forecasts it that day."""
    forecast = project_forecast(graph, project, Config(), day)
    return {mid: (due, forecast.milestone(mid).forecast if forecast.milestone(mid) else None)
            for mid, due in milestone_dues(project).items()}


def test_every_snapshot_equals_a_fresh_lint_of_its_commit(example_repo):
    repo = Repository.at(example_repo)
    files = DocumentFiles(repo.top, ["docs"], example_repo)
    snapshots = list(read_history(repo, files, Config(), example_repo))
    commits = list(first_parent_log(repo, files.pathspecs))
    assert [s.commit for s in snapshots] == [c.sha for c in commits]
    assert len(snapshots) == len(example_history.STEPS)
    errors_seen = set()
    for snapshot in snapshots:
        kept = {project_id: (f.plan, f.errors, f.health, {m: (v.due, v.forecast) for m, v in f.milestones.items()})
                for project_id, f in snapshot.projects.items()}
        assert kept == fresh(repo, files, snapshot.commit, snapshot.date, example_repo), snapshot.commit
        errors_seen.update(f.errors for f in snapshot.projects.values())
    assert len(errors_seen) > 1  # the history has snapshots with errors and without
    forecasts = {f.milestones["PAY-M3"].forecast for s in snapshots for f in [s.projects.get("PAY")]
                 if f is not None and "PAY-M3" in f.milestones}
    assert len(forecasts - {None}) > 2  # PAY-M3's forecast moved as the work did


def test_each_distinct_blob_is_parsed_once(example_repo):
    repo = Repository.at(example_repo)
    files = DocumentFiles(repo.top, ["docs"], example_repo)
    commits = list(first_parent_log(repo, files.pathspecs))
    distinct = {change.blob for commit in commits for change in commit.changes
                if change.blob and files.is_document(change.path)}
    with BlobReader(repo) as reader:
        engine = SnapshotEngine(files, reader, Config(), example_repo)
        for commit in commits:
            engine.advance({c.path: c.blob for c in commit.changes if files.is_document(c.path)})
            engine.snapshot(commit.sha, commit.when)
    assert engine.blobs_parsed == len(distinct) > len(commits)


@pytest.mark.acceptance  # TZ is read when a process starts
def test_days_are_the_commits_own_whatever_the_machines_time_zone(example_repo):
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # UTC+14, UTC-11
        result = run_cli_process("history", "docs", "--format", "json", cwd=example_repo, env={"TZ": zone})
        dates = [s["date"] for s in json.loads(result.stdout)["snapshots"]]
        assert dates[0] == "2026-05-11" and dates[-1] == "2026-11-20"
        assert dates == [when[:10] for when, _, _ in example_history.STEPS]


def test_kept_snapshots_equal_the_ones_made_and_survive_a_damaged_file(example_repo, tmp_path):
    from tpmdocs.history.kept import FILE, KeptSnapshots

    repo = example_history.build(tmp_path / "repo")
    docs = repo / "docs"
    graph = build_graph([])
    made = read_site_history(docs, repo, Config(), graph, keep=False).series
    first = read_site_history(docs, repo, Config(), graph).series  # makes and keeps them
    assert (repo / FILE).is_file()
    kept = KeptSnapshots(repo, Config(), ["docs"])
    assert all(commit in kept for commit in {p.commit for points in made.values() for p in points})
    assert read_site_history(docs, repo, Config(), graph).series == made == first
    other = Config(risk_threshold=5)
    assert not any(c in KeptSnapshots(repo, other, ["docs"]) for c in {p.commit for p in made["pay"]})
    (repo / FILE).write_bytes(b'{"fingerprint": "x", "snap')
    assert read_site_history(docs, repo, Config(), graph).series == made


def test_a_rebuild_on_the_same_commit_reads_no_log_and_a_new_commit_is_walked(tmp_path, monkeypatch):
    """The commits a walk took are kept by HEAD: the same HEAD gives the same series without
    git's log; a commit on top is walked (and its snapshot added)."""
    repo = example_history.build(tmp_path / "repo")
    docs, graph = repo / "docs", build_graph([])
    first = read_site_history(docs, repo, Config(), graph).series
    logged = []
    real_log = walk_module.first_parent_log
    monkeypatch.setattr(walk_module, "first_parent_log", lambda *a, **k: logged.append(a) or real_log(*a, **k))
    assert read_site_history(docs, repo, Config(), graph).series == first and logged == []
    assert read_site_history(docs, repo, Config(), graph, every="week").series != first and len(logged) == 1
    charter = docs / "example" / "index.md"
    charter.write_text(charter.read_text("utf-8") + "\nA line of body text, written a day later.\n", "utf-8")
    git(repo, "commit", "-q", "-am", "a day later", when="2026-11-23T10:00:00+01:00")
    later = read_site_history(docs, repo, Config(), graph).series
    assert len(logged) == 2 and sum(map(len, later.values())) == sum(map(len, first.values())) + len(first)
    assert read_site_history(docs, repo, Config(), graph).series == later and len(logged) == 2


def test_blobs_the_store_holds_are_not_parsed_again(example_repo, tmp_path):
    """The store of parsed documents is the one lint keeps: a second history parses nothing."""
    example_repo = Path(shutil.copytree(example_repo, tmp_path / "repo"))
    shutil.rmtree(example_repo / ".tpmdocs-cache", ignore_errors=True)  # filled by the tests above
    repo = Repository.at(example_repo)
    files = DocumentFiles(repo.top, ["docs"], example_repo)
    commits = list(first_parent_log(repo, files.pathspecs))
    parsed, figures = [], []
    for _ in range(2):
        store = open_store(repo, example_repo)
        assert store is not None
        with BlobReader(repo) as reader:
            engine = SnapshotEngine(files, reader, Config(), example_repo, store)
            for commit in commits:
                engine.prefetch([c.blob for c in commit.changes if c.blob and files.is_document(c.path)])
                engine.advance({c.path: c.blob for c in commit.changes if files.is_document(c.path)})
                figures.append(engine.snapshot(commit.sha, commit.when))
        store.save()
        store.close()
        parsed.append(engine.blobs_parsed)
    assert parsed[0] > len(commits) and parsed[1] == 0
    assert figures[:len(commits)] == figures[len(commits):]
