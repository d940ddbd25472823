"""A small JSON-RPC client for the language server: start ``tpmdocs lsp`` as an editor does,
send frames (well formed or not), read what the server sends back. Standard library only:
``benchmarks/lsp.py`` drives the server with it too.

The server's standard output is read by a thread into a queue of messages; requests the
server sends (``client/registerCapability``) are answered as a client does. Standard error
is collected whole, so that tests can assert that nothing (no traceback) was written there.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TIMEOUT = 60.0


class ServerGone(Exception):
    """The server closed its output (or never answered in time)."""


class LspClient:
    """``tpmdocs lsp ARGS`` started in ``cwd`` with the environment ``env``."""

    def __init__(self, cwd: Path, *args: str, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tpmdocs", "lsp", *args], cwd=cwd, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue = queue.Queue()
        self.seen: list[dict] = []  # every message received, in order
        self.stderr = b""
        self._next_id = 0
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # --- sending --------------------------------------------------------------------------

    def send_raw(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: Any) -> None:
        body = json.dumps(message).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> dict:
        """Send a request and return the server's whole response (result or error)."""
        self._next_id += 1
        ident = self._next_id
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == ident and "method" not in m, timeout)

    def call(self, method: str, params: Any) -> Any:
        """A request's result (a test fails on an error response)."""
        response = self.request(method, params)
        assert "error" not in response, response
        return response["result"]

    # --- receiving ------------------------------------------------------------------------

    def wait(self, wanted: Callable[[dict], bool], timeout: float = TIMEOUT) -> dict:
        """The first message from now on that ``wanted`` accepts."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ServerGone(f"no such message in {timeout} s; stderr: {self.stderr[-2000:]!r}")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise ServerGone(f"the server closed its output; stderr: {self.stderr[-2000:]!r}")
            if wanted(message):
                return message

    def diagnostics(self, uri: str, timeout: float = TIMEOUT) -> list[dict]:
        """The next diagnostics the server publishes for ``uri``."""
        message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri, timeout)
        return message["params"]["diagnostics"]

    def _read_stdout(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    self.messages.put(None)
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            self.seen.append(message)
            if "method" in message and "id" in message:  # a request from the server
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            self.messages.put(message)

    def _read_stderr(self) -> None:
        for chunk in iter(lambda: self.process.stderr.read1(65536), b""):
            self.stderr += chunk

    # --- the session's ends ---------------------------------------------------------------

    def initialize(self, root: Path, capabilities: dict | None = None) -> dict:
        result = self.call("initialize", {
            "processId": None, "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "capabilities": capabilities if capabilities is not None else CAPABILITIES})
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str | None = None, version: int = 1) -> list[dict]:
        """Open a file (its text on disk unless given); its first diagnostics."""
        text = path.read_text(encoding="utf-8") if text is None else text
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": path.as_uri(), "languageId": "markdown", "version": version, "text": text}})
        return self.diagnostics(path.as_uri())

    def change(self, path: Path, text: str, version: int) -> list[dict]:
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": path.as_uri(), "version": version},
            "contentChanges": [{"text": text}]})
        return self.diagnostics(path.as_uri())

    def at(self, path: Path, line: int, character: int) -> dict:
        return {"textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": character}}

    def shutdown(self, timeout: float = TIMEOUT) -> int:
        """Shut down and exit as a client does; the server's exit status."""
        self.call("shutdown", None)
        self.notify("exit", None)
        self.process.stdin.close()
        return self.process.wait(timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


#: What a client such as VS Code says it can do (trimmed to what the server looks at).
CAPABILITIES = {
    "general": {"positionEncodings": ["utf-16"]},
    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}},
    "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]},
                     "completion": {"completionItem": {"snippetSupport": False}},
                     "publishDiagnostics": {"codeDescriptionSupport": True}},
}
