"""Front matter as YAML 1.2 data, with the location of every key, and bounded.

PyYAML reads YAML 1.1 (``on`` and ``NO`` become booleans, ``0755`` an octal)
and its composer recurses once per nesting level and expands aliases for
whoever walks the result. So tpmdocs takes only the *events* from libyaml's
C parser (an iterative state machine) and composes the values itself, in one
pass without recursion:

* plain scalars are resolved by the YAML 1.2 core schema;
* every key and list item records its ``(line, column)``;
* duplicate keys, aliases, explicit tags other than the core ones, nesting
  deeper than ``MAX_DEPTH``, more than ``MAX_NODES`` values, non-finite
  floats and integers too long to convert are refused with a located
  :class:`YamlError` — before anything walks the tree;
* NEL, LS and PS (U+0085, U+2028, U+2029) are ordinary characters, as in
  YAML 1.2 and in the file's own line count, not line breaks as libyaml
  (YAML 1.1) reads them: they are swapped for unused private-use characters
  while libyaml reads, and back in every value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any, NoReturn

import yaml
import yaml.reader

from .model import KeyPath, echo

try:  # libyaml, when PyYAML was built with it (the wheels are)
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - pure-Python fallback, same events
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

# A PyYAML event as libyaml's parser makes it: the stubs type its marks as optional, and
# the parser always sets them.
Event = Any

MAX_DEPTH = 64
MAX_NODES = 100_000
MAX_INT_DIGITS = 400

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {None, "!", _CORE + "str", _CORE + "int", _CORE + "float", _CORE + "bool", _CORE + "null"}
_ALLOWED_TAGS = _SCALAR_TAGS | {_CORE + "seq", _CORE + "map"}

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True,
         "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_NUMBER_START = frozenset("-+.0123456789")


class YamlError(Exception):
    """Front matter that tpmdocs will not read, at a 0-based line/column of the YAML text."""

    def __init__(self, message: str, line: int = 0, column: int = 0, kind: str = "syntax",
                 first_line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.kind = kind  # syntax | duplicate-key | unsafe
        self.first_line = first_line  # for a duplicate key: where it was first defined


def _resolve_plain(text: str, mark: yaml.Mark) -> object:
    """A plain (unquoted) scalar under the YAML 1.2 core schema.

    The first character decides which patterns can apply: ``t``/``f`` only a
    boolean, ``~``/``n`` only null, a sign, dot or digit only a number; any
    other character makes a string.
    """
    if not text:
        return None
    first = text[0]
    if first in "tTfF":
        return _BOOL.get(text, text)
    if first in "~nN":
        return None if _NULL.match(text) else text
    if first not in _NUMBER_START:
        return text
    if _INT10.match(text):
        return _to_int(text, 10, mark)
    if _INT8.match(text):
        return _to_int(text[2:], 8, mark)
    if _INT16.match(text):
        return _to_int(text[2:], 16, mark)
    if _FLOAT.match(text):
        return _finite(float(text), text, mark)
    if _INF.match(text) or _NAN.match(text):
        _finite(math.nan, text, mark)
    return text


def _to_int(digits: str, base: int, mark: yaml.Mark) -> int:
    if len(digits) > MAX_INT_DIGITS:
        raise YamlError(f"number with {len(digits)} digits is too long (at most {MAX_INT_DIGITS})",
                        mark.line, mark.column, "unsafe")
    return int(digits, base)


def _finite(value: float, text: str, mark: yaml.Mark) -> float:
    if not math.isfinite(value):
        raise YamlError(f"{echo(text, 20)} is not a finite number; tpmdocs numbers must be finite",
                        mark.line, mark.column, "unsafe")
    return value


def _scalar(event: Event) -> object:
    tag = event.tag
    _check_tag(event, _SCALAR_TAGS)
    text = event.value
    if tag is None and event.implicit[0]:  # plain, untagged
        return _resolve_plain(text, event.start_mark)
    if tag in (None, "!", _CORE + "str"):
        return text
    return _explicit(tag, text, event.start_mark)


def _explicit(tag: str, text: str, mark: yaml.Mark) -> object:
    """A scalar with an explicit core tag such as ``!!int "5"``."""
    value = _resolve_plain(text, mark)
    kind = tag[len(_CORE):]
    wanted = {"int": (int,), "float": (int, float), "bool": (bool,), "null": (type(None),)}[kind]
    if (isinstance(value, bool) and kind != "bool") or not isinstance(value, wanted):
        raise YamlError(f"{echo(text, 40)} is not a valid !!{kind}", mark.line, mark.column)
    return float(value) if kind == "float" else value  # type: ignore[arg-type]  # an int or a float


def _check_tag(event: Event, fitting: set[str | None]) -> None:
    """Refuse a tag outside the core schema (unsafe) or one of the wrong kind (``!!map "text"``)."""
    tag = event.tag
    if tag in fitting:
        return
    mark = event.start_mark
    if tag not in _ALLOWED_TAGS:
        raise YamlError(f"the tag {echo(tag, 60)} is not allowed in front matter (plain YAML only)",
                        mark.line, mark.column, "unsafe")
    raise YamlError(f"the tag !!{tag[len(_CORE):]} does not fit this kind of value", mark.line, mark.column)


class _Frame:
    """A mapping or sequence being filled in, with where its next child goes."""

    __slots__ = ("is_map", "key_mark", "path", "pending_key", "value")

    def __init__(self, value: Any, path: KeyPath, is_map: bool) -> None:
        self.value = value
        self.path = path
        self.is_map = is_map
        self.pending_key: str | None = None
        self.key_mark: Any = None  # the yaml.Mark of pending_key


def compose(text: str) -> tuple[object, dict[KeyPath, tuple[int, int]]]:
    """Parse one YAML document into ``(value, locations)``.

    ``locations`` maps key paths (tuples of keys and indexes) to 0-based
    ``(line, column)`` of the key or list item in ``text``, in :func:`key_paths` order.
    """
    text, restore = _hide_yaml11_breaks(text)
    loader = _EventLoader(text)
    try:
        return _compose_events(loader, restore)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line, column = (mark.line, mark.column) if mark else (0, 0)
        if "nesting depth" in problem:  # newer libyaml stops deep nesting itself (PyYAML >= 6.0.4)
            raise YamlError(f"front matter is nested more than {MAX_DEPTH} levels deep",
                            line, column, "unsafe") from None
        raise YamlError(problem, line, column) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text) from None
    except yaml.YAMLError as exc:  # any other error without a mark
        raise YamlError(str(exc).splitlines()[0][:200]) from None
    finally:
        loader.dispose()


_YAML11_BREAKS = "\x85\u2028\u2029"


def _hide_yaml11_breaks(text: str) -> tuple[str, dict[int, str] | None]:
    """``text`` with NEL/LS/PS swapped for private-use characters it lacks, and the way back."""
    present = [ch for ch in _YAML11_BREAKS if ch in text]
    if not present:
        return text, None
    used = set(text)
    spare = (chr(cp) for cp in range(0xF0000, 0x10FFFE) if chr(cp) not in used)
    there = {ord(ch): stand_in for ch, stand_in in zip(present, spare)}
    back = {ord(stand_in): chr(ch) for ch, stand_in in there.items()}
    return text.translate(there), back


def _reader_error(exc: yaml.reader.ReaderError, text: str) -> YamlError:
    """A character libyaml's reader refuses, located by its byte offset in the UTF-8 text."""
    before = text.encode("utf-8")[: max(exc.position, 0)].decode("utf-8", "ignore")
    line = before.count("\n")
    column = len(before) - (before.rfind("\n") + 1)
    code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
    return YamlError(f"the character U+{code:04X} is not allowed in YAML ({exc.reason})", line, column)


#: The characters a plain scalar that is not a string can begin with (null: ``~``, ``null``, the
#: empty string; booleans; numbers, ``.inf`` and ``.nan``). Most plain scalars are words: a first
#: character outside this set settles that the scalar is a string without trying a pattern.
_MAYBE_NOT_STRING = frozenset("~nNtTfF-+.0123456789")


def _compose_events(loader: Any, restore: dict[int, str] | None
                    ) -> tuple[object, dict[KeyPath, tuple[int, int]]]:
    """Build the value from the parser's events; the hot loop of every lint, so names are local
    and the commonest event (a plain word) takes the shortest path."""
    locations: dict[KeyPath, tuple[int, int]] = {}
    stack: list[_Frame] = []
    root = None
    nodes = 0
    documents = 0
    get_event = loader.get_event
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    document_start = yaml.DocumentStartEvent
    maybe_not_string = _MAYBE_NOT_STRING
    while True:
        event = get_event()
        if event is None:  # after the stream's end
            break
        kind = type(event)
        if kind is scalar_event:
            nodes += 1
            if nodes > MAX_NODES:
                _too_many(event)
            if restore:
                event.value = event.value.translate(restore)
            text = event.value
            if event.tag is None and event.implicit[0]:  # plain, untagged
                value = text if text and text[0] not in maybe_not_string else _resolve_plain(text, event.start_mark)
            else:
                value = _scalar(event)
            if stack:
                _add(stack[-1], value, event, locations)
            else:
                root = value
        elif kind is mapping_end or kind is sequence_end:
            frame = stack.pop()
            if not stack:
                root = frame.value
        elif kind is mapping_start or kind is sequence_start:
            nodes += 1
            if nodes > MAX_NODES:
                _too_many(event)
            stack.append(_open_collection(event, stack, locations))
        elif kind is alias_event:
            raise YamlError("aliases (*name) are not allowed in front matter",
                            event.start_mark.line, event.start_mark.column, "unsafe")
        elif kind is document_start:
            documents += 1
            if documents > 1:
                raise YamlError("front matter holds more than one YAML document",
                                event.start_mark.line, event.start_mark.column)
        # stream start and end, document end: nothing to do
    return root, locations


def _too_many(event: Event) -> NoReturn:
    raise YamlError(f"front matter has more than {MAX_NODES} values",
                    event.start_mark.line, event.start_mark.column, "unsafe")


def _open_collection(event: Event, stack: list[_Frame],
                     locations: dict[KeyPath, tuple[int, int]]) -> _Frame:
    """The frame of a mapping or sequence that starts, checked for its tag and its depth."""
    is_map = type(event) is yaml.MappingStartEvent
    mark = event.start_mark
    _check_tag(event, {None, "!", _CORE + ("map" if is_map else "seq")})
    if len(stack) >= MAX_DEPTH:
        raise YamlError(f"front matter is nested more than {MAX_DEPTH} levels deep",
                        mark.line, mark.column, "unsafe")
    value: dict[object, object] | list[object] = {} if is_map else []
    path: KeyPath = ()
    if stack:
        added = _add(stack[-1], value, event, locations)
        if added is None:  # a collection used as a key
            raise YamlError("a mapping key must be a plain value, not a list or mapping",
                            mark.line, mark.column)
        path = added
    return _Frame(value, path, is_map)


def _add(frame: _Frame, value: object, event: Event,
         locations: dict[KeyPath, tuple[int, int]]) -> KeyPath | None:
    """Put ``value`` into the open collection; returns the child's key path."""
    mark = event.start_mark
    if not frame.is_map:
        path = frame.path + (len(frame.value),)
        frame.value.append(value)
        locations[path] = (mark.line, mark.column)
        return path
    if frame.pending_key is None:
        if isinstance(value, (dict, list)):
            return None
        key = event.value  # the key as written: `on`, `NO` and `2024` stay text
        if key in frame.value:
            first = locations.get(frame.path + (key,), (0, 0))[0]
            raise YamlError(f"duplicate key {echo(key, 60)}", mark.line, mark.column,
                            "duplicate-key", first_line=first)
        frame.pending_key = key
        frame.key_mark = mark
        return None
    key, frame.pending_key = frame.pending_key, None
    path = frame.path + (key,)
    frame.value[key] = value
    locations[path] = (frame.key_mark.line, frame.key_mark.column)
    return path


def key_paths(value: Any) -> Iterator[KeyPath]:
    """Every key's and list item's path in ``value``, parents first, in the order of the data:
    the order in which :func:`compose` records locations (so that the store of parsed documents
    keeps them as bare numbers). Iterative."""
    stack: list[tuple[KeyPath, Iterator[tuple[Any, Any]]]] = [((), _children(value))]
    while stack:
        prefix, children = stack[-1]
        for name, child in children:
            yield (*prefix, name)
            if isinstance(child, (dict, list)):
                stack.append(((*prefix, name), _children(child)))
                break
        else:
            stack.pop()


def count_paths(value: Any) -> int:
    """How many paths :func:`key_paths` gives for ``value``, without making them. Iterative."""
    count, pending = 0, [value]
    while pending:
        item = pending.pop()
        if type(item) is dict:
            count += len(item)
            pending.extend(item.values())
        elif type(item) is list:
            count += len(item)
            pending.extend(item)
    return count


def _children(value: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(value, dict):
        return iter(value.items())
    return enumerate(value) if isinstance(value, list) else iter(())
