"""A real headless chromium opens the built example site: the dashboard, the risk register,
the schedule and a document page render with no console error, with and without JavaScript."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.helpers.browsing import needs_chromium, outside, screenshot_dir, serve
from tests.helpers.chromium import Browser
from tests.helpers.site import make_project, mkdocs_build

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
  const chart = figure.querySelector('.tpm-gantt');
  const [names, bars] = chart.querySelectorAll(':scope > svg');
  const box = figure.getBoundingClientRect(), column = names.getBoundingClientRect();
  const labels = [...names.querySelectorAll('text.tpm-gantt-label')];
  const rgb = s => s.match(/[0-9.]+/g).slice(0, 3).map(Number);
  const light = c => (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255;
  return {pageOverflow: document.documentElement.scrollWidth - innerWidth,
          content: document.querySelector('article').clientWidth, chart: chart.getBoundingClientRect().width,
          bars: [bars.getBoundingClientRect().width, parseFloat(getComputedStyle(bars).minWidth)],
          figure: [figure.clientWidth, figure.scrollWidth], names: [column.left - box.left, column.right - box.left],
          caption: figure.querySelector('figcaption').getBoundingClientRect().left - box.left,
          textHeight: labels[0].getBoundingClientRect().height,
          cut: labels.filter(t => t.textContent.includes('\u2026') || t.getBoundingClientRect().right > column.right)
                     .map(t => t.textContent),
          contrast: Math.abs(light(rgb(getComputedStyle(labels[0]).fill)) -
                             light(rgb(getComputedStyle(document.body).backgroundColor)))};
})())"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1400, 390])
def test_the_schedule_is_legible_wide_and_on_a_phone_light_and_dark(width, scheme, served, browser, tmp_path):
    """At 1400 px the example's whole chart is in view beside its names and fills the content
    column (the bars stretch; they used about 60% of it); on a phone the chart scrolls sideways
    inside its figure (the page itself does not), never shrinking its text. No name is cut."""
    tab = browser.open(f"{served}/status/pay/schedule/", width=width)
    tab.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    found = json.loads(tab.evaluate(LEGIBILITY))
    assert found["pageOverflow"] <= 0, found
    client, scrolled = found["figure"]
    assert (scrolled <= client) if width == 1400 else (scrolled > client), found
    if width == 1400:
        assert found["chart"] >= 0.98 * found["content"], found  # the content column's width, not 60% of it
        assert found["bars"][0] > 1.5 * found["bars"][1], found  # stretched well beyond its least width
    else:
        assert found["bars"][0] == pytest.approx(found["bars"][1], abs=1), found  # never below it
    assert found["names"][0] >= 0 and found["names"][1] <= client, found  # the names are in view
    assert found["cut"] == [], found
    assert found["textHeight"] >= 11, found  # 12 px text, not scaled down
    assert found["contrast"] > 0.5, found
    tab.screenshot(tmp_path / f"schedule-{width}-{scheme}.png")


def _long_schedule(root):
    """A project of fourteen one-quarter tasks in a chain: three and a half years of schedule."""
    documents = {"long/index.md": "---\ntype: charter\nid: LONG\ntitle: Long haul\nphase: execution\n"
                                  "owner: \"@ana\"\n---\n"}
    for number in range(1, 15):
        start = dt.date(2026, 11, 2) + dt.timedelta(weeks=13 * (number - 1))
        after = f"depends_on: [LONG-T{number - 1}]\n" if number > 1 else ""
        documents[f"long/tasks/t{number}.md"] = (
            f"---\ntype: task\nid: LONG-T{number}\ntitle: Stage {number} of the long haul\nowner: \"@ana\"\n"
            f"estimate: 12w\nstart: {start}\ndue: {start + dt.timedelta(weeks=12, days=4)}\nstatus: todo\n"
            f"{after}---\n")
    return make_project(root, documents)


def test_a_long_schedule_scrolls_in_its_figure_with_its_names_in_view(tmp_path, browser):
    """Three years and more do not fit beside the names at a day a pixel: the chart keeps its least width
    and scrolls on its own at 1400 px, the names staying at the figure's left edge."""
    root = _long_schedule(tmp_path / "long")
    result = mkdocs_build(root, strict=False)  # a bare project: the lint's warnings are not the point
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(root / "site") as base:
        tab = browser.open(f"{base}/status/long/schedule/", width=1400)
        found = json.loads(tab.evaluate(LEGIBILITY))
        assert found["pageOverflow"] <= 0 and found["figure"][1] > found["figure"][0] + 100, found
        assert found["bars"][0] == pytest.approx(found["bars"][1], abs=1) and found["bars"][1] > 700, found
        tab.evaluate("document.querySelector('figure.tpm-timeline').scrollLeft = 100000")
        tab.settle(0.2)
        scrolled = json.loads(tab.evaluate(LEGIBILITY))
        assert scrolled["names"][0] == pytest.approx(0, abs=1), scrolled  # sticky: still at the left edge
        assert scrolled["caption"] >= -1, scrolled  # and the legend under the chart too
        assert found["cut"] == [] and found["textHeight"] >= 11, found
        tab.screenshot(screenshot_dir() / "schedule-long.png")
