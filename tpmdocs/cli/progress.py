"""A progress bar on standard error for long runs, drawn only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

#: Runs reading fewer files than this finish before a bar would be worth drawing.
MIN_FILES = 200
WIDTH = 30


def progress_bar(what: str = "reading", stream: TextIO | None = None) -> Callable[[int, int], None] | None:
    """A ``progress(count, total)`` callback, or None when ``stream`` (stderr) is no terminal.

    The bar redraws only when its percentage changes and erases itself at the
    end, so nothing of it is left between the report lines.
    """
    stream = stream or sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()):
        return None
    shown = {"percent": -1}

    def progress(count: int, total: int) -> None:
        if total < MIN_FILES:
            return
        percent = count * 100 // total
        if percent != shown["percent"]:
            shown["percent"] = percent
            filled = WIDTH * count // total
            stream.write(f"\r{what} [{'#' * filled}{'.' * (WIDTH - filled)}] {count}/{total} files")
            stream.flush()
        if count == total:
            stream.write("\r" + " " * (len(what) + WIDTH + 2 * len(str(total)) + 12) + "\r")
            stream.flush()

    return progress
