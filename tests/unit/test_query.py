"""Queries: finding the blocks, reading them (every refusal located), running them over the
example project, and the registry of computed keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, run_cli
from tpmdocs.query import (
    COMPUTED,
    ComputedKey,
    Evaluation,
    QueryError,
    find_blocks,
    parse_query,
    project_at,
    query_findings,
    register,
    run_query,
)
from tpmdocs.workspace import load_workspace

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def graph():
    return load_workspace([EXAMPLE], EXAMPLE.parent).graph


def ids(graph, text: str, project=None, today: dt.date = TODAY) -> list:
    page_project = next(p for p in graph.projects if p.id == project) if project else None
    return [doc.id for doc in run_query(parse_query(text), Evaluation(graph, today), page_project)]


def test_blocks_are_found_where_commonmark_finds_fences():
    text = ("# T\n\n```tpmdocs\ntype: risk\n```\n\n````markdown\n```tpmdocs\ntype: shown\n```\n````\n\n"
            "- item\n\n    ~~~ tpmdocs extra words\n    type: task\n    ~~~\n\n```python\n```tpmdocs\n```\n")
    blocks = find_blocks(text)
    assert [(b.start, b.end, b.indent, b.body) for b in blocks] == [
        (2, 5, "", "type: risk"), (14, 17, "    ", "type: task")]
    assert find_blocks("```tpmdocs\ntype: risk\n")[0].closed is False
    assert find_blocks("no query here") == []


@pytest.mark.parametrize("text, message, line", [
    ("", "the query is empty", None),
    ("- type: risk", "a query is a mapping", None),
    ("type: risk\nwhere: {status: open}\ncolour: red", "unknown query key 'colour'", 2),
    ("where: {status: open}", "the query has no `type`", None),
    ("type: risks", "unknown document type 'risks'", 0),
    ("type: risk\nwhere:\n  stauts: open", "unknown key 'stauts' in `where` for a risk", 2),
    ("type: task\nwhere: {score: '>= 12'}", "unknown key 'score' in `where` for a task", 1),
    ("type: risk\nwhere: {score: '=> 12'}", "bad operator in '=> 12'", 1),
    ("type: risk\nwhere: {score: '== 12'}", "bad operator", 1),
    ("type: risk\nwhere: {score: '<> 12'}", "bad operator", 1),
    ("type: risk\nwhere: {score: '> twelve'}", "compares numbers or ISO dates", 1),
    ("type: risk\nwhere: {status: [open, '> 3']}", "holds values to match", 1),
    ("type: risk\nwhere: {status: {is: open}}", "must be a value", 1),
    ("type: risk\ncolumns: [id, titel]", "unknown key 'titel' in `columns`", 1),
    ("type: risk\ncolumns: id", "`columns` is a list of keys", 1),
    ("type: risk\nsort: [-scor]", "unknown key '-scor' in `sort`", 1),
    ("type: risk\nlimit: 0", "`limit` is a number of rows", 1),
    ("type: risk\nwhere: {project: 5}", None, None),  # a project id that is no text matches nothing
    ("type: risk\nwhere: {status: [open,", "not valid YAML", 2),  # where the text ends: the closing fence
    ("type: risk\ntype: task", "not valid YAML: duplicate key 'type'", 1),
    ("type: risk\nwhere: *anchor", "not valid YAML: aliases", 1),
])
def test_bad_queries_are_refused_with_a_located_reason(text, message, line):
    if message is None:
        parse_query(text)
        return
    with pytest.raises(QueryError) as refused:
        parse_query(text)
    assert message in refused.value.message
    assert refused.value.line == line


def test_findings_are_at_the_line_of_the_fault_in_the_file():
    text = "---\ntitle: x\n---\n# P\n\n```tpmdocs\ntype: risk\nwhere: {scor: 3}\n```\n\n```tpmdocs\n```\n"
    found = query_findings(text, "p.md", first_line=3)
    assert [(f.line, f.column, f.code) for f in found] == [(8, 9, "TPM030"), (11, 1, "TPM030")]
    assert query_findings("---\n```tpmdocs\ntype: x\n```\n---\n", "p.md", first_line=5) == []  # front matter


def test_the_spec_example_lists_open_risks_above_12_by_score(graph):
    query = """type: risk
where: {status: [open, mitigating], score: ">= 12"}
columns: [id, title, score, owner, review_by]
sort: [-score, id]"""
    assert ids(graph, query) == ["PAY-R02", "PAY-R01", "PAY-R05", "RPT-R01"]
    assert ids(graph, query, project="PAY") == ["PAY-R02", "PAY-R01", "PAY-R05"]  # the page's project
    assert ids(graph, query + '\n', project="RPT") == ["RPT-R01"]
    assert ids(graph, query.replace("score:", 'project: "*", score:'), project="RPT") == [
        "PAY-R02", "PAY-R01", "PAY-R05", "RPT-R01"]
    assert ids(graph, query.replace("score:", "project: [pay], score:"), project="RPT") == [
        "PAY-R02", "PAY-R01", "PAY-R05"]  # ids ignore case


def test_comparisons_dates_today_references_lists_and_missing_values(graph):
    assert ids(graph, "type: risk\nwhere: {review_by: '< 2026-11-28'}\nsort: review_by") == ["PAY-R06", "PAY-R02",
                                                                                               "PAY-R01"]
    assert ids(graph, "type: risk\nwhere: {review_by: '< today', status: open}", today=dt.date(2026, 12, 2)) == [
        "PAY-R02", "PAY-R04"]
    assert ids(graph, "type: task\nwhere: {milestone: pay-m3}\nsort: id") == [
        "PAY-T07", "PAY-T08", "PAY-T09", "PAY-T13", "PAY-T14"]  # references ignore case
    assert ids(graph, "type: milestone\nwhere: {tags: migration}", project="PAY") == ["PAY-M2", "PAY-M3"]
    unblocked = ids(graph, "type: task\nwhere: {blocked_reason: null}", project="PAY")
    assert len(unblocked) == 18 and "PAY-T09" not in unblocked  # null: the key is missing
    not_done = ids(graph, "type: task\nwhere: {status: '!= done'}", project="PAY")
    assert "PAY-T01" not in not_done and "PAY-T08" in not_done
    assert ids(graph, "type: risk\nwhere: {probability: '>= 4'}\nsort: [-probability, id]", project="PAY") == [
        "PAY-R02", "PAY-R05"]


def test_sorting_puts_missing_values_last_either_way_and_limit_cuts(graph):
    ascending = ids(graph, "type: task\nsort: [blocked_reason, id]", project="PAY")
    descending = ids(graph, "type: task\nsort: [-blocked_reason, id]", project="PAY")
    assert ascending[0] == descending[0] == "PAY-T09"  # the one task with a reason; the rest lack one
    assert ascending[1:] == descending[1:] == sorted(ascending[1:])
    # the same due date: by id
    assert ids(graph, "type: task\nsort: [-due, id]\nlimit: 2", project="PAY") == ["PAY-T16", "PAY-T18"]


def test_a_computed_key_added_to_the_registry_is_checked_filtered_sorted_and_shown(graph):
    def letters(document, evaluation):
        return evaluation.memo(("letters", document.id), lambda: len(document.title))

    register(ComputedKey("title_length", frozenset({"milestone"}), letters, "characters in the title"))
    try:
        query = "type: milestone\nwhere: {title_length: '> 40'}\ncolumns: [id, title_length]\nsort: -title_length"
        assert ids(graph, query, project="PAY") == ["PAY-M1", "PAY-M3"]
        with pytest.raises(QueryError, match="unknown key 'title_length' in `where` for a task"):
            parse_query("type: task\nwhere: {title_length: 3}")
    finally:
        del COMPUTED["title_length"]
    with pytest.raises(QueryError):
        parse_query(query)


def test_an_ordinary_page_belongs_to_the_nearest_charters_project(graph):
    assert project_at(graph, EXAMPLE / "reporting" / "notes").id == "RPT"
    assert project_at(graph, EXAMPLE / "tasks").id == "PAY"
    assert project_at(graph, EXAMPLE.parent) is None
    assert project_at(graph, Path("/elsewhere")) is None


def test_an_unsaved_buffer_gets_its_query_findings_too():
    """``lint --stdin`` (and the editor, through the same reading of unsaved text)."""
    text = "# Notes\n\n```tpmdocs\ntype: risk\nwhere: {scor: 3}\n```\n"
    result = run_cli("lint", "--stdin", "--stdin-filename", "example/notes.md", "--today", "2026-11-20",
                     cwd=EXAMPLE.parent, input=text.encode())
    assert result.returncode == 1
    assert "example/notes.md:5:9: TPM030 unknown key 'scor' in `where` for a risk" in result.stdout


def test_the_forecast_keys_filter_sort_and_show_tasks(graph):
    """forecast_finish and float_days, from the project's forecast (tpmdocs schedule's figures)."""
    late = "type: task\nwhere: {float_days: '< 0'}\nsort: [forecast_finish, id]"
    assert ids(graph, late, project="PAY") == ["PAY-T09", "PAY-T14"]
    before = "type: task\nwhere: {forecast_finish: '<= 2026-12-10'}\nsort: id"
    assert "PAY-T09" in ids(graph, before, project="PAY") and "PAY-T14" not in ids(graph, before, project="PAY")
    done = ids(graph, "type: task\nwhere: {status: done}\nsort: [-forecast_finish, id]", project="PAY")
    assert done == sorted(done)  # a done task has no forecast: all missing, in id order
    with pytest.raises(QueryError, match="unknown key 'float_days' in `where` for a risk"):
        parse_query("type: risk\nwhere: {float_days: 3}")
