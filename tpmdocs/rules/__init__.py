"""The rule registry: every rule, in code order. Phases are presets over it."""

from __future__ import annotations

from . import (
    always,
    approvals,
    changes,
    completion,
    controlling,
    decisions,
    execution,
    initiation,
    monitoring,
    planning,
    queries,
)
from .base import ALWAYS, Context, Problem, Rule

#: In code order (the hundreds digit is the phase), whichever module a rule lives in.
RULES: tuple[Rule, ...] = tuple(sorted((*always.RULES, *queries.RULES, *initiation.RULES, *planning.RULES,
                                        *execution.RULES, *monitoring.RULES, *controlling.RULES,
                                        *completion.RULES, *changes.RULES, *approvals.RULES, *decisions.RULES),
                                       key=lambda rule: rule.code))
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}

__all__ = ["ALWAYS", "BY_CODE", "RULES", "Context", "Problem", "Rule", "get"]


def get(code_or_name: str) -> Rule | None:
    """A rule by code (``TPM203``) or name (``goal-incomplete``)."""
    wanted = code_or_name.strip()
    return BY_CODE.get(wanted.upper()) or next((r for r in RULES if r.name == wanted.lower()), None)
