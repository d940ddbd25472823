"""Issue 6, linter side: every hostile input through the real CLI, bounded and located.

Each case of ``cases.py`` is linted alone (under 2 s and 256 MB; a case made
of thousands of files gets the folder's 10 s), then all of them at once
(under 10 s and 512 MB), then again under other hash seeds.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers.bounded import check_no_crash, check_short_messages, lint, snapshot
from tests.helpers.hostile_cases import CASES, namespace

pytestmark = pytest.mark.acceptance  # each case in a new process under a memory limit

ONE_FILE_SECONDS = 2.0
FOLDER_SECONDS = 10.0
ROOT = os.geteuid() == 0


def _params():
    for index, case in enumerate(CASES):
        marks = []
        if case.needs_non_root:
            marks.append(pytest.mark.skipif(ROOT, reason="root reads a chmod 000 file"))
        yield pytest.param(index, case, id=case.name, marks=marks)


def _prefix(display: str, path: str) -> str:
    return f"{display}/{path}" if display else path


def check_case(case, run, display: str = "") -> None:
    """The case's expected findings, at their lines, on its target."""
    target = _prefix(display, case.target)
    mine = [f for f in run.findings if f["path"] == target
            or (case.prefix and f["path"].startswith(target))]
    got = {(f["code"], f["line"]) for f in mine}
    located = got | {(f["code"], f["line"], f["column"]) for f in mine}
    for wanted in case.expect:
        assert wanted in located, f"{case.name}: wanted {wanted} (code, line[, column]); got {sorted(got)}"
    for unwanted in case.absent:
        reported = got if isinstance(unwanted, tuple) else {code for code, _ in got}
        assert unwanted not in reported, f"{case.name}: {unwanted} must not be reported: {mine}"
    messages = "\n".join(f["message"] for f in mine)
    for text in case.says:
        assert text in messages, f"{case.name}: no message says {text!r}: {messages[:2000]}"
    # Alone, nothing in the whole output may show it; among all cases, nothing about the target.
    output = run.stdout + run.stderr if not display else messages
    for text in case.never_says:
        assert text not in output, f"{case.name}: output shows {text!r}"


@pytest.mark.parametrize("index, case", list(_params()))
def test_hostile_case_alone(tmp_path: Path, index: int, case) -> None:
    folder = tmp_path / "tree" / case.name
    case.make(folder, namespace(index))
    before = snapshot(tmp_path)
    run = lint(folder, ".", memory_mb=256)
    check_no_crash(run)
    check_case(case, run)
    check_short_messages(run)
    budget = ONE_FILE_SECONDS if case.files == 1 else FOLDER_SECONDS
    assert run.seconds < budget, f"{case.name} took {run.seconds:.2f} s"
    assert run.returncode == (1 if case.expect else 0), run.stdout[-3000:]
    # Invariants 4 and 5: lint changes no byte and no mtime, and creates nothing (no PWNED).
    assert snapshot(tmp_path) == before


@pytest.fixture(scope="module")
def every_case(tmp_path_factory) -> Path:
    """One folder holding every case at once, as a new user would try it."""
    scratch = tmp_path_factory.mktemp("hostile-all")
    for index, case in enumerate(CASES):
        if case.needs_non_root and ROOT:
            continue
        case.make(scratch / "tree" / case.name, namespace(index))
    yield scratch
    for folder, _dirs, files in os.walk(scratch):  # let pytest clean a chmod 000 file up
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                path.chmod(0o644)


def _cases_present():
    return [(i, c) for i, c in enumerate(CASES) if not (c.needs_non_root and ROOT)]


def test_every_case_in_one_folder(every_case: Path) -> None:
    tree = every_case / "tree"
    before = snapshot(every_case)
    run = lint(tree, ".", memory_mb=512)
    check_no_crash(run)
    check_short_messages(run)
    assert run.seconds < FOLDER_SECONDS, f"the folder took {run.seconds:.2f} s"
    assert run.returncode == 1
    for _, case in _cases_present():
        check_case(case, run, display=case.name)
    assert snapshot(every_case) == before


def test_every_case_in_one_folder_is_forecast_without_a_crash(every_case: Path) -> None:
    """The forecast reads the same hostile documents: bounded, no traceback, nothing written."""
    before = snapshot(every_case)
    run = lint(every_case / "tree", ".", memory_mb=512, command_name="schedule")
    check_no_crash(run)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.seconds < FOLDER_SECONDS, f"the forecast took {run.seconds:.2f} s"
    assert json.loads(run.stdout)["projects"]
    assert snapshot(every_case) == before


@pytest.mark.parametrize("seeds", [("0", "1", "random")])
def test_same_output_whatever_the_hash_seed(every_case: Path, seeds) -> None:
    """Invariant 6: the same findings, in the same order, with the same text."""
    tree = every_case / "tree"
    outputs = set()
    for seed in seeds:
        run = lint(tree, ".", memory_mb=512, env={"PYTHONHASHSEED": seed})
        check_no_crash(run)
        outputs.add(run.stdout)
    text = lint(tree, ".", "--format", "text", memory_mb=512, env={"PYTHONHASHSEED": "7"})
    text_again = lint(tree, ".", "--format", "text", memory_mb=512, env={"PYTHONHASHSEED": "8"})
    assert len(outputs) == 1
    assert text.stdout == text_again.stdout


def test_text_output_names_file_and_line(tmp_path: Path) -> None:
    """The default text format shows ``path:line:col: CODE`` for a located loader finding."""
    index = [c.name for c in CASES].index("duplicate-key")
    folder = tmp_path / "tree" / "duplicate-key"
    CASES[index].make(folder, namespace(index))
    run = lint(folder, ".", "--format", "text")
    assert "case.md:7:1: TPM003 " in run.stdout.replace("--format", "")


def test_a_folder_of_large_front_matter_stays_within_memory(tmp_path: Path) -> None:
    """Each file is bounded by the loader; the run's total by ``MAX_HELD_FRONT_MATTER``.

    150 documents of ~1 MB front matter each (150 MB, over the 128 MiB the run
    holds) lint under 512 MB, and the documents past the budget are named.
    """
    from tpmdocs.workspace import MAX_HELD_FRONT_MATTER

    filler = "a" * 1_000_000
    for number in range(150):
        (tmp_path / f"t{number:03}.md").write_text(
            f"---\ntype: task\nid: T-{number}\ntitle: Big {number}\nnotes: \"{filler}\"\n---\n")
    run = lint(tmp_path, ".", "--select", "TPM004", memory_mb=512, timeout=60)
    check_no_crash(run)
    over = [f for f in run.findings if "not read" in f["message"]]
    expected = 150 - MAX_HELD_FRONT_MATTER // (len(filler) + 60)
    assert abs(len(over) - expected) <= 1, (len(over), expected)
    assert over[-1]["path"] == "t149.md" and over[-1]["line"] == 1
    assert run.seconds < FOLDER_SECONDS, f"the folder took {run.seconds:.2f} s"
