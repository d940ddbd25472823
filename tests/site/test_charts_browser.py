"""Room to read the charts, in a real chromium: at a phone's width and at 1,400 px every chart's
text reads at 10 px or more (a chart never shrinks its 12 px text below that: it stretches with
text in pixels, or it scrolls in its own box), no text is clipped by its chart's box or drawn
over another, the bar charts fit a phone without scrolling and do not sprawl over a wide page.
The run writes screenshots of the charts (light and dark) to ``build/screenshots/``."""

from __future__ import annotations

import json

import pytest

from tests.helpers.browsing import needs_chromium, screenshot_dir, serve

pytestmark = needs_chromium

#: The pages with charts: ``svg.figure`` (heat map, burn-up, trend), ``bars.bar_chart``, the schedule.
CHART_PAGES = [f"status/{project}/{name}" for project in ("pay", "rpt")
               for name in ("", "team/", "goals/", "risks/", "trends/", "schedule/")]
#: The charts of bars (a bar per milestone, goal, owner): they fit a phone and stretch, within bounds.
BAR_CHARTS = "figure.tpm-milestones, figure.tpm-goals, figure.tpm-team"
LEAST_TEXT_PX = 10
WIDEST_BARS_PX = 800  # wider than this, a bar chart on a wide page is a long thin line far from its label

#: Per chart: text drawn smaller than LEAST_TEXT_PX (its font size times the SVG's scale), text
#: outside its SVG's box (clipped there), and pairs of texts drawn over each other, within one
#: SVG or across the SVGs of one figure (a schedule's names and bars, a chart over time's value
#: axis and plot, the axis over the plot's left margin and, on a phone, over its scrolled days).
TEXT_CHECK = r"""JSON.stringify((() => {
  const small = [], clipped = [], overlapping = [];
  for (const figure of document.querySelectorAll('figure.tpm-chart')) {
    const texts = [];
    for (const svg of figure.querySelectorAll('svg')) {
      if (svg.parentElement.closest('svg')) continue;  // a part placed in a chart: its chart checks it
      const scale = svg.getScreenCTM().a, box = svg.getBoundingClientRect();
      for (const t of svg.querySelectorAll('text')) {
        const text = t.textContent, b = t.getBoundingClientRect();
        if (b.width <= 0) continue;
        texts.push([text, b]);
        const size = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (size < %(least)s - 0.05) small.push([text, Math.round(size * 10) / 10]);
        if (b.left < box.left - .5 || b.right > box.right + .5 || b.top < box.top - .5 || b.bottom > box.bottom + .5)
          clipped.push(text);
      }
    }
    texts.forEach(([a, p], i) => texts.slice(i + 1).forEach(([b, q]) => {
      const across = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const down = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (across > 1 && down > 3) overlapping.push([a, b]);
    }));
  }
  return {small, clipped, overlapping};
})())""".replace("%(least)s", str(LEAST_TEXT_PX))

#: The bar charts' widths, whether their figure scrolls, and whether the page does.
BARS_CHECK = """JSON.stringify({
  charts: [...document.querySelectorAll('BARS')].map(f => ({
    kind: f.className, width: f.querySelector('svg').getBoundingClientRect().width,
    scrolls: f.scrollWidth > f.clientWidth + 1})),
  pageScrolls: document.documentElement.scrollWidth > innerWidth,
})""".replace("BARS", BAR_CHARTS)


@pytest.fixture(scope="module")
def served(own_site):
    """tpmdocs' own site: the example project with its history, light and dark palettes."""
    with serve(own_site) as base:
        yield base


@pytest.mark.parametrize("width", [390, 1400, 320])
def test_every_chart_text_is_legible_unclipped_and_apart(served, browser, width):
    problems, seen = {}, 0
    for path in CHART_PAGES:
        tab = browser.open(f"{served}/{path}", width=width, height=900)
        found = json.loads(tab.evaluate(TEXT_CHECK))
        seen += tab.evaluate("document.querySelectorAll('figure.tpm-chart svg text').length")
        if any(found.values()):
            problems[path] = {k: v[:6] for k, v in found.items() if v}
        assert tab.errors == [], path
    assert seen > 100  # the pages do hold charts with text
    assert problems == {}


def test_bar_charts_fit_a_phone_and_do_not_sprawl_on_a_wide_page(served, browser):
    for path in ("status/pay/", "status/pay/team/", "status/pay/goals/"):
        phone = json.loads(browser.open(f"{served}/{path}", width=390, height=900).evaluate(BARS_CHECK))
        wide = json.loads(browser.open(f"{served}/{path}", width=1400, height=900).evaluate(BARS_CHECK))
        assert len(phone["charts"]) == 1 and len(wide["charts"]) == 1, path
        assert not phone["pageScrolls"] and not phone["charts"][0]["scrolls"], phone
        assert phone["charts"][0]["width"] >= 300, phone  # the column's width, not a shrunk picture
        assert 500 <= wide["charts"][0]["width"] <= WIDEST_BARS_PX, wide


def test_the_risk_heat_map_shows_every_impact_column_on_a_phone(served, browser):
    """Impact 5 is the right-hand column, where the worst risks sit: a heat map that scrolls on a
    phone hides it (it did, at 445 px wide for 10 px text)."""
    tab = browser.open(f"{served}/status/pay/risks/", width=390, height=900)
    heat = json.loads(tab.evaluate("""JSON.stringify((() => {
      const f = document.querySelector('figure.tpm-heatmap');
      return {scrolls: f.scrollWidth > f.clientWidth + 1,
              right: Math.max(...[...f.querySelectorAll('.tpm-heat-cell rect')]
                                .map(r => r.getBoundingClientRect().right)),
              edge: f.getBoundingClientRect().right};
    })())"""))
    assert not heat["scrolls"] and heat["right"] <= heat["edge"] + 0.5, heat


def test_a_chart_over_time_that_scrolls_on_a_phone_shows_its_latest_days_first(served, browser):
    """The burn-up is wider than a phone's column (its text would shrink): it scrolls in its
    own box, shown at its right end (the latest days, the legend); one that fits is left as is."""
    check = """JSON.stringify([...document.querySelectorAll('figure[data-tpm-latest]')].map(f => ({
      kind: f.className, left: f.scrollLeft, end: f.scrollWidth - f.clientWidth})))"""
    phone = json.loads(browser.open(f"{served}/status/pay/trends/", width=390, height=900).evaluate(check))
    assert len(phone) >= 2 and all(c["end"] > 100 and abs(c["left"] - c["end"]) <= 1 for c in phone), phone
    wide = json.loads(browser.open(f"{served}/status/pay/trends/", width=1400, height=900).evaluate(check))
    assert wide and all(c["end"] <= 1 and c["left"] == 0 for c in wide), wide


#: Per chart over time (the figure scrolled into the window's middle): its value axis' labels
#: (``text-anchor: end``, the numbers or dates up the left side), whether each sits within the
#: figure's visible box and is what the reader sees at its middle (not scrolled away, not
#: covered), and each label's middle less its gridline's height (the same for every label when
#: the axis and the plot share one vertical scale).
AXIS_CHECK = r"""JSON.stringify([...document.querySelectorAll('figure[data-tpm-latest]')].map(f => {
  scrollTo(0, f.getBoundingClientRect().top + scrollY - 200);
  const seen = f.getBoundingClientRect(), right = seen.left + f.clientWidth;
  const labels = [...f.querySelectorAll('svg text[text-anchor="end"]')];
  const grid = [...f.querySelectorAll('line.tpm-grid')].map(g => g.getBoundingClientRect());
  return {kind: f.className, scrolled: f.scrollLeft, labels: labels.map((t, i) => {
    const b = t.getBoundingClientRect();
    const hit = document.elementFromPoint((b.left + b.right) / 2, (b.top + b.bottom) / 2);
    return {text: t.textContent, inView: b.left >= seen.left - .5 && b.right <= right + .5 && b.width > 0,
            onTop: !!hit && (hit === t || t.contains(hit)),
            offset: grid[i] ? (b.top + b.bottom) / 2 - (grid[i].top + grid[i].bottom) / 2 : null};
  })};
}))"""


@pytest.mark.parametrize("width", [390, 320, 1400])
def test_a_chart_over_time_keeps_its_value_axis_in_view_and_in_line_with_its_grid(served, browser, width):
    """On a phone a chart over time scrolls to its latest days: its value axis (the scale up its
    left side) stays in view beside the plot, each label level with its gridline; at 1,400 px
    nothing scrolls and the axis is where it always was. The burn-up and the trend charts."""
    for path in ("status/pay/", "status/pay/trends/"):
        charts = json.loads(browser.open(f"{served}/{path}", width=width, height=900).evaluate(AXIS_CHECK))
        assert charts and all(c["labels"] for c in charts), (path, charts)
        if width < 600:
            assert all(c["scrolled"] > 100 for c in charts), (path, charts)  # showLatest did scroll them
        for chart in charts:
            hidden = [label["text"] for label in chart["labels"] if not (label["inView"] and label["onTop"])]
            assert hidden == [], (path, width, chart["kind"], hidden)
            offsets = [label["offset"] for label in chart["labels"]]
            assert None not in offsets and max(offsets) - min(offsets) <= 0.5, (path, chart)
            assert all(abs(offset) <= 3 for offset in offsets), (path, chart)


#: Per chart over time: whether it is marked scrolled, and what the reader sees in the days'
#: strip under its value axis (the axis' own ground while scrolled; else a day's label, or nothing).
UNDER_AXIS = r"""JSON.stringify([...document.querySelectorAll('figure[data-tpm-latest]')].map(f => {
  f.scrollIntoView({block: 'center'});
  const axis = f.querySelector('.tpm-value-axis').getBoundingClientRect();
  const plot = f.querySelector('.tpm-over-time-plot').getBoundingClientRect();
  const seen = [0.25, 0.5, 0.75].map(share => document.elementFromPoint(
    axis.left + axis.width * share, plot.bottom - axis.height * 0.05));
  return {kind: f.className, scrolled: f.hasAttribute('data-tpm-scrolled'), left: f.scrollLeft,
          seen: seen.map(e => e ? (e.getAttribute('class') || e.tagName) : null)};
}))"""


@pytest.mark.parametrize("width", [390, 1400])
def test_days_scrolled_under_the_value_axis_do_not_show_there(served, browser, width):
    """On a phone the days pass under the value axis as the chart scrolls: the strip under the
    axis is covered while it is scrolled (no tail of a date's label peeping out beside the
    axis); a chart that fits, unscrolled, is never covered there (its first day's label shows)."""
    tab = browser.open(f"{served}/status/pay/trends/", width=width, height=900)
    charts = json.loads(tab.evaluate(UNDER_AXIS))
    assert len(charts) >= 3, charts
    for chart in charts:
        assert chart["scrolled"] == (chart["left"] > 0), chart
        if width < 600:
            assert chart["scrolled"] and set(chart["seen"]) == {"tpm-axis-ground-days"}, chart
        else:
            assert not chart["scrolled"] and "tpm-axis-ground-days" not in chart["seen"], chart
    if width < 600:  # scrolled back to the start by hand: the first days' labels show again
        tab.evaluate("document.querySelectorAll('figure[data-tpm-latest]').forEach(f => { f.scrollLeft = 0; })")
        tab.settle(0.3)  # the scroll events
        back = json.loads(tab.evaluate("""JSON.stringify([...document.querySelectorAll('figure[data-tpm-latest]')]
          .map(f => f.hasAttribute('data-tpm-scrolled')))"""))
        assert back == [False] * len(charts), back


@pytest.mark.parametrize("how", ["no script", "print"])
def test_a_chart_over_time_shows_whole_with_its_axis_without_its_script_and_on_paper(served, browser, how):
    """Without the page's script a chart over time on a phone opens at its first days, its axis
    in place; on paper (703 px: A4 less its margins) it is whole, nothing scrolls."""
    tab = (browser.open(f"{served}/status/pay/trends/", scripts=False, width=390, height=900) if how == "no script"
           else browser.open(f"{served}/status/pay/trends/", width=703, media="print"))
    charts = json.loads(tab.evaluate(AXIS_CHECK))
    whole = json.loads(tab.evaluate("""JSON.stringify([...document.querySelectorAll('figure[data-tpm-latest]')]
      .map(f => f.scrollWidth - f.clientWidth))"""))
    assert len(charts) >= 3 and all(c["scrolled"] == 0 and c["labels"] for c in charts), charts
    assert all(label["inView"] and label["onTop"] for c in charts for label in c["labels"]), charts
    assert all(extra > 100 for extra in whole) if how == "no script" else all(extra <= 1 for extra in whole), whole


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_charts(served, browser, scheme):
    """Written for people to look at (``build/screenshots/charts-*``): the dashboard, team, goals
    and risk pages' first chart and the Trends page's charts over time, at a phone's width
    (scrolled to their latest days, their value axis in view) and at 1,400 px."""
    folder = screenshot_dir()
    for name, path, chart in [("dashboard", "status/pay/", "figure.tpm-milestones"),
                              ("team", "status/pay/team/", "figure.tpm-team"),
                              ("goals", "status/pay/goals/", "figure.tpm-goals"),
                              ("risks", "status/pay/risks/", "figure.tpm-heatmap"),
                              ("trends", "status/pay/", "figure.tpm-burnup"),
                              ("trend-mta", "status/pay/trends/", "figure.tpm-mta"),
                              ("trend-exposure", "status/pay/trends/", "figure.tpm-exposure"),
                              ("trend-health", "status/pay/trends/", "figure.tpm-health")]:
        for width in (390, 1400):
            tab = browser.open(f"{served}/{path}", width=width, height=900, dark=scheme == "dark")
            shot = tab.screenshot(folder / f"charts-{name}-{width}-{scheme}.png", chart)
            assert shot.stat().st_size > 2_000 and tab.errors == [], name
