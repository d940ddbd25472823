"""The site tells approvals that hold from those that no longer do: a real ``mkdocs build`` of
the example with one approved milestone edited, read back as HTML."""

from __future__ import annotations

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY
from tests.helpers.site import make_project, mkdocs_build, page


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("approvals-site"), {"example": EXAMPLE}, today=EXAMPLE_TODAY)
    (root / "docs" / "index.md").write_text("# Home\n\nSee the [example](example/index.md).\n")
    milestone = root / "docs/example/milestones/pay-m4.md"
    milestone.write_text(milestone.read_text().replace("due: 2027-03-12", "due: 2027-03-26"))
    decision = root / "docs/example/decisions/pay-d3.md"
    decision.write_text(decision.read_text().replace('owner: "@lukas"', 'owner: "<b>x</b>"'))
    result = mkdocs_build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "TPM702" in result.stderr  # the build log names the broken approval
    return root


def notes(html, kind: str) -> list:
    return [p.text for p in html.find_all("p", f"tpm-approval-{kind}")]


def test_a_changed_approval_is_a_banner_and_its_dependants_are_suspect(changed_site):
    milestone = page(changed_site, "example/milestones/pay-m4")
    (banner,) = notes(milestone, "changed")
    assert banner.startswith("⚠ Changed since approval: approved by @henrik on 2026-10-12")
    assert notes(milestone, "ok") == []
    task = page(changed_site, "example/tasks/pay-t18")
    (suspect,) = notes(task, "suspect")
    assert "milestone PAY-M4 Legacy payment module decommissioned" in suspect
    charter = page(changed_site, "example")
    assert notes(charter, "ok") == ["✓ Approved by @henrik on 2026-10-12."]


def test_the_decision_log_shows_supersession(changed_site):
    log = page(changed_site, "status/pay/decisions")
    items = log.find_all("li", "tpm-timeline-item")
    assert [item.find("div", "tpm-timeline-date").text for item in items] == \
        ["2026-10-22", "2026-08-05", "2026-06-10"]
    assert "Superseded by PAY-D3" in items[1].text and "tpm-timeline-superseded" in items[1].attrs["class"]
    assert "Supersedes PAY-D2" in items[0].text
    # the decision changed since its approval (its owner): the log says so
    assert "Changed since approval" in items[0].text
    hrefs = [a.attrs["href"] for a in log.find_all("a") if "pay-d" in a.attrs.get("href", "")]
    assert hrefs and all(href.endswith("/") for href in hrefs)  # made into the site's URLs
    old = page(changed_site, "example/decisions/pay-d2")
    (superseded,) = notes(old, "superseded")
    assert superseded.startswith("Superseded by PAY-D3")


def test_values_in_approval_notes_are_escaped(changed_site):
    html = (changed_site / "site/example/decisions/pay-d3/index.html").read_text()
    assert "<b>x</b>" not in html
