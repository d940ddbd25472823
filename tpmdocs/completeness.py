"""How complete each phase of a project is, read off the lint findings.

One measure for every place that shows it (the dashboard, ``tpmdocs
status``): of the rules of a phase, those with no finding on the project's
documents pass. Rules that need more than the documents (``requires``, such
as ``--since``) are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import schema
from .graph import Project, ProjectGraph
from .model import Finding
from .rules import ALWAYS, RULES, Rule


@dataclass
class PhaseCompleteness:
    phase: str  # ALWAYS or a lifecycle phase
    rules: list[Rule]  # the rules of the phase
    failing: list[Rule]  # those of them with a finding

    @property
    def passing(self) -> int:
        return len(self.rules) - len(self.failing)


def findings_by_project(graph: ProjectGraph, findings: list[Finding]) -> dict[str | None, list[Finding]]:
    """``project id -> findings`` on that project's documents (key None: on no project's)."""
    owner: dict[str, str | None] = {}
    for project in graph.projects:
        for doc in project.documents:
            owner.setdefault(doc.display, project.id)
    grouped: dict[str | None, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(owner.get(finding.path), []).append(finding)
    return grouped


def phase_completeness(project: Project, findings: list[Finding]) -> list[PhaseCompleteness]:
    """A row for the always-rules and one per phase up to the project's (initiation at least)."""
    phases = schema.phases()
    reached = phases[: phases.index(project.phase) + 1] if project.phase in phases else phases[:1]
    codes = {finding.code for finding in findings}
    rows = []
    for phase in (ALWAYS, *reached):
        rules = [rule for rule in RULES if rule.phase == phase and not rule.requires]
        rows.append(PhaseCompleteness(phase, rules, [r for r in rules if r.code in codes]))
    return rows
