"""The project graph: attribution to projects, references, inverse links, cycles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tpmdocs import projects as projects_module
from tpmdocs.cycles import cycles_through, find_cycles
from tpmdocs.graph import build_graph
from tpmdocs.model import Document, path_order


def doc(path: str, **data) -> Document:
    data.setdefault("title", data.get("id", "x"))
    return Document(path=Path("/p") / path, display=path, data=data, locations={})


def test_nearest_charter_above_or_project_key():
    docs = [doc("a/index.md", type="charter", id="A"), doc("a/b/index.md", type="charter", id="B"),
            doc("a/t1.md", type="task", id="T1"), doc("a/b/c/t2.md", type="task", id="T2"),
            doc("a/b/t3.md", type="task", id="T3", project="A"), doc("z/t4.md", type="task", id="T4")]
    graph = build_graph(docs)
    owner = {d.id: d.project_id for d in graph.documents}
    assert owner == {"A": "A", "B": "B", "T1": "A", "T2": "B", "T3": "A", "T4": None}
    assert [d.id for d in graph.orphans] == ["T4"]
    assert [p.id for p in graph.projects] == ["A", "B"]


def test_a_graph_built_again_over_the_same_documents_forgets_a_charter_gone():
    """An editor builds the graph again over the same documents: one orphaned since must not
    keep the project of the charter it had."""
    charter, task = doc("index.md", type="charter", id="A"), doc("t.md", type="task", id="T")
    assert build_graph([charter, task]).documents[1].project_id == "A"
    page = doc("index.md", type="ordinary")
    graph = build_graph([page, task])
    assert task.project_id is None and task in graph.orphans


def test_references_resolve_ignoring_case_with_inverse_links_and_children():
    docs = [doc("index.md", type="charter", id="P"), doc("g.md", type="goal", id="P-G1"),
            doc("t1.md", type="task", id="P-T1"),
            doc("t2.md", type="task", id="P-T2", parent="p-t1", goals=["P-G1", "P-G9"])]
    graph = build_graph(docs)
    links = {(link.source.id, link.key, link.target_id): link.target and link.target.id
             for link in graph.links}
    assert links == {("P-T2", "parent", "p-t1"): "P-T1", ("P-T2", "goals", "P-G1"): "P-G1",
                     ("P-T2", "goals", "P-G9"): None}
    assert [link.source.id for link in graph.referenced_by["p-g1"]] == ["P-T2"]
    assert [d.id for d in graph.children["p-t1"]] == ["P-T2"]
    assert not graph.is_leaf_task(graph.get("P-T1")) and graph.is_leaf_task(graph.get("P-T2"))


def test_duplicate_ids_ignore_case():
    graph = build_graph([doc("a.md", type="goal", id="G-1"), doc("b.md", type="goal", id="g-1")])
    assert [(d.display, first.display) for d, first in graph.duplicates] == [("b.md", "a.md")]


def test_cycles_one_per_component_and_self_loops():
    docs = [doc(f"t{i}.md", type="task", id=f"T{i}") for i in range(6)]
    docs[0].data["depends_on"] = ["T1"]
    docs[1].data["depends_on"] = ["T2"]
    docs[2].data["depends_on"] = ["T0", "T3"]
    docs[4].data["depends_on"] = "T4"
    docs[5].data["depends_on"] = ["T0"]  # leads into the cycle, is not part of it
    cycles = find_cycles(build_graph(docs), "depends_on")
    assert [[d.id for d in cycle] for cycle in cycles] == [["T0", "T1", "T2"], ["T4"]]


def test_a_5000_task_cycle_is_found_without_recursion():
    n = 5000
    docs = [doc(f"t{i:05}.md", type="task", id=f"T{i}", depends_on=[f"T{(i + 1) % n}"]) for i in range(n)]
    (cycle,) = find_cycles(build_graph(docs), "depends_on")
    assert len(cycle) == n


def test_index_md_owns_its_folder_whatever_the_other_charter_is_called():
    docs = [doc("p/a-charter.md", type="charter", id="OTHER"), doc("p/index.md", type="charter", id="P"),
            doc("p/t.md", type="task", id="T")]
    graph = build_graph(docs)
    (project,) = graph.projects
    assert project.id == "P" and [d.id for d in project.other_charters] == ["OTHER"]
    assert graph.get("T").project_id == "P"


@settings(max_examples=300, deadline=None)
@given(edges=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 9), st.sampled_from(["depends_on", "parent"])),
                      max_size=16),
       duplicate=st.booleans(), start=st.integers(0, 9))
def test_cycles_found_from_one_document_are_the_full_search_s_cycles_through_it(edges, duplicate, start):
    """Ids 8 and 9 name no document (or, with ``duplicate``, 7 also names a milestone)."""
    targets: dict = {}
    for source, target, ref_key in edges:
        targets.setdefault((source, ref_key), []).append(f"T{target}")
    docs = [doc("index.md", type="charter", id="P")]
    for n in range(8):
        data = {ref_key: ids for (source, ref_key), ids in targets.items() if source == n}
        if "parent" in data:
            data["parent"] = data["parent"][0]
        docs.append(doc(f"t{n}.md", type="task", id=f"T{n}", **data))
    if duplicate:
        docs.append(doc("m.md", type="milestone", id="t7"))
    graph = build_graph(docs)
    among = [d for d in graph.documents if d.id == f"T{start}"]
    for ref_key in ("depends_on", "parent"):
        everywhere = find_cycles(graph, ref_key)
        expected = [cycle for cycle in everywhere if any(d in cycle for d in among)]
        assert cycles_through(graph, ref_key, among) == expected
        assert cycles_through(graph, ref_key, graph.documents) == everywhere


def test_a_reference_in_a_list_keeps_its_position_past_items_that_are_not_ids():
    docs = [doc("index.md", type="charter", id="P"),
            doc("t1.md", type="task", id="T1", depends_on=[7, "T9"])]
    graph = build_graph(docs)
    assert [(link.target_id, link.keypath) for link in graph.links] == [("T9", ("depends_on", 1))]


def test_a_workspace_reads_documents_in_path_order_as_the_graph_keeps_them(tmp_path):
    """build_graph trusts a workspace's order (in_path_order): it must be the Paths' order,
    where a folder's files and subfolders mix by name ("a/b.md" < "a/c/x.md" < "a/d.md")."""
    from tpmdocs.workspace import load_workspace
    for name in ("a/d.md", "a/c/x.md", "a/b.md", "a-b.md", "a.md", "a/c.md", "B.md", "a/c/a/z.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"---\ntype: task\nid: {name}\ntitle: x\n---\n", "utf-8")
    documents = load_workspace([tmp_path / "a", tmp_path], tmp_path).graph.documents
    paths = [d.path for d in documents]
    assert paths == sorted(paths) and len(paths) == 8


#: A part of a normalised path (what documents' paths are): no separator, no "." or "..".
_part = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1,
                max_size=4).filter(lambda part: part not in (".", ".."))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_part | st.sampled_from(["a", "a-b", "a.md", "b"]), min_size=1, max_size=4), max_size=12))
def test_path_order_sorts_text_as_paths_sort(parts_lists):
    """The graph keeps documents in ``path_order`` of their text: the order of ``Path`` objects
    (part by part: "a/b" before "a-b" and "a.md" before "a/c"), one string comparison each."""
    names = ["/" + "/".join(parts) for parts in parts_lists]
    assert sorted(names, key=path_order) == [str(path) for path in sorted(map(Path, names))]


@pytest.mark.parametrize("path", ["/a/b/c.md", "/a/b", "/a", "/", "/x.md", "/a b/é/index.md"])
def test_a_documents_folder_is_what_dirname_gives(path):
    assert projects_module._folder(path) == os.path.dirname(path)
