"""Reading what is typed at a position of the front matter, from lines alone (the YAML may
be broken while it is typed)."""

from __future__ import annotations

import pytest

from tpmdocs.lsp.frontmatter import Spot, fences, keys_present, spot, value_of, word_at

TEXT = """\
---
type: task
id: T-1
depends_on: [T-2, T-
goals:
  - G-1
  - G
stakeholders:
  - name: x
    role: y
stat
status: in-pro  # a comment
---
Body mentions T-2. And 12-T3.
"""
LINES = TEXT.split("\n")


def _end(line: int) -> int:
    return len(LINES[line])


@pytest.mark.parametrize("line, character, expected", [
    (3, _end(3), Spot("depends_on", "T-", _end(3) - 2)),  # in an open flow list
    (3, len("depends_on: ["), Spot("depends_on", "", len("depends_on: ["))),
    (6, _end(6), Spot("goals", "G", 4)),  # a block list item, under its key
    (10, 4, Spot(None, "stat", 0)),  # a key being typed
    (11, len("status: in-pro"), Spot("status", "in-pro", 8)),
    (1, 6, Spot("type", "", 6)),
    (2, 2, Spot(None, "id", 0)),  # before the colon: the key is being (re)typed
])
def test_spots(line, character, expected):
    assert spot(LINES, line, character) == expected


@pytest.mark.parametrize("line, character", [
    (0, 3),  # the opening fence
    (8, 9),  # a key of a nested mapping
    (9, 10),  # a nested mapping's value
    (11, _end(11)),  # in a comment
    (12, 2),  # the closing fence
    (13, 10),  # the body
])
def test_no_spot(line, character):
    assert spot(LINES, line, character) is None


def test_fences_keys_and_values():
    assert fences(LINES) == (1, 12)
    assert fences(["---", "type: task"]) == (1, 2)  # not closed yet: to the end
    assert fences(["Just a page"]) is None
    assert keys_present(LINES) == {"type", "id", "depends_on", "goals", "stakeholders", "status"}
    assert value_of(LINES, "type") == "task"
    assert value_of(["---", "type: 'goal'  # g", "---"], "type") == "goal"


def test_word_at_finds_ids_and_leaves_a_full_stop_out():
    line = LINES[13]
    at = line.index("T-2")
    assert word_at(line, at) == ("T-2", at)
    assert word_at(line, at + 3) == ("T-2", at)  # at its end
    assert word_at(line, line.index("12-T3") + 3) is None  # not an id: starts with a digit
    assert word_at("x" * 300 + " T-9", 302) == ("T-9", 301)
    assert word_at("", 0) is None and word_at("abc", 9) is None
