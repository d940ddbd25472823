"""The error findings of each project at a snapshot, kept up to date from one to the next.

Counted as ``tpmdocs lint`` reports them (severity overrides, per-file ignores, suppressions:
:func:`tpmdocs.linter.decided`), with today the snapshot's day. Only the rules that can report
an error under the configuration are run at all (a warning never counts), through one
:class:`tpmdocs.evaluation.Evaluation` that judges again only what a commit changed, or what
reads today when the day moved. A file that is not a document because the loader refused it
(not UTF-8, invalid YAML) counts for the project whose folder holds it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..config import Config
from ..evaluation import Evaluation
from ..graph import GraphChange, Project, ProjectGraph, key
from ..linter import LintOptions, active_rules, decided, effective_severity, located
from ..model import Document, Finding, Severity
from ..rules import BY_CODE, Problem, Rule

Raw = tuple[Rule, Finding, Document | None]  # what linter.decided takes


class ErrorFindings:
    """Error findings of ``graph`` by project, with today moved by :meth:`count`."""

    def __init__(self, graph: ProjectGraph, config: Config, cwd: Path, today: dt.date) -> None:
        self.graph = graph
        self.options = LintOptions(cwd=cwd, today=today, config=config)
        rules = [rule for rule in active_rules(self.options)
                 if effective_severity(rule, config) is Severity.ERROR]
        self.evaluation = Evaluation(graph, rules, config, today)
        #: id(a problem list of the evaluation) -> (that list, its error findings per project
        #: key, the paths it names): kept while the evaluation keeps the list and no document
        #: it names changed (a finding's line is read from the document the graph holds now)
        self._counted: dict[int, tuple[list[Problem], dict[str | None, int], frozenset[str]]] = {}

    def apply(self, change: GraphChange) -> None:
        """Forget what a change to the graph may have made untrue."""
        self.evaluation.apply(change)
        if change.reattributed:
            self._counted = {}
        else:
            self._counted = {ident: kept for ident, kept in self._counted.items()
                             if not kept[2] & change.documents}

    def count(self, today: dt.date, refused: Mapping[str, Iterable[Finding]]) -> dict[str, int]:
        """Error findings per project key (:func:`tpmdocs.graph.key` of its id) on ``today``;
        ``refused`` maps a file's path to the loader's findings about it."""
        self.evaluation.set_today(today)
        totals: dict[str | None, int] = {}
        counted = {}
        for rule, problems in self.evaluation.problem_lists():
            kept = self._counted.get(id(problems))
            if kept is None or kept[0] is not problems:
                kept = (problems, self._by_project(rule, problems), frozenset(p.document.path_text for p in problems))
            counted[id(problems)] = kept
            for project_key, errors in kept[1].items():
                totals[project_key] = totals.get(project_key, 0) + errors
        self._counted = counted
        groups: dict[str | None, list[Raw]] = {}
        if refused:
            folders = _charter_folders(self.graph.projects)
            for path, findings in refused.items():
                project = _holding(folders, path)
                group = groups.setdefault(key(project.id) if project else None, [])
                group.extend((BY_CODE[finding.code], finding, None) for finding in findings)
        for project_key, raw in groups.items():
            totals[project_key] = totals.get(project_key, 0) + len(decided(raw, self.options))
        totals.pop(None, None)
        return {project_key: errors for project_key, errors in totals.items() if project_key is not None}

    def _by_project(self, rule: Rule, problems: list[Problem]) -> dict[str | None, int]:
        """The error findings one kept list of problems makes, per project key (decided as
        ``tpmdocs lint`` decides them: suppressions, per-file ignores)."""
        groups: dict[str | None, list[Raw]] = {}
        for raw in located(self.graph, [(rule, problem) for problem in problems]):
            project = self.graph.project_of(raw[2])
            groups.setdefault(key(project.id) if project else None, []).append(raw)
        return {project_key: len(decided(raw, self.options)) for project_key, raw in groups.items()}


def _charter_folders(projects: Iterable[Project]) -> dict[str, Project]:
    return {os.path.dirname(project.charter.path_text): project for project in projects}


def _holding(folders: Mapping[str, Project], path: str) -> Project | None:
    """The project of the nearest charter folder at or above the file at ``path``."""
    folder = os.path.dirname(path)
    while True:
        if folder in folders:
            return folders[folder]
        above = os.path.dirname(folder)
        if above == folder:
            return None
        folder = above
