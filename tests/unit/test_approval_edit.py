"""Writing an approval changes the ``approved`` entry and nothing else, byte for byte.

Hypothesis writes front matters of many shapes (keys in any style, comments,
blank lines, block scalars, lists and mappings, a BOM, LF, CRLF or CR line
breaks) with or without an ``approved`` entry in any of its forms; the file
after the edit must begin with every byte before that entry and end with
every byte after it, and read as before plus the new approval.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tpmdocs.approval_edit import Approval, EditRefused, with_approval
from tpmdocs.loader import decode, parse_text

APPROVAL = Approval(by="@henrik", on="2026-10-12", fingerprint="sha256:0123456789abcdef")
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

words = st.from_regex(r"[A-Za-z][A-Za-z0-9 _.-]{0,12}[A-Za-z0-9]", fullmatch=True)
keys = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(lambda k: k not in ("approved", "type", "id"))
comments = st.sampled_from(["", " # note", "  # tpmdocs: disable=TPM010", " #"])


@st.composite
def entry(draw, key: str) -> list:
    """One top-level entry in one of many styles, as lines without breaks."""
    style = draw(st.integers(0, 7))
    c = draw(comments)
    word = draw(words)
    if style == 0:
        return [f"{key}: {word}{c}"]
    if style == 1:
        return [f"{key}: {json.dumps(word)}{c}"]
    if style == 2:
        return [f"'{key}': '{word}'{c}"]
    if style == 3:
        return [f"{key}:{c}"] + [f"  - {w}" for w in draw(st.lists(words, min_size=1, max_size=3))]
    if style == 4:
        return [f"{key}: [{', '.join(json.dumps(w) for w in draw(st.lists(words, max_size=3)))}]{c}"]
    if style == 5:
        return [f"{key}: |{c}"] + [f"  {w}" for w in draw(st.lists(words, min_size=1, max_size=3))]
    if style == 6:
        return [f"{key}:", f"    inner: {word}{c}", "    # inside", f"    other: {draw(st.integers())}"]
    return [f"{key}: >-", f"  {word}", "", f"  {word}"]


APPROVED_FORMS = [
    ['approved:', '  by: "@sam"', '  on: 2026-01-10'],
    ['approved:', '  by: "@sam" # who', '  # the steering meeting', '  on: 2026-01-10  # when'],
    ['approved:', '    on: 2026-01-10', '    by: "@sam"', '    fingerprint: sha256:aaaaaaaaaaaaaaaa'],
    ['approved: {by: "@sam", on: 2026-01-10}'],
    ['approved: {on: 2026-01-10, by: "@sam", fingerprint: "sha256:aaaaaaaaaaaaaaaa"} # flow'],
    ['approved: {by: "@sam",', '  on: 2026-01-10}'],
    ['approved: {}'],
    ['approved: "yes"'],
    ['approved:'],
    ['approved: # not yet'],
    ['approved:', '  - "@sam"'],
    ['approved:', '  by: "@sam"', '  on:'],
    ['approved:', '  by: "@sam"', '  on: 2026-01-10', '  note: extra'],
    ['"approved":', '  by: "@sam"', '  on: 2026-01-10'],
]


@st.composite
def documents(draw) -> tuple:
    """``(raw bytes, bytes before the approved entry, bytes after it)``."""
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    names = draw(st.lists(keys, unique=True, max_size=6))
    chunks = [["type: charter" + draw(comments)], ["id: PAY-1"]]
    chunks += [draw(entry(name)) for name in names]
    for _ in range(draw(st.integers(0, 3))):
        chunks.insert(draw(st.integers(0, len(chunks))), draw(st.sampled_from([["# a comment"], [""]])))
    form = draw(st.sampled_from([None, *range(len(APPROVED_FORMS))]))
    at = draw(st.integers(0, len(chunks)))
    if form is not None:
        chunks.insert(at, APPROVED_FORMS[form])
    closing = draw(st.sampled_from(["---", "...", "---  "]))
    body = draw(st.sampled_from(["", "# Title", "# Title\n\nText  \n", "---\napproved: x\n"]))

    def text(lines) -> str:
        return "".join(line + eol for line in lines)
    before = bom + "---" + eol + text(line for chunk in chunks[:at if form is not None else len(chunks)]
                                      for line in chunk)
    after_lines = [line for chunk in chunks[at + 1:] for line in chunk] if form is not None else []
    after = text(after_lines) + closing + eol + body.replace("\n", eol)
    middle = text(chunks[at]) if form is not None else ""
    return (before + middle + after).encode(), before.encode(), after.encode(), eol


def read(raw: bytes):
    return parse_text(decode(raw), Path("/x/d.md"), "d.md").document


@SETTINGS
@given(case=documents())
def test_only_the_approved_entry_changes(case):
    raw, before, after, eol = case
    old = read(raw)
    assert old is not None
    edited = with_approval(raw, APPROVAL)
    assert edited.startswith(before) and edited.endswith(after)
    middle = edited[len(before):len(edited) - len(after)].decode()
    assert "\ufeff" not in middle
    assert not any(brk in middle.replace(eol, "") for brk in ("\r", "\n")), "a foreign line break"
    new = read(edited)
    expected = {**old.data, "approved": APPROVAL.as_dict()}
    assert new.data == expected and list(new.data) == list(expected)
    assert with_approval(edited, APPROVAL) == edited  # approving again with the same values: no change


def test_a_crlf_file_with_a_bom_stays_crlf_with_its_bom():
    raw = codecs.BOM_UTF8 + b"---\r\ntype: goal # g\r\nid: G-1\r\n---\r\nBody  \r\n"
    assert with_approval(raw, APPROVAL) == (
        codecs.BOM_UTF8 + b"---\r\ntype: goal # g\r\nid: G-1\r\napproved:\r\n  by: \"@henrik\"\r\n"
        b"  on: 2026-10-12\r\n  fingerprint: sha256:0123456789abcdef\r\n---\r\nBody  \r\n")


def test_a_v1_approval_is_upgraded_in_place():
    raw = b'---\ntype: charter\napproved:\n  by: "@sam"  # sponsor\n  on: 2026-01-10\ntags: [a]\n---\n'
    assert with_approval(raw, APPROVAL) == (
        b'---\ntype: charter\napproved:\n  by: "@henrik"  # sponsor\n  on: 2026-10-12\n'
        b'  fingerprint: sha256:0123456789abcdef\ntags: [a]\n---\n')
    flow = b'---\ntype: charter\napproved: {by: "@sam", on: 2026-01-10}\n---\n'
    assert with_approval(flow, APPROVAL) == (
        b'---\ntype: charter\napproved: {by: "@henrik", on: 2026-10-12, '
        b'fingerprint: "sha256:0123456789abcdef"}\n---\n')


@pytest.mark.parametrize("raw", [b"no front matter\n", b"---\ntype: charter\n", b"---\n{type: charter}\n---\n",
                                 b"---\n- a\n---\n", b"---\ntype: [\n---\n"])
def test_what_cannot_be_edited_safely_is_refused(raw):
    with pytest.raises(EditRefused):
        with_approval(raw, APPROVAL)
