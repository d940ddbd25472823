"""The cache of parsed documents and the worker processes never change what lint says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, cli_env, run_cli, write

TODAY = "2026-11-20"
GENERATOR = REPO / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A repository with a generated corpus holding defects of every kind."""
    repo = tmp_path_factory.mktemp("repo")
    (repo / ".git").mkdir()
    subprocess.run([sys.executable, str(GENERATOR), str(repo / "docs"), "--documents", "600",
                    "--seed", "3", "--defects"], check=True, capture_output=True)
    return repo


def lint(repo: Path, *args) -> subprocess.CompletedProcess:
    return run_cli("lint", "docs", "--today", TODAY, *args, cwd=repo)


def test_output_is_identical_with_and_without_cache_and_workers(corpus):
    fresh = lint(corpus, "--no-cache")
    assert fresh.returncode == 1 and "TPM003" in fresh.stdout and "TPM002" in fresh.stdout
    assert not (corpus / ".tpmdocs-cache").exists()
    cold = lint(corpus, "--jobs", "2")
    warm = lint(corpus, "--jobs", "1")
    as_json = [lint(corpus, "--format", "json", *extra).stdout for extra in ((), ("--no-cache",))]
    uncached_workers = lint(corpus, "--no-cache", "--jobs", "2")
    assert cold.stdout == warm.stdout == fresh.stdout == uncached_workers.stdout
    assert cold.returncode == warm.returncode == 1
    assert as_json[0] == as_json[1]
    assert (corpus / ".tpmdocs-cache" / ".gitignore").read_text().strip().endswith("*")


def test_a_partial_warm_run_says_what_a_partial_run_without_cache_says(corpus):
    """Pre-commit's case: a few named files, the rest of the repository from the cache (where
    documents outside the named files' projects are never decoded)."""
    lint(corpus)  # fills the cache
    report = json.loads(lint(corpus, "--format", "json", "--no-cache").stdout)
    named = sorted({finding["path"] for finding in report["findings"] if finding["severity"] == "error"})[::3][:6]
    assert len(named) >= 3
    for path in named:
        warm = run_cli("lint", path, "--today", TODAY, cwd=corpus)
        fresh = run_cli("lint", path, "--today", TODAY, "--no-cache", cwd=corpus)
        assert warm.stdout == fresh.stdout and warm.returncode == fresh.returncode == 1, path


def test_a_changed_file_is_read_again(tmp_path):
    (tmp_path / ".git").mkdir()
    doc = write(tmp_path, "docs/index.md", "---\ntype: charter\nid: C-1\ntitle: Charter\n---\n")
    before = lint(tmp_path)
    assert "TPM003" not in before.stdout and before.returncode in (0, 1)
    assert (tmp_path / ".tpmdocs-cache" / "documents.json").is_file()
    stat = doc.stat()
    doc.write_text("---\ntype: charter\nid: C-1\ntitle: Charter\ntitle: Again\n---\n")
    os.utime(doc, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: content must still decide
    changed = lint(tmp_path)
    assert changed.returncode == 1 and "docs/index.md:5:1: TPM003" in changed.stdout


def forge(repo: Path, change) -> None:
    """Rewrite the repository's cache with ``change`` made to every entry (``[stat key,
    outline, rest, -1]``, the rest as bytes), each trusted by the file's present stat, as
    someone who committed a cache file could."""
    from tpmdocs import cache
    store = cache.DocumentCache(repo, repo.as_posix())
    assert store.entries
    for name, entry in store.entries.items():
        entry[:] = [cache.stat_key(os.stat(name)), entry[1], store.rest_bytes(entry), -1]
        change(entry)
    store.seen.update(store.entries)
    store.has_base, store.dirty = False, True
    store.save()
    (repo / ".tpmdocs-cache" / "recent.json").unlink(missing_ok=True)


def test_a_forged_or_broken_cache_is_ignored(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "docs/index.md", "---\ntype: charter\nid: C-1\ntitle: [unclosed\n---\n")
    first = lint(tmp_path)
    # "An ordinary page", from other bytes, with no stat to trust: the digest tells them apart.
    forge(tmp_path, lambda e: e.__setitem__(slice(0, 3), [None, None, b'["0",[[],null]]']))
    assert lint(tmp_path).stdout == first.stdout
    cache = tmp_path / ".tpmdocs-cache" / "documents.json"
    cache.write_bytes(b"\x00not json")
    assert lint(tmp_path).stdout == first.stdout and first.returncode == 1
    cache.write_bytes(b'{"rest_at":"000000000099","fingerprint":"x"}')
    assert lint(tmp_path).stdout == first.stdout


def test_racing_runs_leave_a_whole_cache(corpus):
    runs = [subprocess.Popen([sys.executable, "-m", "tpmdocs", "lint", "docs", "--today", TODAY],
                             cwd=corpus, env=cli_env(), stdout=subprocess.PIPE, text=True)
            for _ in range(3)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert len(set(outputs)) == 1
    json.loads((corpus / ".tpmdocs-cache" / "documents.json").read_text())
    assert [p.name for p in (corpus / ".tpmdocs-cache").iterdir() if p.name not in
            ("documents.json", "recent.json", ".gitignore")] == []
    assert lint(corpus).stdout == outputs[0]


def test_a_few_changes_are_written_beside_the_cache_not_into_it(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "docs/index.md", "---\ntype: charter\nid: C-1\ntitle: Charter\nowner: a\n---\n")
    task = write(tmp_path, "docs/t1.md", "---\ntype: task\nid: T-1\ntitle: One\n---\n")
    other = write(tmp_path, "docs/t2.md", "---\ntype: task\nid: T-2\ntitle: Two\n---\n")
    lint(tmp_path)
    folder = tmp_path / ".tpmdocs-cache"
    base = (folder / "documents.json").read_bytes()
    assert not (folder / "recent.json").exists()
    task.write_text("---\ntype: task\nid: T-1\ntitle: One\ntitle: Twice\n---\n")
    changed = lint(tmp_path)
    assert "docs/t1.md:5:1: TPM003" in changed.stdout
    assert changed.stdout == lint(tmp_path, "--no-cache").stdout == lint(tmp_path).stdout
    assert (folder / "documents.json").read_bytes() == base
    recent = json.loads((folder / "recent.json").read_text())
    assert str(task) in recent["entries"] and recent["removed"] == []  # (and files hashed too soon)
    other.unlink()
    gone = lint(tmp_path)
    assert "t2.md" not in gone.stdout and gone.stdout == lint(tmp_path, "--no-cache").stdout
    assert json.loads((folder / "recent.json").read_text())["removed"] == [str(other)]
    assert (folder / "documents.json").read_bytes() == base


def test_many_changes_rewrite_the_cache(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "docs/index.md", "---\ntype: charter\nid: C-1\ntitle: Charter\n---\n")
    tasks = [write(tmp_path, f"docs/t{i}.md", f"---\ntype: task\nid: T-{i}\ntitle: Task {i}\n---\n")
             for i in range(300)]  # more than cache.RECENT_MAX
    lint(tmp_path)
    folder = tmp_path / ".tpmdocs-cache"
    base = (folder / "documents.json").read_bytes()
    for path in tasks:
        path.write_text(path.read_text() + "\nA body.\n")
    assert lint(tmp_path).stdout == lint(tmp_path, "--no-cache").stdout
    assert (folder / "documents.json").read_bytes() != base and not (folder / "recent.json").exists()


def test_no_cache_outside_the_working_folder(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "docs/index.md", "---\ntype: charter\nid: C-1\ntitle: Charter\n---\n")
    inner = tmp_path / "docs"
    result = run_cli("lint", ".", "--today", TODAY, cwd=inner)
    assert result.returncode == 1 and "TPM102" in result.stdout
    assert not (tmp_path / ".tpmdocs-cache").exists() and not (inner / ".tpmdocs-cache").exists()


FORGERIES = {
    "rest-not-json": lambda e: e.__setitem__(2, b"{not json"),
    "rest-wrong-shape": lambda e: e.__setitem__(2, b'[[], ["x", 1]]'),
    "payload-wrong-shape": lambda e: e.__setitem__(2, b'["d", [[], ["x", 1]]]'),
    "digest-not-text": lambda e: e.__setitem__(2, b"[5" + e[2][e[2].index(b","):]),
    "locations-not-numbers": lambda e: e.__setitem__(2, e[2].replace(b"[0,0,", b'["a","b",', 1)),
    "outline-not-a-mapping": lambda e: e.__setitem__(1, [10, ["type"]]),
    "size-not-a-number": lambda e: e.__setitem__(1, ["big", e[1][1]] if e[1] else None),
    "entry-too-short": lambda e: e.__delitem__(slice(1, None)),
    "entry-empty": lambda e: e.clear(),
    "stat-not-a-list": lambda e: e.__setitem__(0, {"size": 1}),
    "rest-deeply-nested": lambda e: e.__setitem__(2, b" " + b"[" * 100_000 + b"]" * 100_000),
    "finding-not-text": lambda e: e.__setitem__(1, None) or e.__setitem__(2, b'["d", [[[1, 1, 3, 4]], null]]'),
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forged_entry_trusted_by_its_stat_is_read_from_the_file_again(corpus, tmp_path, forgery):
    """A cache file with tpmdocs' fingerprint but entries it never wrote (someone committed
    one): each unusable entry costs a file read, never a wrong finding or a traceback."""
    import shutil
    repo = tmp_path / "repo"
    shutil.copytree(corpus / "docs", repo / "docs")
    (repo / ".git").mkdir()
    expected = lint(repo, "--no-cache")
    lint(repo)
    forge(repo, FORGERIES[forgery])
    forged = lint(repo)
    assert "internal error" not in forged.stderr and "Traceback" not in forged.stderr
    assert forged.stdout == expected.stdout and forged.returncode == expected.returncode
