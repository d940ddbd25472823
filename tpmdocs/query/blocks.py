"""Where the query blocks of a Markdown text are: fenced code blocks whose info string is ``tpmdocs``.

Read line by line, as CommonMark reads fences: an opening fence of three or more backticks
or tildes, the block up to a closing fence of the same character, at least as long, with
nothing after it. Every other fenced block is stepped over whole, so a query shown as an
example inside a longer fence (as this project's docs do) stays an example. A fence may be
indented (inside a list item or an admonition); it then ends at a closing fence and its
lines lose that indentation. A query block that is never closed runs to the end of the text
(CommonMark) and is reported, not run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INFO = "tpmdocs"
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")
#: A text without this cannot hold a query block: the cheap test every page passes first.
HINT = INFO


@dataclass(frozen=True)
class QueryBlock:
    """One query block: its lines in the text (0-based, ``end`` past the closing fence) and body."""

    start: int  # the opening fence's line
    end: int  # the line after the closing fence (the text's line count when never closed)
    indent: str  # what precedes the opening fence on its line
    body: str  # the query's YAML, the indentation taken off
    closed: bool


def find_blocks(text: str, first_line: int = 0) -> list[QueryBlock]:
    """The query blocks of ``text`` at or after line ``first_line`` (0-based: the body of a
    document starts after its front matter), in order."""
    if HINT not in text:
        return []
    lines = text.split("\n")
    found = []
    number = first_line
    while number < len(lines):
        opening = _FENCE.match(lines[number])
        if opening is None or (opening.group("fence")[0] == "`" and "`" in opening.group("info")):
            number += 1
            continue
        end = _closing(lines, number + 1, opening.group("fence"))
        words = opening.group("info").split()
        if words and words[0] == INFO:
            indent = opening.group("indent")
            body = "\n".join(_dedent(line, indent) for line in lines[number + 1:min(end, len(lines))])
            found.append(QueryBlock(number, min(end + 1, len(lines)), indent, body, end < len(lines)))
        number = end + 1
    return found


def _closing(lines: list[str], start: int, fence: str) -> int:
    """The line of the fence that closes one opened with ``fence`` (``len(lines)`` if none)."""
    for number in range(start, len(lines)):
        match = _FENCE.match(lines[number])
        if (match and match.group("fence")[0] == fence[0] and len(match.group("fence")) >= len(fence)
                and not match.group("info").strip()):
            return number
    return len(lines)


def _dedent(line: str, indent: str) -> str:
    return line[len(indent):] if line.startswith(indent) else line.lstrip(" \t")
