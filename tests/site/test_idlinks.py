"""Plain-text ids in a body become links; code, links, HTML and URLs are left alone."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

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


ID_TEXT = st.text(alphabet="PTpt-_.1/@#&é \n", max_size=40)


@settings(max_examples=400, deadline=None)
@given(ID_TEXT)
def test_the_words_looked_at_include_every_id_a_word_can_be(text):
    """Only words that begin with an id's first letter are looked at, split at their dots: never
    fewer ids than every word of the text, as ``ID_PATTERN`` splits them, would give."""
    from tpmdocs.pages.idlinks import ID_PATTERN, _Ids

    ids = _Ids(build_graph([Document(ROOT / f"{i}.md", i, {"type": "task", "id": i, "title": i}, {})
                            for i in ("P-1", "T.1", "P-1.T", "t-1", "P_1", "PT")]))
    assert set(ID_PATTERN.findall(text)) & ids.by_id.keys() <= ids.in_text(text)


def test_without_spans_a_link_shows_the_id_alone():
    assert link_ids("See T-1.\n", graph(), "notes/page.md", src_of, spans=False) == "See [T-1](../tasks/t-1.md).\n"


def test_keep_whole_puts_the_ids_of_links_into_spans_and_nothing_else():
    from tpmdocs.pages.idlinks import keep_whole

    html = ('<p><a href="../t-1/">T-1</a> <a href="x/">T-3</a> <a href="y/">T-1 and more</a> '
            '<a href="z/" title="t">T-2</a> <code>&lt;a href="q"&gt;T-2&lt;/a&gt;</code> <a href="../t-2/">T-2</a></p>')
    assert keep_whole(html, graph()) == (
        '<p><a href="../t-1/"><span class="tpm-id">T-1</span></a> <a href="x/">T-3</a> '
        '<a href="y/">T-1 and more</a> <a href="z/" title="t">T-2</a> '
        '<code>&lt;a href="q"&gt;T-2&lt;/a&gt;</code> <a href="../t-2/"><span class="tpm-id">T-2</span></a></p>')
    assert keep_whole("<p>no links</p>", graph()) == "<p>no links</p>"


BODY_TEXT = st.lists(st.sampled_from(["T-1", "T-2", "PAY", "T-1.", "(T-2)", "*T-1*", "`T-1`", "[T-2]",
                                      "word", "PAY_T", "T-10", "\n", "\n\n", "# ", "- ", "<b>", "</b>",
                                      "**", "_", "&", "[x](T-1.md)", "    "]),
                     max_size=30).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(BODY_TEXT)
def test_spans_after_markdown_give_the_html_that_spans_in_markdown_give(text):
    """What the MkDocs plugin does (ids linked alone, spans put in after Markdown) gives the
    same HTML as linking them in spans before, as ``tpmdocs pages`` writes for other generators."""
    import markdown

    from tpmdocs.pages.idlinks import keep_whole

    before = markdown.markdown(link_ids(text, graph(), "notes/page.md", src_of))
    after = keep_whole(markdown.markdown(link_ids(text, graph(), "notes/page.md", src_of, spans=False)), graph())
    assert after == before
