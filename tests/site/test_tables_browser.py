"""The registers in a real chromium: sorting by a column header (mouse and keyboard), filtering,
the state in the URL, the same after Material's instant navigation, and the whole table
without JavaScript."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY
from tests.helpers import chromium as cdp_browser
from tests.helpers.browsing import free_port, needs_chromium, outside, serve
from tests.helpers.site import MKDOCS_YML, make_project, mkdocs_build

pytestmark = needs_chromium

REGISTER = "document.querySelector('article table[data-tpm-table]')"
SCORES_AS_WRITTEN = ["16", "15", "12", "10", "9", "6"]  # the register's own order: by score


@pytest.fixture(scope="module")
def served(example_site):
    with serve(example_site / "site") as base:
        yield base


def column(tab, index: int, table: str = REGISTER) -> list:
    """The texts of one column's visible cells, top to bottom."""
    return json.loads(tab.evaluate(
        f"JSON.stringify([...{table}.tBodies[0].rows].filter(r => !r.hidden)"
        f".map(r => r.cells[{index}].textContent.trim()))"))


def header_state(tab, table: str = REGISTER) -> list:
    return json.loads(tab.evaluate(
        f"JSON.stringify([...{table}.tHead.rows[0].cells].map(th => th.getAttribute('aria-sort')))"))


def click_header(tab, index: int, table: str = REGISTER) -> None:
    tab.evaluate(f"{table}.tHead.rows[0].cells[{index}].querySelector('button.tpm-sort').click()")
    tab.settle(0.1)


def query(tab) -> dict:
    return parse_qs(urlsplit(tab.evaluate("location.href")).query)


def test_a_column_sorts_up_down_and_back_with_aria_sort(served, browser):
    tab = browser.open(f"{served}/status/pay/risks/")
    assert column(tab, 2) == SCORES_AS_WRITTEN
    click_header(tab, 2)  # Score
    assert column(tab, 2) == ["6", "9", "10", "12", "15", "16"]  # as numbers, not as text
    assert header_state(tab)[2] == "ascending" and header_state(tab).count(None) == 8
    assert query(tab) == {"register-sort": ["score"]}
    click_header(tab, 2)
    assert column(tab, 2) == SCORES_AS_WRITTEN and header_state(tab)[2] == "descending"
    assert query(tab) == {"register-sort": ["-score"]}
    click_header(tab, 2)
    assert column(tab, 2) == SCORES_AS_WRITTEN and header_state(tab) == [None] * 9
    assert query(tab) == {}
    click_header(tab, 7)  # Review by: dates
    assert column(tab, 7) == ["2026-09-30", "2026-11-24", "2026-11-27", "2026-11-30", "2026-12-01", "2026-12-15"]
    assert tab.errors == []


def test_the_header_buttons_work_from_the_keyboard(served, browser):
    tab = browser.open(f"{served}/status/pay/risks/")
    tab.evaluate(f"{REGISTER}.tHead.rows[0].cells[5].querySelector('button').focus()")  # Owner
    assert tab.evaluate("document.activeElement.textContent") == "Owner"
    tab.press("Enter", 13)
    assert column(tab, 5) == ["@amira", "@henrik", "@lukas", "@mei", "@priya", "@tomas"]
    tab.press(" ", 32)
    assert column(tab, 5)[0] == "@tomas" and header_state(tab)[5] == "descending"


def test_the_filter_keeps_rows_holding_every_word_and_goes_into_the_url(served, browser):
    tab = browser.open(f"{served}/status/pay/risks/")
    tab.evaluate("document.querySelector('.tpm-filter input').focus()")
    tab.type("mitigate 2026-1")
    assert column(tab, 0) == ["PAY-R01", "PAY-R05", "PAY-R03"]
    assert tab.evaluate("document.querySelector('.tpm-count').textContent") == "3 of 6 rows"
    assert query(tab) == {"register-filter": ["mitigate 2026-1"]}
    click_header(tab, 0)
    assert column(tab, 0) == ["PAY-R01", "PAY-R03", "PAY-R05"]
    assert query(tab) == {"register-filter": ["mitigate 2026-1"], "register-sort": ["id"]}
    assert tab.errors == []


def test_a_linked_view_opens_sorted_and_filtered(served, browser):
    tab = browser.open(f"{served}/status/pay/risks/?register-sort=-review-by&register-filter=open")
    assert column(tab, 0) == ["PAY-R04", "PAY-R02"]  # the two open risks, latest review first
    assert header_state(tab)[7] == "descending"
    assert tab.evaluate("document.querySelector('.tpm-filter input').value") == "open"
    assert tab.errors == [] and outside(tab, served) == []


def test_numbers_in_text_sort_in_order_and_empty_cells_go_last(served, browser):
    """The work breakdown: ids in numeric order, the share done as a number, "—" last."""
    tab = browser.open(f"{served}/status/pay/work/")
    work = "document.querySelector('article table[data-tpm-table]')"
    click_header(tab, 4, work)  # Done
    shares = column(tab, 4, work)
    numbers = [int(s.rstrip("%")) for s in shares if s != "—"]
    assert numbers == sorted(numbers) and shares[len(numbers):] == ["—"] * (len(shares) - len(numbers))
    click_header(tab, 4, work)
    assert column(tab, 4, work)[len(numbers):] == ["—"] * (len(shares) - len(numbers))  # last either way


def test_small_tables_sort_but_show_no_filter_box(served, browser):
    """The dashboard's tables of five rows or fewer get sort buttons, no filter box; each table
    keeps its own state under the name of its section."""
    tab = browser.open(f"{served}/status/pay/")
    assert tab.evaluate("document.querySelectorAll('article .tpm-filter').length") == 0
    assert tab.evaluate("document.querySelectorAll('article button.tpm-sort').length") >= 15
    top = "document.querySelectorAll('article table[data-tpm-table]')[4]"
    click_header(tab, 1, top)  # Top risks: Score
    assert column(tab, 1, top) == ["9", "10", "12", "15", "16"]
    assert query(tab) == {"top-risks-sort": ["score"]}


def test_without_javascript_the_whole_table_shows_as_written(served, tmp_path):
    chromium = cdp_browser.Browser(tmp_path / "profile-nojs")
    try:
        tab = chromium.open(f"{served}/status/pay/risks/?register-sort=score&register-filter=open", scripts=False)
        assert column(tab, 2) == SCORES_AS_WRITTEN
        assert tab.evaluate("document.querySelectorAll('button.tpm-sort, .tpm-filter').length") == 0
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory):
    """The example built with Material's instant navigation (pages swapped without a reload;
    Material takes the pages from the sitemap, so ``site_url`` is where the test serves it)."""
    root = make_project(tmp_path_factory.mktemp("instant"), {"example": EXAMPLE}, today=EXAMPLE_TODAY)
    port = free_port()
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(today=EXAMPLE_TODAY, extra="").replace(
        "  font: false", "  font: false\n  features: [navigation.instant]").replace(
        "site_name:", f"site_url: http://127.0.0.1:{port}/\nsite_name:"), encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(root / "site", port) as base:
        yield base


def test_tables_work_after_an_instant_navigation(instant_site, browser):
    tab = browser.open(f"{instant_site}/status/pay/")
    tab.evaluate("window.tpmMarker = 1; document.querySelector('.tpm-menu a[href*=\"risks\"]').click()")
    tab.settle(1.5)
    assert tab.evaluate("location.pathname") == "/status/pay/risks/"
    assert tab.evaluate("window.tpmMarker") == 1  # the same document: Material swapped the page
    assert tab.evaluate(f"{REGISTER}.tHead.querySelectorAll('button.tpm-sort').length") == 9
    click_header(tab, 2)
    assert column(tab, 2) == ["6", "9", "10", "12", "15", "16"]
    assert tab.evaluate("document.querySelectorAll('.tpm-filter').length") == 1  # built once
    assert tab.errors == [] and outside(tab, instant_site) == []
