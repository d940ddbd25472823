"""The project state behind the language server, at its interface (:class:`Session`): the
findings are those of ``tpmdocs lint PATH`` with the editor's text saved, open text counts for
every other file, and changes on disk are read again when the client says so."""

from __future__ import annotations

import json

import pytest

from tests.helpers import EXAMPLE_TODAY, run_cli
from tests.helpers.lsp import open_session

T08 = "docs/tasks/pay-t08.md"


def _lint_cli(root, relative):
    result = run_cli("lint", "--format", "json", "--today", EXAMPLE_TODAY, "--no-cache", relative,
                     cwd=root)
    return [(f["path"], f["line"], f["column"], f["code"], f["message"], f["severity"])
            for f in json.loads(result.stdout)["findings"]]


def _as_rows(findings):
    return [(f.path, f.line, f.column, f.code, f.message, f.severity.label) for f in findings]


EDITS = {
    "status typo": lambda t: t.replace("status: in-progress", "status: in-progres"),
    "unknown dependency": lambda t: t.replace("depends_on: [PAY-T06]", "depends_on: [PAY-T06, PAY-T99]"),
    "broken yaml": lambda t: t.replace("goals: [PAY-G1]", "goals: [PAY-G1"),
    "unclosed front matter": lambda t: t.replace("\n---\n", "\n", 2).replace("---\n", "---\n", 1),
    "duplicate id": lambda t: t.replace("id: PAY-T08", "id: pay-t07"),
    "no front matter": lambda t: "Just a page.\n",
    "empty": lambda t: "",
    "non-ascii and crlf": lambda t: t.replace("title: Refund", "title: Rëfund 𝄞").replace("\n", "\r\n"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_findings_are_those_of_lint_with_the_text_saved(project, edit):
    path = project / T08
    text = EDITS[edit](path.read_text(encoding="utf-8"))
    session = open_session(project)
    session.open(path, text)
    in_editor = _as_rows(session.findings(path))
    assert path.read_text(encoding="utf-8") != text  # nothing was written
    path.write_bytes(text.encode("utf-8"))
    assert in_editor == _lint_cli(project, T08)
    assert edit in ("no front matter", "empty") or in_editor  # each edit is a finding but these


def test_open_text_counts_for_the_other_files_and_closing_restores_the_disk(project):
    session = open_session(project)
    t06, t08 = project / "docs/tasks/pay-t06.md", project / T08
    assert not [f for f in session.findings(t08) if f.code == "TPM021"]
    session.open(t06, t06.read_text().replace("id: PAY-T06", "id: PAY-T6"))
    unresolved = [f for f in session.findings(t08) if f.code == "TPM021"]
    assert [f.message for f in unresolved] == ["`depends_on` names 'PAY-T06', but no document has that id"]
    session.close(t06)
    assert not [f for f in session.findings(t08) if f.code == "TPM021"]


def test_changes_on_disk_are_read_when_reported(project):
    session = open_session(project)
    t06, t08 = project / "docs/tasks/pay-t06.md", project / T08
    assert session.findings(t08)  # read now (the overdue warning)
    t06.unlink()
    assert not [f for f in session.findings(t08) if f.code == "TPM021"]  # not told yet
    session.disk_changed([t06])
    assert [f.code for f in session.findings(t08) if f.code == "TPM021"] == ["TPM021"]
    new = project / "docs/tasks/new.md"
    new.write_text(t08.read_text().replace("id: PAY-T08", "id: PAY-T06"), encoding="utf-8")
    session.disk_changed([new])
    assert not [f for f in session.findings(t08) if f.code == "TPM021"]


def test_an_open_file_deleted_on_disk_keeps_its_text(project):
    session = open_session(project)
    path = project / T08
    text = path.read_text()
    session.open(path, text.replace("status: in-progress", "status: nope"))
    path.unlink()
    session.disk_changed([path])
    assert "TPM010" in [f.code for f in session.findings(path)]
    session.close(path)
    assert session.findings(path) == []  # gone with its text


def test_only_files_of_the_tree_are_served(project):
    session = open_session(project)
    assert session.serves(project / T08)
    assert session.serves(project / "docs/tasks/not-yet-saved.md")
    assert not session.serves(project / ".github/notes.md")
    assert not session.serves(project / "docs/tasks/pay-t08.txt")
    assert not session.serves(project.parent / "elsewhere.md")
    assert session.findings(project / ".github/notes.md") == []


def _fresh_lint(root, path):
    """``tpmdocs lint PATH`` in process, from a fresh read of the folder."""
    from tests.helpers.lsp import TODAY
    from tpmdocs.config import load_config
    from tpmdocs.linter import LintOptions, lint
    from tpmdocs.rules import BY_CODE

    options = LintOptions(cwd=root, today=TODAY, config=load_config(root, frozenset(BY_CODE)),
                          paths=[path])
    return _as_rows(lint(options).findings)


def test_a_sequence_of_edits_keeps_every_file_s_findings_those_of_a_fresh_lint(project):
    """Edits to several open files in turn, the charter's phase and id among them, then saves
    and closes: after each step, each open file's findings are a fresh lint's of that state."""
    session = open_session(project)
    files = {name: project / "docs" / name for name in
             ("index.md", "tasks/pay-t06.md", "tasks/pay-t08.md", "tasks/pay-t14.md", "goals/pay-g1.md")}
    texts = {name: path.read_text(encoding="utf-8") for name, path in files.items()}
    edits = [
        ("tasks/pay-t06.md", "id: PAY-T06", "id: PAY-T66"),  # T08's dependency goes
        ("tasks/pay-t08.md", "depends_on: [PAY-T06]", "depends_on: [PAY-T66, PAY-T14]"),
        ("index.md", "phase: controlling", "phase: completion"),  # every rule of the project
        ("tasks/pay-t14.md", "status: todo", "status: done"),
        ("index.md", "id: PAY\n", "id: PAYX\n"),  # the project's id: attribution changes
        ("goals/pay-g1.md", "type: goal", "type: nothing"),
        ("index.md", "id: PAYX\n", "id: PAY\n"),
        ("tasks/pay-t06.md", "id: PAY-T66", "id: PAY-T08"),  # a duplicate id
    ]
    for name, path in files.items():
        session.open(path, texts[name])
    for name, old, new in edits:
        assert old in texts[name], (name, old)
        texts[name] = texts[name].replace(old, new)
        session.change(files[name], texts[name])
        in_editor = {n: _as_rows(session.findings(path)) for n, path in files.items()}
        for n, path in files.items():
            path.write_text(texts[n], encoding="utf-8")
        assert in_editor == {n: _fresh_lint(project, path) for n, path in files.items()}, (name, new)
    for path in files.values():
        session.close(path)
        assert _as_rows(session.findings(path)) == _fresh_lint(project, path)
