"""``tpmdocs lsp`` end to end: the real server over stdio, driven as an editor drives it."""

from __future__ import annotations

import pytest

from tests.helpers import EXAMPLE_TODAY, REPO, run_cli_process
from tests.helpers.lsp import start
from tests.helpers.lsp_client import CAPABILITIES

pytestmark = pytest.mark.acceptance  # tpmdocs lsp over stdio, as an editor starts it


@pytest.fixture
def client(project):
    started = start(project, "--no-cache")
    yield started
    started.kill()


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_a_session_from_initialize_to_exit(project, client):
    result = client.initialize(project)
    capabilities = result["capabilities"]
    assert capabilities["textDocumentSync"]["change"] == 1  # the whole text on each change
    assert capabilities["positionEncoding"] == "utf-16"
    for provider in ("completionProvider", "hoverProvider", "definitionProvider",
                     "referencesProvider", "codeActionProvider"):
        assert capabilities[provider], provider
    registration = client.wait(lambda m: m.get("method") == "client/registerCapability")
    watchers = registration["params"]["registrations"][0]["registerOptions"]["watchers"]
    assert watchers == [{"globPattern": "**/*.md"}]

    path = project / "docs/tasks/pay-t08.md"
    text = path.read_text(encoding="utf-8")
    [overdue] = client.open(path)
    assert overdue["code"] == "TPM303" and overdue["severity"] == 2 and overdue["source"] == "tpmdocs"
    assert overdue["range"] == {"start": {"line": 10, "character": 0}, "end": {"line": 10, "character": 3}}
    assert overdue["codeDescription"]["href"].endswith("/reference/rules/#tpm303")

    found = client.change(path, text.replace("status: in-progress", "status: in-progres"), version=2)
    typo = [d for d in found if d["code"] == "TPM010"]
    assert typo and typo[0]["severity"] == 1 and typo[0]["range"]["start"] == {"line": 11, "character": 0}

    completion = client.call("textDocument/completion", client.at(path, 12, len("depends_on: [PAY-T0")))
    labels = [item["label"] for item in completion["items"]]
    assert labels == [f"PAY-T0{n}" for n in range(1, 10) if n != 8]  # tasks only, not itself
    assert completion["items"][0]["textEdit"]["range"]["start"]["character"] == len("depends_on: [")

    hover = client.call("textDocument/hover", client.at(path, 12, len("depends_on: [PAY")))
    assert hover["contents"]["kind"] == "markdown"
    assert "PAY-T06 (task, done)" in hover["contents"]["value"]

    definition = client.call("textDocument/definition", client.at(path, 12, len("depends_on: [PAY")))
    assert definition["uri"] == (project / "docs/tasks/pay-t06.md").as_uri()
    assert definition["range"]["start"] == {"line": 2, "character": 4}

    references = client.call("textDocument/references",
                             {**client.at(path, 2, 5), "context": {"includeDeclaration": False}})
    assert {(r["uri"].rsplit("/", 1)[1], r["range"]["start"]["line"]) for r in references} == {
        ("pay-r05.md", 13), ("pay-t14.md", 12)}

    actions = client.call("textDocument/codeAction", {
        "textDocument": {"uri": path.as_uri()}, "context": {"diagnostics": typo},
        "range": {"start": {"line": 11, "character": 0}, "end": {"line": 11, "character": 0}}})
    assert [a["title"] for a in actions] == ["Change 'in-progres' to 'in-progress'"]
    assert actions[0]["kind"] == "quickfix" and actions[0]["diagnostics"] == typo
    [edit] = actions[0]["edit"]["changes"][path.as_uri()]
    assert edit == {"range": {"start": {"line": 11, "character": 8}, "end": {"line": 11, "character": 18}},
                    "newText": "in-progress"}

    assert client.shutdown() == 0
    assert client.stderr == b""
    assert path.read_text(encoding="utf-8") == text  # the editor's text was never written


def test_columns_are_utf16_units_on_non_ascii_lines(project, client):
    client.initialize(project)
    path = project / "docs/tasks/pay-t08.md"
    prefix = 'depends_on: ["𝄞ë", '
    text = path.read_text(encoding="utf-8").replace("depends_on: [PAY-T06]", prefix + "PAY-T99]")
    text = text.replace("# ", "# 𝄞𝄞 PAY-T06 ", 1)
    found = client.open(path, text)
    [unresolved] = [d for d in found if d["code"] == "TPM021" and "PAY-T99" in d["message"]]
    assert unresolved["range"]["start"]["character"] == _utf16(prefix) == len(prefix) + 1
    assert unresolved["range"]["end"]["character"] == _utf16(prefix + "PAY-T99")
    lines = text.split("\n")
    body = next(n for n, line in enumerate(lines) if "𝄞𝄞 PAY-T06" in line)
    column = _utf16(lines[body][:lines[body].index("PAY-T06")]) + 1
    hover = client.call("textDocument/hover", client.at(path, body, column))
    assert "PAY-T06 (task, done)" in hover["contents"]["value"]
    assert client.call("textDocument/hover", client.at(path, body, column - 3)) is None  # on 𝄞


def test_a_client_counting_utf8_gets_byte_columns(project):
    client = start(project, "--no-cache")
    try:
        capabilities = {**CAPABILITIES, "general": {"positionEncodings": ["utf-8", "utf-16"]}}
        assert client.initialize(project, capabilities)["capabilities"]["positionEncoding"] == "utf-8"
        path = project / "docs/tasks/pay-t08.md"
        prefix = 'depends_on: ["𝄞ë", '
        text = path.read_text(encoding="utf-8").replace("depends_on: [PAY-T06]", prefix + "PAY-T99]")
        [unresolved] = [d for d in client.open(path, text) if "PAY-T99" in d["message"]]
        assert unresolved["range"]["start"]["character"] == len(prefix.encode("utf-8"))
        assert client.shutdown() == 0
    finally:
        client.kill()


def test_plain_text_hover_for_clients_without_markdown(project):
    client = start(project, "--no-cache")
    try:
        capabilities = {**CAPABILITIES, "textDocument": {"hover": {"contentFormat": ["plaintext"]}}}
        client.initialize(project, capabilities)
        path = project / "docs/tasks/pay-t08.md"
        client.open(path)
        hover = client.call("textDocument/hover", client.at(path, 5, len("parent: PAY")))
        assert hover["contents"] == {"kind": "plaintext", "value": "\n".join([
            "PAY-T05 (task, in-progress)", "Build the payments service", "owner: @lukas",
            "start: 2026-07-13 · due: 2027-01-08", "project: PAY · docs/tasks/pay-t05.md"])}
    finally:
        client.kill()


def test_hover_text_from_a_document_cannot_escape_its_code_block(project, client):
    client.initialize(project)
    t06 = project / "docs/tasks/pay-t06.md"
    t06.write_text(t06.read_text().replace("title: Authorisation API and acquirer adapter",
                                           "title: \"```\\n# <img src=x onerror=alert(1)> ````\""))
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": t06.as_uri(), "type": 2}]})
    path = project / "docs/tasks/pay-t08.md"
    client.open(path)
    value = client.call("textDocument/hover", client.at(path, 12, len("depends_on: [PAY")))["contents"]["value"]
    lines = value.split("\n")
    assert lines[0] == "`````text" and lines[-1] == "`````"  # longer than any run inside
    assert all("`````" not in line for line in lines[1:-1])
    assert "\n# <img" not in value  # the line break in the title is gone: one line of text


def test_lint_does_not_import_the_server():
    result = run_cli_process("lint", "docs/example", "--today", EXAMPLE_TODAY, cwd=REPO,
                     env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "tpmdocs.linter" in imported  # the check sees what was imported
    assert not [name for name in imported if name.split(".")[0] in ("pygls", "lsprotocol", "cattrs")]
    assert not [name for name in imported if name.startswith("tpmdocs.lsp")]


def test_without_pygls_the_command_says_what_to_install(tmp_path):
    (tmp_path / "pygls").mkdir()
    (tmp_path / "pygls" / "__init__.py").write_text("raise ImportError(\"No module named 'pygls'\")\n")
    result = run_cli_process("lsp", env={"PYTHONPATH": f"{tmp_path}:{REPO}:{REPO / 'plugins'}"})
    assert result.returncode == 2
    assert "pip install 'tpmdocs[lsp]'" in result.stderr and "Traceback" not in result.stderr
