"""Where a position lies in a document's front matter, read from the text alone.

Completion is asked for while the user types, when the YAML is often not valid yet (an
open ``[``, a key without a value), so the loader has nothing to say. These functions look
at lines only: the front matter's fences as the loader finds them, top-level keys written
``key:`` at the start of a line, and the word typed before the cursor. Lines are the
client's (:func:`tpmdocs.lsp.positions.split_lines`); columns are characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = re.compile(r"\ufeff?---[ \t]*$")  # as the loader opens front matter (after a BOM)
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*$")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?=[ \t]|$)")
_TYPED_ID = re.compile(r"[A-Za-z0-9_.-]*$")
_TYPED_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*$|$")
_ID_CHAR = re.compile(r"[A-Za-z0-9_.-]")
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
#: How far around a position a word is looked for (a line may be megabytes of garbage).
_WORD_REACH = 128


@dataclass(frozen=True)
class Spot:
    """What is being typed at a position of the front matter.

    ``key`` is the top-level key whose value the position is in, or None when a key itself
    is being typed; ``typed`` is the word before the position, starting at column ``start``.
    """

    key: str | None
    typed: str
    start: int


def fences(lines: list[str]) -> tuple[int, int] | None:
    """``(first, end)``: the indexes of the first YAML line and of the closing fence (the
    number of lines when the front matter is not closed yet); None without front matter."""
    if not lines or not _OPEN.match(lines[0]):
        return None
    for index in range(1, len(lines)):
        if _CLOSE.match(lines[index]):
            return 1, index
    return 1, len(lines)


def top_level_key(line: str) -> str | None:
    """The key a line starts, when it starts one at column 0."""
    match = _KEY.match(line)
    return match.group(1) if match else None


def keys_present(lines: list[str]) -> set[str]:
    """The top-level keys the front matter already has."""
    bounds = fences(lines)
    if bounds is None:
        return set()
    return {key for key in map(top_level_key, lines[bounds[0]:bounds[1]]) if key}


def value_of(lines: list[str], key: str) -> str | None:
    """The plain value written on the line of a top-level ``key`` (e.g. ``type: task``)."""
    bounds = fences(lines)
    if bounds is None:
        return None
    for line in lines[bounds[0]:bounds[1]]:
        match = _KEY.match(line)
        if match and match.group(1) == key:
            value = line[match.end():].split(" #", 1)[0].strip().strip("'\"")
            return value or None
    return None


def spot(lines: list[str], line: int, character: int) -> Spot | None:
    """What is typed at ``(line, character)``, or None outside the front matter, in a
    comment, or in a nested mapping (whose keys are not completed)."""
    bounds = fences(lines)
    if bounds is None or not bounds[0] <= line < bounds[1] or line >= len(lines):
        return None
    before = lines[line][:character]
    if " #" in before or before.startswith("#"):
        return None
    key = top_level_key(lines[line])
    if key is not None and character > lines[line].index(":"):
        return _typed_value(key, before)
    if not before[:1].isspace() and not before.startswith("-"):
        typed = _tail(_TYPED_KEY, before)
        return Spot(None, typed, character - len(typed)) if len(typed) == len(before) else None
    if _KEY.match(before.lstrip(" \t-")) or (":" in before and not before.lstrip(" \t").startswith("-")):
        return None  # in a nested mapping (`  name: x`, `  - name: x`)
    for above in range(line - 1, bounds[0] - 1, -1):
        key = top_level_key(lines[above])
        if key is not None:
            return _typed_value(key, before)
        if lines[above][:1] not in ("", " ", "\t", "-", "#"):
            return None
    return None


def _typed_value(key: str, before: str) -> Spot:
    typed = _tail(_TYPED_ID, before)
    return Spot(key, typed, len(before) - len(typed))


def _tail(pattern: re.Pattern[str], text: str) -> str:
    """What ``pattern`` (anchored at the end) matches at the end of ``text``."""
    match = pattern.search(text)
    return match.group() if match else ""


def word_at(line: str, character: int) -> tuple[str, int] | None:
    """The id-like word (a letter, then letters, digits, ``-``, ``_``, ``.``) that the
    position touches, with the column it starts at; None when there is none."""
    if not 0 <= character <= len(line):
        return None
    start = character
    while start > 0 and character - start < _WORD_REACH and _ID_CHAR.match(line[start - 1]):
        start -= 1
    end = character
    while end < len(line) and end - character < _WORD_REACH and _ID_CHAR.match(line[end]):
        end += 1
    word = line[start:end].rstrip(".")  # a sentence's full stop is not part of the id
    if not _ID.fullmatch(word) or character > start + len(word):
        return None
    return word, start
