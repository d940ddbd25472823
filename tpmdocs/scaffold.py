"""``tpmdocs init``: the files of a new project, written only where nothing exists yet.

The project lints clean except for the charter's placeholders (the
``initiation`` rules name each one) and builds with MkDocs at once:

- ``mkdocs.yml``: Material with the ``tpmdocs`` plugin;
- ``docs/index.md``: the charter, phase ``initiation``, every key a hint;
- ``docs/goals``, ``docs/tasks``, ``docs/risks``: where ``tpmdocs new`` puts them;
- ``.pre-commit-config.yaml``: the lint as a commit hook;
- ``pyproject.toml`` with ``[tool.tpmdocs]`` (only when there is no ``pyproject.toml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import ids, schema, templates
from .safe_write import write_atomic

DOCS = "docs"
FOLDERS = ("goals", "tasks", "risks")
KEEP = ".gitkeep"

TOOL_TABLE = f"""\
[tool.tpmdocs]
# Where the project documents live; `tpmdocs lint` checks this folder.
docs-root = "{DOCS}"
"""

PRE_COMMIT = """\
# Lint the project documents before every commit: https://pre-commit.com
# Run `pre-commit install` once. This hook uses the tpmdocs installed where you
# commit; to let pre-commit install it instead, replace the `local` repository
# with the tpmdocs repository and a release tag, and keep only `- id: tpmdocs`.
repos:
  - repo: local
    hooks:
      - id: tpmdocs
        name: tpmdocs lint
        entry: tpmdocs lint
        language: system
        types: [markdown]
        require_serial: true
"""


def mkdocs_yml(title: str) -> str:
    return "\n".join([
        f"site_name: {templates.yaml_value(title)}",
        f"docs_dir: {DOCS}",
        "theme:",
        "  name: material",
        "plugins:",
        "  - search",
        "  # Status pages, registers and checks of the project documents;",
        "  # set `today: YYYY-MM-DD` under it to reproduce a build of another day.",
        "  - tpmdocs",
        "",
    ])


def charter_id_from(name: str) -> str:
    """An id for the project from its folder name: ``demo`` → ``DEMO``."""
    letters = re.sub(r"[^A-Za-z0-9]", "", name).upper()[:10]
    if not letters or not letters[0].isalpha():
        letters = "P" + letters
    return letters if ids.is_valid_id(letters) else "PROJECT"


def charter_text(charter_id: str, title: str) -> str:
    return templates.render("charter", {"id": charter_id, "title": title, "phase": schema.phases()[0]})


@dataclass
class Outcome:
    created: list[Path] = field(default_factory=list)  # paths written
    kept: list[Path] = field(default_factory=list)  # paths that existed and were left alone
    advice: list[str] = field(default_factory=list)  # what the user must do by hand


def planned_files(target: Path, charter_id: str, title: str) -> list[tuple[Path, str]]:
    """``(path, text)`` of every file of the scaffold except ``pyproject.toml``."""
    files = [(target / "mkdocs.yml", mkdocs_yml(title)),
             (target / DOCS / "index.md", charter_text(charter_id, title)),
             (target / ".pre-commit-config.yaml", PRE_COMMIT)]
    files += [(target / DOCS / folder / KEEP, "") for folder in FOLDERS]
    return files


def scaffold(target: Path, charter_id: str, title: str) -> Outcome:
    """Write the scaffold into ``target``; existing files are kept and reported as such."""
    outcome = Outcome()
    for path, text in planned_files(target, charter_id, title):
        _create(path, text, outcome)
    pyproject = target / "pyproject.toml"
    if pyproject.exists():
        if "[tool.tpmdocs]" not in pyproject.read_text("utf-8", errors="replace"):
            outcome.advice.append(f"{pyproject.name} exists, so it was left alone; add this to it:\n\n"
                                  + TOOL_TABLE)
    else:
        _create(pyproject, TOOL_TABLE, outcome)
    return outcome


def _create(path: Path, text: str, outcome: Outcome) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(path, text.encode("utf-8"), overwrite=False)
    except FileExistsError:
        outcome.kept.append(path)
        return
    outcome.created.append(path)
