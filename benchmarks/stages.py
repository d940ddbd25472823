#!/usr/bin/env python3
"""Where the time of one cold ``tpmdocs lint`` goes, stage by stage, in one process.

Usage::

    python benchmarks/stages.py DOCS_DIR [--today YYYY-MM-DD]
    python benchmarks/stages.py DOCS_DIR --warm FILE   # a warm run of FILE, from the store

Stages: import, discover, read (bytes and decoding), YAML (front matter
composed into values with locations), graph, validation (rule TPM010), the
other rules, report (deciding and formatting findings). It calls the same
library functions as ``tpmdocs lint`` but one stage at a time, so the sum is
close to, not exactly, a real run (which may also use the store or workers).

``--warm FILE`` splits a pre-commit run instead: ``tpmdocs lint FILE`` with the
store of parsed documents filled (run from the repository root, after a full
``tpmdocs lint``): import, discover (with display paths), store read, stat and
decode, the changed files parsed, graph, rules of the partial run, report.
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
    parser.add_argument("--warm", type=Path, default=None, metavar="FILE")
    args = parser.parse_args(argv)
    if args.warm is not None:
        return warm(args)
    stages, lap = _timer()

    from tpmdocs import linter, loader, rules
    from tpmdocs.discover import discover
    from tpmdocs.graph import build_graph
    from tpmdocs.reporters import FORMATS
    from tpmdocs.workspace import Workspace
    lap("import")
    cwd = Path.cwd()
    found = discover(args.docs, cwd)
    lap("discover")
    texts = []
    for path, display in found.files:
        texts.append((Path(path), display, loader.decode(loader.read_bytes(path))))
    lap("read")
    documents = []
    for path, display, text in texts:
        loaded = loader.parse_text(text, path, display)
        if loaded.document is not None:
            documents.append(loaded.document)
    lap("yaml")
    graph = build_graph(documents)
    lap("graph")
    options = linter.LintOptions(cwd=cwd, today=dt.date.fromisoformat(args.today))
    workspace = Workspace(graph=graph, findings=found.findings, files=len(texts))
    ctx = rules.Context(graph=graph, config=options.config, today=options.today)
    schema_check = rules.BY_CODE["TPM010"].check  # a check of one document at a time
    problems = [problem for doc in graph.documents for problem in schema_check(ctx, doc)]
    lap("validation")
    others = linter.active_rules(options)
    options.ignore = frozenset({"TPM010"})
    result = linter.lint(options, workspace)
    lap("rules")
    FORMATS["text"](result.findings, {"documents": len(documents), "files": len(texts),
                                       "errors": result.errors, "warnings": 0}, colour=False)
    lap("report")
    show(stages, f"({len(others)} rules, {len(problems)} schema problems)")


def _timer() -> tuple:
    """``(stages, lap)``: ``lap(name)`` adds the time since the last lap (or since this
    script started) to ``stages[name]``."""
    stages = {}
    mark = _T0

    def lap(name):
        nonlocal mark
        now = time.perf_counter()
        stages[name] = stages.get(name, 0.0) + now - mark
        mark = now

    return stages, lap


def show(stages: dict, note: str) -> None:
    total = sum(stages.values())
    for name, seconds in stages.items():
        print(f"{name:<13}{seconds:8.3f} s {100 * seconds / total:5.1f} %")
    print(f"{'total':<13}{total:8.3f} s   {note}")


def warm(args) -> None:
    """The stages of ``tpmdocs lint FILE`` served from the store, as the CLI runs them."""
    import gc
    gc.disable()  # as the lint command does
    stages, lap = _timer()

    from tpmdocs import linter, reading, store, workspace
    from tpmdocs.cli import lint as _cli_lint  # noqa: F401 - the CLI's imports count
    from tpmdocs.discover import discover
    from tpmdocs.graph import build_graph
    from tpmdocs.reporters import FORMATS
    lap("import")
    cwd = Path.cwd()
    found = discover(args.docs.absolute(), cwd)
    tasks = found.files  # with their display paths
    lap("discover")
    documents = store.DocumentStore.open(cwd, reading.parse_again, len(tasks))
    lap("store read")
    results = documents.unchanged(tasks)
    lap("stat+decode")
    missed = [index for index, hit in enumerate(results) if hit is None]
    for index in missed:
        results[index] = reading.parse_file(*tasks[index])
    lap("parse changed")
    graph = build_graph([r.document for r in results if r.document is not None], in_path_order=True)
    lap("graph")
    options = linter.LintOptions(cwd=cwd, today=dt.date.fromisoformat(args.today), paths=[args.warm])
    result = linter.lint(options, workspace.Workspace(graph=graph, files=len(tasks)))
    lap("rules")
    FORMATS["text"](result.findings, {"documents": len(graph.documents), "files": len(tasks),
                                       "errors": result.errors, "warnings": 0}, colour=False)
    lap("report")
    show(stages, f"({len(tasks)} files, {len(missed)} parsed again)")


if __name__ == "__main__":
    main()
