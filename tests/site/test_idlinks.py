"""Plain-text ids in a body become links; code, links, HTML and URLs are left alone."""

from __future__ import annotations

from pathlib import Path

from tpmdocs.graph import build_graph
from tpmdocs.model import Document
from tpmdocs.pages import link_ids

ROOT = Path("/docs")


def graph():
    docs = [Document(ROOT / "tasks" / f"{i.lower()}.md", i, {"type": "task", "id": i, "title": i}, {})
            for i in ("T-1", "T-2", "PAY")]
    return build_graph(docs)


def src_of(doc):
    return doc.path.relative_to(ROOT).as_posix()


def run(text, page="notes/page.md"):
    return link_ids(text, graph(), page, src_of)


def linked(word, target):
    """An id linked as the site writes it: in a span the stylesheet keeps on one line."""
    return f'[<span class="tpm-id">{word}</span>]({target})'


def test_ids_in_prose_become_relative_links():
    one, two = linked("T-1", "../tasks/t-1.md"), linked("T-2", "../tasks/t-2.md")
    assert run("See T-1, then T-2.\n") == f"See {one}, then {two}.\n"


def test_code_links_html_and_urls_are_left_alone():
    text = ("Inline `T-1` and ``x T-1 x``.\n\n```\nT-1 in a fence\n```\n\n    T-1 indented code\n\n"
            "[T-1](elsewhere.md) [see T-2] <a href='x'>T-1</a> <span title=\"T-1\">\n"
            "https://example.org/T-1 and T-1.md and x/T-1 and t-1 and T-10 and PAY-T-1\n\n"
            "<div>\nT-2 in raw HTML\n</div>\n\n[ref]: https://x/T-1\n<!-- T-1 -->\n")
    assert run(text) == text


def test_a_page_does_not_link_to_itself():
    assert run("T-1 here", page="tasks/t-1.md") == "T-1 here"


def test_a_mention_inside_emphasis_and_headings_links():
    one, two = linked("T-1", "../tasks/t-1.md"), linked("T-2", "../tasks/t-2.md")
    assert run("# About T-1\n\n*T-2*\n") == f"# About {one}\n\n*{two}*\n"
