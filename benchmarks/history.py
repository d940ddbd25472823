#!/usr/bin/env python3
"""``tpmdocs history`` on a long history, next to its floor measured in the same run.

Usage::

    python benchmarks/history.py                       # 1,000 documents, 2,000 commits, 5 runs
    python benchmarks/history.py --documents 1000 --commits 2000 --repeat 5 [--profile]

The repository: ``benchmarks/generate.py``'s corpus of N documents as the first commit, then
C commits each changing 1 to 5 documents (a task's status or estimate, a risk's probability,
a milestone's due date, a line of a body), one commit every few hours; made with one
``git fast-import`` and kept under ``--work``.

The floor (issue 12): ``git log --first-parent --name-status`` and one ``git cat-file
--batch`` over every changed document blob (``commit:path``), each distinct blob's front
matter parsed with PyYAML's C loader (``yaml.CSafeLoader``): reading what changed, nothing
else. tpmdocs: ``tpmdocs history --format json`` of the whole history, a snapshot per commit, with
the store of parsed documents emptied before each run (every blob parsed) and kept (filled by
the run before: no blob parsed).
The goal: at most 3x. ``--profile`` runs tpmdocs once in process under cProfile and splits
a snapshot's time by step.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import os
import pstats
import random
import re
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import Row, alternate, environment, median, report  # noqa: E402

PYTHON = sys.executable
START = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
FLOOR = r'''
import subprocess, sys, yaml
log = subprocess.run(["git", "log", "--first-parent", "--name-status", "-z", "--format=%x01%H", "HEAD",
                      "--", "docs"], capture_output=True, check=True).stdout
requests, commit, fields = [], None, log.split(b"\0")
i = 0
while i < len(fields):
    field = fields[i].lstrip(b"\n")
    if field.startswith(b"\x01"):
        commit = field[1:].decode()
    elif field[:1] in (b"A", b"M"):
        i += 1
        if fields[i].endswith(b".md"):
            requests.append(f"{commit}:{fields[i].decode()}\n")
    elif field[:1] == b"D":
        i += 1
    i += 1
out = subprocess.run(["git", "cat-file", "--batch"], input="".join(requests).encode(), capture_output=True,
                     check=True).stdout
at, seen = 0, set()
while at < len(out):
    end = out.index(b"\n", at)
    blob, kind, size = out[at:end].split()
    size = int(size)
    body = out[end + 1:end + 1 + size]
    at = end + 2 + size
    if blob not in seen:
        seen.add(blob)
        head = body.split(b"\n---", 1)[0][4:]
        yaml.load(head, Loader=yaml.CSafeLoader)
print(len(requests), len(seen))
'''


def _mutate(text: str, rng: random.Random, step: int) -> str:
    """One realistic edit of a document: a task's status or estimate, a risk's probability, a
    milestone's due date, or a line added to the body."""
    choice = rng.random()
    if "\ntype: task" in text and choice < 0.6:
        if choice < 0.3 and "\nstatus: " in text:
            status = rng.choice(["todo", "in-progress", "done", "blocked"])
            text = re.sub(r"\nstatus: [a-z-]+", f"\nstatus: {status}", text, count=1)
            if status == "blocked" and "blocked_reason" not in text:
                text = text.replace("\nstatus: blocked", "\nstatus: blocked\nblocked_reason: waiting", 1)
            return text
        return re.sub(r"\nestimate: [0-9.]+[hdw]", f"\nestimate: {rng.randint(1, 15)}d", text, count=1)
    if "\ntype: risk" in text and choice < 0.6:
        return re.sub(r"\nprobability: [0-9]", f"\nprobability: {rng.randint(1, 5)}", text, count=1)
    if "\ntype: milestone" in text and choice < 0.6:
        def later(match: re.Match) -> str:
            day = dt.date.fromisoformat(match.group(1)) + dt.timedelta(days=rng.choice([-7, 7, 14]))
            return f"\ndue: {day.isoformat()}"
        return re.sub(r"\ndue: (\d{4}-\d\d-\d\d)", later, text, count=1)
    return text + f"\nUpdate {step}.\n"


def corpus_version() -> str:
    """A digest of the scripts that make the repository: a repository kept under ``--work`` by
    an older generator (one whose corpus broke TPM210 on 280 tasks) is not measured again."""
    digest = hashlib.sha1(usedforsecurity=False)
    for script in ("generate.py", "history.py"):
        digest.update((HERE / script).read_bytes())
    return digest.hexdigest()[:8]


def build(folder: Path, documents: int, commits: int, seed: int) -> Path:
    """A repository (``folder``) with the corpus in ``docs/`` and ``commits`` commits after it."""
    if (folder / ".git" / "HEAD").exists() and (folder / "docs").is_dir():
        return folder
    generated = folder.with_name(folder.name + "-corpus")
    if not generated.is_dir():
        subprocess.run([PYTHON, str(HERE / "generate.py"), str(generated), "--documents", str(documents),
                        "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    files = {path.relative_to(generated).as_posix(): path.read_text("utf-8")
             for path in sorted(generated.rglob("*.md"))}
    rng = random.Random(seed)
    names = sorted(files)
    stream = io.BytesIO()
    when = START
    stream.write(_commit(1, None, when, "the corpus", files))
    for step in range(commits):
        when += dt.timedelta(minutes=rng.randint(30, 420))
        changed = {name: _mutate(files[name], rng, step) for name in rng.sample(names, rng.randint(1, 5))}
        files.update(changed)
        stream.write(_commit(step + 2, step + 1, when, f"change {step}", changed))
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    subprocess.run(["git", "-C", str(folder), "fast-import", "--quiet"], input=stream.getvalue(), check=True)
    subprocess.run(["git", "-C", str(folder), "reset", "-q", "--hard", "main"], check=True)
    return folder


def _commit(mark: int, parent: int | None, when: dt.datetime, message: str, files: dict[str, str]) -> bytes:
    stamp = f"{int(when.timestamp())} +0100"
    out = [f"commit refs/heads/main\nmark :{mark}\ncommitter Bench <bench@example.org> {stamp}\n"
           f"data {len(message)}\n{message}\n"]
    if parent is not None:
        out.append(f"from :{parent}\n")
    for name, text in files.items():
        data = text.encode("utf-8")
        out.append(f"M 100644 inline docs/{name}\ndata {len(data)}\n")
        out.append(data)
        out.append("\n")
    return b"".join(part if isinstance(part, bytes) else part.encode() for part in out)


def profile(repo: Path, source: Path) -> str:
    """One whole history in process under cProfile: where a snapshot's time goes, by step."""
    sys.path[:0] = [str(source), str(source / "plugins")]
    from tpmdocs.config import Config
    from tpmdocs.git import Repository
    from tpmdocs.history.documents import DocumentFiles
    from tpmdocs.history.report import write_json
    from tpmdocs.history.walk import read_history
    git_repo = Repository.at(repo)
    files = DocumentFiles(git_repo.top, ["docs"], repo)
    profiler = cProfile.Profile()
    profiler.enable()
    count = write_json(read_history(git_repo, files, Config(), repo), lambda text: None)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[3] for row in stats.stats.values() if row[3] > 0) and stats.total_tt
    steps = {"git log (streamed, parsed)": "_commits", "blobs read (cat-file)": "read",
             "blobs parsed (loader, schema)": "parse_blob", "graph brought up to date": "apply",
             "errors (kept evaluation, decided)": "count", "plan figures (ledger)": "update",
             "health (ledger)": "health", "milestone forecasts (forward pass)": "milestone_forecasts",
             "JSON written": "snapshot_json"}
    lines = [f"{count} snapshots, {total:.2f} s in process under cProfile ({1000 * total / count:.2f} ms a snapshot)",
             f"{'step':<38}{'total s':>9}{'ms/snapshot':>13}"]
    for label, name in steps.items():
        seconds = sum(row[3] for (file, _, func), row in stats.stats.items() if func == name
                      and ("tpmdocs" in file or "history" in file))
        lines.append(f"{label:<38}{seconds:>9.3f}{1000 * seconds / count:>13.3f}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/tpmdocs-bench"))
    parser.add_argument("--source", type=Path, default=HERE.parent)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    name = f"history-{args.documents}-c{args.commits}-s{args.seed}-{corpus_version()}"
    repo = build(args.work / name, args.documents, args.commits, args.seed)
    env = environment(args.source.resolve(), args.work.resolve())
    history = [PYTHON, "-m", "tpmdocs", "history", "--format", "json"]
    cold, warm, floor = alternate([(partial(shutil.rmtree, repo / ".tpmdocs-cache", True), history, repo, env),
                                   (None, history, repo, env), (None, [PYTHON, "-c", FLOOR], repo, env)],
                                  args.repeat)
    what = f"history, {args.documents} documents, {args.commits} commits"
    rows = [Row(f"{what}, store emptied first", median(cold), median(floor), 3.0),
            Row(f"{what}, store kept", median(warm), median(floor), 3.0)]
    notes = [f"source: {args.source.resolve()}  repeat: {args.repeat}  cpus: {os.cpu_count()}  repository: {repo}"]
    sys.stdout.write(report(rows, notes))
    if args.profile:
        sys.stdout.write(profile(repo, args.source.resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
