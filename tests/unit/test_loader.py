"""The loader: YAML 1.2 values, exact locations, and every malformed file as a located finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from tpmdocs.loader import load_file, parse_text


def load(text: str):
    return parse_text(text, Path("/x/doc.md"), "doc.md")


def test_yaml_1_2_scalars_and_not_1_1():
    doc = load("---\ntype: task\nid: T-1\ncountry: NO\nswitch: on\nmode: 0755\ntime: 1:30\n"
               "day: 2024-01-01\nhex: 0x1f\nyes_: yes\nflag: true\nnothing: ~\n---\n").document
    assert doc.data == {"type": "task", "id": "T-1", "country": "NO", "switch": "on", "mode": 755,
                        "time": "1:30", "day": "2024-01-01", "hex": 31, "yes_": "yes",
                        "flag": True, "nothing": None}


def test_locations_are_one_based_file_lines_of_keys_and_items():
    doc = load("---\ntype: charter\nid: C\nstakeholders:\n  - name: A\n  - {name: B}\n---\nbody\n").document
    assert doc.where("type") == (2, 1)
    assert doc.where("stakeholders", 1) == (6, 5)
    assert doc.where("stakeholders", 1, "name") == (6, 6)
    assert doc.where("missing") == (2, 1)  # a missing key points at `type`
    assert doc.body_line == 8


def test_bom_adds_no_line_and_crlf_is_one_break(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntype: task\r\nid: T-1\r\nid: T-2\r\n---\r\n")
    (finding,) = load_file(path, "a.md").findings
    assert (finding.line, finding.code) == (4, "TPM003")
    assert "first defined on line 3" in finding.message


@pytest.mark.parametrize("text, code, line, words", [
    ("---\ntype: task\n", "TPM002", 1, "never closed"),
    ("---\n- a\n- b\n---\n", "TPM002", 2, "not a list"),
    ("---\njust words\n---\n", "TPM002", 2, "not a single value"),
    ("---\ntype: task\ntitle: [unclosed\n---\n", "TPM002", 4, "invalid YAML"),
    ("---\ntype: task\na: &x [1]\nb: *x\n---\n", "TPM004", 4, "aliases"),
    ("---\ntype: !!python/object:os.system task\n---\n", "TPM004", 2, "tag"),
    ("---\ntype: task\nbudget: .nan\n---\n", "TPM004", 3, "finite"),
])
def test_malformed_front_matter_is_a_located_finding(text, code, line, words):
    loaded = load(text)
    assert loaded.document is None
    (finding,) = loaded.findings
    assert (finding.code, finding.line) == (code, line)
    assert words in finding.message


@pytest.mark.parametrize("text", ["", "no front matter\n", "---\n---\n", "---\ntitle: Page\n---\n# Hi\n"])
def test_ordinary_pages_are_skipped_silently(text):
    loaded = load(text)
    assert loaded.document is None and loaded.findings == []


def test_not_utf8_names_line_and_byte(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes(b"---\ntype: task\ntitle: caf\xe9\n---\n")
    (finding,) = load_file(path, "latin1.md").findings
    assert (finding.code, finding.line, finding.column) == ("TPM001", 3, 11)
    assert "0xe9" in finding.message


def test_suppression_comments_are_read():
    doc = load("---\ntype: task  # tpmdocs: disable=TPM205, TPM203\nid: T\n---\n"
               "<!-- tpmdocs-disable TPM303 -->\n").document
    assert doc.suppressed_lines == {2: frozenset({"TPM205", "TPM203"})}
    assert doc.suppressed_codes == frozenset({"TPM303"})
