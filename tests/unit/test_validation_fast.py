"""The fast validator (jsonschema-rs) may only skip the reference validator when they agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tpmdocs import schema, validation
from tpmdocs.model import Document

pytestmark = pytest.mark.skipif(validation.fast_validator("task") is None,
                                reason="jsonschema-rs is not installed")

TEXT = st.text(alphabet=st.sampled_from(list("aZ0 -_.\n\t\x1c\x1f\x85\u2028\u00a0é")), max_size=6)
SCALARS = st.one_of(TEXT, st.integers(-10, 30), st.integers(-2**70, 2**70), st.booleans(),
                    st.none(), st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from(["2024-02-29", "2023-02-29", "2024-13-01", "T-1", "todo",
                                     "open", "3d", "green", "planning", "x\n"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)), max_leaves=6)


def _document(doc_type: str, extra: dict) -> Document:
    data = {"type": doc_type, "id": "T-1", "title": "A title", **extra}
    return Document(path=Path("x.md"), display="x.md", data=data, locations={})


def _reference_valid(document: Document) -> bool:
    return not any(validation.validator(document.type).iter_errors(document.data))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(doc_type=st.sampled_from(schema.document_types()),
       keys=st.lists(st.sampled_from(["owner", "status", "title", "id", "start", "due", "tags",
                                      "estimate", "probability", "impact", "depends_on", "scope",
                                      "approved", "stakeholders", "phase", "date", "health"]),
                     max_size=4, unique=True),
       values=st.lists(VALUES, min_size=4, max_size=4))
def test_fast_says_valid_only_when_reference_agrees(doc_type, keys, values):
    document = _document(doc_type, dict(zip(keys, values)))
    reference = _reference_valid(document)
    if validation.surely_valid(doc_type, document.data):
        assert reference, document.data
    if not validation._has_divergent_text(document.data):
        assert validation.fast_validator(doc_type).is_valid(document.data) == reference, document.data


@pytest.mark.parametrize("title", ["\x1c", "\x1f", "a\n", " "])
def test_text_the_validators_read_differently_still_gets_its_finding(title):
    document = _document("task", {"title": title})
    assert not validation.surely_valid("task", document.data)
    assert [path for path, _ in validation.problems(document)] == [("title",)]


def test_a_valid_document_has_no_problems_on_the_fast_path():
    document = _document("task", {"status": "todo", "start": "2024-02-29"})
    assert validation.surely_valid("task", document.data)
    assert list(validation.problems(document)) == []


@pytest.mark.parametrize("written", ['"\\x1c"', '"\\u001D"', '"\\x1F"', '"\\x1e"'])
def test_the_text_spares_the_walk_only_when_no_value_can_hold_those_characters(written):
    """A title written with an escape (or the raw character) reaches the reference validator,
    when the source text is what tells the fast path whether to look."""
    from tpmdocs.loader import parse_text
    text = f"---\ntype: task\nid: T-1\ntitle: {written}\n---\n"
    document = parse_text(text, Path("x.md"), "x.md").document
    assert document.data["title"] in "\x1c\x1d\x1e\x1f"
    assert not validation.surely_valid("task", document.data, text)
    assert [path for path, _ in validation.problems(document, text)] == [("title",)]
    plain = "---\ntype: task\nid: T-1\ntitle: A title\n---\n"
    assert validation.surely_valid("task", parse_text(plain, Path("x.md"), "x.md").document.data, plain)
