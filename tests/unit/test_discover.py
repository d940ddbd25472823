"""Discovery gives each file's path as text with the path findings show, in Path order."""

from pathlib import Path

import pytest

from tpmdocs.discover import discover, display_path


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "repo"
    for name in ("docs/index.md", "docs/a b/x.md", "docs/a b/sub/y.md", "docs/a-b/z.md",
                 "docs/a/q.md", "docs/notes.txt", "docs/.hidden/h.md", "other/o.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("# x\n", "utf-8")
    return root


@pytest.mark.parametrize("root, cwd", [
    ("docs", "."),           # a folder below the working folder
    (".", "."),              # the working folder itself
    ("docs", "docs"),
    ("docs/a b", "other"),   # a folder beside the working folder: shown absolute
    (".", "docs/a b"),       # the working folder inside the tree: its files shown relative
])
def test_display_paths_are_the_paths_findings_show(tree, root, cwd):
    cwd = (tree / cwd).resolve()
    found = discover(tree / root, cwd)
    assert found.files, "the tree has Markdown files"
    for path, display in found.files:
        assert Path(path).is_absolute() and path.endswith(".md")
        assert display == display_path(Path(path), cwd)
    paths = [Path(path) for path, _ in found.files]
    assert paths == sorted(paths)
    assert not any(".hidden" in path for path, _ in found.files)


def test_a_named_file_is_found_as_itself(tree):
    found = discover(tree / "docs" / "index.md", tree)
    assert found.files == [(str(tree / "docs" / "index.md"), "docs/index.md")]
