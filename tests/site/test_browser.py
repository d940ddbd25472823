"""A real headless chromium opens the built example site: the dashboard, the risk register,
the schedule and a document page render with no console error, with and without JavaScript."""

from __future__ import annotations

import json

import pytest

import cdp_browser
from browsing import browser, needs_chromium, outside, serve  # noqa: F401 - fixture
from site_build import example_site  # noqa: F401 - fixture

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def served(example_site):
    with serve(example_site / "site") as base:
        yield base


PAGES = {
    "dashboard": ("status/pay/", "document.querySelectorAll('article table').length"),
    "risks": ("status/pay/risks/", "document.querySelectorAll('svg g.tpm-heat-cell').length"),
    "schedule": ("status/pay/schedule/", "document.querySelectorAll('svg rect.tpm-bar').length"),
    "document": ("example/tasks/pay-t08/", "document.querySelectorAll('article a[href$=\"pay-t07/\"]').length"),
    "decisions": ("status/pay/decisions/", "document.querySelectorAll('li.tpm-timeline-item').length"),
}
EXPECTED = {"dashboard": 5, "risks": 25, "schedule": 19, "document": 1, "decisions": 3}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_render_without_console_errors(name, served, browser, tmp_path):
    path, probe = PAGES[name]
    tab = browser.open(f"{served}/{path}")
    assert tab.errors == []
    assert outside(tab, served) == []  # no CDN, no font service: the site works offline
    assert tab.evaluate(probe) >= EXPECTED[name]
    assert tab.evaluate("document.title").endswith(" - Fixture site")
    shot = tab.screenshot(tmp_path / f"{name}.png")
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_heat_map_is_visible_and_sized(served, browser):
    tab = browser.open(f"{served}/status/pay/risks/")
    box = tab.evaluate("JSON.stringify(document.querySelector('figure.tpm-heatmap svg').getBoundingClientRect())")
    rect = json.loads(box)
    assert rect["width"] > 300 and rect["height"] > 300
    filled = tab.evaluate("[...document.querySelectorAll('g.tpm-heat-cell text.tpm-heat-risk')]"
                          ".map(t => t.textContent).sort().join(',')")
    assert filled == "PAY-R01,PAY-R02,PAY-R03,PAY-R04,PAY-R05"


def test_the_charts_work_with_javascript_disabled(served, tmp_path):
    chromium = cdp_browser.Browser(tmp_path / "profile-nojs")
    try:
        tab = chromium.open(f"{served}/status/pay/risks/", scripts=False)
        assert tab.evaluate("document.querySelectorAll('g.tpm-heat-cell').length") == 25
        tab.screenshot(tmp_path / "risks-nojs.png")
    finally:
        chromium.close()


OUTSIDE = """JSON.stringify([...document.querySelectorAll('figure svg')].flatMap(svg => {
  const box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].filter(t => {
    const b = t.getBoundingClientRect();
    return b.width > 0 && (b.left < box.left - 0.5 || b.right > box.right + 0.5);
  }).map(t => t.textContent);
}))"""


STATUS_PAGES = ["status/"] + [f"status/{project}/{name}" for project in ("pay", "rpt")
                               for name in ("", "risks/", "work/", "schedule/", "goals/", "team/", "summary/")]


def test_no_chart_label_runs_out_of_its_chart(served, browser):
    outside = {}
    for path in STATUS_PAGES:
        tab = browser.open(f"{served}/{path}")
        assert tab.evaluate("document.querySelectorAll('article').length") == 1, path
        labels = json.loads(tab.evaluate(OUTSIDE))
        if labels:
            outside[path] = labels
    assert outside == {}
