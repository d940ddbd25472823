"""Room to read and print, in a real chromium: at 1,400 px the status pages use the page's
width (no table wider than its container, every register column in view, titles not wrapped
word by word), on a phone the tables scroll rather than squeeze, and in print the pages lose
the navigation and keep their tables on the paper. The run writes screenshots (light and
dark) and PDFs of the pages a sponsor sees to ``build/screenshots/``."""

from __future__ import annotations

import json

import pytest

from tests.helpers.browsing import needs_chromium, outside, screenshot_dir, serve

pytestmark = needs_chromium

STATUS_PAGES = ["status/"] + [f"status/{project}/{name}" for project in ("pay", "rpt")
                               for name in ("", "risks/", "work/", "schedule/", "goals/", "team/", "summary/",
                                            "findings/", "decisions/", "trends/", "changes/")]
#: What a sponsor is shown: (name, path), each screenshotted light and dark.
SHOWN = [("dashboard", "status/pay/"), ("risks", "status/pay/risks/"), ("schedule", "status/pay/schedule/"),
         ("summary", "status/pay/summary/"), ("trends", "status/pay/trends/"), ("changes", "status/pay/changes/"),
         ("document", "example/tasks/pay-t08/")]
PRINTED = [("dashboard", "status/pay/"), ("risks", "status/pay/risks/"), ("summary", "status/pay/summary/")]


@pytest.fixture(scope="module")
def served(own_site):
    """tpmdocs' own site: the example project, with its light and dark palettes."""
    with serve(own_site) as base:
        yield base


#: Tables wider than what holds them, and cells of long text squeezed to a word a line.
OVERFLOW = r"""JSON.stringify((() => {
  const article = document.querySelector('article').getBoundingClientRect();
  const wide = [...document.querySelectorAll('article table')].filter(t => {
    const box = t.getBoundingClientRect();
    const holder = t.closest('.md-typeset__scrollwrap') || t.parentElement;
    return box.right > article.right + 1 || holder.scrollWidth > holder.clientWidth + 1;
  }).map(t => t.tHead ? t.tHead.textContent.trim().slice(0, 60) : 'table');
  const lines = cell => {  // the line boxes of the cell's text (the row's height is another cell's)
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))).size;
  };
  const squeezed = [...document.querySelectorAll('article td.tpm-wide')].filter(td => {
    const words = td.textContent.trim().split(/\s+/).length;
    return words > 3 && lines(td) >= words / 2;
  }).map(td => td.textContent.trim().slice(0, 60));
  return {wide, squeezed};
})())"""


def test_at_1400_px_no_table_is_clipped_or_squeezed(served, browser):
    problems = {}
    for path in STATUS_PAGES:
        tab = browser.open(f"{served}/{path}", width=1400)
        found = json.loads(tab.evaluate(OVERFLOW))
        if found["wide"] or found["squeezed"]:
            problems[path] = found
        assert tab.errors == [] and outside(tab, served) == [], path
    assert problems == {}


def test_at_1400_px_the_register_shows_every_column_and_no_table_of_contents(served, browser):
    tab = browser.open(f"{served}/status/pay/risks/", width=1400)
    columns = json.loads(tab.evaluate("""JSON.stringify([...document.querySelectorAll('article table th')].map(th => {
        const b = th.getBoundingClientRect(); return [th.textContent.trim(), b.left >= 0 && b.right <= innerWidth];
    }))"""))
    assert [name for name, _ in columns] == ["Id", "Risk", "Score", "P", "I", "Owner", "Response", "Review by",
                                             "Status"]
    assert all(visible for _, visible in columns), columns
    assert tab.evaluate("getComputedStyle(document.querySelector('.md-sidebar--secondary')).display") == "none"
    article = tab.evaluate("document.querySelector('article').getBoundingClientRect().width")
    assert article > 1000  # the page's width, not Material's documentation column (about 700 px)
    title_lines = tab.evaluate("""Math.max(...[...document.querySelectorAll('article tbody tr')].map(
        tr => Math.round(tr.cells[1].getBoundingClientRect().height / tr.cells[0].getBoundingClientRect().height)))""")
    assert title_lines == 1  # every risk's title on one line
    docs = browser.open(f"{served}/getting-started/", width=1400)  # an ordinary page keeps its layout
    assert docs.evaluate("getComputedStyle(document.querySelector('.md-sidebar--secondary')).display") == "block"


def test_on_a_phone_tables_scroll_instead_of_squeezing_titles(served, browser):
    tab = browser.open(f"{served}/status/pay/risks/", width=390, height=800)
    widths = json.loads(tab.evaluate(
        "JSON.stringify([...document.querySelectorAll('article td.tpm-wide')]"
        ".map(td => td.getBoundingClientRect().width))"))
    font = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('article td.tpm-wide')).fontSize)")
    assert widths and min(widths) >= 13.9 * font
    holder = "document.querySelector('article table').closest('.md-typeset__scrollwrap')"
    assert tab.evaluate(f"{holder}.scrollWidth > {holder}.clientWidth")  # it scrolls, on its own
    assert tab.evaluate("document.documentElement.scrollWidth <= innerWidth")  # the page does not
    assert tab.errors == []


#: The ids in the article's links (as "PAY-T07" or "PAY-SR-2026-11-02") whose text runs over two lines.
BROKEN_IDS = r"""JSON.stringify([...document.querySelectorAll('article a')].flatMap(a => {
  const texts = [], walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) texts.push(node);
  const whole = texts.map(t => t.textContent).join('');
  const at = offset => {  // the text node and offset of a character of the link's text
    for (const node of texts) { if (offset <= node.textContent.length) return [node, offset];
                                offset -= node.textContent.length; }
  };
  return [...whole.matchAll(/\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b/g)].filter(match => {
    const range = document.createRange();
    range.setStart(...at(match.index));
    range.setEnd(...at(match.index + match[0].length));
    return new Set([...range.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size > 1;
  }).map(match => match[0]);
}))"""
#: Pages whose linked ids broke at their hyphen on a phone (body text, the header card, tables).
ID_PAGES = ["example/", "example/tasks/pay-t08/", "example/decisions/pay-d3/", "example/goals/pay-g1/",
            "status/pay/team/", "status/pay/goals/", "status/pay/schedule/"]


@pytest.mark.parametrize("width", [390, 320])
def test_on_a_phone_no_linked_id_breaks_at_its_hyphen(served, browser, width):
    broken = {}
    for path in ID_PAGES:
        tab = browser.open(f"{served}/{path}", width=width, height=800)
        found = json.loads(tab.evaluate(BROKEN_IDS))
        if found:
            broken[path] = found
        assert tab.evaluate("document.querySelectorAll('article a .tpm-id').length") > 0, path
    assert broken == {}
    tab.screenshot(screenshot_dir() / f"ids-phone-{width}.png")


#: In print: what is shown of the site around the content, and what overflows the paper.
PRINT_CHECK = """JSON.stringify((() => {
  const shown = sel => [...document.querySelectorAll(sel)].filter(e => getComputedStyle(e).display !== 'none').length;
  const width = document.querySelector('article').getBoundingClientRect().right;
  return {
    navigation: shown('.md-header, .md-sidebar, .md-footer, .md-tabs, .tpm-menu, .tpm-filter'),
    overflowing: [...document.querySelectorAll('article table, article svg, article figure')]
      .filter(e => e.getBoundingClientRect().right > width + 1).length,
    rows_kept: [...document.querySelectorAll('article tr')].every(tr => getComputedStyle(tr).breakInside === 'avoid'),
    colour: [...document.querySelectorAll('figure.tpm-chart')]
      .every(f => getComputedStyle(f).printColorAdjust === 'exact'),
  };
})())"""


@pytest.mark.parametrize("paper, width", [("A4", 703), ("Letter", 720)])  # the paper less its margins, in px
def test_printed_pages_keep_their_content_and_lose_the_navigation(served, browser, paper, width):
    for name, path in PRINTED:
        tab = browser.open(f"{served}/{path}", width=width, media="print")
        assert json.loads(tab.evaluate(PRINT_CHECK)) == {"navigation": 0, "overflowing": 0, "rows_kept": True,
                                                        "colour": True}, name
        pdf = tab.pdf(screenshot_dir() / f"{name}-{paper}.pdf", paper)
        text = pdf.read_bytes()
        assert text.startswith(b"%PDF") and 1 <= text.count(b"/Type /Page\n") + text.count(b"/Type /Page ") <= 3, name


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_what_a_sponsor_sees(served, browser, scheme):
    """Written for people to look at (``build/screenshots/``): the pages at 1,400 px and the
    register on a phone, in the light and the dark scheme."""
    folder = screenshot_dir()
    for name, path in SHOWN + [("risks-phone", "status/pay/risks/")]:
        phone = name.endswith("-phone")
        tab = browser.open(f"{served}/{path}", width=390 if phone else 1400, height=800 if phone else 1000,
                           dark=scheme == "dark")
        assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default")
        shot = tab.screenshot(folder / f"{name}-{scheme}.png")
        assert shot.stat().st_size > 10_000 and tab.errors == [], name
