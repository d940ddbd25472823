"""What the browser tests share: a built site served on the loopback (the ``browser`` fixture, a
chromium per test, is in ``tests/site/conftest.py``), and the folder the test run writes its
screenshots to (``build/screenshots/``, git-ignored)."""

from __future__ import annotations

import contextlib
import functools
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.helpers import chromium as cdp_browser

SCREENSHOTS = REPO / "build" / "screenshots"

needs_chromium = [pytest.mark.browser,
                  pytest.mark.skipif(not cdp_browser.available(), reason="chromium is not installed")]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path, port: int = 0):
    """``folder`` over HTTP on 127.0.0.1 (``port``, or a free one); yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A port nothing listens on now (for a site that must know its URL before it is served)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def outside(tab, base: str) -> list:
    """The requests a page made to anything but the served site (``data:`` URLs are no request)."""
    return [url for url in tab.requests if not url.startswith((base + "/", "data:"))]
