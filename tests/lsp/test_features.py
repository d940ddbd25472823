"""Completion, hover, definition, references and quick fixes, asked of a :class:`Session` over
the example portfolio. ``‸`` marks the position asked about in a text."""

from __future__ import annotations

import re

import pytest

from tests.helpers.lsp import open_session
from tpmdocs import schema

CARET = "‸"


def _ids(project, doc_type=None):
    """Every id of the example, of one type, read from the files (not through tpmdocs)."""
    found = set()
    for path in project.glob("docs/**/*.md"):
        text = path.read_text(encoding="utf-8")
        kind = re.search(r"^type: (\S+)$", text, re.MULTILINE)
        ident = re.search(r"^id: (\S+)$", text, re.MULTILINE)
        if ident and kind and doc_type in (None, kind.group(1)):
            found.add(ident.group(1))
    return found


def _complete(project, text, relative="docs/tasks/new.md"):
    session = open_session(project)
    path = project / relative
    before, after = text.split(CARET)
    session.open(path, before + after)
    line = before.count("\n")
    items, incomplete = session.completions(path, line, len(before.split("\n")[-1]))
    assert not incomplete
    return items


TASK = "---\ntype: task\nid: PAY-T99\ntitle: New\n{}\n---\nBody\n"


@pytest.mark.parametrize("line, doc_type", [
    ("depends_on: [PAY-T01, ‸", "task"), ("parent: ‸", "task"), ("goals:\n  - ‸", "goal"),
    ("milestone: ‸", "milestone"), ("project: ‸", "charter"),
])
def test_reference_keys_complete_ids_of_the_type_they_take(project, line, doc_type):
    items = _complete(project, TASK.format(line))
    assert {item.label for item in items} == _ids(project, doc_type) - {"PAY-T99"}
    assert all(item.kind == "reference" and item.new_text == item.label for item in items)
    t06 = [item for item in items if item.label == "PAY-T06"]
    assert doc_type != "task" or t06[0].detail == "Authorisation API and acquirer adapter"


def test_affects_takes_any_id_and_supersedes_decisions(project):
    risk = "---\ntype: risk\nid: PAY-R99\ntitle: New\naffects: [‸]\n---\n"
    assert {i.label for i in _complete(project, risk, "docs/risks/new.md")} == _ids(project) - {"PAY-R99"}
    decision = "---\ntype: decision\nid: PAY-D9\ntitle: New\nsupersedes: ‸\n---\n"
    assert {i.label for i in _complete(project, decision)} == _ids(project, "decision")


def test_what_was_typed_filters_ids_and_is_replaced(project):
    items = _complete(project, TASK.format("depends_on: [pay-t1‸]"))
    assert {item.label for item in items} == {f"PAY-T1{n}" for n in range(10)}
    line = "depends_on: [pay-t1"
    assert {(item.start, item.end) for item in items} == {(len(line) - 6, len(line))}


def test_enumerated_keys_complete_their_vocabulary(project):
    assert [i.label for i in _complete(project, TASK.format("status: ‸"))] == list(
        schema.vocabulary("task", "status"))
    risk = "---\ntype: risk\nid: PAY-R99\ntitle: New\nresponse: mit‸\n---\n"
    assert [i.label for i in _complete(project, risk)] == list(schema.vocabulary("risk", "response"))
    assert [i.label for i in _complete(project, "---\ntype: ‸\n---\n")] == list(schema.document_types())


def test_keys_complete_from_the_schema_without_those_written(project):
    items = _complete(project, TASK.format("dep‸"))
    assert [(i.label, i.new_text, i.kind) for i in items] == [("depends_on", "depends_on: ", "key")]
    written = {"type", "id", "title"}
    assert {i.label for i in _complete(project, TASK.format("‸"))} == set(schema.properties("task")) - written
    risk_keys = {i.label for i in _complete(project, "---\ntype: risk\n‸\n---\n")}
    assert "probability" in risk_keys and "score" not in risk_keys  # computed, never written
    assert [i.label for i in _complete(project, "---\nty‸\n---\n")] == ["type"]


def test_nothing_is_completed_outside_front_matter(project):
    assert _complete(project, TASK.format("goals: [PAY-G1]") + "depends_on: ‸") == []
    assert _complete(project, "# depends_on: ‸\n") == []


def test_hover_describes_the_document_of_an_id(project):
    session = open_session(project)
    t05 = project / "docs/tasks/pay-t05.md"
    lines = session.lines(t05)
    line = next(n for n, text in enumerate(lines) if "(PAY-T06)" in text)
    shown = session.hover(t05, line, lines[line].index("PAY-T06") + 2)
    assert shown == ["PAY-T06 (task, done)", "Authorisation API and acquirer adapter",
                     "owner: @lukas", "start: 2026-07-13 · due: 2026-09-18",
                     "project: PAY · docs/tasks/pay-t06.md"]
    assert session.hover(t05, line, 0) is None  # not on an id
    assert session.hover(t05, 10_000, 0) is None


def test_hover_gives_a_task_and_a_milestone_their_forecast(project):
    """The figures ``tpmdocs schedule`` gives on the example's today: PAY-T14 drives PAY-M3,
    ten days late; a week more of work moves it past the Christmas and New Year holidays
    (as `tpmdocs schedule` says of the edited file)."""
    session = open_session(project)
    t14 = project / "docs/tasks/pay-t14.md"
    lines = session.lines(t14)

    def hover_on(ident):
        line = next(n for n, text in enumerate(lines) if ident in text and not text.startswith("id:"))
        return session.hover(t14, line, lines[line].index(ident) + 2)

    assert "forecast: finish 2026-12-10 · float -4 working days · on a driving path" in hover_on("PAY-T09")
    assert ("forecast: 2026-12-28, 10 days late · driving path: PAY-T09 → PAY-T14"
            in hover_on("PAY-M3"))
    session.change(t14, t14.read_text(encoding="utf-8").replace("estimate: 2w", "estimate: 3w"))
    lines = session.lines(t14)
    assert "forecast: 2027-01-06, 19 days late · driving path: PAY-T09 → PAY-T14" in hover_on("PAY-M3")


def test_definition_goes_to_the_id_line_of_the_document(project):
    session = open_session(project)
    t08 = project / "docs/tasks/pay-t08.md"
    line = next(n for n, text in enumerate(session.lines(t08)) if text.startswith("depends_on:"))
    found = session.definition(t08, line, session.lines(t08)[line].index("PAY-T06"))
    assert (found.path.name, found.line) == ("pay-t06.md", 2)
    assert session.lines(found.path)[2][found.start:found.end] == "PAY-T06"


def test_references_are_every_front_matter_naming_the_id(project):
    session = open_session(project)
    t08 = project / "docs/tasks/pay-t08.md"
    found = session.references(t08, 2, 6)  # on `id: PAY-T08`
    expected = set()
    for path in project.glob("docs/**/*.md"):
        head = path.read_text(encoding="utf-8").split("\n---\n")[0].split("\n")
        expected |= {(path.name, n) for n, text in enumerate(head)
                     if re.match(r"(parent|depends_on|goals|milestone|affects|supersedes):.*\bPAY-T08\b",
                                 text)}
    assert {(place.path.name, place.line) for place in found} == expected and expected
    assert all(session.lines(p.path)[p.line][p.start:p.end] == "PAY-T08" for p in found)
    with_own = session.references(t08, 20, 0, declaration=True)  # in the body: the file's own id
    assert (with_own[0].path.name, with_own[0].line) == ("pay-t08.md", 2) and with_own[1:] == found


def _fixes(project, text):
    session = open_session(project)
    path = project / "docs/tasks/pay-t08.md"
    session.open(path, text)
    return session, path, session.fixes(path, 0, 100)


def _applied(text, fix):
    lines = text.split("\n")
    line = lines[fix.line]
    lines[fix.line] = line[:fix.start] + fix.new_text + line[fix.end:]
    return "\n".join(lines)


def test_a_value_outside_its_vocabulary_gets_the_close_values(project):
    text = (project / "docs/tasks/pay-t08.md").read_text().replace(
        "status: in-progress", 'status: "in-progres"')
    session, path, fixes = _fixes(project, text)
    assert [(f.code, f.new_text, f.preferred) for f in fixes] == [("TPM010", "in-progress", True)]
    fixed = _applied(text, fixes[0])
    assert 'status: "in-progress"' in fixed
    session.change(path, fixed)
    assert "TPM010" not in [f.code for f in session.findings(path)]


def test_an_unknown_id_gets_close_ids_of_the_type_the_key_takes(project):
    text = (project / "docs/tasks/pay-t08.md").read_text().replace(
        "depends_on: [PAY-T06]", "depends_on: [PAY-T06, PAY-T100]")
    _, _, fixes = _fixes(project, text)
    assert fixes and all(f.code == "TPM021" for f in fixes)
    assert fixes[0].new_text == "PAY-T10"
    assert all(new in _ids(project, "task") for new in (f.new_text for f in fixes))
    assert _applied(text, fixes[0]).count("depends_on: [PAY-T06, PAY-T1") == 1


def test_case_alone_is_the_one_fix_and_escaped_values_are_left_alone(project):
    original = (project / "docs/tasks/pay-t08.md").read_text()
    _, _, fixes = _fixes(project, original.replace("status: in-progress", "status: Done"))
    assert [(f.new_text, f.preferred) for f in fixes] == [("done", True)]
    _, _, fixes = _fixes(project, original.replace("status: in-progress", 'status: "in\\x2dprogres"'))
    assert fixes == []  # the line does not hold the value as it reads
    _, _, fixes = _fixes(project, original.replace("status: in-progress", "status: zzzzzz"))
    assert fixes == []  # nothing close
