"""The markup the status pages share: tables marked for the site's script, column classes,
the menu between pages, and links in each URL style."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tpmdocs.graph import build_graph
from tpmdocs.model import Document
from tpmdocs.pages.context import PageContext, relative_url, site_path
from tpmdocs.pages.markdown import MENU_CLASS, TABLE_MARK, column_classes, page_menu, table


def test_a_table_is_one_marked_html_block_without_blank_lines():
    block = table(["Id", "Title"], [["<a href=\"a.md\">A-1</a>", "x"], ["B-2", "y"]])
    assert block.startswith(f"<table {TABLE_MARK}>\n<thead>") and block.endswith("</table>\n")
    assert "\n\n" not in block and "<tr><td" in block
    assert table(["Id"], [], "Nothing here.") == "*Nothing here&#46;*\n"


def test_columns_of_long_text_are_wide_and_short_values_stay_on_one_line():
    title = "Acquirer&#39;s 3&#45;D Secure 2 production certificates arrive too late"
    rows = [['<a href="r.md">PAY&#45;R02</a>', f'<a href="r.md">{title}</a>', "16", "an owner of middling size"]]
    assert column_classes(rows) == [' class="tpm-nowrap"', ' class="tpm-wide"', ' class="tpm-nowrap"', ""]
    # a reference counts as one character, a tag as none: "PAY&#45;R02" shows 7
    assert 'class="tpm-wide"' in table(["Id", "Risk", "Score", "Owner"], rows)


@pytest.mark.parametrize("style, expected", [
    ("source", ["risks.md", "../../example/risks/pay-r01.md", "../../index.md"]),
    ("directory", ["risks/", "../../../example/risks/pay-r01/", "../../../"]),
    ("file", ["risks.html", "../../example/risks/pay-r01.html", "../../index.html"]),
])
def test_links_in_each_url_style(style, expected):
    pairs = [("status/pay/index.md", "status/pay/risks.md"), ("status/pay/risks.md", "example/risks/pay-r01.md"),
             ("status/pay/risks.md", "index.md")]
    assert [relative_url(here, there, style) for here, there in pairs] == expected
    assert site_path("a/index.md", "directory") == "a/" and site_path("index.md", "directory") == ""


def test_the_page_menu_is_a_nav_of_links_in_the_contexts_url_style():
    ctx = PageContext(graph=build_graph([]), findings=[], today=dt.date(2026, 11, 20), docs_root=Path("/d"),
                      cwd=Path("/d"), pages=("dashboard", "risks", "summary"), urls="directory")
    menu = page_menu(ctx, "risks")
    assert menu.startswith(f'<nav class="{MENU_CLASS}"') and menu.endswith("</nav>\n") and "\n" not in menu[:-1]
    assert '<a href="../">Dashboard</a>' in menu and '<strong aria-current="page">Risk register</strong>' in menu
    assert '<a href="../summary/">Stakeholder summary</a>' in menu and "Findings" not in menu


def _doc(path: str, **data) -> Document:
    return Document(path=Path("/p") / path, display=path, data=data, locations={})


def test_milestone_work_counts_the_leaves_under_a_summary_task_once_and_no_cancelled_task():
    from tpmdocs import figures
    documents = [
        _doc("index.md", type="charter", id="P", title="P"),
        _doc("m1.md", type="milestone", id="M1", title="M1"),
        _doc("m2.md", type="milestone", id="M2", title="M2"),
        _doc("t1.md", type="task", id="T1", title="summary", milestone="M1"),
        _doc("t2.md", type="task", id="T2", title="leaf", parent="T1", estimate="2d", status="done"),
        _doc("t3.md", type="task", id="T3", title="leaf", parent="T1", estimate="3d", milestone="M1"),
        _doc("t4.md", type="task", id="T4", title="cancelled", parent="T1", estimate="9d", status="cancelled"),
        _doc("t5.md", type="task", id="T5", title="other", estimate="1w", milestone="M2"),
        _doc("t6.md", type="task", id="T6", title="no estimate", milestone="M2"),
    ]
    graph = build_graph(documents)
    work = figures.milestone_work(graph, graph.projects[0].of_type("task"))
    m1, m2 = (work[id(graph.get(name))] for name in ("M1", "M2"))
    assert (m1.total, m1.done, m1.unestimated) == (5.0, 2.0, 0)
    assert (m2.total, m2.done, m2.unestimated) == (5.0, 0.0, 1)
