"""What a rule is, and what a rule's check sees.

A check is a generator. An *always* rule's check takes the :class:`Context`;
a phase rule's check takes the context and one :class:`~tpmdocs.graph.Project`
whose phase (or gate phase) has reached the rule's phase, and reports only on
documents of that project (a partial run checks only the projects it reports
on; tests/unit/test_rule_contract.py holds every rule to it). Both yield
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
    #: The documents whose findings a partial run reports; None: all of them.
    reported: list | None = None

    @property
    def documents(self) -> list:
        """The documents to judge one at a time: a check that looks at each document alone
        iterates these, not ``graph.documents``, and spares a partial run the others."""
        return self.graph.documents if self.reported is None else self.reported

    @property
    def links(self) -> list:
        """The references made by :attr:`documents`."""
        if self.reported is None:
            return self.graph.links
        return [link for doc in self.reported for link in self.graph.links_of(doc)]


def missing(document: Document, keys: Iterable[str]) -> list:
    """The keys that are absent or empty (None, '', [] or {})."""
    return [k for k in keys if document.data.get(k) in (None, "", [], {})]


def missing_keys(document: Document, keys: Iterable[str], what: str):
    """One problem naming every missing key, at the ``type`` line."""
    absent = missing(document, keys)
    if absent:
        names = ", ".join(f"`{k}`" for k in absent)
        yield Problem(document, (), f"{what} {document.id or ''} lacks {names}".replace("  ", " "))


def requires_keys(doc_type: str, keys: tuple, what: str, when=None):
    """A phase check: each ``doc_type`` document (for which ``when(ctx, doc)`` holds) has ``keys``.

    Most completeness rules of SPEC are this shape; each names its own
    condition (a status, a leaf task) and the words used in its message.
    """
    def check(ctx, project):
        for doc in project.of_type(doc_type):
            if when is None or when(ctx, doc):
                yield from missing_keys(doc, keys, what)
    return check


def has_status(*statuses: str):
    """A ``when`` for :func:`requires_keys`: the document's status is one of ``statuses``."""
    return lambda ctx, doc: doc.get("status") in statuses


def status_settled(doc_type: str, settled: tuple, advice: str):
    """A completion check: each ``doc_type`` document's status is one of ``settled``."""
    def check(ctx, project):
        for doc in project.of_type(doc_type):
            status = doc.get("status")
            if status not in settled:
                state = f"still {status}" if isinstance(status, str) else "without status"
                yield Problem(doc, ("status",), f"{doc_type} {doc.id} is {state}; {advice}")
    return check
