"""The fingerprint covers what a document says, not how it is written.

Property tests write the same front matter and body in many ways (key order,
quoting, flow or block style, comments, trailing spaces, CRLF, blank lines)
and read each through the real loader: the fingerprint never moves. Any change
of a covered value always moves it. Golden values pin the normal form, so a
change of Python version or platform that altered it would fail here.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tpmdocs.fingerprint import (
    PATTERN,
    STATE_KEYS,
    body_digest,
    canonical_json,
    document_fingerprint,
    fingerprint,
    normal_body,
    normal_number,
)
from tpmdocs.loader import parse_text

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_WORDS = {"true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL"}


def fp_of(text: str) -> str:
    loaded = parse_text(text.replace("\r\n", "\n").replace("\r", "\n"), Path("/x/d.md"), "d.md")
    assert loaded.document is not None, loaded.findings
    return document_fingerprint(loaded.document)


# --- values and the many ways of writing them -------------------------------------------------

keys = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(lambda k: k not in STATE_KEYS | {"type", "id"})
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                              blacklist_characters="\x85\ufeff"), max_size=20)
multiline = st.lists(texts, min_size=1, max_size=3).map("\n".join)
scalars = st.one_of(texts, multiline, st.integers(-10**12, 10**12),
                    st.floats(allow_nan=False, allow_infinity=False, width=64), st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)), max_leaves=8)
front_matters = st.dictionaries(keys, values, max_size=6)
body_lines = st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                                            blacklist_characters="\x85\ufeff"), max_size=30),
                      max_size=8)


def plain_ok(text: str) -> bool:
    return re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", text) is not None and text not in _WORDS


def emit_scalar(value, draw) -> str:
    if value is None:
        return draw(st.sampled_from(["null", "~", "Null"]))
    if isinstance(value, bool):
        return draw(st.sampled_from(["true", "True", "TRUE"] if value else ["false", "False", "FALSE"]))
    if isinstance(value, int):
        forms = [str(value), f"{value}.0"] + ([hex(value), f"+{value}"] if value >= 0 else [])
        return draw(st.sampled_from(forms))
    if isinstance(value, float):
        return draw(st.sampled_from([repr(value), repr(value).replace("e", "E")]))
    import json
    forms = [json.dumps(value, ensure_ascii=False)]
    if "\n" not in value and value.isprintable():
        forms.append("'" + value.replace("'", "''") + "'")
    if plain_ok(value):
        forms.append(value)
    return draw(st.sampled_from(forms))


def emit_flow(value, draw) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(emit_flow(v, draw) for v in value) + "]"
    if isinstance(value, dict):
        items = list(value.items())
        items = draw(st.permutations(items)) if items else items
        return "{" + ", ".join(f"{emit_key(k, draw)}: {emit_flow(v, draw)}" for k, v in items) + "}"
    return emit_scalar(value, draw)


def emit_key(key: str, draw) -> str:
    return draw(st.sampled_from([key, f'"{key}"', f"'{key}'"]))


def emit_entry(key: str, value, draw) -> list:
    """One top-level key as lines: flow style, or a block mapping/list one level down."""
    head = emit_key(key, draw)
    if isinstance(value, dict) and value and draw(st.booleans()):
        lines = [f"{head}:"]
        for k, v in draw(st.permutations(list(value.items()))):
            lines.append(f"  {emit_key(k, draw)}: {emit_flow(v, draw)}")
        return lines
    if isinstance(value, list) and value and draw(st.booleans()):
        return [f"{head}:"] + [f"  - {emit_flow(v, draw)}" for v in value]
    if value is None and draw(st.booleans()):
        return [f"{head}:"]
    return [f"{head}: {emit_flow(value, draw)}"]


@st.composite
def written(draw, data: dict, body: list) -> str:
    """``data`` and ``body`` written as a document, in formatting chosen by ``draw``."""
    entries = [("type", "charter"), ("id", "C-1"), *data.items(),
               ("approved", {"by": "@x", "on": "2026-01-02"})]
    lines = ["---"]
    for key, value in draw(st.permutations(entries)):
        if draw(st.booleans()):
            lines.append("# " + draw(st.sampled_from(["note", "tpmdocs: disable=TPM010", "x: y"])))
        for line in emit_entry(key, value, draw):
            comment = " # why" if draw(st.booleans()) and not line.endswith(":") else ""
            lines.append(line + comment + " " * draw(st.integers(0, 2)))
    lines.append(draw(st.sampled_from(["---", "...", "--- "])))
    body_out = [""] * draw(st.integers(0, 2))
    for line in body:
        body_out.append(line + draw(st.sampled_from(["", " ", "\t", "  "])))
        if not line.strip(" \t"):  # blank in the normal form: only spaces and tabs
            body_out.extend([""] * draw(st.integers(0, 2)))
    body_out += [""] * draw(st.integers(0, 2))
    text = "\n".join(lines + body_out) + draw(st.sampled_from(["", "\n"]))
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


def plain_text(data: dict, body: list) -> str:
    """The simplest writing: JSON flow values, keys in order, no comments."""
    import json
    lines = ["---", "type: charter", "id: C-1", "approved: {by: '@x', on: 2026-01-02}"]
    lines += [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in data.items()]
    return "\n".join(lines + ["---"] + body) + "\n"


@SETTINGS
@given(data=front_matters, body=body_lines, choices=st.data())
def test_formatting_never_changes_the_fingerprint(data, body, choices):
    reference = fp_of(plain_text(data, body))
    assert PATTERN.fullmatch(reference)
    assert fp_of(choices.draw(written(data, body))) == reference


@SETTINGS
@given(data=front_matters, body=body_lines, status=st.sampled_from(["planned", "reached"]),
       phase=st.sampled_from(["planning", "execution"]), current=st.integers(0, 100))
def test_state_keys_are_not_covered(data, body, status, phase, current):
    plain = plain_text(data, body)
    moved = plain.replace("---\ntype", f"---\nstatus: {status}\nphase: {phase}\ncurrent: {current}\ntype", 1)
    moved = moved.replace("on: 2026-01-02", "on: 2026-05-05")
    assert fp_of(moved) == fp_of(plain)


def _paths(value, prefix=()):
    """Every path to a value inside ``value`` whose change the normal form must see."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


def _changed(value):
    """A value that differs from ``value`` in normal form."""
    if value is None or isinstance(value, (list, dict)):
        return "changed"
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return str(normal_number(value))  # the same digits, but a string: a different value
    return value + "x"  # a last character that is not a space: it survives the normal form


def _replace(data, path, new):
    if not path:
        return new
    if isinstance(data, dict):
        return {k: (_replace(v, path[1:], new) if k == path[0] else v) for k, v in data.items()}
    return [(_replace(v, path[1:], new) if i == path[0] else v) for i, v in enumerate(data)]


@SETTINGS
@given(data=front_matters.filter(bool), body=body_lines, choices=st.data())
def test_any_change_of_a_covered_value_changes_the_fingerprint(data, body, choices):
    path = choices.draw(st.sampled_from([p for p in _paths(data) if p]))
    holder = data
    for part in path[:-1]:
        holder = holder[part]
    old = holder[path[-1]]
    if old is None and isinstance(holder, dict):
        return  # a key with no value says nothing: giving it one is tested below
    changed = _replace(data, path, _changed(old))
    assert fp_of(plain_text(changed, body)) != fp_of(plain_text(data, body))


@SETTINGS
@given(data=front_matters, body=body_lines, key=keys, value=scalars.filter(lambda v: v is not None))
def test_adding_or_removing_a_key_with_a_value_changes_it(data, body, key, value):
    if key in data:
        return
    assert fp_of(plain_text({**data, key: value}, body)) != fp_of(plain_text(data, body))


@SETTINGS
@given(data=front_matters, body=body_lines.filter(lambda lines: any(line.strip(" \t") for line in lines)),
       choices=st.data())
def test_any_change_of_the_body_text_changes_it(data, body, choices):
    index = choices.draw(st.sampled_from([i for i, line in enumerate(body) if line.strip(" \t")]))
    edited = list(body)
    edited[index] = edited[index].rstrip(" \t") + "!"
    assert fp_of(plain_text(data, edited)) != fp_of(plain_text(data, body))


def test_the_normal_form_of_numbers_is_exact_decimal():
    assert normal_number(3) == normal_number(3.0) == "3"
    assert normal_number(-0.0) == "0"
    assert normal_number(0.5) == "0.5"
    assert normal_number(0.1) == "0.1000000000000000055511151231257827021181583404541015625"
    assert normal_number(10**30) == "1" + "0" * 30


def test_canonical_json_sorts_keys_by_code_point_and_drops_nulls():
    assert canonical_json({"b": 1, "a": [True, None, "é  \n"], "Z": None, "ä": {}}) == \
        '{"a":[true,null,"\\u00e9"],"b":1,"\\u00e4":{}}'


def test_canonical_json_takes_any_depth_without_recursion():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert canonical_json(deep) == "[" * 100_001 + "]" * 100_001


def test_blank_lines_and_line_ends_of_the_body():
    assert normal_body("\n\n  \nOne  \r\n\r\n\r\n\ttwo\t\n\n") == "One\n\n\ttwo"
    assert body_digest("x") == body_digest("\nx\n\n")
    assert body_digest("a\nb") != body_digest("a\n\nb")


def test_golden_fingerprints_are_the_same_everywhere():
    """Values computed once and kept: a Python version or platform that changed the normal
    form, the JSON or the hash would fail here."""
    data = {"type": "milestone", "id": "M-1", "title": "Café – launch", "due": "2027-03-12",
            "budget": 1450000, "ratio": 0.25, "tags": ["a", "b"], "nothing": None,
            "status": "planned"}
    assert fingerprint(data, body_digest("# Launch\n\nShip it.\n")) == GOLDEN_MILESTONE
    assert fingerprint({}, body_digest("")) == GOLDEN_EMPTY


def test_the_fingerprint_is_the_documented_hash():
    """docs/approvals.md writes this text out: the fingerprint is SHA-256 of it, nothing more."""
    body = hashlib.sha256(b"# Launch\n\nShip it.").hexdigest()
    text = ('["tpmdocs/fingerprint/1",{"due":"2027-03-12","id":"M-1","title":"Caf\\u00e9",'
            '"type":"milestone"},"' + body + '"]')
    data = {"type": "milestone", "id": "M-1", "title": "Café", "due": "2027-03-12", "status": "planned"}
    assert fingerprint(data, body_digest("# Launch\n\nShip it.\n")) == \
        "sha256:" + hashlib.sha256(text.encode("ascii")).hexdigest()[:16]


GOLDEN_MILESTONE = "sha256:9636a4a37b396622"
GOLDEN_EMPTY = "sha256:534df3b220175832"
