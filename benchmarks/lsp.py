#!/usr/bin/env python3
"""The language server on a large repository: start-up, and a one-character change to its
diagnostics, measured over stdio as an editor sees them; then where one change's time goes.

Usage (from the repository root)::

    python benchmarks/lsp.py [--documents 10000] [--changes 40] [--work DIR] [--profile]

The corpus is ``benchmarks/generate.py``'s (a git repository under ``--work``, made once, its
cache of parsed documents filled by one ``tpmdocs lint`` first, as a pre-commit hook leaves
it). The server is started as an editor starts it; a small JSON-RPC client
(``tests/helpers/lsp_client.py``) opens one task and changes one character of its title, again and
again, timing each ``didChange`` to the ``publishDiagnostics`` of that version. A request
that does no project work (hover on a word that is no id) is timed alongside, in turn with
the changes: the protocol's own round trip, the floor a change cannot go below.

``--profile`` then splits one change in process (parse, graph update, rules by rule, and
what building the whole graph again would cost) and prints cProfile's top functions. The goal
of the change is 100 ms (issue 16).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import importlib.util
import io
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(REPO / "plugins")]  # the checkout this script belongs to

from tpmdocs.config import load_config  # noqa: E402 - after the path is set
from tpmdocs.discover import display_path  # noqa: E402
from tpmdocs.evaluation import Evaluation  # noqa: E402
from tpmdocs.graph import build_graph  # noqa: E402
from tpmdocs.linter import LintOptions, active_rules, lint, roots_and_scope, run_rules  # noqa: E402
from tpmdocs.lsp.session import Session  # noqa: E402
from tpmdocs.rules import BY_CODE  # noqa: E402
from tpmdocs.unsaved import read_unsaved_text  # noqa: E402
from tpmdocs.workspace import Workspace, load_workspace  # noqa: E402

TODAY = "2026-11-20"
GOAL_MS = 100


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def options(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--work", type=Path, default=Path("/tmp/tpmdocs-bench"))
    parser.add_argument("--profile", action="store_true", help="also split one change in process")
    return parser.parse_args(argv)


def target(repo: Path) -> Path:
    """The task changed: one in the middle of the first project, as run.py's warm lint."""
    tasks = sorted((repo / "docs").glob("proj-01/tasks/**/*.md"))
    return tasks[len(tasks) // 2]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def over_stdio(repo: Path, env: dict, changes: int) -> dict:
    """Start-up and the change-to-diagnostics times of one server session."""
    client_module = _module("tpmdocs_bench_jsonrpc", REPO / "tests" / "helpers" / "lsp_client.py")
    path = target(repo)
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    started = time.perf_counter()
    client = client_module.LspClient(repo, "--today", TODAY, env=env)
    try:
        client.initialize(repo)
        initialized = time.perf_counter()
        client.open(path, text)
        first = time.perf_counter()
        change_times, floor_times = [], []
        for version in range(2, changes + 2):
            edited = text.replace("title: ", "title: x", 1) if version % 2 else text
            sent = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                      "contentChanges": [{"text": edited}]})
            client.wait(lambda m, v=version: m.get("method") == "textDocument/publishDiagnostics"
                        and m["params"]["uri"] == uri and m["params"].get("version") == v)
            change_times.append(time.perf_counter() - sent)
            sent = time.perf_counter()
            client.call("textDocument/hover", client.at(path, 1, 1))  # `type`: no id, no project work
            floor_times.append(time.perf_counter() - sent)
        client.shutdown()
    finally:
        client.kill()
    return {"spawn_to_initialized": initialized - started, "initialize_to_diagnostics": first - initialized,
            "changes": change_times, "floor": floor_times}


def split_one_change(repo: Path) -> str:
    """One change in process, step by step as Session does it, and cProfile's view of it."""
    today = dt.date.fromisoformat(TODAY)
    config = load_config(repo, frozenset(BY_CODE))
    path = target(repo)
    text = path.read_text(encoding="utf-8").replace("title: ", "title: x", 1)
    display = display_path(path, repo)
    disk = load_workspace([repo], repo, cache=True)
    steps: dict[str, list[float]] = {}

    def timed(name, work, *args):
        began = time.perf_counter()
        result = work(*args)
        steps.setdefault(name, []).append(time.perf_counter() - began)
        return result

    options = LintOptions(cwd=repo, today=today, config=config, paths=[path])
    graph = disk.graph
    evaluation = Evaluation(graph, active_rules(options), config, today)
    evaluation.problems()
    for n in range(9):
        loaded = timed("parse the buffer (loader)", read_unsaved_text, text + "x" * (n % 2), path,
                       display)
        change = timed("graph.apply, one document", graph.apply,
                       [(graph.document_at(str(path)), loaded.document)])
        timed("evaluation: apply, the file's problems",  # the lambda is called at once
              lambda: (evaluation.apply(change), evaluation.problems([loaded.document])))  # noqa: B023
        workspace = Workspace(graph=graph, findings=disk.findings, files=disk.files)
        timed("(a fresh lint scoped to the file)", lint, options, workspace)
        timed("(  of which run_rules)", run_rules, workspace, options, roots_and_scope(options)[1])
        timed("(build_graph of all, as before apply)", build_graph, graph.documents, True)
    lines = [f"{name:<40}{ms(statistics.median(times)):>8}" for name, times in steps.items()]
    session = Session(repo, config, lambda: today)
    session.open(path, text)
    session.findings(path)
    lines.append(_with_and_without_gc(session, path, text))
    profile = cProfile.Profile()
    profile.enable()
    for n in range(5):
        session.change(path, text + "x" * n)
        session.findings(path)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(12)
    return "\n".join(lines) + "\n\ncProfile, 5 changes through Session (by own time):\n" + \
        "\n".join(out.getvalue().splitlines()[6:])


def _with_and_without_gc(session, path: Path, text: str) -> str:
    """One change through Session with Python's cyclic garbage collector on and off, in turn:
    what collections of a heap of 10,000 documents add to a change."""
    times: dict[bool, list[float]] = {True: [], False: []}
    for n in range(20):
        collect = n % 2 == 0
        if not collect:
            gc.disable()
        began = time.perf_counter()
        session.change(path, text + "x" * (n % 3))
        session.findings(path)
        times[collect].append(time.perf_counter() - began)
        gc.enable()
    return (f"Session.change + findings, gc on / off   {ms(statistics.median(times[True]))} / "
            f"{ms(statistics.median(times[False]))}")


def main(argv=None) -> int:
    args = options(argv)
    run = _module("tpmdocs_bench_run", HERE / "run.py")
    repo = run.repository(args.work, args.documents, args.seed)
    env = run.environment(REPO, args.work)
    subprocess.run([sys.executable, "-m", "tpmdocs", "lint", "docs", "--today", TODAY], cwd=repo,
                   env=env, stdout=subprocess.DEVNULL, check=False)  # fills the cache, as a hook does
    measured = over_stdio(repo, env, args.changes)
    changes, floor = measured["changes"], measured["floor"]
    change, round_trip = statistics.median(changes), statistics.median(floor)
    print(f"tpmdocs lsp, {args.documents:,} documents, {args.changes} one-character changes "
          f"(medians; p90 in brackets)")
    print(f"  spawn -> initialize answered        {ms(measured['spawn_to_initialized']):>8}")
    print(f"  initialize -> first diagnostics     {ms(measured['initialize_to_diagnostics']):>8}")
    print(f"  didChange -> publishDiagnostics     {ms(change):>8}  "
          f"[{ms(statistics.quantiles(changes, n=10)[-1])}]  goal <= {GOAL_MS} ms: "
          f"{'met' if change * 1000 <= GOAL_MS else 'MISSED'}")
    print(f"  hover round trip (protocol floor)   {ms(round_trip):>8}  "
          f"[{ms(statistics.quantiles(floor, n=10)[-1])}]  change / floor = {change / round_trip:.1f}")
    if args.profile:
        print("\nOne change in process, by step (medians of 9):")
        print(split_one_change(repo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
