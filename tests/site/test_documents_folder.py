"""``tpmdocs pages OUT --documents``: a whole docs folder that Zensical and MkDocs without the
plugin build as the plugin's site (header cards, linked ids, status pages, queries), with no
value of a document becoming markup in either (pages, navigation, ``<title>``, search index)."""

from __future__ import annotations

import html
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY, cli_env, example_history, run_cli
from tests.helpers import hostile_site as hp
from tests.helpers.html_tree import parse
from tests.helpers.site import make_project

HAS_ZENSICAL = importlib.util.find_spec("zensical") is not None
needs_zensical = pytest.mark.skipif(not HAS_ZENSICAL, reason="zensical is not installed (pip install zensical)")

QUERY_PAGE = """# Steering

```tpmdocs
type: risk
where: {status: [open, mitigating], score: ">= 12"}
columns: [id, title, score, owner]
```

```tpmdocs
type: task
where: {due: "=> 2026-01-01"}
```
"""
SITE_YML = """site_name: Without the plugin
theme:
  name: material
  font: false
extra_css: [status/tpmdocs.css]
extra_javascript: [status/tpmdocs.js]
markdown_extensions: [admonition]
"""
GENERATORS = {
    "zensical": ([sys.executable, "-m", "zensical", "build"], "source", "search.json"),
    "mkdocs": ([sys.executable, "-m", "mkdocs", "build", "--strict"], "directory", "search/search_index.json"),
}


def docs_folder(root: Path, documents: dict, urls: str) -> Path:
    """A project with ``documents`` (and a page of queries, an image), its docs folder written by
    ``tpmdocs pages --documents`` into ``root/out/docs`` with a plain ``mkdocs.yml`` beside it."""
    project = make_project(root / "project", documents, today=EXAMPLE_TODAY)
    (project / "docs" / "steering.md").write_text(QUERY_PAGE, encoding="utf-8")
    if not (project / "docs" / "index.md").exists():
        (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "docs" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    out = root / "out"
    result = run_cli("pages", out / "docs", "--documents", "--urls", urls, "--today", EXAMPLE_TODAY, cwd=project)
    assert result.returncode == 1, result.stderr  # the page's bad query: written as a notice, reported
    assert re.search(r"steering\.md:11:\d+: TPM030 bad operator", result.stderr), result.stderr
    (out / "mkdocs.yml").write_text(SITE_YML, encoding="utf-8")
    return out


def build(out: Path, generator: str) -> Path:
    command = GENERATORS[generator][0]
    result = subprocess.run(command, cwd=out, env=cli_env({"NO_MKDOCS_2_WARNING": "1"}), capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return out / "site"


@pytest.fixture(scope="module", params=[pytest.param("zensical", marks=needs_zensical), "mkdocs"])
def example_built(request, tmp_path_factory) -> tuple:
    out = docs_folder(tmp_path_factory.mktemp(request.param), {"example": EXAMPLE}, GENERATORS[request.param][1])
    return request.param, out, build(out, request.param)


def test_every_document_has_a_title_only_front_matter(tmp_path):
    out = docs_folder(tmp_path, {"example": EXAMPLE}, "source")
    pages = sorted((out / "docs" / "example").rglob("*.md"))
    assert len(pages) == len(list(EXAMPLE.rglob("*.md")))
    documents = [p for p in pages if (EXAMPLE / p.relative_to(out / "docs" / "example")).read_text("utf-8")
                 .startswith("---\ntype:")]
    assert len(documents) == 49
    for page in documents:
        text = page.read_text("utf-8")
        head = text.split("\n---\n", 1)[0]
        assert re.fullmatch(r'---\ntitle: "[^"\n]*"', head), page
    task = (out / "docs" / "example" / "tasks" / "pay-t08.md").read_text("utf-8")
    assert task.index("# Refund and chargeback flows") < task.index("<table data-tpm-table>") < task.index(
        "Full and partial refunds")
    assert '[<span class="tpm-id">PAY-T07</span>](pay-t07.md)' in task  # the body's id, linked, kept whole
    assert (out / "docs" / "logo.png").read_bytes().startswith(b"\x89PNG")
    assert (out / "docs" / "status" / "pay" / "risks.md").is_file()
    assert (out / "docs" / "status" / "tpmdocs.js").is_file() and (out / "docs" / "status" / "tpmdocs.css").is_file()
    steering = (out / "docs" / "steering.md").read_text("utf-8")
    assert "```tpmdocs" not in steering and "This query could not be run" in steering


def test_documents_is_refused_inside_the_docs_folder(tmp_path):
    root = make_project(tmp_path, {"example": EXAMPLE}, today=EXAMPLE_TODAY)
    result = run_cli("pages", "docs/site-docs", "--documents", "--into-docs", cwd=root)
    assert result.returncode == 2 and "--documents" in result.stderr
    assert not (root / "docs" / "site-docs").exists()


def _local_links(site: Path) -> list:
    """``(page, href)`` of every relative link in the built pages."""
    links = []
    for page in site.rglob("*.html"):
        for element in parse(page.read_text("utf-8")).iter():
            href = element.attrs.get("href", "") if element.tag == "a" else ""
            parts = urlsplit(href)
            if href and not parts.scheme and not href.startswith(("#", "/")) and parts.path:
                links.append((page, unquote(parts.path)))
    return links


def test_the_site_has_cards_linked_ids_status_pages_and_query_tables(example_built):
    generator, _out, site = example_built
    task = parse((site / "example" / "tasks" / "pay-t08" / "index.html").read_text("utf-8")).find("article")
    card = task.find("table")
    assert [th.text for th in card.find_all("th")][:4] == ["Type", "Id", "Status", "Owner"]
    assert "Referenced by" in task.text
    assert any(a.text == "PAY-T07" and a.attrs["href"] == "../pay-t07/" for a in task.find_all("a"))
    risks = parse((site / "status" / "pay" / "risks" / "index.html").read_text("utf-8"))
    register = risks.find("article").find("table", **{"data-tpm-table": ""})
    assert len([tr for tr in register.find_all("tr") if tr.find_all("td")]) == 6
    steering = parse((site / "steering" / "index.html").read_text("utf-8")).find("article")
    ids = [a.text for a in steering.find("table").find_all("a") if a.text.startswith(("PAY-", "RPT-"))]
    assert ids == ["PAY-R02", "PAY-R01", "PAY-R05", "RPT-R01"]  # every project: the page is in none
    assert steering.find("div", cls="tpm-query-problem") is not None
    broken = [(page.relative_to(site).as_posix(), href) for page, href in _local_links(site)
              if not ((page.parent / href).resolve() / "index.html").is_file()
              and not (page.parent / href).resolve().is_file()]
    assert broken == [], (generator, broken[:10])


@pytest.fixture(scope="module", params=[pytest.param("zensical", marks=needs_zensical), "mkdocs"])
def hostile_built(request, tmp_path_factory) -> tuple:
    out = docs_folder(tmp_path_factory.mktemp(f"hostile-{request.param}"), hp.DOCUMENTS, GENERATORS[request.param][1])
    return request.param, build(out, request.param)


def test_no_document_value_becomes_markup(hostile_built):
    generator, site = hostile_built
    _no_markup_in_pages(generator, site)
    charter = parse((site / "index.html").read_text("utf-8"))
    assert charter.find("title").text.startswith(hp.SCRIPT)  # shown as the text it is
    nav = " ".join(e.text for e in charter.iter() if e.tag in ("nav", "aside"))
    assert hp.SCRIPT in nav  # the navigation names it as text


def _no_markup_in_pages(generator: str, site: Path) -> None:
    """No element, attribute or script of any page of ``site`` comes from a document's value."""
    pages = [(path, parse(path.read_text("utf-8"))) for path in site.rglob("*.html")]
    assert len(pages) >= 15
    for path, tree in pages:
        for element in tree.iter():
            assert not [name for name in element.attrs if name.startswith("on")], (generator, path, element.tag)
            assert not element.attrs.get("href", "").strip().lower().startswith("javascript:"), (generator, path)
            assert not (element.tag == "script" and "alert(" in element.text), (generator, path)
            assert not (element.tag == "img" and element.attrs.get("src") == "x"), (generator, path)
            assert element.tag != "b", (generator, path)
        title = tree.find("title")
        assert title.children == [title.text], (generator, path)  # text only, in every <title>


def test_the_search_index_holds_no_markup_from_values(hostile_built):
    generator, site = hostile_built
    _no_markup_in_search_index(generator, site)


def _no_markup_in_search_index(generator: str, site: Path) -> None:
    index = json.loads((site / GENERATORS[generator][2]).read_text("utf-8"))
    entries = index.get("docs") or index.get("items")
    assert entries
    for entry in entries:
        texts = [entry.get("title", ""), entry.get("text", ""), *entry.get("path", [])]
        rendered = parse(" ".join(texts))
        tags = {e.tag for e in rendered.iter()} - {"#document"}
        assert not tags & {"script", "img", "svg", "b"}, (generator, entry.get("location"), tags)
        assert not any(name.startswith("on") for e in rendered.iter() for name in e.attrs), generator


HOSTILE_ID = "<img src=x onerror=alert(1)>"


@needs_zensical
def test_zensical_builds_the_trends_and_the_dashboards_charts_from_git(tmp_path):
    """In a repository with history, ``--documents`` writes the Trends and Changes pages and the
    dashboard's burn-up and trend; Zensical builds them, a hostile milestone id staying text."""
    repo = example_history.build(tmp_path / "past")
    target = repo / "docs/example/milestones/pay-m3.md"
    target.write_text(target.read_text("utf-8").replace("id: PAY-M3", f'id: "{HOSTILE_ID}"'), "utf-8")
    subprocess.run(["git", "-C", str(repo), "commit", "-qam", "hostile"], check=True,
                   env=cli_env({"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
                                "GIT_COMMITTER_EMAIL": "t@e"}))
    (repo / "docs" / "index.md").write_text("# Home\n", "utf-8")
    out = tmp_path / "out"
    result = run_cli("pages", out / "docs", "--documents", "--today", EXAMPLE_TODAY, cwd=repo)
    assert result.returncode == 0, result.stderr
    (out / "mkdocs.yml").write_text(SITE_YML, encoding="utf-8")
    site = build(out, "zensical")
    trends = (site / "status" / "pay" / "trends" / "index.html").read_text("utf-8")
    assert trends.count('<figure class="tpm-chart') == 4 and "snapshots (the last commit of each day)" in trends
    dashboard = (site / "status" / "pay" / "index.html").read_text("utf-8")
    assert 'class="tpm-chart tpm-burnup"' in dashboard and 'class="tpm-chart tpm-mta"' in dashboard
    assert "<img src=x" not in trends and HOSTILE_ID in html.unescape(trends)  # the milestone's id, as text
    assert (site / "status" / "pay" / "changes" / "index.html").is_file() is False  # no baseline set
    _no_markup_in_pages("zensical", site)
    _no_markup_in_search_index("zensical", site)
