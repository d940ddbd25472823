#!/usr/bin/env python3
"""Time the forecast of one project, in one process: the network (what depends on the
documents) and the passes (what depends on today), apart.

Usage::

    PYTHONPATH=.:plugins python benchmarks/forecast.py [DOCS] [--tasks 350] [--repeat 200]

DOCS defaults to a generated corpus of 3,000 documents (six projects) (``benchmarks/generate.py``, seed 1,
kept under /tmp/tpmdocs-bench); the project measured is the one whose task count is nearest
``--tasks``. Figures are medians of ``--repeat`` calls; what matters is the proportion of
the passes to the network, and of both to the history's budget (about 1 ms per snapshot).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(call, repeat: int) -> float:
    """The median seconds of ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def corpus(work: Path) -> Path:
    docs = work / "forecast-3000-s1" / "docs"
    if not docs.is_dir():
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(docs), "--documents", "3000", "--seed", "1"],
                       check=True, stdout=subprocess.DEVNULL)
    return docs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", type=Path, default=None)
    parser.add_argument("--tasks", type=int, default=350)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--work", type=Path, default=Path("/tmp/tpmdocs-bench"))
    args = parser.parse_args(argv)
    from tpmdocs.config import Config
    from tpmdocs.forecast import build_network, run_forecast, working_days_for
    from tpmdocs.forecast.memo import _MEMO
    from tpmdocs.forecast.passes import run_passes
    from tpmdocs.workspace import load_workspace

    docs = args.docs or corpus(args.work)
    graph = load_workspace([docs], docs.parent).graph
    project = min(graph.projects, key=lambda p: abs(len(p.of_type("task")) - args.tasks))
    days = working_days_for(Config(), project.charter)
    today = load_generator().TODAY

    def network():
        _MEMO.clear()  # the breakdown's references are read again, as for a changed project
        return build_network(graph, project, days)

    built = network()
    results = {
        "network (documents: nodes, edges, work left, constraints, order)": timed(network, max(args.repeat // 10, 5)),
        "passes (today: forward, backward, driving paths)": timed(lambda: run_passes(built, today), args.repeat),
        "passes + each milestone's forecast and slip as dates": timed(
            lambda: [m.forecast for m in run_forecast(built, today).milestones], args.repeat),
        "passes + every task's forecast as dates": timed(lambda: run_forecast(built, today).tasks, args.repeat),
    }
    tasks = len(project.of_type("task"))
    print(f"project {project.id}: {tasks} tasks, {built.size} open nodes, {sum(map(len, built.preds))} edges, "
          f"{len(built.milestones)} milestones; medians")
    for what, seconds in results.items():
        print(f"  {what:<70} {seconds * 1000:8.3f} ms")
    return 0


def load_generator():
    spec = importlib.util.spec_from_file_location("tpmdocs_bench_generate", HERE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    sys.exit(main())
