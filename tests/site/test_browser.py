"""A real headless chromium opens the built example site: the dashboard, the risk register,
the schedule and a document page render with no console error, with and without JavaScript."""

from __future__ import annotations

import json

import pytest

from tests.helpers.browsing import needs_chromium, outside, serve
from tests.helpers.chromium import Browser

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
EXPECTED = {"dashboard": 5, "risks": 25, "schedule": 10, "document": 1, "decisions": 3}


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
    chromium = Browser(tmp_path / "profile-nojs")
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


LEGIBILITY = """JSON.stringify((() => {
  const figure = document.querySelector('figure.tpm-timeline');
  const [names, bars] = figure.querySelectorAll('svg');
  const box = figure.getBoundingClientRect(), column = names.getBoundingClientRect();
  const label = names.querySelector('text.tpm-gantt-label');
  const rgb = s => s.match(/[0-9.]+/g).slice(0, 3).map(Number);
  const light = c => (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255;
  return {pageOverflow: document.documentElement.scrollWidth - innerWidth,
          figure: [figure.clientWidth, figure.scrollWidth], names: [column.left - box.left, column.right - box.left],
          textHeight: label.getBoundingClientRect().height,
          contrast: Math.abs(light(rgb(getComputedStyle(label).fill)) -
                             light(rgb(getComputedStyle(document.body).backgroundColor)))};
})())"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1400, 390])
def test_the_schedule_is_legible_wide_and_on_a_phone_light_and_dark(width, scheme, served, browser, tmp_path):
    """At 1400 px the example's whole chart is in view beside its names; on a phone the chart
    scrolls sideways inside its figure (the page itself does not), never shrinking its text."""
    tab = browser.open(f"{served}/status/pay/schedule/", width=width)
    tab.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    found = json.loads(tab.evaluate(LEGIBILITY))
    assert found["pageOverflow"] <= 0, found
    client, scrolled = found["figure"]
    assert (scrolled <= client) if width == 1400 else (scrolled > client), found
    assert found["names"][0] >= 0 and found["names"][1] <= client, found  # the names are in view
    assert found["textHeight"] >= 11, found  # 12 px text, not scaled down
    assert found["contrast"] > 0.5, found
    tab.screenshot(tmp_path / f"schedule-{width}-{scheme}.png")
