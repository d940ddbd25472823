#!/usr/bin/env python3
"""Time tpmdocs next to its floor, whole processes, medians, ratios — from one run.

Usage::

    python benchmarks/run.py                # the full run (10k, 50k, sites of 200 and 1,000)
    python benchmarks/run.py --quick        # 1k documents, 5k for scaling, sites of 50 and 200
    python benchmarks/run.py --documents 10000 --scale 0 --site ""   # cold and warm lint only

Every figure is the median of ``--repeat`` runs of a fresh process, with the
two sides of each comparison run in turn (A B A B ...) so that a busy machine
slows both alike. Corpora come from ``benchmarks/generate.py`` (seeded) and
are kept under ``--work`` between runs. ``--source`` picks the checkout whose
tpmdocs is measured (default: this one), so two versions can be compared.

Measures and goals (issue 5):

(a) cold full lint of N documents vs the floor (``benchmarks/floor.py``: read,
    C-loader YAML, jsonschema-rs, references): ratio at most 1.3;
(b) cold lint of the large corpus over the N corpus: at most 5.5 for 50k/10k;
(c) warm lint of one changed file in the N repository vs
    ``python -c "import click, yaml, jsonschema"``: at most 3;
(d) ``mkdocs build`` with Material, with and without the tpmdocs plugin, over a corpus with
    a git history (its Trends pages read it; ``--cold-history``: as in a fresh clone, without
    the snapshots the plugin keeps): at most 1.25 (skipped with a note when the plugin is not
    importable); ``--instructions`` adds the ratio of instructions executed (valgrind), which
    a shared machine's other work does not move;
(e) peak memory (``ru_maxrss`` of the child) of the cold lint: under 300 MB;
(f) cold ``tpmdocs schedule`` of the N documents vs a cold ``tpmdocs lint`` of them
    (issue 11): ratio at most 1.25 (``--schedule-only`` runs this one alone).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
DEFAULT_WORK = Path(tempfile.gettempdir()) / f"tpmdocs-bench-{hashlib.sha1(bytes(HERE)).hexdigest()[:8]}"


@dataclass
class Sample:
    seconds: float
    max_rss_kb: int
    cpu_seconds: float = 0.0  # user + system, the child and the children it waited for


@dataclass
class Row:
    what: str
    ours: float
    floor: float
    goal: float | None  # on the ratio; on ``ours`` itself when ``absolute``
    unit: str = "s"
    absolute: bool = False

    @property
    def ratio(self) -> float:
        return self.ours / self.floor if self.floor else float("inf")

    @property
    def verdict(self) -> str:
        if self.goal is None:
            return ""
        return "ok" if (self.ours if self.absolute else self.ratio) <= self.goal else "MISSED"


def timed(cmd: list, cwd: Path, env: dict) -> Sample:
    """Run ``cmd`` to the end; wall time, the child's peak resident memory and its CPU time."""
    import time
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=null, stderr=subprocess.PIPE)
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{stderr.decode()[-2000:]}")
    return Sample(seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


def alternate(sides: list, repeat: int) -> list:
    """``sides`` are (prepare, cmd, cwd, env); returns the samples of each side, run in turn.

    One round runs first unmeasured, so that every measured run of either side
    finds the bytecode and the files cached alike.
    """
    samples = [[] for _ in sides]
    for round_number in range(repeat + 1):
        for index, (prepare, cmd, cwd, env) in enumerate(sides):
            if prepare:
                prepare()
            sample = timed(cmd, cwd, env)
            if round_number:
                samples[index].append(sample)
    return samples


def median(samples: list) -> float:
    return statistics.median(s.seconds for s in samples)


def load_generator():
    spec = importlib.util.spec_from_file_location("tpmdocs_bench_generate", HERE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def repository(work: Path, documents: int, seed: int) -> Path:
    """A git repository holding a generated corpus in ``docs/`` (made once, then reused)."""
    repo = work / f"repo-{documents}-s{seed}"
    if not (repo / "docs").is_dir():
        shutil.rmtree(repo, ignore_errors=True)
        (repo / ".git").mkdir(parents=True)  # marks the repository root, as `git init` does
        subprocess.run([PYTHON, str(HERE / "generate.py"), str(repo / "docs"), "--documents",
                        str(documents), "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    return repo


def drop_cache(repo: Path):
    return lambda: shutil.rmtree(repo / ".tpmdocs-cache", ignore_errors=True)


def lint_cmd(today: str, *paths) -> list:
    return [PYTHON, "-m", "tpmdocs", "lint", *map(str, paths), "--today", today]


def schedule_cmd(today: str, *paths) -> list:
    return [PYTHON, "-m", "tpmdocs", "schedule", *map(str, paths), "--today", today, "--format", "json"]


def cold_schedule(repo: Path, today: str, env: dict, repeat: int) -> tuple:
    """The forecast of every project against a lint of the same corpus, both from no cache."""
    schedule, lint = alternate([(drop_cache(repo), schedule_cmd(today, "docs"), repo, env),
                                (drop_cache(repo), lint_cmd(today, "docs"), repo, env)], repeat)
    return schedule, lint


def cold_lint(repo: Path, today: str, env: dict, repeat: int) -> tuple:
    ours, floor = alternate([(drop_cache(repo), lint_cmd(today, "docs"), repo, env),
                             (None, [PYTHON, str(HERE / "floor.py"), "docs"], repo, env)], repeat)
    return ours, floor


def one_changed_file(repo: Path) -> Path:
    tasks = sorted((repo / "docs").glob("proj-01/tasks/**/*.md"))
    return tasks[len(tasks) // 2]


def warm_lint(repo: Path, today: str, env: dict, repeat: int) -> tuple:
    """Lint one file just changed, after a run that filled the cache."""
    target = one_changed_file(repo)
    original = target.read_bytes()
    counter = iter(range(10**6))

    def change():
        target.write_bytes(original + f"\n<!-- benchmark edit {next(counter)} -->\n".encode())

    timed(lint_cmd(today, "docs"), repo, env)  # fills the cache
    try:
        ours, imports = alternate([(change, lint_cmd(today, target.relative_to(repo)), repo, env),
                                   (None, [PYTHON, "-c", "import click, yaml, jsonschema"], repo, env)],
                                  repeat)
    finally:
        target.write_bytes(original)
    return ours, imports


def plugin_importable(env: dict, cwd: Path) -> bool:
    """Whether the plugin imports, run in ``cwd``: not in a checkout, whose ``tpmdocs``
    ``python -c`` would find first and mix with the measured one."""
    probe = subprocess.run([PYTHON, "-c", "import tpmdocs_mkdocs.plugin"], env=env, cwd=cwd,
                           capture_output=True)
    return probe.returncode == 0


def history_repository(work: Path, documents: int, seed: int) -> Path:
    """A git repository of a generated corpus with a history: two commits per document, each
    changing one to five documents (``benchmarks/history.py``), so the Trends pages have
    something to read."""
    spec = importlib.util.spec_from_file_location("tpmdocs_bench_history", HERE / "history.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    name = f"history-{documents}-c{2 * documents}-s{seed}-{module.corpus_version()}"
    return module.build(work / name, documents, 2 * documents, seed)


def site_project(work: Path, documents: int, seed: int, with_plugin: bool) -> Path:
    """An MkDocs project with Material over a generated corpus with a git history, navigation
    short (the charters)."""
    corpus = history_repository(work, documents, seed) / "docs"
    folder = work / f"site-{corpus.parent.name}-{'plugin' if with_plugin else 'plain'}"  # (a new corpus, a new site)
    if not (folder / "docs").exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "docs").symlink_to(corpus, target_is_directory=True)
    charters = sorted(p.relative_to(corpus).as_posix() for p in corpus.glob("*/index.md"))
    nav = "".join(f"  - {path}\n" for path in charters)
    plugins = "  - search\n" + ("  - tpmdocs\n" if with_plugin else "")
    (folder / "mkdocs.yml").write_text(
        f"site_name: Benchmark\ntheme:\n  name: material\nnav:\n{nav}plugins:\n{plugins}", "utf-8")
    return folder


def site_sides(work: Path, documents: int, seed: int, env: dict, cold_history: bool = False) -> list:
    """Both builds, the plugin's first, as ``alternate`` takes them; ``cold_history``: the
    plugin's kept snapshots (``.tpmdocs-cache/history.json`` of the corpus' repository) are
    deleted before each of its builds, as in a fresh clone."""
    kept = history_repository(work, documents, seed) / ".tpmdocs-cache" / "history.json"
    sides = []
    for with_plugin in (True, False):
        folder = site_project(work, documents, seed, with_plugin)
        cmd = [PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(folder / "site")]
        forget = (lambda: kept.unlink(missing_ok=True)) if with_plugin and cold_history else None
        sides.append((forget, cmd, folder, env))
    return sides


def instructions(prepare, cmd: list, cwd: Path, env: dict) -> int:
    """The instructions one run executes, its child processes' included (valgrind's callgrind):
    a count other work on a shared machine does not move, as it moves time. About fifty times
    slower than the run itself."""
    if prepare:
        prepare()
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                           "--callgrind-out-file=/dev/null", *cmd],
                          cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    counts = re.findall(r"Collected : (\d+)", proc.stderr)
    if proc.returncode not in (0, 1) or not counts:
        raise SystemExit(f"valgrind {' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return sum(int(count) for count in counts)


def environment(source: Path, work: Path, bytecode_cache: bool = True) -> dict:
    """The children's environment: the measured checkout first on the path.

    Bytecode is cached under ``work`` (``PYTHONPYCACHEPREFIX``), as for any
    installed package: with ``PYTHONDONTWRITEBYTECODE`` set, as on some CI
    machines, every run would compile the checkout's modules from source
    again (~50 ms for tpmdocs), while the libraries it is compared with come
    with their bytecode. ``--no-bytecode-cache`` measures that way.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("TPMDOCS_")}
    env["PYTHONPATH"] = os.pathsep.join([str(source), str(source / "plugins")])
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def report(rows: list, notes: list) -> str:
    lines = [f"{'measure':<46}{'tpmdocs':>10}{'floor':>10}{'ratio':>7}  goal", "-" * 88]
    for row in rows:
        unit = row.unit
        goal = "" if row.goal is None else f"{'tpmdocs' if row.absolute else 'ratio'} ≤ {row.goal:g}"
        lines.append(f"{row.what:<46}{row.ours:>8.3f} {unit}{row.floor:>8.3f} {unit}"
                     f"{row.ratio:>7.2f}  {goal} {row.verdict}")
    return "\n".join(lines + [""] + notes) + "\n"


def options(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000, help="corpus of the cold and warm runs")
    parser.add_argument("--scale", type=int, default=50_000, help="large corpus for scaling (0: skip)")
    parser.add_argument("--site", default="200,1000", help="site sizes, comma-separated ('': skip)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="corpora and bytecode (default: one folder per checkout of this runner, "
                             "so that runners of other checkouts on the machine do not delete its stores)")
    parser.add_argument("--source", type=Path, default=HERE.parent, help="checkout to measure")
    parser.add_argument("--quick", action="store_true", help="1k documents, 5k scaling, sites 50,200, 3 runs")
    parser.add_argument("--site-only", action="store_true", help="only (d), the site builds")
    parser.add_argument("--cold-history", action="store_true",
                        help="(d) with the snapshots the plugin keeps deleted before each build (a fresh clone)")
    parser.add_argument("--schedule-only", action="store_true", help="only (f), schedule vs cold lint")
    parser.add_argument("--instructions", action="store_true",
                        help="(d) also by instructions executed, one run of each side under valgrind's "
                             "callgrind (a figure a busy machine does not move; ~50x slower)")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="keep the environment's PYTHONDONTWRITEBYTECODE (modules compiled in every run)")
    args = parser.parse_args(argv)
    if args.quick:
        args.documents, args.scale, args.site, args.repeat = 1_000, 5_000, "50,200", 3
    args.sites = [int(n) for n in args.site.split(",") if n.strip()]
    return args


def main(argv=None) -> int:
    args = options(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    env = environment(args.source.resolve(), args.work.resolve(), not args.no_bytecode_cache)
    today = load_generator().TODAY.isoformat()
    rows, notes = [], [f"source: {args.source.resolve()}  repeat: {args.repeat}  cpus: {os.cpu_count()}  "
                       f"bytecode: {'compiled in every run' if args.no_bytecode_cache else 'cached'}"]
    if args.schedule_only:
        schedule_rows(args, env, today, rows)
    else:
        if not args.site_only:
            lint_rows(args, env, today, rows)
            schedule_rows(args, env, today, rows)
        site_rows(args, env, rows, notes)
    sys.stdout.write(report(rows, notes))
    return 0


def lint_rows(args, env: dict, today: str, rows: list) -> None:
    """(a), (e), (b) and (c)."""
    repo = repository(args.work, args.documents, args.seed)
    ours, floor = cold_lint(repo, today, env, args.repeat)
    rows.append(Row(f"(a) cold lint, {args.documents} documents", median(ours), median(floor), 1.3))
    peak = statistics.median(s.max_rss_kb for s in ours) / 1024
    floor_peak = statistics.median(s.max_rss_kb for s in floor) / 1024
    rows.append(Row("(e) peak memory of the cold lint (MB)", peak, floor_peak, 300, "M", True))
    if args.scale:
        big = repository(args.work, args.scale, args.seed)
        big_ours, big_floor = cold_lint(big, today, env, args.repeat)
        rows.append(Row(f"(b) cold lint, {args.scale} documents", median(big_ours), median(big_floor),
                        None))
        rows.append(Row(f"(b) time {args.scale} / time {args.documents} documents",
                        median(big_ours) / median(ours), median(big_floor) / median(floor),
                        1.1 * args.scale / args.documents,  # 5.5 for 50k/10k: linear + 10%
                        "x", True))
    warm, imports = warm_lint(repo, today, env, args.repeat)
    rows.append(Row("(c) warm lint, one changed file (vs imports)", median(warm), median(imports), 3.0))


def schedule_rows(args, env: dict, today: str, rows: list) -> None:
    """(f): the forecast of the corpus against linting it, both cold."""
    repo = repository(args.work, args.documents, args.seed)
    schedule, lint = cold_schedule(repo, today, env, args.repeat)
    rows.append(Row(f"(f) cold schedule, {args.documents} docs (vs cold lint)", median(schedule), median(lint),
                    1.25))


def site_rows(args, env: dict, rows: list, notes: list) -> None:
    """(d): mkdocs build with and without the plugin, for each size."""
    if not args.sites:
        notes.append("(d) site build: skipped (--site '')")
    elif not plugin_importable(env, args.work):
        notes.append("(d) site build: SKIPPED — tpmdocs_mkdocs.plugin is not importable from "
                     f"{args.source} (the plugin is written on another branch)")
    else:
        for size in args.sites:
            sides = site_sides(args.work, size, args.seed, env, args.cold_history)
            with_plugin, plain = alternate(sides, args.repeat)
            kept = "history read whole" if args.cold_history else "kept snapshots"
            rows.append(Row(f"(d) site {size} docs, {kept} (vs plain)", median(with_plugin), median(plain), 1.25))
            cpu = [statistics.median(s.cpu_seconds for s in side) for side in (with_plugin, plain)]
            notes.append(f"(d) site {size} docs, CPU time (user + system): {cpu[0]:.3f} s vs {cpu[1]:.3f} s, "
                         f"ratio {cpu[0] / cpu[1]:.2f} (less moved by other work on the machine than wall time)")
            if args.instructions:  # after the timed runs, so that both find their stores made
                counts = [instructions(*side) / 1e9 for side in sides]
                rows.append(Row(f"(d) site {size} docs, instructions (vs plain)", *counts, 1.25, "G"))


if __name__ == "__main__":
    sys.exit(main())
