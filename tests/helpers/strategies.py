"""Hypothesis settings and strategies the property tests share: any YAML-ish value a document
may hold."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st

IN_PROCESS = settings(max_examples=300, deadline=None, derandomize=True, database=None)

ids = st.from_regex(r"[A-Z][A-Z0-9]{0,3}-[0-9]{1,3}", fullmatch=True)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False, allow_infinity=False), texts,
                    st.dates().map(str), ids)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)), max_leaves=12)
