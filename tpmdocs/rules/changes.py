"""Change control: a baseline, once approved, moves only through an approved change request.

The check needs the documents as they were at a git revision, so it is not
run by the linter's rule loop: ``tpmdocs lint --since REF`` computes it in
:mod:`tpmdocs.changeguard` and hands the findings to the linter, which
applies ``--select``/``--ignore``, severities and suppressions as for any rule.
"""

from __future__ import annotations

from ..model import Severity
from .base import ALWAYS, Rule

UNAPPROVED_BASELINE_CHANGE = Rule(
    "TPM701", "unapproved-baseline-change", ALWAYS, Severity.ERROR,
    "An approved baseline changed without an approved change request (`lint --since REF`)",
    "Once the sponsor has approved a charter, its scope, budget and dates, its milestones' due "
    "dates and its goals' targets are the baseline everyone plans against. Moving them in a "
    "pull request without an approved change request that `affects` the document quietly "
    "rewrites the commitment; reviewers see it here rather than at the next steering meeting.",
    None, requires="git history: it runs with `tpmdocs lint --since REF`")

RULES = (UNAPPROVED_BASELINE_CHANGE,)
