"""Run the rules over a workspace and decide which findings are reported, and how severe.

The order of the decision: a rule runs when its phase applies to the project
(``--phase`` raises the phase for a gate check) and ``--select``/``--ignore``
let it; a finding then passes the configuration's severity overrides and
per-file ignores, the file's and the line's inline suppressions, and the
scope of a partial run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .discover import display_path, is_within
from .evaluation import Evaluation
from .graph import Project, ProjectGraph
from .model import Document, Finding, Severity
from .rules import RULES, Problem, Rule
from .workspace import Workspace, load_workspace

# Called with (files read, files in all) while reading: a progress bar.
Progress = Callable[[int, int], None]
# Checks outside the rule loop (``--since``): ``(finding, document)`` pairs for a workspace.
Extra = Callable[[Workspace], Iterable[tuple[Finding, Document]]]


@dataclass
class LintOptions:
    cwd: Path
    today: dt.date
    config: Config = field(default_factory=Config)
    paths: list[Path] = field(default_factory=list)  # what the user named; empty: the docs root
    gate_phase: str | None = None
    select: frozenset[str] = frozenset()  # codes or prefixes; empty: all
    ignore: frozenset[str] = frozenset()
    cache: bool = False  # read through the repository's cache of parsed documents
    jobs: int = 0  # worker processes for reading (0: by the number of files and CPUs)


@dataclass
class LintResult:
    findings: list[Finding]
    workspace: Workspace

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


def matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


def roots_and_scope(options: LintOptions) -> tuple[list[Path], Scope | None]:
    """The trees to load, and the display prefixes to report (None: report everything).

    A path inside the configured docs root is checked within the whole root,
    so that cross-document rules see the full project; without a configured
    root a named folder is its own tree and a named file is checked within
    the working folder.
    """
    cwd, docs_root = options.cwd, options.config.docs_root
    if not options.paths:
        return [docs_root or cwd], None
    roots: list[Path] = []
    scope: list[tuple[str, bool]] = []
    for path in options.paths:
        path = (cwd / path).absolute()
        if docs_root and is_within(path, docs_root):
            roots.append(docs_root)
        elif path.is_dir():
            roots.append(path)
        else:
            roots.append(cwd if is_within(path, cwd) else path.parent)
        scope.append((display_path(path, cwd), path.is_dir()))
    return list(dict.fromkeys(roots)), Scope(scope)


class Scope(list[tuple[str, bool]]):
    """What a partial run reports: ``(display path, is a folder)`` pairs, files also as a set."""

    def __init__(self, named: list[tuple[str, bool]]) -> None:
        super().__init__(named)
        self.files = frozenset(name for name, is_dir in named if not is_dir)


def _in_scope(display: str, scope: Scope | None) -> bool:
    if scope is None:
        return True
    if display in scope.files:
        return True
    for prefix, is_dir in scope:
        if display == prefix or (is_dir and (prefix in ("", ".") or display.startswith(prefix + "/"))):
            return True
    return False


def _reported(documents: list[Document], scope: Scope) -> list[Document]:
    """The documents a partial run reports on (files named alone: looked up, not matched)."""
    if len(scope.files) == len(scope):
        return [doc for doc in documents if doc.display in scope.files]
    return [doc for doc in documents if _in_scope(doc.display, scope)]


def projects_holding(graph: ProjectGraph, reported: list[Document] | None) -> list[Project]:
    """The projects holding one of ``reported`` (every project when None)."""
    if reported is None:
        return list(graph.projects)
    holding = {id(graph.project_of(doc)) for doc in reported}
    return [project for project in graph.projects if id(project) in holding]


def projects_in_scope(graph: ProjectGraph, scope: Scope | None) -> list[Project]:
    """The projects a run on ``scope`` (from :func:`roots_and_scope`) reports on."""
    return projects_holding(graph, None if scope is None else _reported(graph.documents, scope))


def active_rules(options: LintOptions) -> list[Rule]:
    return [rule for rule in RULES if rule.check is not None
            and (not options.select or matches(rule.code, options.select))
            and not matches(rule.code, options.ignore)]


def run_rules(workspace: Workspace, options: LintOptions, scope: Scope | None = None) -> list[tuple[Rule, Problem]]:
    """(rule, problem) pairs of every active rule, about the documents a partial run
    (``scope``) reports on, else about every document (see :mod:`tpmdocs.evaluation`)."""
    graph = workspace.graph
    reported = None if scope is None else _reported(graph.documents, scope)
    evaluation = Evaluation(graph, active_rules(options), options.config, options.today, options.gate_phase)
    return evaluation.problems(reported)


def _severity(rule_code: str, default: Severity, overrides: dict[str, Severity | None]) -> Severity | None:
    best = None
    for prefix in overrides:
        if rule_code.startswith(prefix) and (best is None or len(prefix) > len(best)):
            best = prefix
    return default if best is None else overrides[best]


def effective_severity(rule: Rule, config: Config) -> Severity | None:
    """The severity ``rule``'s findings are reported at under ``config`` (None: turned off)."""
    return _severity(rule.code, rule.severity, config.severity)


def lint(options: LintOptions, workspace: Workspace | None = None, progress: Progress | None = None,
         extra: Extra | None = None) -> LintResult:
    """Lint; ``extra(workspace)``, when given, adds ``(finding, document)`` pairs of checks
    that run outside the rule loop (``--since``), decided like any other finding."""
    roots, scope = roots_and_scope(options)
    if workspace is None:
        workspace = load_workspace(roots, options.cwd, progress, cache=options.cache,
                                   jobs=options.jobs)
    by_code = {rule.code: rule for rule in RULES}
    raw: list[tuple[Rule, Finding, Document | None]] = [(by_code[f.code], f, None) for f in workspace.findings]
    raw.extend((by_code[f.code], f, doc) for f, doc in (extra(workspace) if extra else ()))
    raw.extend(located(workspace.graph, run_rules(workspace, options, scope)))
    return LintResult(findings=decided(raw, options, scope), workspace=workspace)


def located(graph: ProjectGraph, problems: Iterable[tuple[Rule, Problem]]
            ) -> list[tuple[Rule, Finding, Document]]:
    """Each problem as a finding at its key's line in the document as the graph holds it now
    (a problem kept from before a change may name an earlier version of it)."""
    found = []
    for rule, problem in problems:
        document = graph.document_at(problem.document.path_text) or problem.document
        line, column = document.where(*problem.keypath)
        found.append((rule, Finding(document.display, line, column, rule.code, problem.message), document))
    return found


def decided(raw: Iterable[tuple[Rule, Finding, Document | None]], options: LintOptions,
            scope: Scope | None = None) -> list[Finding]:
    """The findings that are reported, at their severity, sorted, each once."""
    findings: dict[tuple[Finding, str], Finding] = {}  # findings equal but for the message: both kept
    for rule, finding, document in raw:
        kept = _decide(rule, finding, document, options, scope)
        if kept is not None:
            findings.setdefault((kept, kept.message), kept)
    return sorted(findings.values(), key=lambda f: (f, f.message))


def _decide(rule: Rule, finding: Finding, document: Document | None, options: LintOptions,
            scope: Scope | None) -> Finding | None:
    code = rule.code
    if (options.select and not matches(code, options.select)) or matches(code, options.ignore):
        return None
    if not _in_scope(finding.path, scope):
        return None
    severity = _severity(code, rule.severity, options.config.severity)
    if severity is None or matches(code, options.config.ignored_in(finding.path)):
        return None
    if document is not None:
        if matches(code, document.suppressed_codes) or "*" in document.suppressed_codes:
            return None
        on_line = document.suppressed_lines.get(finding.line, ())
        if "*" in on_line or matches(code, on_line):
            return None
    return dataclasses.replace(finding, severity=severity, rule=rule.name)
