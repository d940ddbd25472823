"""The plugin reads documents through the repository's store of parsed documents, as lint
does: the site is the same with and without it, and the store never lands inside ``docs_dir``."""

from __future__ import annotations

import time

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY, run_cli
from tests.helpers.site import make_project, mkdocs_build
from tpmdocs.reading import SETTLE_NS, blob_id, parse_again
from tpmdocs.store import STORE_FILE, DocumentStore


def built(root) -> dict:
    """Every page and the search index of the last build, by path."""
    site = root / "site"
    files = sorted(site.rglob("*.html")) + [site / "search" / "search_index.json"]
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in files}


def test_a_build_from_the_store_is_the_build_without_it(tmp_path):
    root = make_project(tmp_path / "repo", {"example": EXAMPLE}, today=EXAMPLE_TODAY)
    (root / ".git").mkdir()
    assert mkdocs_build(root).returncode == 0
    assert (root / STORE_FILE).is_file()
    cold = built(root)
    example_task = root / "docs" / "example" / "tasks" / "pay-t08.md"
    example_task.write_text(example_task.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    assert mkdocs_build(root).returncode == 0  # from the store, the changed file parsed again
    store = DocumentStore.open(root, parse_again)
    assert store.blob_of(str(example_task)) == blob_id(example_task.read_bytes())
    warm = built(root)
    other = make_project(tmp_path / "plain", {"example": root / "docs" / "example"},
                         today=EXAMPLE_TODAY, extra="      cache: false\n")
    assert mkdocs_build(other).returncode == 0
    assert not (other / STORE_FILE.parent).exists()
    assert warm == built(other)  # the same pages as a build that parsed every file
    assert warm != cold and "One more line." in warm["example/tasks/pay-t08/index.html"].decode()


def test_a_lint_fills_the_store_the_build_reads(tmp_path):
    root = make_project(tmp_path, {"example": EXAMPLE}, today=EXAMPLE_TODAY)
    (root / ".git").mkdir()
    time.sleep(SETTLE_NS / 1e9)  # files written just now get no stat in the store: the build would add it
    assert run_cli("lint", "docs", "--today", EXAMPLE_TODAY, cwd=root).returncode in (0, 1)
    written = (root / STORE_FILE).read_bytes()
    assert mkdocs_build(root).returncode == 0
    assert (root / STORE_FILE).read_bytes() == written  # nothing to add


def test_no_store_inside_the_docs_folder(tmp_path):
    root = make_project(tmp_path, {"example": EXAMPLE}, today=EXAMPLE_TODAY)
    (root / "docs" / ".git").mkdir()  # the docs are a repository of their own
    assert mkdocs_build(root).returncode == 0
    assert not (root / "docs" / STORE_FILE.parent).exists()
    assert (root / STORE_FILE).is_file()  # beside mkdocs.yml instead


@pytest.mark.parametrize("repository", [False, True], ids=["no repository", "mkdocs.yml below its top"])
def test_the_store_is_kept_beside_mkdocs_yml_off_a_repository_top(tmp_path, repository):
    if repository:
        (tmp_path / ".git").mkdir()
    root = make_project(tmp_path / "site", {"example": EXAMPLE}, today=EXAMPLE_TODAY)
    time.sleep(SETTLE_NS / 1e9)  # files written just now get no stat in the store
    assert mkdocs_build(root).returncode == 0
    assert (root / STORE_FILE).is_file()
    assert (root / STORE_FILE.parent / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    written = (root / STORE_FILE).read_bytes()
    cold = built(root)
    assert mkdocs_build(root).returncode == 0
    assert (root / STORE_FILE).read_bytes() == written  # every document read from the store
    assert built(root) == cold
