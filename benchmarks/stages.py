#!/usr/bin/env python3
"""Where the time of one cold ``tpmdocs lint`` goes, stage by stage, in one process.

Usage::

    python benchmarks/stages.py DOCS_DIR [--today YYYY-MM-DD]

Stages: import, discover, read (bytes and decoding), YAML (front matter
composed into values with locations), graph, validation (rule TPM010), the
other rules, report (deciding and formatting findings). It calls the same
library functions as ``tpmdocs lint`` but one stage at a time, so the sum is
close to, not exactly, a real run (which may also use the cache or workers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

_T0 = time.perf_counter()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", type=Path)
    parser.add_argument("--today", default="2026-11-20")
    args = parser.parse_args(argv)
    stages = {}
    mark = _T0

    def lap(name):
        nonlocal mark
        now = time.perf_counter()
        stages[name] = stages.get(name, 0.0) + now - mark
        mark = now

    from tpmdocs import linter, loader, rules
    from tpmdocs.discover import discover, display_path
    from tpmdocs.graph import build_graph
    from tpmdocs.reporters import FORMATS
    from tpmdocs.workspace import Workspace
    lap("import")
    cwd = Path.cwd()
    found = discover(args.docs, cwd)
    lap("discover")
    texts = []
    for path in found.files:
        texts.append((path, loader.decode(loader.read_bytes(path))))
    lap("read")
    documents = []
    for path, text in texts:
        loaded = loader.parse_text(text, path, display_path(path, cwd))
        if loaded.document is not None:
            documents.append(loaded.document)
    lap("yaml")
    graph = build_graph(documents)
    lap("graph")
    options = linter.LintOptions(cwd=cwd, today=dt.date.fromisoformat(args.today))
    workspace = Workspace(graph=graph, findings=found.findings, files=len(texts))
    ctx = rules.Context(graph=graph, config=options.config, today=options.today)
    problems = list(rules.BY_CODE["TPM010"].check(ctx))
    lap("validation")
    others = linter.active_rules(options)
    options.ignore = frozenset({"TPM010"})
    result = linter.lint(options, workspace)
    lap("rules")
    FORMATS["text"](result.findings, {"documents": len(documents), "files": len(texts),
                                       "errors": result.errors, "warnings": 0}, colour=False)
    lap("report")
    total = sum(stages.values())
    for name, seconds in stages.items():
        print(f"{name:<11}{seconds:8.3f} s {100 * seconds / total:5.1f} %")
    print(f"{'total':<11}{total:8.3f} s   ({len(others)} rules, {len(problems)} schema problems)")


if __name__ == "__main__":
    main()
