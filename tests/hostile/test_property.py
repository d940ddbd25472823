"""Property tests: generated front matter through the CLI, and ``yaml12`` against references.

On the CLI (invariants 1, 2, 6 and 8 of issue 6): valid documents, mutated
valid documents and random bytes, a few files per example, linted in a
subprocess under 256 MB, twice under different hash seeds. In process:
``yaml12.compose`` reads what a YAML 1.1 dumper and a JSON encoder write as
the same values, resolves plain scalars as the YAML 1.2 core schema says (an
oracle written from the spec, not from ``yaml12``), and on any text either
composes or raises ``YamlError`` with a location inside the text.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.helpers.bounded import check_no_crash, check_short_messages, lint
from tests.helpers.strategies import IN_PROCESS, ids, texts, values
from tpmdocs import schema
from tpmdocs.yaml12 import MAX_DEPTH, MAX_INT_DIGITS, YamlError, compose

CLI = settings(max_examples=8, deadline=None, derandomize=True, database=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
GENERATED_DATA = settings(IN_PROCESS, max_examples=100)  # big examples: fewer of them

# --- generated documents ------------------------------------------------------------------

@st.composite
def front_matter(draw) -> dict:
    """A document of a real type, with some of its own keys (any value) and some foreign ones."""
    doc_type = draw(st.sampled_from(schema.document_types()))
    data = {"type": doc_type, "id": draw(ids), "title": draw(texts)}
    known = sorted(schema.properties(doc_type))
    for key in draw(st.lists(st.sampled_from(known), max_size=5, unique=True)):
        data.setdefault(key, draw(values))
    data.update(draw(st.dictionaries(texts, values, max_size=2)))
    return data


def as_markdown(data: dict) -> bytes:
    return ("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\n# Body\n").encode()


TOKENS = [b"*a", b"&a ", b"!!python/object:os.system ", b"!!binary ", b"[" * 70, b"{", b"\x00",
          b"\r", b"\r\n", b"\xef\xbb\xbf", "\u2028".encode(), b"\xff", b"---\n", b"...\n", b": ",
          b"- ", b"? ", b"\t", b"'", b'"', b"#", b"9" * 500, b".nan", b"<<: *a\n", b"%YAML 1.1\n",
          b"!!map ", b"!!seq ", b"!!int ", b"!!str "]


@st.composite
def mutated(draw) -> bytes:
    """A valid document with a few bytes replaced, deleted or spliced with hostile tokens."""
    raw = bytearray(as_markdown(draw(front_matter())))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate-line"]))
        if action == "insert":
            raw[at:at] = draw(st.sampled_from(TOKENS))
        elif action == "delete":
            del raw[at:at + draw(st.integers(1, 8))]
        elif action == "replace" and at < len(raw):
            raw[at] = draw(st.integers(0, 255))
        else:
            start = raw.rfind(b"\n", 0, at) + 1
            end = raw.find(b"\n", at)
            line = bytes(raw[start:end + 1 if end >= 0 else len(raw)])
            raw[start:start] = line
    return bytes(raw)


random_bytes = st.one_of(st.binary(max_size=400), st.binary(max_size=400).map(lambda b: b"---\n" + b),
                         st.binary(max_size=400).map(lambda b: b"---\ntype: task\n" + b + b"\n---\n"))


def lint_twice(folder: Path, files: list) -> None:
    """Invariants 1, 2, 6 and 8 on one folder of generated files."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for number, raw in enumerate(files):
        (folder / f"doc{number}.md").write_bytes(raw)
    first = lint(folder, ".", memory_mb=256, env={"PYTHONHASHSEED": "0"})
    check_no_crash(first)
    check_short_messages(first)
    assert first.seconds < 2.0 * max(len(files), 1), f"{first.seconds:.2f} s"
    second = lint(folder, ".", memory_mb=256, env={"PYTHONHASHSEED": "random"})
    check_no_crash(second)
    assert (first.returncode, first.stdout, first.stderr) == (second.returncode, second.stdout,
                                                              second.stderr)


@pytest.mark.acceptance  # a new process under a memory limit
@CLI
@given(st.lists(front_matter().map(as_markdown), min_size=1, max_size=5))
def test_cli_on_valid_documents(tmp_path: Path, files: list) -> None:
    lint_twice(tmp_path / "docs", files)


@pytest.mark.acceptance  # a new process under a memory limit
@CLI
@given(st.lists(mutated(), min_size=1, max_size=5))
def test_cli_on_mutated_documents(tmp_path: Path, files: list) -> None:
    lint_twice(tmp_path / "docs", files)


@pytest.mark.acceptance  # a new process under a memory limit
@CLI
@given(st.lists(random_bytes, min_size=1, max_size=5))
def test_cli_on_random_bytes(tmp_path: Path, files: list) -> None:
    lint_twice(tmp_path / "docs", files)


# --- yaml12.compose against references ----------------------------------------------------

_CORE_NULL = re.compile(r"null|Null|NULL|~|")
_CORE_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
                         r"|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN")


def is_core_string(text: str) -> bool:
    """YAML 1.2 spec, 10.3.2 (core schema tag resolution): a plain scalar that stays a string."""
    return not any(p.fullmatch(text) for p in (_CORE_NULL, _CORE_BOOL, _CORE_INT, _CORE_FLOAT))


plain_safe_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20).filter(is_core_string)
json_leaves = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30),
                        st.floats(allow_nan=False, allow_infinity=False), plain_safe_text)
json_values = st.recursive(json_leaves, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(plain_safe_text, inner, max_size=5)), max_leaves=30)


def same(a, b) -> bool:
    """Equal values, telling 1 from 1.0 and True from 1 (== alone would not)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


@GENERATED_DATA
@given(st.dictionaries(plain_safe_text, json_values, max_size=6))
def test_compose_reads_what_pyyaml_dumps(data: dict) -> None:
    """Block and flow YAML written by PyYAML's dumper composes to the same values.

    Not for NEL, LS and PS: the dumper writes YAML 1.1, where they are line
    breaks that it may fold away; in YAML 1.2 they are content.
    """
    assume(not any(ch in "\x85\u2028\u2029" for ch in json.dumps(data, ensure_ascii=False)))
    for flow in (False, True):
        text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)
        value, _ = compose(text)
        assert same(value, data), text


json_text = st.text(st.one_of(st.characters(blacklist_categories=("Cs", "Cc", "Cn")),
                             st.sampled_from("\t\n\r\x00\x1b\x85\u2028")), max_size=20)
json_only_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
              json_text),
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(json_text, inner, max_size=5)),
    max_leaves=30)


@GENERATED_DATA
@given(st.dictionaries(json_text, json_only_values, max_size=6))
def test_compose_reads_json(data: dict) -> None:
    """JSON is YAML 1.2: ``json.dumps`` output reads back the same.

    Characters YAML does not allow raw and JSON leaves unescaped (DEL, C1
    controls but NEL, U+FFFE) are not generated; ``ensure_ascii`` would write
    astral characters as surrogate escapes, which YAML does not allow.
    """
    text = json.dumps(data, ensure_ascii=False)
    assume(all(len(str(abs(n))) <= MAX_INT_DIGITS for n in _ints(data)))
    value, _ = compose(text)
    assert same(value, data), text


@IN_PROCESS
@given(st.one_of(st.integers(), st.integers(10**399, 10**401),
                 st.floats(allow_nan=False, allow_infinity=False), st.booleans()))
def test_compose_plain_numbers(number) -> None:
    """Numbers as Python writes them read back exactly; longer than MAX_INT_DIGITS are refused."""
    text = "yes" if number is True else "no" if number is False else repr(number)
    if isinstance(number, int) and not isinstance(number, bool) and len(str(abs(number))) > MAX_INT_DIGITS:
        try:
            compose(f"v: {text}\n")
        except YamlError as exc:
            assert exc.kind == "unsafe" and exc.line == 0
            return
        raise AssertionError("a number too long to convert safely was accepted")
    value, _ = compose(f"v: {text}\n")
    if isinstance(number, bool):
        assert value == {"v": text}  # YAML 1.2: yes/no are strings
    else:
        assert same(value["v"], number)


@IN_PROCESS
@given(st.text(st.sampled_from("0123456789abcdefoxABCDEFXOeEinfINFaNlsuLrtT.+-_~"), max_size=12))
def test_plain_scalars_resolve_by_the_core_schema(text: str) -> None:
    """A plain scalar is a string exactly when the core schema says so (YAML 1.1 forms included)."""
    try:
        value, _ = compose(f"v: {text}\n")
    except YamlError:
        return  # not a plain scalar on its own (e.g. starts with '[' or '&')
    if not isinstance(value, dict) or list(value) != ["v"]:
        return  # the text made more structure (e.g. "a: b")
    if isinstance(value["v"], str) and value["v"] == text:
        assert is_core_string(text), text
    elif not isinstance(value["v"], (str, list, dict)):
        assert not is_core_string(text), text


@IN_PROCESS
@given(st.one_of(st.text(max_size=200),
                 st.lists(st.sampled_from([t.decode("utf-8", "replace") for t in TOKENS]
                                          + ["a", ":", " ", "\n", "  ", "-", "[", "]", "{", "}", ","]),
                          max_size=60).map("".join)))
def test_compose_either_composes_or_says_where(text: str) -> None:
    """On any text: values and located keys, or a YamlError with a line inside the text.

    The text is normalised as the loader does (``\\r`` breaks are ``\\n`` by then).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        value, locations = compose(text)
    except YamlError as exc:
        assert 0 <= exc.line <= text.count("\n") + 1
        assert len(exc.message) < 1000
        return
    lines = text.count("\n")
    for path, (line, column) in locations.items():
        assert 0 <= line <= lines and column >= 0
        node = value
        for part in path:
            node = node[part]
    assert _depth(value) <= MAX_DEPTH


def _ints(value):
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, int) and not isinstance(node, bool):
            yield node


def _depth(value) -> int:
    depth, level = 0, [value]
    while level:
        level = [child for node in level if isinstance(node, (list, dict))
                 for child in (node.values() if isinstance(node, dict) else node)]
        depth += 1
    return depth - 1


def test_non_finite_numbers_are_refused() -> None:
    for text in (".nan", ".inf", "-.Inf", "1e999", "!!float .nan"):
        try:
            compose(f"v: {text}\n")
        except YamlError as exc:
            assert exc.kind in ("unsafe", "syntax") and exc.line == 0
        else:
            raise AssertionError(f"{text} was accepted")
    assert math.isfinite(compose("v: 1e308\n")[0]["v"])
