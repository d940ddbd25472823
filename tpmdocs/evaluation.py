"""The problems the active rules find in a graph, kept per unit and brought up to date.

A lint runs every rule once. An editor (a buffer changes) and the history (the
next commit) run them again and again over a graph that changed a little: they
must pay for what changed, not for the repository. So the problems are kept per
*unit* — per document for DOCUMENT checks, per project for PROJECT checks, per
rule for REPOSITORY checks (see :mod:`tpmdocs.rules.base`) — and a unit is judged
again only when something it reads has changed:

- a document's DOCUMENT checks, when the document was replaced, when its
  project's phase changed, when (``neighbours``) a document it references or that
  references it changed (in a key the check ``reads``, when it names them), when
  (``breakdown``) a change reached it through the work breakdown
  (:func:`tpmdocs.forecast.breakdown.reached_through_breakdown`), when (``today``)
  today moved;
- a project's PROJECT checks, when one of its documents changed (in a key the check
  ``reads``, when it names them), or (``today``) today moved;
- a REPOSITORY check, when a change touched a key it ``reads`` (any, if it names none);
- everything, when the documents' projects were worked out again (a charter changed).

Units are judged when asked for (:meth:`Evaluation.problems`): a one-shot lint
asks for everything once, a pre-commit run for a few files, an editor for its
open file. The result is always what a fresh evaluation of the same graph gives
(tests/unit/test_evaluation.py holds it to that on random edit sequences).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import schema
from .config import Config
from .forecast.breakdown import reached_through_breakdown
from .graph import GraphChange, Project, ProjectGraph
from .model import Document
from .rules.base import ALWAYS, Context, Problem, Rule, Unit

NO_PROJECT = -1  # the phase index of a document that belongs to no project: only always-rules


@dataclass(slots=True)
class _Judged:
    """What a unit's checks found, and what they were judged under."""

    judged: object  # the Document or Project judged (replaced: judged again)
    phase: int
    today: dt.date
    found: dict[str, list[Problem]] = field(default_factory=dict)  # rule code -> problems (none: absent)
    neighbour_keys: frozenset[str] = frozenset()  # keys of its neighbours changed since it was judged
    breakdown_changed: bool = False


class Evaluation:
    """The active ``rules`` over ``graph``, with ``config``, ``today`` and a gate phase."""

    def __init__(self, graph: ProjectGraph, rules: Sequence[Rule], config: Config, today: dt.date,
                 gate_phase: str | None = None) -> None:
        self.graph = graph
        self.today = today
        self._config = config
        self._gate = _phase_index(gate_phase) if gate_phase else NO_PROJECT
        self._rules = {rule.code: rule for rule in rules if rule.check is not None}
        self._document_rules = [rule for rule in self._rules.values() if rule.scope is Unit.DOCUMENT]
        self._neighbour_rules = [rule for rule in self._document_rules if rule.neighbours]
        self._breakdown_types = {doc_type for rule in self._document_rules if rule.breakdown
                                 for doc_type in (rule.types or schema.document_types())}
        self._project_rules = [rule for rule in self._rules.values() if rule.scope is Unit.PROJECT]
        self._repository_rules = [rule for rule in self._rules.values() if rule.scope is Unit.REPOSITORY]
        self._for_type: dict[tuple[str, int], list[Rule]] = {}
        self._documents: dict[str, _Judged] = {}  # path -> its DOCUMENT checks' problems
        self._with_problems: set[str] = set()  # paths of those that found any
        self._pending: set[str] | None = None  # paths to judge again before "everything" (None: all)
        self._projects: dict[str, _Judged] = {}  # project key -> its PROJECT checks' problems
        self._stale_projects: set[str] = set()  # project keys whose every PROJECT check is judged again
        self._stale_checks: dict[str, set[str]] = {}  # project key -> codes of PROJECT checks to judge again
        self._repository: dict[str, tuple[frozenset[str] | None, list[Problem]]] = {}  # code -> (scope, found)
        self._context = Context(graph=graph, config=config, today=today)

    # -- what changed --------------------------------------------------------------------

    def apply(self, change: GraphChange) -> None:
        """Forget what ``change`` (from :meth:`ProjectGraph.apply`) may have made untrue."""
        if change.reattributed:
            self._stale_checks.clear()
            self._documents.clear()
            self._with_problems.clear()
            self._projects.clear()
            self._repository.clear()
            self._pending = None
            return
        for path in change.documents:
            self._documents.pop(path, None)
            self._with_problems.discard(path)
        touched = set().union(*change.keys.values()) if change.keys else set()
        neighbours = self._neighbours_to_judge(change.neighbours, touched)
        for path in neighbours:
            judged = self._documents.get(path)
            if judged is not None:
                judged.neighbour_keys |= touched
        reached = self._reached_through_breakdown(change)
        for path in reached:
            judged = self._documents.get(path)
            if judged is not None:
                judged.breakdown_changed = True
        if self._pending is not None:
            self._pending |= change.documents | neighbours | reached
            for project in self._phase_moved(change):
                self._pending.update(doc.path_text for doc in project.documents)
        again = {rule.code for rule in self._project_rules if rule.reads is None or rule.reads & touched}
        if len(again) == len(self._project_rules):
            self._stale_projects |= change.projects
        elif again:
            for name in change.projects:
                self._stale_checks.setdefault(name, set()).update(again)
        for code in list(self._repository):
            reads = self._rules[code].reads
            if reads is None or reads & touched:
                del self._repository[code]

    def _neighbours_to_judge(self, neighbours: frozenset[str], touched: set[str]) -> set[str]:
        """Those of ``neighbours`` of a type that a ``neighbours`` check judges which reads
        one of the ``touched`` keys."""
        types: set[str] = set()
        for rule in self._neighbour_rules:
            if rule.reads is None or rule.reads & touched:
                types.update(rule.types or schema.document_types())
        if not types:
            return set()
        document_at = self.graph.document_at
        return {path for path in neighbours if (doc := document_at(path)) is not None and doc.type in types}

    def _reached_through_breakdown(self, change: GraphChange) -> set[str]:
        """The paths of the documents whose ``breakdown`` checks a change may judge otherwise
        (every such document, when it changed the breakdown itself)."""
        if not self._breakdown_types:
            return set()
        reached = reached_through_breakdown(self.graph, change)
        if reached is None:
            reached = {doc.path_text for project in self.graph.projects
                       for doc_type in self._breakdown_types for doc in project.of_type(doc_type)}
        return reached

    def _phase_moved(self, change: GraphChange) -> list[Project]:
        """The projects whose charter's ``phase`` the change touched: every document of them
        is judged under another set of rules."""
        moved = []
        for path in change.documents:
            doc = self.graph.document_at(path)
            if doc is not None and doc.type == "charter" and "phase" in change.keys.get(path, ()):
                project = self.graph.project_of(doc)
                if project is not None and project.charter is doc:
                    moved.append(project)
        return moved

    def set_today(self, today: dt.date) -> None:
        """Move today: the checks that read it are judged again when asked for."""
        if today == self.today:
            return
        self.today = self._context.today = today
        if self._pending is not None:
            types = {doc_type for rule in self._document_rules if rule.today
                     for doc_type in (rule.types or schema.document_types())}
            for project in self.graph.projects:
                for doc_type in types:
                    self._pending.update(doc.path_text for doc in project.of_type(doc_type))
            if any(rule.today and rule.phase == ALWAYS for rule in self._document_rules):
                self._pending.update(doc.path_text for doc in self.graph.orphans)
        for code in list(self._repository):
            if self._rules[code].today:
                del self._repository[code]

    # -- what is found -------------------------------------------------------------------

    def problems(self, documents: Sequence[Document] | None = None) -> list[tuple[Rule, Problem]]:
        """``(rule, problem)`` of every problem about ``documents`` (None: about any document)."""
        wanted = None if documents is None else {doc.path_text for doc in documents}
        found: list[tuple[Rule, Problem]] = []
        rules = self._rules
        for _path, judged in self._judge_documents(documents):
            found.extend((rules[code], problem) for code, problems in judged.found.items()
                         for problem in problems)
        for project in self._projects_of(documents):
            for code, problems in self._judge_project(project).found.items():
                found.extend((rules[code], problem) for problem in problems
                             if wanted is None or problem.document.path_text in wanted)
        for rule in self._repository_rules:
            found.extend((rule, problem) for problem in self._judge_repository(rule, documents)
                         if wanted is None or problem.document.path_text in wanted)
        return found

    def problem_lists(self) -> list[tuple[Rule, list[Problem]]]:
        """Every problem, as :meth:`problems` finds them, in the lists the evaluation keeps:
        one per rule and unit, the same list object for as long as that unit is not judged
        again (a caller that keeps what it made of a list can tell it is still true)."""
        rules = self._rules
        found: list[tuple[Rule, list[Problem]]] = []
        for _, judged in self._judge_documents(None):
            found.extend((rules[code], problems) for code, problems in judged.found.items())
        for project in self.graph.projects:
            found.extend((rules[code], problems) for code, problems in self._judge_project(project).found.items())
        for rule in self._repository_rules:
            problems = self._judge_repository(rule, None)
            if problems:
                found.append((rule, problems))
        return found

    def _judge_documents(self, documents: Sequence[Document] | None) -> Iterable[tuple[str, _Judged]]:
        if documents is not None:
            for doc in documents:
                yield doc.path_text, self._judge_document(doc)
            return
        if self._pending is None:
            todo = self.graph.documents
        else:
            todo = [doc for doc in map(self.graph.document_at, self._pending) if doc is not None]
        self._pending = set()
        for doc in todo:
            self._judge_document(doc)
        for path in self._with_problems:
            yield path, self._documents[path]

    def _projects_of(self, documents: Sequence[Document] | None) -> list[Project]:
        if documents is None:
            return self.graph.projects
        projects = {id(project): project for project in map(self.graph.project_of, documents)
                    if project is not None}
        return list(projects.values())

    def _judge_document(self, doc: Document) -> _Judged:
        path, phase = doc.path_text, self._phase_of(self.graph.project_of(doc))
        judged = self._documents.get(path)
        if judged is None or judged.judged is not doc or judged.phase != phase:
            judged = _Judged(doc, phase, self.today)
            again = self._rules_for(doc.type, phase)
        else:
            keys = judged.neighbour_keys
            again = [rule for rule in self._rules_for(doc.type, phase)
                     if (rule.neighbours and keys and (rule.reads is None or rule.reads & keys))
                     or (rule.breakdown and judged.breakdown_changed)
                     or (rule.today and judged.today != self.today)]
            judged.neighbour_keys, judged.breakdown_changed = frozenset(), False
            if not again:
                return judged
            for rule in again:
                judged.found.pop(rule.code, None)
            judged.today = self.today
        ctx = self._context
        for rule in again:
            problems = list(rule.check(ctx, doc))  # type: ignore[misc]  # _rules hold checked rules only
            if problems:
                judged.found[rule.code] = problems
        self._documents[path] = judged
        if judged.found:
            self._with_problems.add(path)
        else:
            self._with_problems.discard(path)
        if self._pending is not None:
            self._pending.discard(path)
        return judged

    def _judge_project(self, project: Project) -> _Judged:
        name, phase = project.id.casefold(), self._phase_of(project)
        judged = self._projects.get(name)
        if judged is None or judged.judged is not project or judged.phase != phase or name in self._stale_projects:
            judged = _Judged(project, phase, self.today)
            again = [rule for rule in self._project_rules if _applies(rule, phase)]
        else:
            stale = self._stale_checks.get(name, ())
            again = [rule for rule in self._project_rules if _applies(rule, phase) and (
                rule.code in stale or (rule.today and judged.today != self.today))]
            for rule in again:
                judged.found.pop(rule.code, None)
            judged.today = self.today
        ctx = self._context
        for rule in again:
            problems = list(rule.check(ctx, project))  # type: ignore[misc]  # _rules hold checked rules only
            if problems:
                judged.found[rule.code] = problems
        self._projects[name] = judged
        self._stale_projects.discard(name)
        self._stale_checks.pop(name, None)
        return judged

    def _judge_repository(self, rule: Rule, documents: Sequence[Document] | None) -> list[Problem]:
        """A REPOSITORY check's problems; for some ``documents``, the check may look from them
        alone (``ctx.reported``), and its result then serves only those."""
        scope = None if documents is None else frozenset(doc.path_text for doc in documents)
        kept = self._repository.get(rule.code)
        if kept is not None and (kept[0] is None or (scope is not None and scope <= kept[0])):
            return kept[1]
        ctx = Context(graph=self.graph, config=self._config, today=self.today,
                      reported=None if documents is None else list(documents))
        problems = list(rule.check(ctx))  # type: ignore[misc]  # _rules hold checked rules only
        self._repository[rule.code] = (scope, problems)
        return problems

    def _phase_of(self, project: Project | None) -> int:
        if project is None:
            return NO_PROJECT
        return max(_phase_index(project.phase), self._gate)

    def _rules_for(self, doc_type: str, phase: int) -> list[Rule]:
        """The DOCUMENT rules that judge a document of ``doc_type`` in a project at ``phase``."""
        cache_key = (doc_type, phase)
        rules = self._for_type.get(cache_key)
        if rules is None:
            rules = self._for_type[cache_key] = [
                rule for rule in self._document_rules
                if (not rule.types or doc_type in rule.types) and _applies(rule, phase)]
        return rules


def _phase_index(phase: str | None) -> int:
    """A lifecycle phase's place in the order of phases (an unknown phase counts as the first)."""
    return _phase_indexes().get(phase, 0) if isinstance(phase, str) else 0


@functools.cache
def _phase_indexes() -> dict[str, int]:
    return {phase: index for index, phase in enumerate(schema.phases())}


def _applies(rule: Rule, phase: int) -> bool:
    """Whether ``rule`` holds in a project at ``phase`` (always-rules hold everywhere)."""
    return rule.phase == ALWAYS or (phase != NO_PROJECT and phase >= _phase_index(rule.phase))
