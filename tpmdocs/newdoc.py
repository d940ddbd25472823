"""``tpmdocs new``: where a new document goes, which id it gets, what it says.

The id follows the project's own style (:mod:`tpmdocs.ids`), the folder is
where the project keeps documents of that type (else ``<type>s/`` beside
the charter), the file is named after the id, and the text comes from the
type's schema (:mod:`tpmdocs.templates`). Nothing is written here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import ids, schema, templates, validation
from .graph import Project, ProjectGraph, ids_of
from .loader import parse_text


class NewDocumentError(ValueError):
    """The request cannot be met; the message says why and what to do."""


@dataclass
class NewRequest:
    doc_type: str
    title: str
    values: dict[str, Any] = field(default_factory=dict)  # keys of the type, as given on the command line
    project_id: str | None = None
    doc_id: str | None = None
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class Planned:
    path: Path
    doc_id: str
    text: str


def choose_project(graph: ProjectGraph, project_id: str | None, cwd: Path) -> Project:
    """The named project, else the one whose folder holds ``cwd``, else the only one."""
    if not graph.projects:
        raise NewDocumentError("there is no project (no charter) here; `tpmdocs init` makes one")
    if project_id:
        charter = graph.get(project_id)
        project = graph.project_of(charter) if charter is not None and charter.type == "charter" else None
        if project is None:
            raise NewDocumentError(f"no project has the id {project_id!r}; projects: {_names(graph)}")
        return project
    here = cwd.resolve()
    around = [p for p in graph.projects if here == p.charter.path.parent.resolve()
              or p.charter.path.parent.resolve() in here.parents]
    if around:
        return max(around, key=lambda p: len(p.charter.path.parent.parts))
    if len(graph.projects) == 1:
        return graph.projects[0]
    raise NewDocumentError(f"several projects here; say which with --project ({_names(graph)})")


def _names(graph: ProjectGraph) -> str:
    return ", ".join(p.id for p in graph.projects)


def folder_for(project: Project, doc_type: str) -> Path:
    """Where the project keeps this type: the commonest folder of its documents of that type."""
    folders = Counter(doc.path.parent for doc in project.of_type(doc_type))
    if folders:
        return max(folders, key=lambda f: (folders[f], -len(f.parts), str(f)))
    return project.charter.path.parent / f"{doc_type}s"


def check_references(graph: ProjectGraph, doc_type: str, values: dict[str, Any]) -> None:
    """Every id given for a reference key names an existing document of the right type."""
    for ref in schema.references(doc_type):
        for target_id in ids_of(values.get(ref.key)):
            target = graph.get(target_id)
            if target is None:
                raise NewDocumentError(f"`{ref.key}`: no document has the id {target_id!r}")
            if ref.target != "any" and target.type != ref.target:
                raise NewDocumentError(f"`{ref.key}` must name a {ref.target}, but {target_id!r} "
                                       f"is a {target.type}")


def default_status(doc_type: str) -> dict[str, str]:
    """A new document starts at the first word of its status vocabulary (todo, proposed, …)."""
    words = schema.vocabulary(doc_type, "status")
    return {"status": words[0]} if words else {}


def plan(graph: ProjectGraph, root: Path, cwd: Path, request: NewRequest) -> Planned:
    """The path, id and text of the new document (raises :class:`NewDocumentError`)."""
    doc_type = request.doc_type
    if doc_type not in schema.document_types():
        raise NewDocumentError(f"no document type {doc_type!r}; types: {', '.join(schema.document_types())}")
    if request.doc_id is not None and not ids.is_valid_id(request.doc_id):
        raise NewDocumentError(f"{request.doc_id!r} is not a valid id (a letter, then letters, "
                               "digits, '-', '_' or '.')")
    if request.doc_id is not None and (taken := graph.get(request.doc_id)) is not None:
        raise NewDocumentError(f"the id {request.doc_id!r} is taken by {taken.display}")
    check_references(graph, doc_type, request.values)
    if doc_type == "charter":
        doc_id = request.doc_id or _charter_id(graph, request.title)
        folder = root / _slug(request.title)
        path = folder / "index.md"
        values: dict[str, Any] = {"phase": schema.phases()[0]}
    else:
        project = choose_project(graph, request.project_id, cwd)
        doc_id = request.doc_id or ids.next_id(graph, project, doc_type, request.today)
        path = folder_for(project, doc_type) / f"{doc_id.lower()}.md"
        values = dict(default_status(doc_type))
        if "date" in schema.properties(doc_type):
            values["date"] = request.today
        if request.project_id:
            values["project"] = project.id
    values = {"id": doc_id, "title": request.title, **values, **request.values}
    try:
        text = templates.render(doc_type, values)
    except templates.TemplateError as exc:
        raise NewDocumentError(str(exc)) from None
    _check_valid(text, path)
    return Planned(path=path, doc_id=doc_id, text=text)


def _check_valid(text: str, path: Path) -> None:
    """Refuse to write a document its own schema rejects (a bad ``--estimate``, say)."""
    loaded = parse_text(text, path, path.name)
    if loaded.document is None:  # the template renders front matter that always parses
        raise NewDocumentError("; ".join(finding.message for finding in loaded.findings))
    problems = [message for _, message in validation.problems(loaded.document)]
    if problems:
        raise NewDocumentError("; ".join(problems))


def _slug(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40].strip("-")
    return slug or "project"


def _charter_id(graph: ProjectGraph, title: str) -> str:
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", title)).upper()[:4] or "PRJ"
    candidate, number = initials, 1
    while graph.get(candidate) is not None:
        number += 1
        candidate = f"{initials}{number}"
    return candidate
