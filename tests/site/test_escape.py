"""Each escaping function against the values built to break its context."""

from __future__ import annotations

import json

import markdown
import pytest

from tests.helpers.html_tree import parse
from tpmdocs import escape

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a | b", "x\" onload=\"y",
           "{{ 7*7 }}", "{% raw %}", "*em* _u_ [l](javascript:x) `c` ==m== :smile: $x$", "a\nb\r\nc",
           "</svg><svg onload=alert(1)>", "\u202eevil\u2066", "&amp; &lt;"]


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_text_renders_as_exactly_the_text(value):
    html = markdown.markdown(f"Before {escape.md_text(value)} after", extensions=["tables"])
    tree = parse(html)
    assert [e.tag for e in tree.iter()] == ["#document", "p"]
    assert tree.text == "Before " + escape.plain(value) + " after"
    assert "{{" not in html and "{%" not in html


@pytest.mark.parametrize("value", HOSTILE)
def test_a_table_cell_stays_one_cell(value):
    html = markdown.markdown(f"| A | B |\n| --- | --- |\n| {escape.table_cell(value)} | z |\n",
                             extensions=["tables"])
    cells = parse(html).find_all("td")
    assert [c.text for c in cells] == [escape.plain(value).strip(), "z"]
    assert {e.tag for c in cells for e in c.iter()} == {"td"}


@pytest.mark.parametrize("value", HOSTILE)
def test_attribute_and_svg_text_cannot_open_anything(value):
    tree = parse(f'<svg><text x="1" data-v="{escape.html_attr(value)}">{escape.svg_text(value)}</text></svg>')
    text = tree.find("text")
    assert [e.tag for e in tree.iter()] == ["#document", "svg", "text"]
    assert text.attrs["data-v"] == escape.plain(value) and text.text == escape.plain(value)


def test_html_text_is_minimal_and_complete():
    assert escape.html_text("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
    assert escape.html_text(None) == "" and escape.html_text(3) == "3"


@pytest.mark.parametrize("value", ["javascript:alert(1)", "JaVaScRiPt:x", "java\tscript:x", " javascript:x",
                                   "data:text/html,x", "vbscript:x", "//evil.example/x", "\u200bjavascript:x",
                                   ["x"], None])
def test_url_refuses_script_and_foreign_schemes(value):
    assert escape.url(value) == "#"
    assert escape.html_url(value) == "#"


@pytest.mark.parametrize("value", ["https://example.org/a?b=1&c=2", "http://x.y", "mailto:a@b.c",
                                   "../tasks/t-1.md", "#top", "page.md"])
def test_url_keeps_safe_ones(value):
    for escaped in (escape.url(value), escape.html_url(value)):
        tag = parse(f'<a href="{escaped}">x</a>').find("a")
        assert tag.attrs == {"href": value}


def test_html_url_escapes_for_html_only():
    assert escape.html_url('a.md?x="1"&y=<b>') == "a.md?x=&quot;1&quot;&amp;y=&lt;b&gt;"


def test_script_json_cannot_close_the_script():
    value = {"t": "</script><script>alert(1)</script><!-- \u2028 & >"}
    text = escape.script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_link_target_percent_encodes_what_markdown_would_read():
    assert escape.link_target("a b/(c)<d>#[e].md") == "a%20b/%28c%29%3Cd%3E%23%5Be%5D.md"


@pytest.mark.parametrize("value", [*HOSTILE, "```\n# heading", "`` ```` `", "~~~"])
def test_a_code_block_shows_its_lines_verbatim(value):
    """An editor's hover: CommonMark (markdown-it, as VS Code renders it) shows one block."""
    from markdown_it import MarkdownIt

    lines = ["head", value, f"title: {value}"]
    tree = parse(MarkdownIt("commonmark").render(escape.code_block(lines)))
    assert [e.tag for e in tree.iter()] == ["#document", "pre", "code"]
    assert tree.find("code").text == "\n".join(escape.plain(line) for line in lines) + "\n"
