"""The bad and good examples of each rule: small projects of Markdown files.

They live in ``rules/examples/<CODE>-<name>/{bad,good}/``. The test suite lints
them (bad gives exactly the marked findings, good gives none) and the docs and
``tpmdocs explain`` show them.

A finding is marked by a comment on its line: ``# expect: CODE`` in front
matter. A finding on a line that cannot carry a comment (line 1 of a file
whose front matter is never closed) is listed instead in the sidecar
``expect.txt`` of the example, one ``relative/path:line:CODE`` a line.
"""

from __future__ import annotations

import re
from pathlib import Path

from .rules.base import Rule

Expected = tuple[str, int, str]  # (file, line, rule code) of a finding a bad example expects
EXPECT = re.compile(r"(?:#|<!--)\s*expect:\s*((?:TPM\d+[ ,]*)+)")
SIDECAR = "expect.txt"
SHOWN = (".md", ".toml")  # the files a reader sees: documents and their configuration


def _order(path: Path, folder: Path) -> tuple[str, bool, str]:
    """Folder by folder, each folder's ``index.md`` (the charter) first."""
    relative = path.relative_to(folder)
    return (relative.parent.as_posix(), relative.name != "index.md", relative.name)


def example_files(rule: Rule, kind: str, suffixes: tuple[str, ...] = (".md",)) -> list[Path]:
    folder = rule.examples_dir / kind
    if not folder.is_dir():
        return []
    files = (p for p in folder.rglob("*") if p.is_file() and p.suffix in suffixes)
    return sorted(files, key=lambda p: _order(p, folder))


def read_example(path: Path) -> str:
    """An example's text; bytes that are not UTF-8 (the TPM001 example) shown as ``\\xe9``."""
    return path.read_bytes().decode("utf-8", errors="backslashreplace")


def examples_of(rule: Rule, kind: str) -> list[tuple[str, str]]:
    """``(relative name, text)`` of each file of one example.

    Configuration first, then the files where the bad example has its
    findings (in both examples, so the reader compares like with like), then
    the rest of the project, charters first.
    """
    folder = rule.examples_dir / kind
    focus = {name for name, _line, _code in expected_findings(rule, "bad")}
    files = example_files(rule, kind, SHOWN)
    names = [p.relative_to(folder).as_posix() for p in files]
    # sort is stable: within each group the charter-first order stays
    order = sorted(range(len(files)), key=lambda i: (files[i].suffix != ".toml", names[i] not in focus))
    return [(names[i], read_example(files[i])) for i in order]


def expected_findings(rule: Rule, kind: str) -> list[Expected]:
    """``(relative path, line, code)`` marked in an example, sorted."""
    folder = rule.examples_dir / kind
    expected: list[Expected] = []
    for path in example_files(rule, kind):
        for number, line in enumerate(read_example(path).splitlines(), 1):
            match = EXPECT.search(line)
            if match:
                for code in re.findall(r"TPM\d+", match.group(1)):
                    expected.append((path.relative_to(folder).as_posix(), number, code))
    expected.extend(_sidecar(folder / SIDECAR))
    return sorted(expected)


def _sidecar(path: Path) -> list[Expected]:
    """The findings listed in ``expect.txt`` (``path:line:CODE``; ``#`` starts a comment)."""
    if not path.is_file():
        return []
    found = []
    for raw in path.read_text("utf-8").splitlines():
        entry = raw.split("#", 1)[0].strip()
        if entry:
            name, line, code = entry.rsplit(":", 2)
            found.append((name, int(line), code.strip().upper()))
    return found
