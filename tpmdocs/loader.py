"""Read one Markdown file into a :class:`Document`, or into findings saying why not.

Every way a file can be unreadable or malformed ends here as a located
finding: not a regular file, too large, not UTF-8, front matter unclosed,
YAML that is invalid, unsafe or not a mapping. A file whose front matter has
no ``type`` is an ordinary page (``None``, no finding).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .fingerprint import body_digest, fingerprint
from .model import Document, Finding
from .yaml12 import YamlError, compose

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_FRONT_MATTER_CHARS = 1024 * 1024

# Codes of the loader's own checks (documented in the rule registry).
UNREADABLE = "TPM001"
MALFORMED = "TPM002"
DUPLICATE_KEY = "TPM003"
UNSUPPORTED_YAML = "TPM004"

_OPEN = re.compile(r"---[ \t]*(?:\n|$)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_LINE_DISABLE = re.compile(r"#\s*tpmdocs:\s*disable(?:=([A-Za-z0-9_, -]+))?")
_FILE_DISABLE = re.compile(r"<!--\s*tpmdocs-disable((?:[\s,]+[A-Za-z0-9_]+)*)\s*-->")


@dataclass
class Loaded:
    """What reading one file gave: a document, or nothing (an ordinary page), and findings."""

    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    text: str | None = None  # the decoded, normalised text, for callers that render it
    body_line: int = 1  # the first line after the front matter (1 when there is none)


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; refuses non-regular files without blocking on them."""
    return read_bytes_and_stat(path, limit)[0]


def read_bytes_and_stat(path: Path | str, limit: int = MAX_FILE_BYTES) -> tuple[bytes, os.stat_result]:
    """The file's bytes, as :func:`read_bytes`, and its stat when it was opened (no second stat
    for the store: a cold run reads thousands of files)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError("not a regular file")
        if info.st_size > limit:
            raise OSError(too_large(info.st_size, limit))
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise OSError(too_large(None, limit))
            chunks.append(chunk)
        return b"".join(chunks), info
    finally:
        os.close(fd)


def too_large(size: int | None, limit: int = MAX_FILE_BYTES) -> str:
    """Why a file (or unsaved text) of ``size`` bytes (None: not known, only too many) is not read."""
    if size is None:
        return f"file is larger than the limit of {limit} bytes"
    return f"file is {size} bytes, larger than the limit of {limit}"


def decode(raw: bytes) -> str:
    """UTF-8 text without BOM, with every line break as ``\\n``.

    The bytes are normalised before they are decoded: a 16 MiB file of wide
    characters is then one 64 MiB string, not three. Raises
    ``UnicodeDecodeError`` when ``raw`` is not UTF-8 (see :func:`bad_byte`).
    """
    return _normalise(raw).decode("utf-8")


def _normalise(raw: bytes) -> bytes:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return raw


def bad_byte(raw: bytes) -> tuple[int, int, int] | None:
    """``(line, column, offset)`` of the first byte of ``raw`` that is not UTF-8, or None.

    Line and column count as the decoded text does (a BOM adds nothing, CRLF
    and CR are one break, a column is a character); the offset is in the file.
    """
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = _normalise(raw[:exc.start])
        start_of_line = before.rfind(b"\n") + 1
        return before.count(b"\n") + 1, len(before[start_of_line:].decode("utf-8")) + 1, exc.start
    return None


def load_file(path: Path, display: str) -> Loaded:
    """Read ``path``; findings are reported under ``display``."""
    try:
        raw = read_bytes(path)
    except OSError as exc:
        return unreadable(display, exc.strerror or str(exc))
    return load_bytes(raw, path, display)


def unreadable(display: str, reason: str) -> Loaded:
    """The loader's result for contents it does not read, saying why."""
    return Loaded(findings=[Finding(display, 1, 1, UNREADABLE, f"cannot read the file: {reason}")])


def load_bytes(raw: bytes, path: Path, display: str) -> Loaded:
    """Read a file's contents (already bounded by :func:`read_bytes`) as :func:`load_file` does;
    the cache hashes the bytes before this."""
    try:
        text = decode(raw)
    except UnicodeDecodeError as exc:
        line, column, offset = bad_byte(raw) or (1, 1, exc.start)
        message = f"the file is not UTF-8 text (byte 0x{raw[offset]:02x} at offset {offset})"
        return Loaded(findings=[Finding(display, line, column, UNREADABLE, message)])
    return parse_text(text, path, display)


def parse_text(text: str, path: Path, display: str, with_fingerprint: bool = False) -> Loaded:
    """Split off and read the front matter of already decoded text; the document's fingerprint
    is made for a document with an ``approved`` key, or for any with ``with_fingerprint``."""
    if not _OPEN.match(text):
        return Loaded(text=text)
    start = text.find("\n")
    closing = _CLOSE.search(text, start + 1) if start >= 0 else None
    if closing is None:
        return Loaded(text=text, findings=[Finding(
            display, 1, 1, MALFORMED,
            "front matter is opened by '---' on line 1 but never closed by '---' or '...'")])
    size = closing.start() - (start + 1)
    if size > MAX_FRONT_MATTER_CHARS:  # checked before the front matter is copied out
        return Loaded(text=text, findings=[Finding(
            display, 1, 1, UNSUPPORTED_YAML,
            f"front matter is {size} characters, more than the limit of {MAX_FRONT_MATTER_CHARS}")])
    yaml_text = text[start + 1:closing.start()]
    body_line = 2 + yaml_text.count("\n") + 1
    try:
        data, locations = compose(yaml_text)
    except YamlError as exc:
        return Loaded(text=text, findings=[_yaml_finding(exc, display)], body_line=body_line)
    if data is None:
        return Loaded(text=text, body_line=body_line)  # empty front matter: an ordinary page
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return Loaded(text=text, body_line=body_line, findings=[Finding(
            display, 2, 1, MALFORMED, f"front matter must be a mapping of keys to values, not {kind}")])
    if "type" not in data:
        return Loaded(text=text, body_line=body_line)
    document = Document(path=path, display=display, data=data, locations=locations,
                        yaml_line=2, body_line=body_line, size=len(yaml_text))
    if with_fingerprint or "approved" in data:  # it covers the body, which is not kept
        document.fingerprint = fingerprint(data, body_digest(text[closing.end():]))
    _read_suppressions(document, yaml_text, text, closing.end())
    return Loaded(document=document, text=text, body_line=body_line)


def _yaml_finding(exc: YamlError, display: str) -> Finding:
    code = {"duplicate-key": DUPLICATE_KEY, "unsafe": UNSUPPORTED_YAML}.get(exc.kind, MALFORMED)
    message = exc.message
    if exc.first_line is not None:
        message += f" (first defined on line {exc.first_line + 2})"
    elif code == MALFORMED:
        message = f"invalid YAML in front matter: {message}"
    return Finding(display, exc.line + 2, exc.column + 1, code, message)


def _codes(text: str | None) -> frozenset[str]:
    codes = frozenset(c.upper() for c in re.split(r"[\s,]+", text or "") if c)
    return codes or frozenset({"*"})


def _read_suppressions(document: Document, yaml_text: str, text: str, body_start: int) -> None:
    """``# tpmdocs: disable=CODE`` on a front-matter line; ``<!-- tpmdocs-disable CODE -->`` in the body.

    The body is searched in place (from ``body_start``), not copied: it may be megabytes.
    """
    if "tpmdocs" in yaml_text:
        for number, line in enumerate(yaml_text.split("\n")):
            match = _LINE_DISABLE.search(line)
            if match:
                document.suppressed_lines[number + 2] = _codes(match.group(1))
    if text.find("tpmdocs-disable", body_start) >= 0:
        codes: set[str] = set()
        for match in _FILE_DISABLE.finditer(text, body_start):
            codes |= _codes(match.group(1))
        document.suppressed_codes = frozenset(codes)
