"""The example project built with ``mkdocs build --strict`` and Material: the generated pages,
read from the parsed HTML."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tests.helpers.site import html_files, page

PAGES = ("", "risks", "work", "schedule", "goals", "team", "summary", "findings")


def _rows(table) -> list:
    return [[cell.text.strip() for cell in tr.find_all("td")] for tr in table.find_all("tr") if tr.find_all("td")]


def _content(root: Path, url_path: str):
    return page(root, url_path).find("article")


def test_every_status_page_and_the_portfolio_are_built(example_site):
    for project in ("pay", "rpt"):
        for name in PAGES:
            assert (example_site / "site" / "status" / project / name / "index.html").is_file()
    portfolio = _content(example_site, "status")
    rows = _rows(portfolio.find("table"))
    assert [r[0] for r in rows] == ["Payments platform migration", "Finance reporting refresh"]
    assert [a.attrs["href"] for a in portfolio.find("table").find_all("a")] == ["pay/", "rpt/"]


def test_the_heat_map_places_each_open_risk_in_its_cell(example_site):
    article = _content(example_site, "status/pay/risks")
    svg = article.find("svg")
    assert svg.find("title").text.startswith("Risk heat map")
    cells = svg.find_all("g", cls="tpm-heat-cell")
    assert len(cells) == 25
    placed = {(c.attrs["data-probability"], c.attrs["data-impact"]): [t.text for t in c.find_all("text")]
              for c in cells}
    assert placed[("3", "5")] == ["PAY-R01"]  # probability 3, impact 5
    assert placed[("4", "4")] == ["PAY-R02"]
    assert sum(int(c.attrs["data-count"]) for c in cells) == 5  # PAY-R06 is closed: not on the map
    assert all("PAY-R06" not in t for texts in placed.values() for t in texts)


def test_the_register_is_sorted_by_score_with_owner_and_review_date(example_site):
    table = _content(example_site, "status/pay/risks").find("table")
    headers = [th.text for th in table.find_all("th")]
    assert headers == ["Id", "Risk", "Score", "P", "I", "Owner", "Response", "Review by", "Status"]
    rows = _rows(table)
    scores = [int(r[2]) for r in rows]
    assert scores == sorted(scores, reverse=True) and len(rows) == 6
    assert rows[0][:3] == ["PAY-R02", rows[0][1], "16"] and rows[0][5] == "@tomas"
    assert rows[1][0] == "PAY-R01" and rows[1][7] == "2026-11-27"


def test_the_schedule_shows_the_forecast_next_to_the_plan(example_site):
    """Hand-checked against the example as of Friday 2026-11-20 (docs/forecast.md explains the rules)."""
    article = _content(example_site, "status/pay/schedule")
    assert "1 of 2" in article.text and "the driving path begins with PAY-T09" in article.text
    figure = article.find("figure", cls="tpm-timeline")
    names, bars = [svg for svg in figure.find("div", cls="tpm-gantt").children if getattr(svg, "tag", "") == "svg"]
    assert names.find("title").text == "Schedule: names" and bars.find("title").text.startswith("Schedule")
    labels = " ".join(t.text for t in names.find_all("text"))
    assert "PAY-T09 3-D Secure 2 integration" in labels and "PAY-T02" not in labels  # done before the chart
    assert "7 tasks or milestones that ended before 2026-11-06" in figure.find("figcaption").text
    assert len(bars.find_all("rect", cls="tpm-bar")) == 10  # 9 open tasks' forecasts, PAY-T19 (cancelled)
    driving = [r.find("title").text for r in bars.find_all("rect", cls="tpm-driving")]
    assert [t.split(":")[0] for t in driving] == ["3-D Secure 2 integration", "Ramp merchant cohorts to 50% of volume",
                                                  "Remove the legacy payment module and tables"]
    assert len(bars.find_all("g", cls="tpm-driving-link")) == 1  # PAY-T09 -> PAY-T14
    assert len(bars.find_all("rect", cls="tpm-float-negative")) == 2  # PAY-T09 and PAY-T14: -4 days
    assert len(bars.find_all("polygon", cls="tpm-due")) == 3 and len(bars.find_all("polygon", cls="tpm-forecast")) == 2
    assert len(bars.find_all("line", cls="tpm-today")) == 1
    assert any("today 2026-11-20" in t.text for t in bars.find_all("text"))
    milestones, tasks = article.find_all("table")
    m3 = next(r for r in _rows(milestones) if r[0].startswith("PAY-M3"))
    assert m3[1:5] == ["2026-12-18", "2026-12-28", "10 days late", "PAY-T09 → PAY-T14"]
    t09 = next(r for r in _rows(tasks) if r[0].startswith("PAY-T09"))
    assert t09[2:] == ["2026-12-04", "2026-12-10", "-4 d · drives PAY-M3"]
    t18 = next(r for r in _rows(tasks) if r[0].startswith("PAY-T18"))
    assert t18[2:] == ["2027-03-12", "2027-03-12", "0 d · drives PAY-M4"]
    t02 = next(r for r in _rows(tasks) if r[0].startswith("PAY-T02"))
    assert t02[2:] == ["2026-07-10", "—", "—"]  # done: no forecast


def test_goals_show_progress_and_serving_tasks(example_site):
    article = _content(example_site, "status/pay/goals")
    bars = article.find("svg").find_all("g", cls="tpm-goal-bar")
    assert len(bars) == 3
    rows = _rows(article.find("table"))
    g1 = next(r for r in rows if r[0] == "PAY-G1")
    assert g1[2] == "0 → 2 → 100 %"
    assert "PAY-T11" in g1[5]


def test_work_breakdown_rolls_up_estimates(example_site):
    rows = _rows(_content(example_site, "status/pay/work").find("table"))
    first = rows[0]
    assert first[0].startswith("PAY-T01") and first[1] == "done" and first[4] == "100%"
    children = [r for r in rows if r[0].lstrip("\xa0").startswith("└ PAY-T02")]
    assert children, "PAY-T02 is shown indented under its parent"


def test_team_lists_each_owner_with_open_work(example_site):
    article = _content(example_site, "status/pay/team")
    rows = _rows(article.find("table"))
    owners = [r[0] for r in rows]
    assert len(owners) == len(set(owners)) and "@oscar" in owners
    oscar = rows[owners.index("@oscar")]
    assert oscar[3] == "1" and "PAY-T08" in oscar[5]  # PAY-T08 is overdue
    bars = article.find("svg").find_all("g", cls="tpm-load")  # a bar per owner, the figures on its label
    assert len(bars) == len(rows) and all(len(bar.find_all("rect")) == 1 for bar in bars)
    assert "@oscar · 25 d to do · 1 overdue" in [bar.find("text").text for bar in bars]


def test_stakeholder_summary_has_no_ids_or_yaml_words(example_site):
    article = _content(example_site, "status/pay/summary")
    text = article.text
    assert "at risk" in text and "Next milestones" in text
    for jargon in ("PAY-R", "PAY-T", "PAY-M", "status:", "probability", "front matter"):
        assert jargon not in text.replace("Pay-", ""), jargon


def test_dashboard_shows_phase_completeness_milestones_and_late_work(example_site):
    article = _content(example_site, "status/pay")
    assert "controlling" in article.text
    tables = article.find_all("table")
    completeness = _rows(tables[0])
    assert [r[0] for r in completeness][:2] == ["initiation (and always)", "planning"]
    passing = {r[0]: r[1].split(" / ") for r in completeness}
    assert [phase for phase, (ok, total) in passing.items() if ok != total] == ["execution"]
    execution = next(r for r in completeness if r[0] == "execution")
    assert execution[2] == "TPM303 task-overdue, TPM304 milestone-forecast-late"  # the example's warnings
    progress = next(t for t in tables if "Tasks" in [th.text for th in t.find_all("th")])
    by_status = {r[0]: r for r in _rows(progress)}
    assert by_status["done"][1] == "6" and by_status["blocked"][1] == "1"
    assert "130 d of 285 d estimated work done (46%)" in article.text
    milestones = next(t for t in tables if "Forecast" in [th.text for th in t.find_all("th")])
    assert [r[1:4] for r in _rows(milestones)] == [["2026-09-30", "—", "reached"], ["2026-11-13", "—", "reached"],
                                                   ["2026-12-18", "2026-12-28", "10 days late"],
                                                   ["2027-03-12", "2027-03-12", "on time"]]
    attention = next(t for t in tables if "Why" in [th.text for th in t.find_all("th")])
    assert ["PAY-T08" in r[0] and r[1] == "overdue" for r in _rows(attention)].count(True) == 1


def test_the_dashboard_draws_a_progress_bar_per_milestone(example_site):
    chart = _content(example_site, "status/pay").find("figure", cls="tpm-milestones")
    bars = chart.find_all("g", cls="tpm-milestone-bar")
    notes = [bar.find_all("text")[-1].text for bar in bars]
    assert notes == ["100% done · due 2026-09-30 · reached", "100% done · due 2026-11-13 · reached",
                     "0% done · due 2026-12-18 · planned", "26% done · due 2027-03-12 · planned"]
    assert [bar.attrs["data-state"] for bar in bars] == ["reached", "reached", "planned", "planned"]
    assert len(bars[3].find_all("rect")) == 2 and len(bars[2].find_all("rect")) == 1  # 0%: no filled part
    label = [text.text for text in bars[0].find_all("text", cls="tpm-bar-label")]  # on two lines, uncut
    assert label == ["PAY-M1 Tokenisation live, no raw", "card numbers in the monolith"]


def test_document_pages_get_a_header_card_and_id_links(example_site):
    article = _content(example_site, "example/tasks/pay-t08")
    card = article.find("table")
    assert [th.text for th in card.find_all("th")][:4] == ["Type", "Id", "Status", "Owner"]
    assert _rows(card)[0][:2] == ["task", "PAY-T08"]
    # PAY-T08 has 3 days left from Friday 20th: it finishes Tuesday 24th. PAY-T14 (10 days, to
    # finish by PAY-M3's due, Friday 18 Dec) must start on Monday 7th: PAY-T08 can take until
    # Friday 4th, 8 working days more.
    assert "Forecast: finish 2026-11-24 · float 8 working days" in article.text
    hrefs = [a.attrs.get("href") for a in article.find_all("a")]
    assert "../pay-t05/" in hrefs  # parent reference
    assert "../../risks/pay-r05/" in hrefs  # referenced by
    body_links = [a for a in article.find_all("a") if a.text == "PAY-T07"]
    assert body_links and body_links[0].attrs["href"] == "../pay-t07/"
    code = [c.text for c in article.find_all("code")]
    assert all("<a" not in c for c in code)


def test_every_relative_link_on_generated_pages_resolves(example_site):
    site = example_site / "site"
    for html in html_files(example_site):
        if "status" not in html.parts:
            continue
        for a in page(example_site, html.parent.relative_to(site).as_posix()).find_all("a"):
            href = a.attrs.get("href", "")
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = Path(urljoin(html.as_uri(), parts.path).removeprefix("file://"))
            assert target.exists() or (target / "index.html").exists(), f"{html}: {href}"


def test_nothing_is_written_into_docs(example_site):
    docs = example_site / "docs"
    assert not (docs / "status").exists()
    assert not (docs / "assets").exists()
