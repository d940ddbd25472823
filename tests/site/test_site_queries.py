"""Query blocks in a real MkDocs + Material build: rendered as tables of links in any page
(ordinary pages and documents, inside an admonition too), for the page's own project, kept out
of the search index; a bad query fails ``--strict`` at its line and shows a notice, never a raw
code block or a broken page."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY
from tests.helpers.site import make_project, mkdocs_build, page

OPEN_RISKS = """```tpmdocs
type: risk
where: {status: [open, mitigating], score: ">= 12"}
columns: [id, title, score, owner, review_by]
sort: [-score, id]
```
"""
HOME = f"""# Home

Open risks above 12, worst first:

{OPEN_RISKS}
!!! note "Milestones still ahead"

    ```tpmdocs
    type: milestone
    where: {{status: planned, due: "> today"}}
    ```
"""
RPT_NOTES = f"""# Reporting notes

{OPEN_RISKS}"""
BAD = """# Bad

```tpmdocs
type: risk
where: {score: "=> 12"}
```
"""


@pytest.fixture(scope="module")
def query_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("queries"), {"example": EXAMPLE, "index.md": HOME},
                        today=EXAMPLE_TODAY, extra="markdown_extensions: [admonition, pymdownx.superfences]\n")
    (root / "docs" / "example" / "reporting" / "notes.md").write_text(RPT_NOTES, encoding="utf-8")
    task = root / "docs" / "example" / "tasks" / "pay-t09.md"
    task.write_text(task.read_text("utf-8") + "\n## Related risks\n\n" + OPEN_RISKS, encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root


def _ids(table) -> list:
    return [row.find_all("td")[0].text.strip() for row in table.find_all("tr") if row.find_all("td")]


def test_a_query_in_an_ordinary_page_outside_any_project_lists_every_project(query_site):
    article = page(query_site, "").find("article")
    tables = article.find_all("table")
    assert _ids(tables[0]) == ["PAY-R02", "PAY-R01", "PAY-R05", "RPT-R01"]
    assert [th.text for th in tables[0].find_all("th")] == ["Id", "Title", "Score", "Owner", "Review by"]
    assert tables[0].find("a").attrs["href"] == "example/risks/pay-r02/"  # a link to the risk's page
    assert "data-tpm-table" in tables[0].attrs
    admonition = article.find("div", cls="admonition")
    assert _ids(admonition.find("table")) == ["PAY-M3", "PAY-M4", "RPT-M1"]  # due after today, 2026-11-20
    assert "```" not in article.text and "tpmdocs-" not in (query_site / "site" / "index.html").read_text("utf-8")


def test_a_query_lists_the_pages_own_project(query_site):
    assert _ids(page(query_site, "example/reporting/notes").find("article").find("table")) == ["RPT-R01"]
    task = page(query_site, "example/tasks/pay-t09").find("article")
    tables = task.find_all("table")  # the card, then the query
    assert _ids(tables[1]) == ["PAY-R02", "PAY-R01", "PAY-R05"]
    assert tables[1].find("a").attrs["href"] == "../../risks/pay-r02/"


def test_query_tables_stay_out_of_the_search_index(query_site):
    docs = json.loads((query_site / "site" / "search" / "search_index.json").read_text("utf-8"))["docs"]
    home = " ".join(d["title"] + " " + d["text"] for d in docs if d["location"].split("#")[0] == "")
    assert "Open risks above 12" in home and "PAY-R02" not in home


def test_a_bad_query_fails_strict_at_its_line_and_shows_a_notice(tmp_path):
    root = make_project(tmp_path, {"example": EXAMPLE, "bad.md": BAD}, today=EXAMPLE_TODAY)
    strict = mkdocs_build(root)
    assert strict.returncode == 1
    assert "docs/bad.md:5:9: TPM030 bad operator in '=> 12' for `score`" in strict.stderr
    relaxed = mkdocs_build(root, strict=False)
    assert relaxed.returncode == 0, relaxed.stderr[-2000:]
    article = page(root, "bad").find("article")
    notice = article.find("div", cls="tpm-query-problem")
    assert notice is not None and "bad operator" in notice.text
    assert article.find("pre") is None and article.find("code") is None  # no raw code block
    shutil.rmtree(root / "site")
