"""The Trends and Changes pages in a real MkDocs build: the example's history (made by
tests/example_history.py), a repository named by the plugin, a shallow clone and a folder
outside git (the page says why, the strict build passes), hostile ids, and a real chromium
at desktop and phone widths in light and dark."""

from __future__ import annotations

import functools
import html as html_module
import json
import re
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY, example_history
from tests.helpers.chromium import Browser
from tests.helpers.chromium import available as chromium_available
from tests.helpers.html_tree import parse
from tests.helpers.site import MKDOCS_YML, find, mkdocs_build, nav_tree
from tpmdocs.pages.markdown import PROJECT_PAGES

BASELINE = f"      baseline: {example_history.BASELINE_TAG}\n"


def _site(root: Path, extra: str = BASELINE) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n\nSee the [example](example/index.md).\n", "utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(today=EXAMPLE_TODAY, extra=extra), "utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root


@pytest.fixture(scope="module")
def history_site(tmp_path_factory) -> Path:
    """The example's repository, built as a site where it lies (history: its own)."""
    return _site(example_history.build(tmp_path_factory.mktemp("history-site")))


def _text(root: Path, url: str) -> str:
    """The page's HTML with character references decoded (values reach pages escaped) and the
    cells' width classes (``tpm-wide``, ``tpm-nowrap``) left out."""
    return re.sub(r'<td class="tpm-[a-z]+">', "<td>", html_module.unescape(_raw(root, url)))


def _raw(root: Path, url: str) -> str:
    return (root / "site" / url / "index.html").read_text("utf-8")


def test_trends_page_draws_the_four_charts_with_tables(history_site):
    html = _text(history_site, "status/pay/trends")
    for kind in ("burnup", "mta", "exposure", "health"):
        assert f'class="tpm-chart tpm-{kind}"' in html
    assert "28 snapshots (the last commit of each day) from 2026-05-11 to 2026-11-20" in html
    assert html.count("<table data-tpm-table>") == 4
    assert "Burn-up: scope 285 d, done 130 d on 2026-11-20" in html
    row = re.search(r"<tr><td>PAY-M1</td>(.*?)</tr>", html).group(1)
    assert "2026-09-16" in row and "2026-09-30" in row and "+14 days" in row
    # PAY-M3 never moved, but its forecast slipped from its due date as the work did.
    row = re.search(r"<tr><td>PAY-M3</td>(.*?)</tr>", html).group(1)
    first, latest, moved = re.match(r"<td>([\d-]+)</td><td>([\d-]+)</td><td>\+(\d+) days</td>", row).groups()
    assert first == "2026-12-18" and latest > first and int(moved) > 0 and "earlier" in row
    assert "each milestone's forecast (its due date where no forecast was known)" in html
    assert "No history to show" not in html


def test_the_dashboard_draws_the_burn_up_and_the_milestone_trend_with_their_figures(history_site):
    """The Trends page's own charts (one implementation), each with its figures as a table
    folded under it, for screen readers and for whoever wants the numbers."""
    dashboard, trends = _text(history_site, "status/pay"), _text(history_site, "status/pay/trends")
    for kind in ("burnup", "mta"):
        chart = re.search(rf'<figure class="tpm-chart tpm-{kind}"[^>]*>.*?</figure>', dashboard, re.DOTALL).group()
        assert chart in trends
        after = dashboard[dashboard.index(chart) + len(chart):]
        assert re.match(r'\s*<details class="tpm-figures">\s*<summary>[^<]*figures as a table</summary>\s*'
                        r"<table data-tpm-table>", after)
    assert "Burn-up: scope 285 d, done 130 d on 2026-11-20" in dashboard
    assert '(see <a href="trends/">Trends</a>)' in dashboard
    assert dashboard.index("<h2 id=\"progress\">") < dashboard.index("<h2 id=\"trends\">") < dashboard.index(
        "<h2 id=\"milestones\">")


def test_every_project_gets_trends_and_changes_in_its_menu(history_site):
    for project in ("pay", "rpt"):
        html = _text(history_site, f"status/{project}/trends")
        assert 'href="../changes/"' in html
    assert "Trends" in _text(history_site, "status/pay")


def test_trends_and_changes_are_in_the_navigation_under_each_project(history_site):
    tree = nav_tree(parse(_raw(history_site, "status/pay/trends")))
    for charter in ("Payments platform migration", "Finance reporting refresh"):
        parent = next(item for item in _sections(tree) if charter in [child[0] for child in item[2]])
        titles = [child[0] for child in parent[2]]
        status = parent[2][titles.index(charter) + 1]
        assert status[0] == "Status pages"
        assert [child[0] for child in status[2]] == [title for _key, _file, title in PROJECT_PAGES]
    dashboard = find(nav_tree(parse(_raw(history_site, "status/pay"))), "Status pages")
    assert [(title, href) for title, href, _ in dashboard[2][-2:]] == [("Trends", "trends/"), ("Changes", "changes/")]


def _sections(items: list) -> list:
    stack, found = list(items), []
    while stack:
        item = stack.pop(0)
        found.append(item)
        stack.extend(item[2])
    return found


def test_changes_page_says_what_moved_by_how_much_and_what_covers_it(history_site):
    html = _text(history_site, "status/pay/changes")
    assert "Compared with <code>v1.0-baseline</code>" in html
    named = r'<tr><td><a [^>]*><span class="tpm-id">{}</span> [^<]*</a></td>'  # the id kept on one line
    t17 = re.search(named.format("PAY-T17") + r"(.*?)</tr>", html).group(1)
    assert "2w" in t17 and "4w" in t17 and "+10 d" in t17 and "PAY-CR1" in t17
    m2 = re.search(named.format("PAY-M2") + r"<td>due</td>(.*?)</tr>", html).group(1)
    assert "+14 days" in m2 and m2.endswith("<td>—</td>")
    assert "PAY-CR2" in html  # added since the baseline


def test_a_repository_named_by_the_plugin(tmp_path):
    repo = example_history.build(tmp_path / "past")
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    subprocess.run(["cp", "-r", str(EXAMPLE), str(root / "docs" / "example")], check=True)
    _site(root, BASELINE + f"      history_repository: {repo}\n")
    assert "28 snapshots" in _text(root, "status/pay/trends")


def test_a_shallow_clone_says_how_to_fetch_and_builds(history_site, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history_site}", str(clone)], check=True)
    _site(clone)
    html = _text(clone, "status/pay/trends")
    assert "No history to show" in html and "shallow clone" in html and "fetch-depth: 0" in html
    assert "Health of each status report" in html  # from the documents, history or not
    dashboard = _text(clone, "status/pay")
    assert "No history to draw" in dashboard and "shallow clone" in dashboard
    assert "tpm-burnup" not in dashboard and "tpm-milestones" in dashboard  # the bars need no history
    assert "No comparison" in _text(clone, "status/pay/changes")


def test_outside_git_there_is_a_note_and_no_changes_page_without_a_baseline(tmp_path):
    root = tmp_path / "plain"
    (root / "docs").mkdir(parents=True)
    subprocess.run(["cp", "-r", str(EXAMPLE), str(root / "docs" / "example")], check=True)
    result = subprocess.run(["git", "-C", str(root), "rev-parse"], capture_output=True)
    if result.returncode == 0:
        pytest.skip("the temporary folder lies inside a git repository")
    _site(root, "")
    assert "not in a git repository" in _text(root, "status/pay/trends")
    assert "No history to draw (see Trends): the documents are not in a git repository." in re.sub(
        "<[^>]+>", "", _text(root, "status/pay"))
    assert not (root / "site" / "status" / "pay" / "changes").exists()


def test_hostile_ids_stay_text(tmp_path):
    repo = tmp_path / "hostile"
    root = example_history.build(repo)
    target = repo / "docs/example/milestones/pay-m3.md"
    target.write_text(target.read_text("utf-8").replace("id: PAY-M3", 'id: "<img src=x onerror=alert(1)>"'),
                      "utf-8")
    subprocess.run(["git", "-C", str(repo), "commit", "-qam", "hostile"], check=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@e", "PATH": "/usr/bin:/bin"})
    (root / "docs" / "index.md").write_text("# Home\n", "utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(today=EXAMPLE_TODAY, extra=BASELINE), "utf-8")
    mkdocs_build(root, strict=False)
    for url in ("status/pay/trends", "status/pay/changes"):
        html = _raw(root, url)
        assert "<img src=x" not in html and "onerror=alert" not in html.replace("onerror&#61;", "")


# -- in a real browser -----------------------------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served(history_site):
    handler = functools.partial(QuietHandler, directory=str(history_site / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.skipif(not chromium_available(), reason="chromium is not installed")
@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_trends_in_a_browser(served, tmp_path, width, scheme):
    chromium = Browser(tmp_path / "profile")
    try:
        tab = chromium.open(f"{served}/status/pay/trends/")
        chromium.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1,
                                                             "mobile": width < 600}, session=tab.session)
        tab.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        tab.settle(0.3)
        assert tab.errors == []
        assert tab.evaluate("document.querySelectorAll('figure.tpm-chart').length") == 4
        # each drawn as a value axis and a plot
        assert tab.evaluate("document.querySelectorAll('figure.tpm-chart > .tpm-over-time > svg').length") == 8
        # Its tables sort like the registers: the burn-up's figures by date, latest first.
        first = "document.querySelector('article table[data-tpm-table]')"
        assert tab.evaluate(f"{first}.tHead.querySelectorAll('button.tpm-sort').length") == 6
        for _ in range(2):
            tab.evaluate(f"{first}.tHead.rows[0].cells[0].querySelector('button').click()")
        assert tab.evaluate(f"{first}.tBodies[0].rows[0].cells[0].textContent") == "2026-11-06"
        assert tab.evaluate(f"{first}.tHead.rows[0].cells[0].getAttribute('aria-sort')") == "descending"
        # The page never scrolls sideways: a chart wider than a phone scrolls inside its figure.
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        # Chart text stays readable: no label drawn smaller than 9 px.
        smallest = tab.evaluate("Math.min(...[...document.querySelectorAll('figure.tpm-chart text')]"
                                ".map(t => t.getBoundingClientRect().height))")
        assert smallest >= 9
        # Lines and labels take a colour that differs from the page's background.
        background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
        label = tab.evaluate("getComputedStyle(document.querySelector('figure.tpm-mta text')).fill")
        assert label != background
        shot = tab.screenshot(tmp_path / f"trends-{width}-{scheme}.png")
        assert shot.stat().st_size > 10_000
        dashboard = chromium.open(f"{served}/status/pay/", width=width, height=900)
        dashboard.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        dashboard.settle(0.3)
        assert dashboard.errors == [] and dashboard.evaluate("document.documentElement.scrollWidth") <= width
        colours = json.loads(dashboard.evaluate(
            "JSON.stringify([...document.querySelectorAll('figure.tpm-burnup text, figure.tpm-mta text')]"
            ".map(t => getComputedStyle(t).fill))"))
        page = dashboard.evaluate("getComputedStyle(document.body).backgroundColor")
        assert len(colours) > 10 and page not in colours and len(set(colours)) == 1  # labels in the page's ink
        assert dashboard.evaluate("document.querySelectorAll('details.tpm-figures table[data-tpm-table]').length") == 2
    finally:
        chromium.close()
