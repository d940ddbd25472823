"""What the linter relies on when it checks part of a repository.

A phase rule reports only on documents of the project it checks, so a run on
a few files (pre-commit) checks only the projects holding them. These tests
hold every rule to that on every fixture, and check that linting one file
gives exactly the full run's findings on that file, for every file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, FIXTURES, REPO
from tpmdocs import linter
from tpmdocs.discover import discover
from tpmdocs.rules import ALWAYS, Context
from tpmdocs.rules.base import Unit
from tpmdocs.workspace import load_workspace

TODAY = dt.date(2026, 11, 20)
EXAMPLES = REPO / "tpmdocs" / "rules" / "examples"
TREES = [FIXTURES / "one-defect-each", EXAMPLE, EXAMPLES]


@pytest.mark.parametrize("tree", TREES, ids=lambda p: p.name)
def test_a_phase_rule_reports_only_on_documents_of_the_project_it_checks(tree):
    workspace = load_workspace([tree], tree)
    options = linter.LintOptions(cwd=tree, today=TODAY, gate_phase="completion")
    ctx = Context(graph=workspace.graph, config=options.config, today=TODAY)
    checked = 0
    for rule in linter.active_rules(options):
        if rule.phase == ALWAYS:
            continue
        for project in workspace.graph.projects:
            if rule.scope is Unit.PROJECT:
                found = list(rule.check(ctx, project))
            else:
                judged = [doc for doc in project.documents if not rule.types or doc.type in rule.types]
                found = [problem for doc in judged for problem in rule.check(ctx, doc)]
            for problem in found:
                checked += 1
                assert any(problem.document is doc for doc in project.documents), (
                    rule.code, problem.document.display, project.id)
    assert checked > 20


@pytest.mark.parametrize("tree", TREES, ids=lambda p: p.name)
def test_a_document_check_reports_only_on_the_document_it_judges(tree):
    workspace = load_workspace([tree], tree)
    options = linter.LintOptions(cwd=tree, today=TODAY, gate_phase="completion")
    ctx = Context(graph=workspace.graph, config=options.config, today=TODAY)
    checked = 0
    for rule in linter.active_rules(options):
        if rule.scope is not Unit.DOCUMENT:
            continue
        for doc in workspace.graph.documents:
            if not rule.types or doc.type in rule.types:
                for problem in rule.check(ctx, doc):
                    checked += 1
                    assert problem.document is doc, (rule.code, problem.document.display, doc.display)
    assert checked > 20


@pytest.mark.parametrize("tree", [FIXTURES / "one-defect-each", EXAMPLE], ids=lambda p: p.name)
def test_linting_one_file_gives_the_full_runs_findings_on_it(tree):
    full = linter.lint(linter.LintOptions(cwd=tree, today=TODAY)).findings
    files = [display for _, display in discover(tree, tree).files]
    assert len(files) > 10 and full
    for name in files:
        alone = linter.lint(linter.LintOptions(cwd=tree, today=TODAY, paths=[Path(name)])).findings
        assert [(f, f.message, f.severity) for f in alone] == [
            (f, f.message, f.severity) for f in full if f.path == name], name
