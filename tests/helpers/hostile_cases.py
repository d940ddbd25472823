"""The hostile inputs of issue 6 (linter side), each with the finding it must give.

A case builds its files at test time (binary files, pipes and links cannot be
committed) into a folder of its own, next to a valid charter so that only the
hostile file is wrong. ``expect`` lists the ``(code, 1-based line)`` pairs
that must be reported for the case's ``target``; ``absent`` lists codes that
must not be reported for it (the YAML 1.1 traps show their YAML 1.2 reading
that way); ``says`` and ``never_says`` are substrings of the target's
messages. Ids are prefixed with the case's namespace so that every case can
also share one folder with all the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CHARTER = """---
type: charter
id: {ns}
title: Hostile input case {ns}
phase: initiation
sponsor: "@sponsor"
manager: "@manager"
problem: Inputs written by anyone with a pull request.
objectives: [Survive them]
scope: {{in: [linting], out: [publishing]}}
stakeholders:
  - {{name: Reviewers, role: Readers, interest: high, influence: low}}
---

# Case {ns}
"""

MiB = 1024 * 1024
DEEP = 100_000


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path, str], None]  # (case folder, id namespace) -> files written
    target: str = "case.md"  # the hostile file, relative to the case folder
    prefix: bool = False  # the target is a prefix of the reported path (a folder deep below)
    expect: tuple = ()  # ((code, line) or (code, line, column), ...) to report on the target
    absent: tuple = ()  # codes, or (code, line) pairs, that must not be reported for the target
    says: tuple = ()  # substrings that some message on the target contains
    never_says: tuple = ()  # substrings that no output line contains
    files: int = 1  # how many hostile files: more than one gets the folder's time budget
    needs_non_root: bool = False  # root reads a chmod 000 file anyway

    def make(self, folder: Path, ns: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "charter.md").write_text(CHARTER.format(ns=ns), encoding="utf-8")
        self.build(folder, ns)


def task(ns: str, *lines: str, suffix: str = "T1", title: str = "A task") -> str:
    """A task whose extra ``lines`` start on file line 5 (after ---, type, id, title)."""
    body = "".join(line + "\n" for line in lines)
    return f"---\ntype: task\nid: {ns}-{suffix}\ntitle: {title}\n{body}---\n\n# Body\n"


def write_text(name: str, make_text: Callable[[str], str]):
    def build(folder: Path, ns: str) -> None:
        (folder / name).write_bytes(make_text(ns).encode("utf-8"))
    return build


def write_bytes(name: str, make_bytes: Callable[[str], bytes]):
    def build(folder: Path, ns: str) -> None:
        (folder / name).write_bytes(make_bytes(ns))
    return build


def text_case(name: str, make_text, expect=(), **kw) -> Case:
    return Case(name, write_text("case.md", make_text), expect=expect, **kw)


def bytes_case(name: str, make_bytes, expect=(), **kw) -> Case:
    return Case(name, write_bytes("case.md", make_bytes), expect=expect, **kw)


# --- builders that need more than one file or a special file ---------------------------

def _alias_bomb(ns: str, *more: str) -> str:
    """The classic "billion laughs": nine levels of nine aliases (9**9 strings) in ~400 bytes."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return task(ns, *lines, *more)


def _block_nesting_that_fits(ns: str) -> str:
    """Block mappings indented one space per level, as deep as fits in 1 MiB of front matter."""
    levels = 1400
    lines = [" " * depth + "k:" for depth in range(levels)]
    return task(ns, *lines)


def _cycle(count: int):
    def build(folder: Path, ns: str) -> None:
        for n in range(count):
            text = task(ns, f"depends_on: {ns}-T{(n + 1) % count}", suffix=f"T{n}")
            (folder / f"t{n:04d}.md").write_text(text, encoding="utf-8")
    return build


def _two(first: str, second: str):
    def build(folder: Path, ns: str) -> None:
        (folder / "a.md").write_text(task(ns, suffix=first), encoding="utf-8")
        (folder / "case.md").write_text(task(ns, suffix=second), encoding="utf-8")
    return build


def _symlink_loop(folder: Path, ns: str) -> None:
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to("..", target_is_directory=True)
    (folder / "self").symlink_to("self", target_is_directory=True)
    (folder / "case.md").symlink_to("case.md")
    (folder / "ping.md").symlink_to("pong.md")
    (folder / "pong.md").symlink_to("ping.md")


SECRET = "SECRET-OUTSIDE-THE-TREE"


def _outside(folder: Path, ns: str) -> None:
    # Case folders sit two levels below a scratch folder that is never linted.
    secret = folder.parent.parent / f"outside-{folder.name}"
    secret.mkdir(exist_ok=True)
    (secret / "secret.md").write_text(f"---\ntype: task\nid: {SECRET}\ntitle: {SECRET}\n---\n")
    (folder / "case.md").symlink_to(secret / "secret.md")
    (folder / "elsewhere").symlink_to(secret, target_is_directory=True)


def _path_too_long(folder: Path, ns: str) -> None:
    """Folders nested past PATH_MAX (4,096 bytes), made relative to open folders as git would."""
    parent = os.open(folder, os.O_RDONLY)
    try:
        for level in range(25):
            name = f"long{level:02d}" + "x" * 200
            os.mkdir(name, dir_fd=parent)
            child = os.open(name, os.O_RDONLY, dir_fd=parent)
            os.close(parent)
            parent = child
        fd = os.open("deep.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=parent)
        os.write(fd, task(ns, "status: bogus").encode())
        os.close(fd)
    finally:
        os.close(parent)


def _dangling(folder: Path, ns: str) -> None:
    (folder / "case.md").symlink_to("nowhere.md")


def _fifo(folder: Path, ns: str) -> None:
    os.mkfifo(folder / "x.md")


def _folder_named_md(folder: Path, ns: str) -> None:
    (folder / "y.md").mkdir()
    (folder / "y.md" / "inner.md").write_text(task(ns), encoding="utf-8")


def _unreadable(folder: Path, ns: str) -> None:
    path = folder / "case.md"
    path.write_text(task(ns), encoding="utf-8")
    path.chmod(0)


# --- the cases ------------------------------------------------------------------------

CASES = (
    # Files that are not text
    bytes_case("binary", lambda ns: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64,
               expect=(("TPM001", 1),), says=("not UTF-8",)),
    bytes_case("latin1", lambda ns: task(ns, "owner: Caf\xe9").encode("latin-1"),
               expect=(("TPM001", 5),), says=("0xe9",)),
    bytes_case("latin1-after-crlf", lambda ns: task(ns, "owner: x", "notes: cr\xe8me")
               .replace("\n", "\r\n").encode("latin-1"), expect=(("TPM001", 6),)),
    bytes_case("latin1-after-cr-only", lambda ns: task(ns, "owner: x", "notes: cr\xe8me")
               .replace("\n", "\r").encode("latin-1"), expect=(("TPM001", 6, 10),)),
    bytes_case("latin1-after-bom", lambda ns: b"\xef\xbb\xbfcaf\xe9\n", expect=(("TPM001", 1, 4),)),
    bytes_case("utf8-surrogate", lambda ns: task(ns).encode() + b"body \xed\xa0\x80\n",
               expect=(("TPM001", 8),)),
    bytes_case("utf8-overlong", lambda ns: b"\xc0\xaf" + task(ns).encode(), expect=(("TPM001", 1),)),
    # Empty and odd front matter
    bytes_case("empty-file", lambda ns: b"", absent=("TPM001", "TPM002")),
    text_case("dashes-alone", lambda ns: "---", expect=(("TPM002", 1),)),
    text_case("dashes-alone-newline", lambda ns: "---\n", expect=(("TPM002", 1),)),
    text_case("empty-front-matter", lambda ns: "---\n---\n# Page\n", absent=("TPM002",)),
    text_case("unclosed", lambda ns: f"---\ntype: task\nid: {ns}-T1\ntitle: T\n\n# Body\n",
              expect=(("TPM002", 1),), says=("never closed",)),
    text_case("list-front-matter", lambda ns: "---\n- type: task\n- id: x\n---\n",
              expect=(("TPM002", 2),), says=("not a list",)),
    text_case("scalar-front-matter", lambda ns: "---\njust a sentence\n---\n",
              expect=(("TPM002", 2),), says=("not a single value",)),
    # Line breaks and byte-order marks: a BOM adds no line, CRLF is one break
    bytes_case("crlf", lambda ns: task(ns, "owner: a", "status: bogus").replace("\n", "\r\n").encode(),
               expect=(("TPM010", 6),)),
    bytes_case("bom", lambda ns: b"\xef\xbb\xbf" + task(ns, "owner: a", "status: bogus").encode(),
               expect=(("TPM010", 6),)),
    bytes_case("bom-crlf", lambda ns: b"\xef\xbb\xbf" + task(ns, "status: bogus")
               .replace("\n", "\r\n").encode(), expect=(("TPM010", 5),)),
    bytes_case("cr-only", lambda ns: task(ns, "owner: a", "status: bogus").replace("\n", "\r").encode(),
               expect=(("TPM010", 6),)),
    # Unicode line separators are not line breaks in YAML 1.2 (nor in the file's line count)
    text_case("unicode-line-separators", lambda ns: task(
        ns, 'notes: "one\u2028two\u2029three\x85four"', "owner: x\u2028y", "status: bogus"),
        expect=(("TPM010", 6), ("TPM010", 7)), absent=("TPM002",)),
    text_case("line-separator-in-comment", lambda ns: task(ns, "# note\u2028owner: 5", "status: bogus"),
              expect=(("TPM010", 6),), absent=(("TPM010", 5),), never_says=("`owner`",)),
    # NUL and other control characters
    text_case("nul-in-front-matter", lambda ns: task(ns, "owner: a", "notes: a\x00b"),
              expect=(("TPM002", 6),), never_says=("\x00",)),
    text_case("escape-in-front-matter", lambda ns: task(ns, "owner: \x1b[31mred"),
              expect=(("TPM002", 5),), never_says=("\x1b",)),
    text_case("control-in-body", lambda ns: task(ns, "status: bogus") + "a\x00b\x07c\x1b[2J\n",
              expect=(("TPM010", 5),), absent=("TPM001", "TPM002"), never_says=("\x1b", "\x00")),
    # Resource exhaustion
    text_case("alias-bomb", _alias_bomb, expect=(("TPM004", 6),), says=("alias",)),
    # ... and one that the schema check would walk, were it expanded
    text_case("alias-bomb-in-tags", lambda ns: _alias_bomb(ns, "tags: *i"), expect=(("TPM004", 6),)),
    text_case("anchor-without-alias", lambda ns: task(ns, "owner: &me '@a'"), absent=("TPM004",)),
    text_case("deep-flow", lambda ns: task(ns, "x: " + "[" * DEEP + "]" * DEEP),
              expect=(("TPM004", 5),), says=("nested",)),
    text_case("deep-flow-unclosed", lambda ns: task(ns, "x: " + "{a: " * DEEP),
              expect=(("TPM004", 5),)),
    text_case("deep-block-dashes", lambda ns: task(ns, "x:", "- " * DEEP + "leaf"),
              expect=(("TPM004", 6),)),
    # `? ? ?`: a mapping as a key, refused at the first level, before depth matters
    text_case("deep-block-explicit-keys", lambda ns: task(ns, "x:", "  " + "? " * DEEP + "leaf"),
              expect=(("TPM002", 6),), says=("plain value",)),
    text_case("deep-block-indented", _block_nesting_that_fits,
              expect=(("TPM004", 4 + 65),), says=("nested",)),  # level d starts on line 4 + d
    text_case("nesting-under-libyaml-limit", lambda ns: task(ns, "x: " + "[" * 999 + "]" * 999),
              expect=(("TPM004", 5),)),
    text_case("nesting-at-max-depth", lambda ns: task(ns, "x: " + "[" * 63 + "]" * 63),
              absent=("TPM002", "TPM004")),
    text_case("too-many-values", lambda ns: task(ns, "x: [" + "1," * 200_000 + "1]"),
              expect=(("TPM004", 5),)),
    text_case("front-matter-2mib", lambda ns: task(ns, "notes: " + "a" * (2 * MiB)),
              expect=(("TPM004", 1),), says=("limit",)),
    text_case("body-5mib", lambda ns: task(ns, "status: bogus") + ("lorem ipsum " * 90 + "\n") * 4900,
              expect=(("TPM010", 5),), absent=("TPM001", "TPM004")),
    text_case("file-17mib", lambda ns: task(ns) + "x" * (17 * MiB), expect=(("TPM001", 1),),
              says=("limit",)),
    bytes_case("file-16mib-wide-crlf", lambda ns: (
        task(ns, "status: bogus", "notes: " + "\U0001F600" * 200_000) + ("x" * 100 + "\n") * 150_000)
        .replace("\n", "\r\n").encode(), expect=(("TPM010", 5),)),
    text_case("long-title", lambda ns: task(ns, title="t" * 900_000), expect=(("TPM010", 4),)),
    # Language-specific tags are refused, never executed
    text_case("python-object", lambda ns: task(ns, "x: !!python/object/apply:os.system ['touch PWNED']"),
              expect=(("TPM004", 5),), says=("tag",)),
    text_case("python-name", lambda ns: task(ns, "x: !!python/name:os.system"), expect=(("TPM004", 5),)),
    text_case("binary-tag", lambda ns: task(ns, "x: !!binary aGVsbG8="), expect=(("TPM004", 5),)),
    text_case("set-tag", lambda ns: task(ns, "x: !!set {a, b}"), expect=(("TPM004", 5),)),
    text_case("local-tag", lambda ns: task(ns, "x: !custom 1"), expect=(("TPM004", 5),)),
    # A core tag on the wrong kind of value (was a crash: KeyError in the composer)
    text_case("map-tag-on-text", lambda ns: task(ns, "owner: a", "x: !!map text"), expect=(("TPM002", 6),)),
    text_case("seq-tag-on-text", lambda ns: task(ns, "x: !!seq text"), expect=(("TPM002", 5),)),
    text_case("int-tag-on-list", lambda ns: task(ns, "x: !!int [1]"), expect=(("TPM002", 5),)),
    # Duplicate keys
    text_case("duplicate-key", lambda ns: task(ns, "owner: a", "status: todo", "owner: b"),
              expect=(("TPM003", 7),), says=("line 5",)),
    text_case("bidi-in-duplicate-key", lambda ns: task(ns, "a\u202eb: 1", "a\u202eb: 2"),
              expect=(("TPM003", 6),), never_says=("\u202e",)),
    text_case("duplicate-nested-key", lambda ns: task(ns, "x:", "  a: 1", "  a: 2"),
              expect=(("TPM003", 7),)),
    # YAML 1.1 traps read as YAML 1.2: strings and decimal integers
    text_case("yaml11-booleans", lambda ns: task(ns, "tags: [NO, on, off, yes, y, n]", "owner: NO"),
              absent=("TPM010",)),
    text_case("yaml11-sexagesimal", lambda ns: task(ns, "estimate: 1:30"),
              expect=(("TPM010", 5),), says=("'1:30'",), never_says=("'90'",)),
    text_case("yaml11-octal",
              lambda ns: "---\ntype: risk\nid: " + ns + "-R1\ntitle: R\nprobability: 0755\n---\n",
              expect=(("TPM010", 5),), says=("is 755;",), never_says=("is 493",)),
    # Values that are not what they claim
    text_case("impossible-date", lambda ns: task(ns, "start: 2024-02-01", "due: 2024-02-30"),
              expect=(("TPM010", 6),), says=("2024-02-30",)),
    text_case("int-over-4300-digits", lambda ns: task(ns, "x: " + "7" * 5000), expect=(("TPM004", 5),)),
    text_case("float-overflow", lambda ns: task(ns, "x: 1e999999"), expect=(("TPM004", 5),)),
    text_case("nan-probability", lambda ns: "---\ntype: risk\nid: " + ns + "-R1\ntitle: R\n"
              "probability: .nan\nimpact: 3\n---\n", expect=(("TPM004", 5),)),
    text_case("inf-budget", lambda ns: "---\ntype: charter\nid: " + ns + "-P2\ntitle: P\n"
              "budget: -.inf\n---\n", expect=(("TPM004", 5),)),
    text_case("wrong-types", lambda ns: task(ns, "owner: [a, b]", "tags: {a: 1}", "status: [todo]",
                                              "estimate: 3", "due: 20240101", "parent: {id: x}"),
              expect=tuple(("TPM010", n) for n in range(5, 11))),
    text_case("list-title", lambda ns: task(ns, title="[a, b]"), expect=(("TPM010", 4),)),
    text_case("mapping-id", lambda ns: "---\ntype: task\nid: {a: 1}\ntitle: T\n---\n",
              expect=(("TPM010", 3),)),
    text_case("type-is-list", lambda ns: "---\ntype: [task]\nid: X\ntitle: T\n---\n",
              expect=(("TPM010", 2),)),
    # Ids built to confuse
    text_case("id-path-traversal", lambda ns: task(ns, suffix="T1/../../etc/passwd"),
              expect=(("TPM010", 3),)),
    text_case("reference-path-traversal", lambda ns: task(ns, "depends_on: ../../etc/passwd"),
              expect=(("TPM010", 5),)),
    Case("ids-differ-by-case", _two("T1", "t1"), expect=(("TPM020", 3),), says=("ignore case",)),
    Case("duplicate-ids", _two("T1", "T1"), expect=(("TPM020", 3),)),
    text_case("cyrillic-lookalike-id", lambda ns: "---\ntype: task\nid: \u0422-1\ntitle: T\n---\n",
              expect=(("TPM010", 3),), says=("not ASCII: U+0422",)),
    text_case("bidi-in-id", lambda ns: task(ns, suffix="T\u202e1"), expect=(("TPM010", 3),),
              never_says=("\u202e",)),
    text_case("bidi-in-title", lambda ns: task(ns, "status: bogus\u202e", title="abc\u202egnp.exe"),
              expect=(("TPM010", 4), ("TPM010", 5)), never_says=("\u202e",)),
    # Graph-breaking references
    text_case("self-loop", lambda ns: task(ns, f"depends_on: {ns}-T1"), expect=(("TPM023", 5),)),
    text_case("parent-self-loop", lambda ns: task(ns, f"parent: {ns}-T1"), expect=(("TPM024", 5),)),
    Case("cycle-5000", _cycle(5000), target="t0000.md", expect=(("TPM023", 5),), files=5000,
         says=("cycle of 5000 tasks",)),
    # The file system
    Case("symlink-loop", _symlink_loop, expect=(("TPM001", 1),), files=3),
    Case("symlink-outside", _outside, expect=(("TPM001", 1),), never_says=(SECRET,)),
    Case("dangling-symlink", _dangling, expect=(("TPM001", 1),)),
    Case("path-too-long", _path_too_long, target="long00", prefix=True, expect=(("TPM001", 1),),
         says=("cannot read the folder",)),
    Case("named-pipe", _fifo, target="x.md", expect=(("TPM001", 1),), says=("regular file",)),
    Case("folder-named-md", _folder_named_md, target="y.md", absent=("TPM001", "TPM002")),
    Case("unreadable", _unreadable, expect=(("TPM001", 1),), needs_non_root=True),
)

BY_NAME = {case.name: case for case in CASES}
assert len(BY_NAME) == len(CASES), "case names must be unique"


def namespace(index: int) -> str:
    return f"H{index:02d}"
