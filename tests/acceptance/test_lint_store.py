"""The store of parsed documents and the worker processes never change what lint says: not
warm, not partial, not when the store is damaged, forged, of other code or written by a
racing run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY, REPO, cli_env, run_cli, write
from tpmdocs.entry import MAX_ENTRY, Encoded
from tpmdocs.reading import StatKey, parse_again
from tpmdocs.store import STORE_FILE, DocumentStore

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


def copy_of(corpus: Path, tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(corpus / "docs", repo / "docs")
    (repo / ".git").mkdir()
    return repo


def test_output_is_identical_with_and_without_store_and_workers(corpus):
    fresh = lint(corpus, "--no-cache")
    assert fresh.returncode == 1 and "TPM003" in fresh.stdout and "TPM002" in fresh.stdout
    assert not (corpus / STORE_FILE.parent).exists()
    cold = lint(corpus, "--jobs", "2")
    warm = lint(corpus, "--jobs", "1")
    as_json = [lint(corpus, "--format", "json", *extra).stdout for extra in ((), ("--no-cache",))]
    uncached_workers = lint(corpus, "--no-cache", "--jobs", "2")
    assert cold.stdout == warm.stdout == fresh.stdout == uncached_workers.stdout
    assert cold.returncode == warm.returncode == 1
    assert as_json[0] == as_json[1]
    assert (corpus / STORE_FILE.parent / ".gitignore").read_text().strip().endswith("*")


def test_the_example_says_the_same_with_and_without_the_store(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "docs")
    (tmp_path / ".git").mkdir()
    runs = [run_cli("lint", "docs", "--today", EXAMPLE_TODAY, "--format", fmt, *extra, cwd=tmp_path)
            for fmt in ("text", "json") for extra in ((), (), ("--no-cache",))]
    assert (tmp_path / STORE_FILE).is_file()
    assert len({run.stdout for run in runs[:3]}) == len({run.stdout for run in runs[3:]}) == 1
    assert {run.returncode for run in runs} == {0}
    status = [run_cli("status", "docs", "--today", EXAMPLE_TODAY, cwd=tmp_path).stdout for _ in range(2)]
    assert status[0] == status[1] and "PAY" in status[0]


def test_a_partial_warm_run_says_what_a_partial_run_without_store_says(corpus):
    """Pre-commit's case: a few named files, the rest of the repository from the store (where
    documents outside the named files' projects are never decoded)."""
    lint(corpus)  # fills the store
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
    write(tmp_path, "docs/t.md", "---\ntype: task\nid: T-1\ntitle: Task\n---\n")
    before = lint(tmp_path)
    assert "TPM003" not in before.stdout and before.returncode in (0, 1)
    stat = doc.stat()
    doc.write_text("---\ntype: charter\nid: C-1\ntitle: Charter\ntitle: Again\n---\n")
    os.utime(doc, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: content must still decide
    changed = lint(tmp_path)
    assert changed.returncode == 1 and "docs/index.md:5:1: TPM003" in changed.stdout
    doc.unlink()
    gone = lint(tmp_path)
    assert "index.md" not in gone.stdout
    assert DocumentStore.open(tmp_path, parse_again).blob_of(str(doc)) is None  # forgotten


def forge(repo: Path, entry) -> None:
    """Give every file of the repository's store the entry ``entry(encoded)``, trusted by the
    file's present stat, as someone who committed a store could."""
    store = DocumentStore.open(repo, parse_again)
    files = sorted(str(path) for path in (repo / "docs").rglob("*.md"))
    for path in files:
        blob = store.blob_of(path)
        store.put(blob, entry(store.entries([blob]).get(blob)))
        store.record(path, blob, StatKey.of(os.stat(path)))
    store.save()
    store.close()


DEEP = b"[" * 100_000 + b"]" * 100_000
FORGERIES = {
    "head-not-json": lambda e: e._replace(head=b"{not json"),
    "head-wrong-shape": lambda e: e._replace(head=b'[[], ["x", 1]]'),
    "head-deeply-nested": lambda e: e._replace(head=DEEP),
    "finding-not-text": lambda e: e._replace(head=b'{"findings": [[1, 1, 3, 4]], "document": null}'),
    "outline-not-a-mapping": lambda e: e._replace(head=e.head.replace(b'"outline":{', b'"outline":[{', 1)),
    "size-not-a-number": lambda e: e._replace(head=e.head.replace(b'"size":', b'"size":"', 1)),
    "body-not-json": lambda e: e._replace(body=e.body and b"{not json"),
    "body-deeply-nested": lambda e: e._replace(body=e.body and DEEP),
    "body-not-the-heads": lambda e: e._replace(body=e.body and b'{"data": {"type": "risk"}, "locations": []}'),
    "locations-not-numbers": lambda e: e._replace(
        body=e.body and e.body.replace(b'"locations":[0,0', b'"locations":["a","b"', 1)),
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forged_entry_trusted_by_its_stat_is_read_from_the_file_again(corpus, tmp_path, forgery):
    """A store with tpmdocs' fingerprint but entries it never wrote (someone committed one):
    each unusable entry costs a file read, never a wrong finding or a traceback."""
    repo = copy_of(corpus, tmp_path)
    expected = lint(repo, "--no-cache")
    lint(repo)
    forge(repo, FORGERIES[forgery])
    forged = lint(repo)
    assert "Traceback" not in forged.stderr and forged.stderr == ""
    assert forged.stdout == expected.stdout and forged.returncode == expected.returncode


def test_a_huge_row_is_not_read(tmp_path):
    (tmp_path / ".git").mkdir()
    doc = write(tmp_path, "docs/index.md", "---\ntype: charter\nid: C-1\ntitle: [unclosed\n---\n")
    expected = lint(tmp_path)
    store = DocumentStore.open(tmp_path, parse_again)
    blob = store.blob_of(str(doc))
    store.put(blob, Encoded(b'{"findings": [], "document": null}', b" " * (MAX_ENTRY + 1)))
    store.record(str(doc), blob, StatKey.of(os.stat(doc)))
    store.save()
    assert store.entries([blob]) == {}
    store.close()
    assert lint(tmp_path).stdout == expected.stdout and expected.returncode == 1


def test_an_entry_of_other_bytes_is_not_taken_for_the_files(corpus, tmp_path):
    """Rows saying every file held other bytes (an empty page), their stat not trusted: the
    content key tells them apart."""
    repo = copy_of(corpus, tmp_path)
    expected = lint(repo, "--no-cache")
    store = DocumentStore.open(repo, parse_again)
    store.put("0" * 40, Encoded(b'{"findings": [], "document": null}', None))
    for path in (repo / "docs").rglob("*.md"):
        store.record(str(path), "0" * 40, None)
    store.save()
    store.close()
    assert lint(repo).stdout == expected.stdout


def test_a_damaged_store_is_replaced(tmp_path):
    """In one process, as an editor or ``mkdocs serve`` runs lint again and again: the stores
    opened here are dropped without being closed, and lint stops the cyclic collector."""
    (tmp_path / ".git").mkdir()
    write(tmp_path, "docs/index.md", "---\ntype: charter\nid: C-1\ntitle: [unclosed\n---\n")
    first = lint(tmp_path)
    store = tmp_path / STORE_FILE
    for damaged in (b"\x00not a database", store.read_bytes()[:1000], b""):
        store.write_bytes(damaged)
        again = lint(tmp_path)
        assert again.stdout == first.stdout and again.returncode == first.returncode == 1
        assert again.stderr == "" and DocumentStore.open(tmp_path, parse_again).blob_of(
            str(tmp_path / "docs" / "index.md"))


@pytest.fixture(scope="module")
def other_version(tmp_path_factory) -> Path:
    """A copy of this tpmdocs, changed where its entries are made: it stores every file as an
    empty page (what a store another version wrote may say of this version's documents)."""
    copy = tmp_path_factory.mktemp("other-version")
    shutil.copytree(REPO / "tpmdocs", copy / "tpmdocs", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "schemas", copy / "schemas")
    with (copy / "tpmdocs" / "entry.py").open("a", encoding="utf-8") as entry:
        entry.write("\n_encode = encode\n\n\ndef encode(loaded: Loaded) -> Encoded | None:  # noqa: F811\n"
                    "    return _encode(Loaded())\n")
    return copy


def test_a_store_written_by_other_code_is_not_trusted(corpus, tmp_path, other_version):
    """Rows another version of tpmdocs wrote are not seen; this version's rows go beside them,
    and the other version still finds its own."""
    repo = copy_of(corpus, tmp_path)
    expected = lint(repo, "--no-cache")
    paths = [str(path) for path in sorted((repo / "docs").rglob("*.md"))]
    other = [sys.executable, "-m", "tpmdocs", "lint", "docs", "--today", TODAY]
    other_env = cli_env({"PYTHONPATH": str(other_version)})
    written = subprocess.run(other, cwd=repo, env=other_env, capture_output=True, text=True, timeout=120)
    assert written.returncode == 0 and "TPM" not in written.stdout  # every file an empty page
    assert {DocumentStore.open(repo, parse_again).blob_of(path) for path in paths} == {None}  # none seen
    assert lint(repo).stdout == expected.stdout == lint(repo).stdout
    assert all(map(DocumentStore.open(repo, parse_again).blob_of, paths))
    probe = ("import sys; from pathlib import Path; from tpmdocs.reading import parse_again;"
             " from tpmdocs.store import DocumentStore; store = DocumentStore.open(Path.cwd(), parse_again);"
             " print(sum(store.blob_of(path) is None for path in sys.argv[1:]))")
    misses = subprocess.run([sys.executable, "-c", probe, *paths], cwd=repo, env=other_env,
                            capture_output=True, text=True, timeout=120)
    assert misses.stdout.strip() == "0", misses.stderr  # its own rows are still there


def test_racing_runs_leave_a_whole_store(corpus, tmp_path):
    repo = copy_of(corpus, tmp_path)
    runs = [subprocess.Popen([sys.executable, "-m", "tpmdocs", "lint", "docs", "--today", TODAY],
                             cwd=repo, env=cli_env(), stdout=subprocess.PIPE, text=True)
            for _ in range(3)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert len(set(outputs)) == 1 and all(run.returncode == 1 for run in runs)
    store = DocumentStore.open(repo, parse_again)
    files = [str(path) for path in (repo / "docs").rglob("*.md")]
    assert all(store.blob_of(path) for path in files) and len(store.entries(map(store.blob_of, files))) > 500
    assert lint(repo).stdout == outputs[0]


def test_no_store_outside_the_working_folder(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "docs/index.md", "---\ntype: charter\nid: C-1\ntitle: Charter\n---\n")
    inner = tmp_path / "docs"
    result = run_cli("lint", ".", "--today", TODAY, cwd=inner)
    assert result.returncode == 1 and "TPM102" in result.stdout
    assert not (tmp_path / STORE_FILE.parent).exists() and not (inner / STORE_FILE.parent).exists()
