"""Drive Debian's headless chromium over the DevTools protocol on a pipe (standard library only).

``--remote-debugging-pipe`` makes chromium read commands from file descriptor
3 and write replies and events to 4, each a JSON message ended by a NUL byte.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

BASH = shutil.which("bash") or "/bin/bash"  # dash takes only one-digit fds in redirections
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1600"]


def available() -> bool:
    return os.access(CHROMIUM, os.X_OK)


def _high(fds: tuple) -> tuple:
    """The pipe's ends moved above fd 9, so that placing them on 3 and 4 clobbers nothing."""
    moved = tuple(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in fds)
    for fd in fds:
        os.close(fd)
    return moved


class Browser:
    """One chromium process; ``open(url)`` gives a :class:`Tab` with its collected errors."""

    def __init__(self, profile: Path) -> None:
        profile.mkdir(parents=True, exist_ok=True)
        log = open(profile / "chromium.log", "wb")  # noqa: SIM115 - lives as long as the process
        to_child_r, self._to_child = _high(os.pipe())
        self._from_child, from_child_w = _high(os.pipe())

        # The protocol wants the pipes as fds 3 and 4: the shell moves them there.
        wire = f'exec "$0" "$@" 3<&{to_child_r} 4>&{from_child_w} {to_child_r}<&- {from_child_w}>&-'
        self.process = subprocess.Popen(
            [BASH, "-c", wire, CHROMIUM, *FLAGS, "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(to_child_r, from_child_w), stdout=subprocess.DEVNULL, stderr=log)
        os.close(to_child_r)
        os.close(from_child_w)
        self._next = 0
        self._replies: dict = {}
        self.events: queue.Queue = queue.Queue()
        self._lock = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        self._replies[message["id"]] = message
                        self._lock.notify_all()
                else:
                    self.events.put(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._next not in self._replies:
                if not self._lock.wait(deadline - time.monotonic()):
                    raise TimeoutError(method)
            reply = self._replies.pop(self._next)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def open(self, url: str, scripts: bool = True, width: int | None = None, height: int = 1000,
             dark: bool = False, media: str = "screen") -> Tab:
        """A new tab on ``url``, loaded: optionally ``width`` × ``height`` CSS pixels, the dark colour
        scheme preferred, ``media`` emulated ("print"), JavaScript off. Every request the tab
        makes is recorded in ``tab.requests`` (their URLs)."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        tab = Tab(self, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=session)
        if not scripts:
            self.send("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
        if width is not None:
            self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                             "mobile": width < 600}, session=session)
        tab.emulate(media, dark)
        self.send("Page.navigate", {"url": url}, session=session)
        tab.wait_for("Page.loadEventFired")
        tab.settle(0.7)
        return tab

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (OSError, TimeoutError, RuntimeError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Tab:
    def __init__(self, browser: Browser, session: str) -> None:
        self.browser, self.session = browser, session
        self.errors: list = []
        self.requests: list = []  # the URL of every request the page made

    def emulate(self, media: str = "screen", dark: bool = False) -> None:
        features = [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]
        self.browser.send("Emulation.setEmulatedMedia", {"media": media, "features": features}, session=self.session)

    def _take(self, event: dict) -> str | None:
        if event.get("sessionId") != self.session:
            return None
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.exceptionThrown":
            self.errors.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append(" ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.errors.append(f"{params['entry'].get('text')} {params['entry'].get('url', '')}")
        return method

    def wait_for(self, method: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            event = self.browser.events.get(timeout=max(deadline - time.monotonic(), 0.01))
            if self._take(event) == method:
                return

    def settle(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self._take(self.browser.events.get(timeout=0.05))
            except queue.Empty:
                pass

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, session=self.session)

    def press(self, key: str, code: int) -> None:
        """A key pressed and released on the focused element, as a keyboard does it."""
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": key,
                                                 "windowsVirtualKeyCode": code,
                                                 **({"text": "\r"} if key == "Enter" and kind == "keyDown" else {})})
        self.settle(0.2)

    def type(self, text: str) -> None:
        """Text typed into the focused element."""
        self.send("Input.insertText", {"text": text})
        self.settle(0.2)

    def evaluate(self, expression: str):
        result = self.browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                   session=self.session)
        return result["result"].get("value")

    def screenshot(self, path: Path, selector: str | None = None) -> Path:
        """The whole page as a PNG, or only the first element ``selector`` matches (with a margin)."""
        params: dict = {"format": "png", "captureBeyondViewport": True}
        if selector is not None:
            box = json.loads(self.evaluate(
                f"JSON.stringify((b => ({{x: b.left + scrollX, y: b.top + scrollY, width: b.width, height: b.height}}))"
                f"(document.querySelector({json.dumps(selector)}).getBoundingClientRect()))"))
            params["clip"] = {"x": max(box["x"] - 8, 0), "y": max(box["y"] - 8, 0), "width": box["width"] + 16,
                              "height": box["height"] + 16, "scale": 1}
        data = self.browser.send("Page.captureScreenshot", params, session=self.session)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def pdf(self, path: Path, paper: str = "A4") -> Path:
        """The page printed (print media, its own @page margins) on A4 or Letter paper."""
        width, height = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}[paper]
        data = self.browser.send("Page.printToPDF", {"paperWidth": width, "paperHeight": height,
                                                     "printBackground": True, "preferCSSPageSize": False},
                                 session=self.session, timeout=60)["data"]
        path.write_bytes(base64.b64decode(data))
        return path
