"""What Material's search index holds of a tpmdocs site: every page and its prose, but not the
header cards nor the status pages' tables and charts (each row is a document with its own page),
which are put into the pages after the search plugin has read them."""

from __future__ import annotations

import json
import random
import re

from tests.helpers.site import page
from tpmdocs_mkdocs.held import HeldBlocks


def _index(root) -> dict:
    """location -> the text Material indexed for it."""
    docs = json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return {entry["location"]: entry["title"] + " " + entry["text"] for entry in docs}


def test_documents_and_status_pages_are_indexed_without_cards_tables_or_charts(example_site):
    index = _index(example_site)
    task = index["example/tasks/pay-t08/"]
    assert "Full and partial refunds" in task  # the document's own text
    assert "Referenced by" not in task and "in-progress" not in task  # its card
    work = index["status/pay/work/"]
    assert "Work breakdown" in work and "Estimates in working days" in work
    assert "PAY-T08" not in work and "Refund and chargeback flows" not in work  # a table row
    schedule = " ".join(text for where, text in index.items() if where.startswith("status/pay/schedule/"))
    assert "Tasks" in schedule and "today" not in schedule and "PAY-T08" not in schedule  # chart, table
    # ... while the pages themselves show them, where the markers were.
    article = page(example_site, "example/tasks/pay-t08").find("article")
    assert "Referenced by" in article.text
    order = [e.tag for e in article.iter() if e.tag in ("h1", "table", "hr", "p")]
    assert order[:2] == ["h1", "table"] and "hr" in order  # the card under the heading, then the body
    body = next(e for e in article.iter() if e.tag == "p" and "Full and partial refunds" in e.text)
    assert order.index("hr") < [e for e in article.iter() if e.tag in ("h1", "table", "hr", "p")].index(body)
    assert "tpmdocs-" not in (example_site / "site" / "example" / "tasks" / "pay-t08" / "index.html").read_text()
    article = page(example_site, "status/pay/schedule").find("article")
    order = [e.tag if e.tag != "h2" else e.text.strip() for e in article.iter() if e.tag in ("figure", "h2", "table")]
    assert order == ["figure", "Milestones", "table", "Tasks", "table"]
    assert "PAY-T08" in article.find_all("table")[1].text

def test_blocks_whose_marker_an_extension_dropped_still_reach_the_page():
    held = HeldBlocks()
    markdown = held.take_out("s.md", "# S\n\n<table>\n<tr><td>1</td></tr>\n</table>\n\nx\n\n"
                                     '<figure class="tpm-chart tpm-a"><svg>\n<text>t</text>\n</svg></figure>\n')
    assert "<table>" not in markdown and "<figure" not in markdown and markdown.count("<!-- tpmdocs-") == 2
    held.make_ready("s.md", lambda block: block.replace("1", "one"))
    kept_first = markdown.split("\n\nx")[0]  # the table's marker survives, the chart's does not
    html = held.put_back("s.md", kept_first + "<p>x</p>")
    assert html.startswith("# S\n\n<table>\n<tr><td>one</td></tr>\n</table><p>x</p>")
    assert html.endswith("<text>t</text>\n</svg></figure>")
    held.hold_card("t.md", "<table>card</table>")  # no place_card: on top
    assert held.put_back("t.md", "<h1>T</h1><p>body</p>") == "<table>card</table><h1>T</h1><p>body</p>"
    assert held.put_back("t.md", "<p>again</p>") == "<p>again</p>"  # put back once only
    held.place_card("u.md", True)
    held.hold_card("u.md", "<table>card</table>")
    assert held.put_back("u.md", "<h1>U</h1>\n<p>b</p>") == "<h1>U</h1>\n<table>card</table>\n<p>b</p>"
    held.place_card("v.md", True)
    held.hold_card("v.md", "<table>card</table>")
    assert held.put_back("v.md", "<p>no heading after all</p>") == "<table>card</table><p>no heading after all</p>"


def test_blocks_are_taken_out_exactly_where_their_closing_line_is():
    """The blocks are found a line at a time; what is taken is what the plain definition says: from
    the opening line to the first line that closes that kind of block, nothing when none does."""
    plain = re.compile(r'^(?:<table(?: data-tpm-[a-z]+)*>\n.*?\n</table>|<figure class="tpm-chart[^\n]*\n.*?</figure>'
                       r'|<ol class="tpm-timeline">\n.*?\n</ol>|<nav class="tpm-menu"[^\n]*</nav>)$',
                       re.MULTILINE | re.DOTALL)
    lines = ["<table>", "<table data-tpm-table>", "</table>", "</table> x", "x</table>", "",
             '<figure class="tpm-chart a">', "</figure>", "</svg></figure>", "</figure> ", "text",
             '<ol class="tpm-timeline">', "</ol>", '<nav class="tpm-menu">a</nav>', '<nav class="tpm-menu"></nav>x']
    chooser = random.Random(14)
    for _ in range(3000):
        text = "\n".join(chooser.choice(lines) for _ in range(chooser.randint(0, 10))) + chooser.choice(["", "\n"])
        held = HeldBlocks()
        held.take_out("p.md", text)
        assert [block for _, block in held.taken.get("p.md", [])] == plain.findall(text), text
