"""What a rule is, and what a rule's check sees.

A check is a generator. An *always* rule's check takes the :class:`Context`;
a phase rule's check takes the context and one :class:`~tpmdocs.graph.Project`
whose phase (or gate phase) has reached the rule's phase. Both yield
:class:`Problem` s; the linter turns them into located findings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from ..config import Config
from ..graph import ProjectGraph
from ..model import Document, Severity

ALWAYS = "always"


class Problem(NamedTuple):
    """A rule's verdict on one document: where (a key path) and what."""

    document: Document
    keypath: tuple
    message: str


@dataclass(frozen=True)
class Rule:
    code: str  # TPM + 3 digits, stable forever
    name: str  # kebab-case
    phase: str  # ALWAYS or a lifecycle phase
    severity: Severity
    summary: str  # one line
    rationale: str  # why a project manager should care
    check: Callable[..., Iterable[Problem]] | None  # None: checked outside the rule loop
    requires: str = ""  # what the rule needs beyond a folder of documents, e.g. git history

    @property
    def examples_dir(self) -> Path:
        return Path(__file__).parent / "examples" / f"{self.code}-{self.name}"


@dataclass
class Context:
    graph: ProjectGraph
    config: Config
    today: dt.date


def as_date(value) -> dt.date | None:
    """A front-matter date, or None when absent or not a real date (the schema reports those)."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def missing(document: Document, keys: Iterable[str]) -> list:
    """The keys that are absent or empty (None, '', [] or {})."""
    return [k for k in keys if document.data.get(k) in (None, "", [], {})]


def missing_keys(document: Document, keys: Iterable[str], what: str):
    """One problem naming every missing key, at the ``type`` line."""
    absent = missing(document, keys)
    if absent:
        names = ", ".join(f"`{k}`" for k in absent)
        yield Problem(document, (), f"{what} {document.id or ''} lacks {names}".replace("  ", " "))
