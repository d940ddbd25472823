"""Queries in pages: a ``tpmdocs`` block that cannot be run is reported where it is written.

The check runs when a file is read (:func:`tpmdocs.query.query_findings`, from the
workspace), not in the rule loop: it needs the page's text, and ordinary pages, which hold
no document, may hold queries too.
"""

from __future__ import annotations

from ..model import Severity
from ..query import QUERY_INVALID
from .base import ALWAYS, Rule

QUERY_INVALID_RULE = Rule(
    QUERY_INVALID, "query-invalid", ALWAYS, Severity.ERROR,
    "A `tpmdocs` query block names an unknown type or key, a bad operator, or is not valid YAML",
    "A query that cannot be run would leave a hole where the sponsor expects a list of risks or "
    "tasks, or worse, an empty list that looks like good news. A misspelt key (`statsu`) or a "
    "comparison written the wrong way round (`=> 12`) is caught at its line instead.",
    None)

RULES = (QUERY_INVALID_RULE,)
