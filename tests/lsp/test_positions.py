"""Columns as clients count them (UTF-16 by default, UTF-8 or UTF-32 when agreed) against
the loader's character columns, on text that is not ASCII."""

from __future__ import annotations

import pytest

from tpmdocs.lsp.positions import (
    UTF8,
    UTF16,
    UTF32,
    from_client,
    loader_column,
    split_lines,
    text_column,
    to_client,
)

LINE = "title: Ünï 𝄞 and 😀 PAY-T05"  # two characters outside the BMP (two UTF-16 units each)


def _units(text: str, encoding: str) -> int:
    """The reference count: the encoded length divided by the code unit's size."""
    size = {UTF8: 1, UTF16: 2, UTF32: 4}[encoding]
    codec = {UTF8: "utf-8", UTF16: "utf-16-le", UTF32: "utf-32-le"}[encoding]
    return len(text.encode(codec)) // size


@pytest.mark.parametrize("encoding", [UTF8, UTF16, UTF32])
def test_every_character_column_converts_there_and_back(encoding):
    for column in range(len(LINE) + 1):
        units = to_client(LINE, column, encoding)
        assert units == _units(LINE[:column], encoding)
        assert from_client(LINE, units, encoding) == column


def test_utf16_counts_astral_characters_as_two_units():
    column = LINE.index("PAY-T05")
    assert to_client(LINE, column, UTF16) == column + 2
    assert to_client(LINE, column, UTF8) == column + 1 + 1 + 3 + 3  # Ü, ï: 2 bytes; 𝄞, 😀: 4


def test_a_column_inside_a_character_counts_as_that_character_and_past_the_end_clamps():
    astral = LINE.index("𝄞")
    assert from_client(LINE, to_client(LINE, astral, UTF16) + 1, UTF16) == astral + 1
    assert from_client(LINE, 10_000, UTF16) == len(LINE)
    assert from_client(LINE, -3, UTF16) == 0


def test_lines_split_as_the_protocol_splits_them():
    assert split_lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"]
    assert split_lines("a\u2028b\x0cc") == ["a\u2028b\x0cc"]  # not line breaks for LSP
    assert split_lines("") == [""]


def test_a_bom_shifts_the_first_line_between_the_loader_and_the_client():
    lines = ["\ufeff---", "type: task"]
    assert text_column(lines, 0, 0) == 1 and loader_column(lines, 0, 1) == 0
    assert text_column(lines, 1, 4) == 4 and loader_column(lines, 1, 4) == 4
