"""The plugin's typed options: chosen pages and prefix, bad values refused by MkDocs' config check."""

from __future__ import annotations

from tests.helpers import EXAMPLE, EXAMPLE_TODAY
from tests.helpers.site import make_project, mkdocs_build, page


def test_only_the_chosen_pages_under_the_chosen_prefix(tmp_path):
    extra = "      prefix: reports/pm\n      pages: [risks, summary]\n      header_cards: false\n"
    root = make_project(tmp_path, {"example": EXAMPLE}, today=EXAMPLE_TODAY, extra=extra)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    built = sorted(p.parent.relative_to(root / "site").as_posix()
                   for p in (root / "site" / "reports" / "pm").rglob("index.html"))
    assert built == ["reports/pm", "reports/pm/pay/risks", "reports/pm/pay/summary",
                     "reports/pm/rpt/risks", "reports/pm/rpt/summary"]
    menu = [a.text for a in page(root, "reports/pm/pay/risks").find("article").find_all("a")][:1]
    assert menu == ["Stakeholder summary"]
    assert page(root, "example/tasks/pay-t08").find("article").find("table") is None  # no card


def test_bad_option_values_stop_the_build_with_a_message(tmp_path):
    for name, extra in {"today": "", "prefix": "      prefix: ../escape\n",
                        "pages": "      pages: [dashboard, gantt]\n", "navigation": "      navigation: some\n"}.items():
        folder = tmp_path / name
        folder.mkdir()
        root = make_project(folder, {"example": EXAMPLE},
                            today="next-tuesday" if name == "today" else EXAMPLE_TODAY, extra=extra)
        result = mkdocs_build(root)
        assert result.returncode == 1, name
        assert "tpmdocs" in result.stderr and name in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert not (root / "escape").exists()


def test_a_four_line_mkdocs_yml_is_enough(tmp_path):
    root = make_project(tmp_path, {"example": EXAMPLE})
    (root / "mkdocs.yml").write_text("site_name: Four lines\ntheme:\n  name: material\nplugins: [search, tpmdocs]\n")
    result = mkdocs_build(root, strict=False)  # today is the real date: overdue warnings may appear
    assert result.returncode == 0, result.stderr
    for name in ("", "risks", "work", "schedule", "goals", "team", "summary", "findings"):
        assert (root / "site" / "status" / "pay" / name / "index.html").is_file(), name
    assert (root / "site" / "status" / "index.html").is_file()
    assert (root / "site" / "assets" / "tpmdocs.css").is_file()
    assert (root / "site" / "assets" / "tpmdocs.js").is_file()


def test_without_the_script_the_tables_are_plain(tmp_path):
    root = make_project(tmp_path, {"example": EXAMPLE}, today=EXAMPLE_TODAY,
                        extra="      interactive_tables: false\n      navigation: false\n")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert not (root / "site" / "assets" / "tpmdocs.js").exists()
    assert "tpmdocs.js" not in (root / "site" / "status" / "pay" / "risks" / "index.html").read_text("utf-8")
    nav = page(root, "status/pay/risks").find("nav", cls="md-nav--primary")
    dashboards = [a.text.strip() for a in nav.find_all("a") if "Dashboard" in a.text]
    assert dashboards == ["Dashboard · PAY", "Dashboard · RPT"]
