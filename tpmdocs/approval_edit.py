"""Write ``approved: {by, on, fingerprint}`` into a file's front matter, changing nothing else.

The edit works on the file's own text (its BOM and line breaks kept), guided
by libyaml's events, which say where each key and value begins and ends:

* an ``approved`` mapping whose entries are plain values (block or flow
  style, a v1 ``{by, on}`` among them) is edited in place: each of ``by``,
  ``on`` and ``fingerprint`` has its value replaced, and a missing one is
  added (a line at the mapping's indentation, or ``, key: value`` before the
  closing brace), so comments between its lines stay;
* any other ``approved`` (a string, a list, empty, a mapping with other keys)
  has its value replaced by a block mapping;
* without ``approved``, a block is added at the end of the front matter.

Every other byte of the file stays as it was. The result is read again by the
loader and must say exactly what it said before plus the new approval;
anything else (a front matter whose shape this cannot edit, such as one
written as a single flow mapping) is refused with :class:`EditRefused`.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .loader import decode, parse_text
from .model import Document
from .yaml12 import Event

try:  # libyaml's parser, as the loader uses
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

_BREAK = re.compile(r"\r\n|\r|\n")
_OPEN = re.compile(r"---[ \t]*")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
FIELDS = ("by", "on", "fingerprint")


Edit = tuple[int, int, str]  # (start, end, replacement) in the text


class EditRefused(Exception):
    """The front matter cannot be edited safely; the message says why."""


@dataclass(frozen=True)
class Approval:
    by: str
    on: str  # YYYY-MM-DD
    fingerprint: str

    def as_dict(self) -> dict[str, str]:
        return {"by": self.by, "on": self.on, "fingerprint": self.fingerprint}

    def scalar(self, name: str, flow: bool) -> str:
        """A value as YAML: the handle always quoted (``@`` cannot start a plain scalar), the
        fingerprint quoted in flow style, where some parsers end a plain scalar at ``:``."""
        value = self.as_dict()[name]
        if name == "by" or (name == "fingerprint" and flow):
            return json.dumps(value, ensure_ascii=False)
        return value


@dataclass
class _Lines:
    """The decoded text as lines with their own line breaks, and where each line starts."""

    text: str
    starts: list[int]
    breaks: list[str]

    @classmethod
    def of(cls, text: str) -> _Lines:
        starts, breaks, at = [0], [], 0
        for match in _BREAK.finditer(text):
            breaks.append(match.group())
            at = match.end()
            starts.append(at)
        breaks.append("")
        return cls(text, starts, breaks)

    def line(self, number: int) -> str:
        return self.text[self.starts[number]:self.starts[number] + self._length(number)]

    def _length(self, number: int) -> int:
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return end - self.starts[number] - len(self.breaks[number])

    def offset(self, mark: yaml.Mark) -> int:
        """The text offset of a libyaml mark of the front matter (which starts on line 1)."""
        return self.starts[mark.line + 1] + mark.column


def with_approval(raw: bytes, approval: Approval) -> bytes:
    """``raw`` (a whole file) with ``approval`` written into its front matter."""
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    try:
        text = raw[len(bom):].decode("utf-8")
    except UnicodeDecodeError:
        raise EditRefused("the file is not UTF-8 text") from None
    lines = _Lines.of(text)
    closing = _closing_line(lines)
    yaml_text = "\n".join(lines.line(n) for n in range(1, closing)) + "\n"
    edits = _edits(yaml_text, lines, closing, approval, lines.breaks[0] or "\n")
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    result = bom + text.encode("utf-8")
    _verify(raw, result, approval)
    return result


def _closing_line(lines: _Lines) -> int:
    count = len(lines.starts)
    if not _OPEN.fullmatch(lines.line(0)):
        raise EditRefused("the file has no front matter")
    for number in range(1, count):
        if _CLOSE.fullmatch(lines.line(number)) and lines.breaks[number - 1]:
            return number
    raise EditRefused("the front matter is never closed")


def _edits(yaml_text: str, lines: _Lines, closing: int, approval: Approval, eol: str) -> list[Edit]:
    """``(start, end, replacement)`` text edits that write the approval."""
    found = _find_approved(yaml_text)
    if found is None:
        block = "".join(f"{line}{eol}" for line in _block_lines(approval, "approved", 0))
        at = lines.starts[closing]
        return [(at, at, block)]
    key, events = found
    first = events[0]
    if isinstance(first, yaml.MappingStartEvent) and _plain_entries(events) is not None:
        return _edit_mapping(events, lines, approval, eol)
    end = _value_end(events, lines)
    colon = lines.text.index(":", lines.offset(key.end_mark))
    lines_out = _block_lines(approval, "", key.start_mark.column)[1:]
    return [(colon, max(end, colon + 1), ":" + "".join(eol + line for line in lines_out))]


def _find_approved(yaml_text: str) -> tuple[Event, list[Event]] | None:
    """``(key event, value events)`` of the top-level ``approved`` entry, or None."""
    loader = _EventLoader(yaml_text)
    try:
        return _scan(loader)
    except yaml.YAMLError as exc:
        raise EditRefused(f"the front matter is not valid YAML ({str(exc).splitlines()[0]})") from None
    finally:
        loader.dispose()


def _scan(loader: Any) -> tuple[Event, list[Event]] | None:
    depth, expecting_key, nested = 0, False, 0
    key: Event | None = None
    value: list[Event] = []
    while (event := loader.get_event()) is not None:
        opens = isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
        closes = isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent))
        if key is not None:  # collecting the value of ``approved``
            value.append(event)
            nested += 1 if opens else -1 if closes else 0
            if nested == 0:
                return key, value
        elif depth == 0:
            if opens and not isinstance(event, yaml.MappingStartEvent):
                raise EditRefused("the front matter is not a mapping")
            depth, expecting_key = (1, True) if opens else (0, False)
        elif depth == 1 and expecting_key:
            if closes:
                return None
            if isinstance(event, yaml.ScalarEvent) and event.value == "approved":
                key = event
            expecting_key = False
        else:
            depth += 1 if opens else -1 if closes else 0
            if depth == 1:
                expecting_key = True
    return None


def _plain_entries(events: list[Event]) -> dict[str, tuple[Event, Event]] | None:
    """The ``approved`` mapping's ``{name: (key event, value event)}`` when every entry is a
    plain value of :data:`FIELDS`, else None (then the value is replaced whole)."""
    entries: dict[str, tuple[Event, Event]] = {}
    pending: Event | None = None
    for event in events[1:-1]:
        if not isinstance(event, yaml.ScalarEvent) or (pending is not None and event.value == ""
                                                       and event.implicit[0]):
            return None  # a list or mapping, or an empty value (whose place libyaml does not mark)
        if pending is None:
            if event.value not in FIELDS or event.value in entries:
                return None
            pending = event
        else:
            entries[pending.value], pending = (pending, event), None
    return entries


def _edit_mapping(events: list[Event], lines: _Lines, approval: Approval, eol: str) -> list[Edit]:
    start, end = events[0], events[-1]
    flow = bool(start.flow_style)
    entries = _plain_entries(events) or {}
    edits = []
    for name, (_key, value) in entries.items():
        edits.append((lines.offset(value.start_mark), lines.offset(value.end_mark),
                      approval.scalar(name, flow)))
    missing = [name for name in FIELDS if name not in entries]
    if not missing:
        return edits
    if flow:
        at = lines.offset(end.start_mark)
        before = lines.text[lines.offset(start.start_mark) + 1:at].strip()
        added = ", ".join(f"{name}: {approval.scalar(name, True)}" for name in missing)
        return edits + [(at, at, (", " if before else "") + added)]
    if not entries:
        raise EditRefused("`approved` is an empty block")  # unreachable: an empty block is null
    last = max((pair[1] for pair in entries.values()), key=lambda event: event.end_mark.index)
    indent = " " * min(pair[0].start_mark.column for pair in entries.values())
    line = last.end_mark.line + 1
    at = lines.starts[line] + len(lines.line(line))
    added = "".join(f"{eol}{indent}{name}: {approval.scalar(name, False)}" for name in missing)
    return edits + [(at, at, added)]


def _value_end(events: list[Event], lines: _Lines) -> int:
    """Where the value's text ends: after its last event that is not the end of a block
    collection (libyaml places those at the next key), less trailing white space."""
    opened: list[bool] = []
    end = lines.offset(events[0].end_mark)
    for event in events:
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            opened.append(bool(event.flow_style))
            if event.flow_style:
                continue
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)) and not opened.pop():
            continue
        end = max(end, lines.offset(event.end_mark))
    while end > 0 and lines.text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _block_lines(approval: Approval, key: str, column: int) -> list[str]:
    indent = " " * (column + 2)
    return [f"{key}:"] + [f"{indent}{name}: {approval.scalar(name, False)}" for name in FIELDS]


def _verify(before: bytes, after: bytes, approval: Approval) -> None:
    """The edited file reads as before, plus the approval; else nothing is written."""
    old, new = _read(before), _read(after)
    if new is None or old is None:
        raise EditRefused("the front matter could not be read again after the edit")
    expected = {**old.data, "approved": approval.as_dict()}
    if new.data != expected or list(new.data) != list(expected):
        raise EditRefused("writing `approved` here would change other keys; edit it by hand")


def _read(raw: bytes) -> Document | None:
    try:
        return parse_text(decode(raw), Path("front-matter.md"), "front-matter.md").document
    except UnicodeDecodeError:
        return None
