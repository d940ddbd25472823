"""What a rule is, and what a rule's check sees.

A check is a generator of :class:`Problem` s; the linter turns them into located
findings. What a check takes is the rule's :class:`Unit`, and what it reads is
said with it, so that :mod:`tpmdocs.evaluation` can keep each check's result and
run it again only when something it reads has changed:

- ``Unit.DOCUMENT``: ``check(ctx, document)`` judges one document of the rule's
  ``types``, from its own front matter (and, with ``neighbours=True``, from the
  documents it references or that reference it, of which ``reads``, when given, names
  the keys it reads; with ``breakdown=True``, from the tasks
  and milestones related to it through the work breakdown: the summaries above it, what
  they and it depend on and the tasks under that, their milestones);
- ``Unit.PROJECT``: ``check(ctx, project)`` judges a project as a whole (few
  documents of it: a check that judges documents one at a time is a DOCUMENT check);
  ``reads``, when given, names the keys it reads, as for a REPOSITORY check;
- ``Unit.REPOSITORY``: ``check(ctx)`` judges the whole repository (ids, cycles);
  ``reads`` names the front-matter keys it reads, so a change to other keys keeps
  its result.

``today=True`` says the check reads ``ctx.today``. A phase rule runs where the
project's phase (or the gate phase) has reached the rule's phase and reports only
on documents of that project (tests/unit/test_rule_contract.py holds every rule
to it).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..config import Config
from ..graph import Link, ProjectGraph
from ..model import Document, KeyPath, Severity

ALWAYS = "always"


class Problem(NamedTuple):
    """A rule's verdict on one document: where (a key path) and what."""

    document: Document
    keypath: KeyPath
    message: str


class Unit(enum.Enum):
    """What one run of a rule's check judges."""

    DOCUMENT = "document"
    PROJECT = "project"
    REPOSITORY = "repository"


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
    unit: Unit | None = None  # None: REPOSITORY for an always rule, else PROJECT
    types: tuple[str, ...] = ()  # DOCUMENT: the types it judges (empty: every type)
    neighbours: bool = False  # DOCUMENT: reads the documents it references or that reference it
    breakdown: bool = False  # DOCUMENT: reads the tasks related to it through the breakdown (see above)
    today: bool = False  # reads ctx.today
    #: REPOSITORY, PROJECT: the keys it reads; DOCUMENT with ``neighbours``: the keys of the
    #: neighbours it reads (a reference's target or source appearing or going counts as all)
    reads: frozenset[str] | None = None  # None: any

    @property
    def scope(self) -> Unit:
        """The unit of its check (see :class:`Unit`)."""
        if self.unit is not None:
            return self.unit
        return Unit.REPOSITORY if self.phase == ALWAYS else Unit.PROJECT

    @property
    def examples_dir(self) -> Path:
        return Path(__file__).parent / "examples" / f"{self.code}-{self.name}"


@dataclass
class Context:
    graph: ProjectGraph
    config: Config
    today: dt.date
    #: The documents whose findings a partial run reports (for REPOSITORY checks, which may
    #: spare a partial run the rest); None: all of them.
    reported: list[Document] | None = None

    @property
    def documents(self) -> list[Document]:
        """The documents to judge one at a time: a check that looks at each document alone
        iterates these, not ``graph.documents``, and spares a partial run the others."""
        return self.graph.documents if self.reported is None else self.reported

    @property
    def links(self) -> list[Link]:
        """The references made by :attr:`documents`."""
        if self.reported is None:
            return self.graph.links
        return [link for doc in self.reported for link in self.graph.links_of(doc)]


def is_main_charter(ctx: Context, charter: Document) -> bool:
    """Whether ``charter`` roots its project (a second one in its folder is TPM101's finding)."""
    project = ctx.graph.project_of(charter)
    return project is not None and project.charter is charter


def missing(document: Document, keys: Iterable[str]) -> list[str]:
    """The keys that are absent or empty (None, '', [] or {})."""
    return [k for k in keys if document.data.get(k) in (None, "", [], {})]


def missing_keys(document: Document, keys: Iterable[str], what: str) -> Iterator[Problem]:
    """One problem naming every missing key, at the ``type`` line."""
    absent = missing(document, keys)
    if absent:
        names = ", ".join(f"`{k}`" for k in absent)
        yield Problem(document, (), f"{what} {document.id or ''} lacks {names}".replace("  ", " "))


def requires_keys(keys: tuple[str, ...], what: str,
                  when: Callable[[Context, Document], bool] | None = None) -> Callable[..., Iterable[Problem]]:
    """A DOCUMENT check: the document (when ``when(ctx, doc)`` holds) has ``keys``.

    Most completeness rules of SPEC are this shape; each names its own
    condition (a status, a leaf task) and the words used in its message.
    """
    def check(ctx: Context, doc: Document) -> Iterable[Problem]:
        if when is None or when(ctx, doc):
            yield from missing_keys(doc, keys, what)
    return check


def has_status(*statuses: str) -> Callable[[Context, Document], bool]:
    """A ``when`` for :func:`requires_keys`: the document's status is one of ``statuses``."""
    return lambda ctx, doc: doc.get("status") in statuses


def status_settled(settled: tuple[str, ...], advice: str) -> Callable[..., Iterable[Problem]]:
    """A DOCUMENT check of completion: the document's status is one of ``settled``."""
    def check(ctx: Context, doc: Document) -> Iterable[Problem]:
        status = doc.get("status")
        if status not in settled:
            state = f"still {status}" if isinstance(status, str) else "without status"
            yield Problem(doc, ("status",), f"{doc.type} {doc.id} is {state}; {advice}")
    return check
