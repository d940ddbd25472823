"""Bad input for ``tpmdocs lsp``: malformed frames, unknown methods, a 2 MB buffer of garbage,
a file deleted while open, files changed by git. The server stays up, answers what it can,
never sends or prints a traceback, and never writes a file."""

from __future__ import annotations

import json
import random
import subprocess

import pytest

from tests.helpers.bounded import snapshot
from tests.helpers.lsp import start

pytestmark = pytest.mark.acceptance  # tpmdocs lsp over stdio, as an editor starts it

T08 = "docs/tasks/pay-t08.md"
T14 = "docs/tasks/pay-t14.md"


def _contents(root):
    """What every file holds (not when it was touched), outside .git."""
    return {path: (mode, size, digest) for path, (mode, size, _, digest) in snapshot(root).items()
            if "/.git/" not in path and not path.endswith("/.git")}


def _clean(client):
    """Nothing of Python's insides reached the client or standard error."""
    assert b"Traceback" not in client.stderr and b'File "' not in client.stderr, client.stderr
    for message in client.seen:
        text = json.dumps(message)
        assert "Traceback" not in text and '"data"' not in json.dumps(message.get("error", {}))


def _alive(client, project):
    """The server still answers a real request correctly."""
    path = project / T08
    hover = client.call("textDocument/hover", client.at(path, 5, len("parent: PAY")))
    assert "PAY-T05 (task, in-progress)" in hover["contents"]["value"]


@pytest.fixture
def client(project):
    started = start(project)
    yield started
    started.kill()


def _error(client, code, ident):
    response = client.wait(lambda m: "error" in m and m.get("id") == ident)
    assert response["error"]["code"] == code, response
    assert "id" in response  # null when the message had none to answer with
    assert "data" not in response["error"]
    return response


def test_malformed_frames_and_unknown_methods_are_answered_and_survived(project, client):
    response = client.request("textDocument/hover", client.at(project / T08, 0, 0))
    assert "Traceback" not in json.dumps(response)  # before initialize: no answer to give
    client.initialize(project)
    before = _contents(project)
    client.open(project / T08)
    frames = [b"{{{{{", b"\xff\xfe\x00garbage", b"[1, 2]", b"42", b'"text"']
    for body in frames:
        client.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    for _ in frames[:2]:
        _error(client, -32700, None)  # parse errors, id null
    for _ in frames[2:]:
        _error(client, -32600, None)  # JSON, but not a message
    client.send({"id": 7, "method": "textDocument/hover", "params": {}})  # no "jsonrpc"
    _error(client, -32600, 7)
    client.send({"jsonrpc": "2.0", "id": 8, "method": "textDocument/hover",
                 "params": {"textDocument": 5, "position": "here"}})
    _error(client, -32602, 8)  # parameters of the wrong shape
    client.send({"jsonrpc": "2.0", "id": 9, "method": "tpmdocs/noSuchMethod", "params": {}})
    _error(client, -32601, 9)
    client.notify("tpmdocs/noSuchNotification", {"x": 1})
    client.notify("textDocument/didChange", {"textDocument": {"uri": 5}})  # a broken notification
    client.send_raw(b"X-Garbage: yes\r\nNot a header at all\r\n")
    _alive(client, project)
    assert client.shutdown() == 0
    _clean(client)
    assert _contents(project) == before


def _garbage(size: int, seed: int) -> str:
    rng = random.Random(seed)
    alphabet = "\x00\x01\x1b\t\r\n ---...:[]{}&*!|>'\"#%@`,-?ëŁ𝄞\u2028\u202e\ufeff\ud800"
    return "---\n" + "".join(rng.choice(alphabet) for _ in range(size))


@pytest.mark.slow
def test_a_two_megabyte_buffer_of_garbage(project, client):
    client.initialize(project)
    before = _contents(project)
    path = project / T08
    found = client.open(path, _garbage(2 * 1024 * 1024, 1))
    assert [d["code"] for d in found] == ["TPM001"]  # a lone surrogate: not UTF-8 text
    for version, text in enumerate([
            _garbage(2 * 1024 * 1024, 2).replace("\ud800", "x"),  # unclosed, or YAML gone wrong
            "---\n" + "[" * (2 * 1024 * 1024) + "\n---\n",  # front matter over its limit
            "---\ntype: task\nid: " + "A" * (2 * 1024 * 1024) + "\n---\n"], start=2):
        found = client.change(path, text, version)
        assert found and {d["code"] for d in found} <= {"TPM001", "TPM002", "TPM003", "TPM004", "TPM010",
                                                        "TPM021"}
        client.call("textDocument/completion", client.at(path, 1, 5))
        client.call("textDocument/hover", client.at(path, 2, 1000))
        client.call("textDocument/codeAction", {
            "textDocument": {"uri": path.as_uri()}, "context": {"diagnostics": []},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}}})
    client.change(path, (project / T08).read_text(encoding="utf-8"), 9)
    _alive(client, project)
    assert client.shutdown() == 0
    _clean(client)
    assert _contents(project) == before


def test_a_file_deleted_while_open(project, client):
    client.initialize(project)
    t08, t14 = project / T08, project / T14
    text = t08.read_text(encoding="utf-8")
    client.open(t08)
    assert not [d for d in client.open(t14) if d["code"] == "TPM021"]
    t08.unlink()
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": t08.as_uri(), "type": 3}]})
    assert [d["code"] for d in client.diagnostics(t08.as_uri())] == ["TPM303"]  # its text, as before
    client.diagnostics(t14.as_uri())
    found = client.change(t08, text.replace("status: in-progress", "status: in-progres"), 2)
    assert "TPM010" in [d["code"] for d in found]  # the open text still counts
    client.notify("textDocument/didClose", {"textDocument": {"uri": t08.as_uri()}})
    assert client.diagnostics(t08.as_uri()) == []
    unresolved = [d for d in client.diagnostics(t14.as_uri()) if d["code"] == "TPM021"]
    assert "PAY-T08" in unresolved[0]["message"]  # closed and gone from disk: gone
    assert not t08.exists()
    assert client.shutdown() == 0
    _clean(client)


def _git(project, *args):
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@x", "HOME": str(project), "PATH": "/usr/bin:/bin"})


def test_files_changed_on_disk_by_git_are_read_again(project):
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "example")
    _git(project, "checkout", "-q", "-b", "renamed")
    t08, t14 = project / T08, project / T14
    t08.write_text(t08.read_text().replace("id: PAY-T08", "id: PAY-T80"), encoding="utf-8")
    _git(project, "commit", "-q", "-am", "rename")
    _git(project, "checkout", "-q", "main")
    client = start(project)  # with the cache, in a repository
    try:
        client.initialize(project)
        assert not [d for d in client.open(t14) if d["code"] == "TPM021"]
        before = _contents(project)
        changed = {"changes": [{"uri": t08.as_uri(), "type": 2}]}
        _git(project, "checkout", "-q", "renamed")
        client.notify("workspace/didChangeWatchedFiles", changed)
        unresolved = [d for d in client.diagnostics(t14.as_uri()) if d["code"] == "TPM021"]
        assert unresolved and "PAY-T08" in unresolved[0]["message"]
        _git(project, "checkout", "-q", "main")
        client.notify("workspace/didChangeWatchedFiles", changed)
        assert not [d for d in client.diagnostics(t14.as_uri()) if d["code"] == "TPM021"]
        assert client.shutdown() == 0
        _clean(client)
        assert _contents(project) == before  # nothing written after start-up, cache included
    finally:
        client.kill()
