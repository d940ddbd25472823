"""Property tests of queries: any text in a ``tpmdocs`` block is either a query that runs over a
real graph or a ``QueryError`` located inside the block; any page gives findings, never an
exception; and the table of any query holds no markup from the documents' values."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import EXAMPLE
from tests.helpers.strategies import IN_PROCESS, values
from tpmdocs import schema
from tpmdocs.graph import build_graph
from tpmdocs.model import Document
from tpmdocs.pages import PageContext
from tpmdocs.pages.query_table import render_blocks
from tpmdocs.query import Evaluation, QueryError, parse_query, query_findings, run_query
from tpmdocs.workspace import load_workspace

GRAPH = load_workspace([EXAMPLE], EXAMPLE.parent).graph
KEYS = sorted({key for t in schema.document_types() for key in schema.properties(t)} | {"score", "project"})
operands = st.one_of(st.sampled_from(["<", "<=", ">", ">=", "!=", "=>", "==", "~", "!"]).flatmap(
    lambda op: st.one_of(st.integers(-5, 30), st.dates().map(str), st.just("today"), st.text(max_size=8)).map(
        lambda v: f"{op} {v}")), values)


@st.composite
def queries(draw) -> dict:
    """A query that may be right or wrong anywhere: type, keys, operators, columns, sort, limit."""
    query = {"type": draw(st.one_of(st.sampled_from(schema.document_types()), st.text(max_size=8)))}
    if draw(st.booleans()):
        query["where"] = draw(st.dictionaries(st.sampled_from(KEYS + ["nope"]), operands, max_size=3))
    if draw(st.booleans()):
        query["columns"] = draw(st.lists(st.sampled_from(KEYS + ["nope"]), max_size=4))
    if draw(st.booleans()):
        query["sort"] = draw(st.lists(st.tuples(st.sampled_from(["", "-"]), st.sampled_from(KEYS)).map("".join),
                                      max_size=3))
    if draw(st.booleans()):
        query["limit"] = draw(st.one_of(st.integers(-2, 20), st.text(max_size=3)))
    return query


@settings(IN_PROCESS)
@given(queries())
def test_a_query_runs_or_is_refused_at_a_line_of_its_own(query):
    text = json.dumps(query, default=str)  # JSON is YAML 1.2
    try:
        parsed = parse_query(text)
    except QueryError as refused:
        assert refused.message.strip()
        assert refused.line is None or 0 <= refused.line <= text.count("\n") + 1
        return
    documents = run_query(parsed, Evaluation(GRAPH, dt.date(2026, 11, 20)), None)
    assert all(doc.type == parsed.type for doc in documents)
    assert parsed.limit is None or len(documents) <= parsed.limit


@settings(IN_PROCESS, max_examples=200)
@given(st.text(max_size=200))
def test_any_block_body_gives_findings_not_exceptions(body):
    page = f"# Page\n\n```tpmdocs\n{body}\n```\n\ntext\n"
    for finding in query_findings(page, "p.md"):
        assert finding.code == "TPM030" and 3 <= finding.line <= page.count("\n") + 1


@settings(settings(max_examples=60, deadline=None, derandomize=True, database=None))
@given(st.lists(values, min_size=1, max_size=3))
def test_no_value_of_a_document_becomes_markup_in_a_query_table(titles):
    documents = [Document(path=EXAMPLE / "index.md", display="index.md", locations={},
                          data={"type": "charter", "id": "P", "title": "<b>charter</b>"})]
    for number, title in enumerate(titles):
        documents.append(Document(path=EXAMPLE / f"r{number}.md", display=f"r{number}.md", locations={}, data={
            "type": "risk", "id": f"P-R{number}", "title": title, "owner": title, "status": title,
            "tags": title, "mitigation": title, "probability": 3, "impact": 4}))
    ctx = PageContext(graph=build_graph(documents), findings=[], today=dt.date(2026, 11, 20),
                      docs_root=EXAMPLE, cwd=EXAMPLE)
    block = "```tpmdocs\ntype: risk\ncolumns: [id, title, owner, status, tags, mitigation, score, project]\n```\n"
    html = render_blocks(block, ctx, "page.md", None)
    tags, attributes = _markup(html)
    assert tags <= {"table", "thead", "tbody", "tr", "th", "td", "a", "span"}
    assert attributes <= {"data-tpm-table", "data-tpm-query", "class", "href"}
    assert "\n\n" not in html.strip()  # one block: no blank line for Markdown to split it at


def _markup(html: str) -> tuple:
    """The tags and attribute names of ``html``, as a browser's parser sees them."""
    tags, attributes = set(), set()

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.add(tag)
            attributes.update(name for name, _ in attrs)

    collector = Collector()
    collector.feed(html)
    collector.close()
    return tags, attributes
