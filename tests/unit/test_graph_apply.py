"""A graph brought up to date by ``apply`` is the graph a fresh build of the same documents gives.

Random repositories (charters in nested folders, tasks with parents and dependencies,
duplicate and case-changed ids, ``project:`` keys) go through random sequences of edits,
additions, removals and moves; after each step the graph must equal a fresh build.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tpmdocs.graph import ProjectGraph, build_graph
from tpmdocs.model import Document

FOLDERS = ["", "a", "a/b", "c"]
IDS = ["P", "Q", "T1", "T2", "t2", "T3", "G1", "M1"]


def make(path: str, data: dict) -> Document:
    return Document(path=Path("/r") / path, display=path, data=dict(data), locations={})


def state(graph: ProjectGraph) -> dict:
    """Everything the graph tells, by paths and ids (comparable between two graphs)."""
    path = lambda doc: doc.display if doc is not None else None  # noqa: E731
    return {
        "documents": [d.display for d in graph.documents],
        "by_id": {k: path(d) for k, d in graph.by_id.items()},
        "duplicates": [(path(d), path(first)) for d, first in graph.duplicates],
        "projects": [(p.id, path(p.charter), p.charter.title, [path(d) for d in p.documents],
                      [(path(d), d.title) for d in p.other_charters],
                      [path(d) for d in p.of_type("task")]) for p in graph.projects],
        "orphans": [path(d) for d in graph.orphans],
        "project_ids": {path(d): d.project_id for d in graph.documents},
        "links": [(path(link.source), link.key, link.index, link.target_id, path(link.target))
                  for link in graph.links],
        "referenced_by": {k: [(path(link.source), link.key, link.index, path(link.target)) for link in links]
                          for k, links in graph.referenced_by.items() if links},
        "children": {k: [path(d) for d in kids] for k, kids in graph.children.items() if kids},
    }


documents = st.fixed_dictionaries({
    "folder": st.sampled_from(FOLDERS),
    "name": st.sampled_from(["index.md", "x.md", "y.md"]),
    "type": st.sampled_from(["charter", "task", "task", "goal", "milestone"]),
    "id": st.sampled_from(IDS),
    "parent": st.none() | st.sampled_from(IDS),
    "depends_on": st.lists(st.sampled_from(IDS), max_size=2),
    "project": st.none() | st.sampled_from(["P", "Q", "T1"]),
    "title": st.sampled_from(["one", "two"]),
})


def as_document(spec: dict) -> Document:
    data = {"type": spec["type"], "id": spec["id"], "title": spec["title"]}
    for name in ("parent", "project"):
        if spec[name] is not None:
            data[name] = spec[name]
    if spec["depends_on"]:
        data["depends_on"] = spec["depends_on"]
    return make(f"{spec['folder']}/{spec['name']}".lstrip("/"), data)


@settings(max_examples=300, deadline=None)
@given(start=st.lists(documents, max_size=10), steps=st.lists(st.lists(documents, min_size=1, max_size=3),
                                                              max_size=6),
       removals=st.lists(st.integers(0, 20), max_size=6))
def test_apply_gives_what_a_fresh_build_gives(start, steps, removals):
    current: dict[str, Document] = {}
    for spec in start:
        doc = as_document(spec)
        current[doc.display] = doc
    graph = build_graph(list(current.values()))
    for step, removal in zip(steps, removals + [99] * len(steps)):
        changes = []
        staged: dict[str, Document | None] = {}
        for spec in step:
            new = as_document(spec)
            staged[new.display] = new
        if current and removal < 99:
            gone = sorted(current)[removal % len(current)]
            staged.setdefault(gone, None)
        for name, new in staged.items():
            changes.append((current.get(name), new))
            if new is None:
                current.pop(name, None)
            else:
                current[name] = new
        graph.apply(changes)
        fresh = build_graph([make(d.display, d.data) for d in current.values()])
        assert state(graph) == state(fresh)


def test_apply_reports_what_changed_and_what_it_touches():
    charter = make("index.md", {"type": "charter", "id": "P", "title": "p"})
    goal = make("g.md", {"type": "goal", "id": "G1", "title": "g"})
    task = make("t.md", {"type": "task", "id": "T1", "title": "t", "goals": ["G1"]})
    other = make("u.md", {"type": "task", "id": "T2", "title": "u", "depends_on": ["T1"]})
    graph = build_graph([charter, goal, task, other])
    edited = make("t.md", {"type": "task", "id": "T1", "title": "t2", "goals": ["G1"]})
    change = graph.apply([(task, edited)])
    assert change.documents == {"/r/t.md"}
    assert change.keys == {"/r/t.md": frozenset({"title"})}
    assert change.neighbours == {"/r/g.md", "/r/u.md"}
    assert change.projects == {"p"} and not change.reattributed
    assert graph.get("T1") is edited and [link.target for link in graph.links_of(other)] == [edited]


def test_a_new_charter_attributes_every_document_again():
    graph = build_graph([make("index.md", {"type": "charter", "id": "P", "title": "p"}),
                         make("a/t.md", {"type": "task", "id": "T1", "title": "t"})])
    change = graph.apply([(None, make("a/index.md", {"type": "charter", "id": "Q", "title": "q"}))])
    assert change.reattributed and change.projects == {"p", "q"}
    assert graph.get("T1").project_id == "Q"


def test_a_charter_whose_id_changes_case_gives_its_documents_the_new_spelling():
    charter = make("a/x.md", {"type": "charter", "id": "T2", "title": "t"})
    task = make("a/index.md", {"type": "task", "id": "P", "title": "p"})
    graph = build_graph([charter, task])
    graph.apply([(charter, make("a/x.md", {"type": "charter", "id": "t2", "title": "t"}))])
    assert graph.get("P").project_id == "t2"
