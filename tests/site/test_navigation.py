"""Each project's status pages in the site's navigation, under the project: in a navigation
MkDocs makes from the folders, and in a site's own ``nav`` (tpmdocs' own site), which still
builds with ``--strict``."""

from __future__ import annotations

from tests.helpers import EXAMPLE, EXAMPLE_TODAY
from tests.helpers.html_tree import parse
from tests.helpers.site import find, make_project, mkdocs_build, nav_tree, page
from tpmdocs.pages.markdown import PROJECT_PAGES

#: Every page a project gets without a baseline to compare with (Changes needs one; Trends
#: says there is no history when there is none, and is in the menu all the same).
MENU = [title for key, _file, title in PROJECT_PAGES if key != "changes"]


def test_folder_navigation_puts_the_status_pages_after_each_charter(example_site):
    tree = nav_tree(page(example_site, "status/pay/risks"))
    example = find(tree, "Example")
    titles = [item[0] for item in example[2]]
    assert titles[:4] == ["Payments platform migration", "Status pages", "Steering committee pack", "Changes"]
    status = example[2][1]
    assert [item[0] for item in status[2]] == MENU
    assert status[2][0][1] == "../"  # the dashboard, from the risk register
    reporting = find(example[2], "Reporting")
    assert [item[0] for item in reporting[2]][:2] == ["Finance reporting refresh", "Status pages"]
    assert [item[0] for item in reporting[2][1][2]] == MENU
    assert [item[0] for item in find(tree, "Status")[2]] == ["Portfolio"]  # what is left of the folder


def test_previous_and_next_follow_the_new_order(own_site):
    """Material's footer (tpmdocs' own site turns it on) links the pages in their new order."""
    def footer(path: str) -> dict:
        tree = parse((own_site / path / "index.html").read_text("utf-8"))
        return {a.attrs["aria-label"]: a.attrs["href"] for a in tree.find("nav", cls="md-footer__inner").find_all("a")}

    assert footer("status/pay") == {"Previous: Charter": "../../example/",
                                    "Next: Steering committee pack": "../../example/steering/"}
    assert footer("example")["Next: Status pages"] == "../status/pay/"


def test_a_sites_own_nav_gets_each_projects_dashboard_and_builds_strict(own_site):
    tree = nav_tree(parse((own_site / "status" / "pay" / "risks" / "index.html").read_text("utf-8")))
    example = find(tree, "Example project")
    assert example[1] == "../../../example/"  # (navigation.indexes: the charter is the section's page)
    # after the charter, its project's dashboard; the nav's own entries; then the project whose
    # charter the nav leaves out, after the portfolio
    assert [(title, href) for title, href, _ in example[2]] == [
        ("Status pages", "../"), ("Steering committee pack", "../../../example/steering/"),
        ("Portfolio", "../../"), ("Status pages: Finance reporting refresh", "../../rpt/")]
    assert all(children == [] for _, _, children in example[2])


NAV_ALL = f"""site_name: Fixture site
theme:
  name: material
  font: false
nav:
  - Home: index.md
  - Payments: example/index.md
plugins:
  - search
  - tpmdocs:
      today: {EXAMPLE_TODAY}
      navigation: all
"""


def test_navigation_all_puts_every_page_in_a_nav_of_ones_own(tmp_path):
    root = make_project(tmp_path, {"example": EXAMPLE, "index.md": "# Home\n"}, today=EXAMPLE_TODAY)
    (root / "mkdocs.yml").write_text(NAV_ALL, encoding="utf-8")
    result = mkdocs_build(root, strict=False)
    assert result.returncode == 0, result.stderr[-2000:]
    tree = nav_tree(page(root, "status/pay/risks"))
    assert [item[0] for item in tree] == ["Home", "Payments", "Status pages", "Status pages: Finance reporting refresh"]
    assert [item[0] for item in tree[2][2]] == MENU and [item[0] for item in tree[3][2]] == MENU
