"""The cache of parsed documents and the worker processes never change what lint says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
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
    assert cold.stdout == warm.stdout == fresh.stdout
    assert cold.returncode == warm.returncode == 1
    assert as_json[0] == as_json[1]
    assert (corpus / ".tpmdocs-cache" / ".gitignore").read_text().strip().endswith("*")


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


def test_a_forged_or_broken_cache_is_ignored(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "docs/index.md", "---\ntype: charter\nid: C-1\ntitle: [unclosed\n---\n")
    first = lint(tmp_path)
    cache = tmp_path / ".tpmdocs-cache" / "documents.json"
    stored = json.loads(cache.read_text())
    for entry in stored["entries"].values():
        entry[4] = [[], None]  # claims the file is an ordinary page
        entry[3] = "0" * 32
    cache.write_text(json.dumps(stored))
    assert lint(tmp_path).stdout == first.stdout
    cache.write_bytes(b"\x00not json")
    assert lint(tmp_path).stdout == first.stdout and first.returncode == 1


def test_racing_runs_leave_a_whole_cache(corpus):
    runs = [subprocess.Popen([sys.executable, "-m", "tpmdocs", "lint", "docs", "--today", TODAY],
                             cwd=corpus, env=cli_env(), stdout=subprocess.PIPE, text=True)
            for _ in range(3)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert len(set(outputs)) == 1
    json.loads((corpus / ".tpmdocs-cache" / "documents.json").read_text())
    assert [p.name for p in (corpus / ".tpmdocs-cache").iterdir() if p.name not in
            ("documents.json", ".gitignore")] == []
    assert lint(corpus).stdout == outputs[0]


def test_no_cache_outside_the_working_folder(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "docs/index.md", "---\ntype: charter\nid: C-1\ntitle: Charter\n---\n")
    inner = tmp_path / "docs"
    result = run_cli("lint", ".", "--today", TODAY, cwd=inner)
    assert result.returncode == 1 and "TPM102" in result.stdout
    assert not (tmp_path / ".tpmdocs-cache").exists() and not (inner / ".tpmdocs-cache").exists()
