"""The bad and good examples of each rule: small projects of Markdown files.

They live in ``rules/examples/<CODE>-<name>/{bad,good}/``. The test suite lints
them (bad gives exactly the findings marked ``# expect: CODE`` on their
lines, good gives none) and the docs and ``tpmdocs explain`` show them.
"""

from __future__ import annotations

import re
from pathlib import Path

EXPECT = re.compile(r"(?:#|<!--)\s*expect:\s*((?:TPM\d+[ ,]*)+)")


def example_files(rule, kind: str) -> list:
    folder = rule.examples_dir / kind
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.md"))


def examples_of(rule, kind: str) -> list:
    """``(relative name, text)`` of each file of one example."""
    folder = rule.examples_dir / kind
    return [(p.relative_to(folder).as_posix(), p.read_text("utf-8")) for p in example_files(rule, kind)]


def expected_findings(rule, kind: str) -> list:
    """``(relative path, line, code)`` marked in an example with ``# expect: CODE``."""
    folder = rule.examples_dir / kind
    expected = []
    for path in example_files(rule, kind):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            match = EXPECT.search(line)
            if match:
                for code in re.findall(r"TPM\d+", match.group(1)):
                    expected.append((path.relative_to(folder).as_posix(), number, code))
    return sorted(expected)
