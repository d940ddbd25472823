"""Hostile front-matter values render as text on every page of the built site: no tag, no on*
attribute, no javascript: URL, no Jinja evaluation, no broken table row, and a safe title in
the navigation, ``<title>`` and the search index (SPEC, Promises; issue 6, invariant 7)."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest

from tests.helpers import hostile_site as hp
from tests.helpers.html_tree import parse
from tests.helpers.site import html_files, make_project, mkdocs_build, page

SVG_TAGS = {"svg", "title", "rect", "text", "g", "line", "polygon", "defs", "marker", "path", "figcaption"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("hostile"), hp.DOCUMENTS)
    result = mkdocs_build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return root


def test_the_hostile_project_has_findings_but_builds(hostile_site):
    assert (hostile_site / "site" / "status" / "evil" / "risks" / "index.html").is_file()


def _all_pages(root):
    return [(path, parse(path.read_text("utf-8"))) for path in html_files(root)]


def test_no_value_creates_an_event_handler_a_script_or_an_image(hostile_site):
    pages = _all_pages(hostile_site)
    assert len(pages) >= 15
    for path, tree in pages:
        for element in tree.iter():
            assert not [name for name in element.attrs if name.startswith("on")], (path, element.tag)
            for name in ("href", "src", "action", "xlink:href", "formaction"):
                value = element.attrs.get(name, "").strip().lower()
                assert not value.startswith(("javascript:", "data:text")), (path, element.tag, value)
            if element.tag == "script":
                assert "alert(" not in element.text, path
            assert not (element.tag == "img" and element.attrs.get("src") == "x"), path
            assert element.tag != "b", (path, "a <b> from a value became an element")


def test_svg_charts_contain_only_chart_elements(hostile_site):
    for name in ("risks", "schedule", "goals", "team"):
        figure = page(hostile_site, f"status/evil/{name}").find("figure", cls="tpm-chart")
        assert figure is not None, name
        tags = {e.tag for e in figure.iter()} - {"figure"}
        layout = {"div"} if name == "schedule" else set()  # the names' column beside the bars
        assert tags <= SVG_TAGS | layout, (name, tags - SVG_TAGS)
        placed = figure.find_all("svg", cls="tpm-placed")  # a milestone's diamond, moved along the axis
        assert all([c.tag for c in svg.children if not isinstance(c, str)] == ["polygon"] for svg in placed), name
        assert len(figure.find_all("svg")) - len(placed) == (2 if name == "schedule" else 1)


def test_values_show_as_the_text_they_are(hostile_site):
    risks = page(hostile_site, "status/evil/risks").find("article")
    rows = [tr for tr in risks.find("table").find_all("tr") if tr.find_all("td")]
    assert len(rows) == 2 and all(len(tr.find_all("td")) == 9 for tr in rows)  # the pipe broke no row
    first = [td.text.strip() for td in rows[0].find_all("td")]
    assert first[1] == hp.PIPE + " " + hp.SVG_BREAK
    assert first[5] == hp.IMG
    heat_titles = [t.text for t in risks.find("svg").find_all("title")]
    assert any(hp.SVG_BREAK in t for t in heat_titles)
    goals = page(hostile_site, "status/evil/goals").find("article")
    assert hp.JINJA in goals.text and "49" not in goals.text


def test_the_document_page_card_and_titles_are_safe(hostile_site):
    tree = page(hostile_site, "task")
    title = tree.find("title")
    assert title.children == [title.text] and title.text.startswith(hp.IMG + " line one line two")
    card = tree.find("article").find("table")
    cells = [td.text.strip() for td in card.find_all("td")]
    assert cells[:4] == ["task", "EVIL-T1", hp.SCRIPT, hp.SCRIPT]
    charter = page(hostile_site, "")
    assert charter.find("title").text.startswith(hp.SCRIPT)
    nav_texts = [e.text for e in charter.find_all("span", cls="md-ellipsis")]
    assert any(hp.SCRIPT in text for text in nav_texts)  # shown as text in the navigation


def test_the_search_index_holds_no_markup_from_values(hostile_site):
    index = json.loads((hostile_site / "site" / "search" / "search_index.json").read_text("utf-8"))
    for entry in index["docs"]:
        rendered = parse(entry["title"] + " " + entry["text"])
        tags = {e.tag for e in rendered.iter()} - {"#document"}
        assert not tags & {"script", "img", "svg", "b"}, (entry["location"], tags)
        assert not any(name.startswith("on") for e in rendered.iter() for name in e.attrs)


def test_the_theme_gets_no_raw_front_matter_keys(hostile_site):
    """Material puts ``status`` into a class attribute: a document's status must not reach it."""
    for _, tree in _all_pages(hostile_site):
        for element in tree.find_all(cls="md-status"):
            assert '"' not in element.attrs.get("class", "")


def test_links_to_files_with_awkward_names_resolve(hostile_site):
    goals = page(hostile_site, "status/evil/goals").find("article")
    link = next(a for a in goals.find_all("a") if a.text == "EVIL-T2")
    target = (hostile_site / "site" / "status" / "evil" / "goals" / unquote(link.attrs["href"])).resolve()
    assert (target / "index.html").is_file(), link.attrs["href"]
