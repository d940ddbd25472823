"""Each project's status pages in the site's navigation, under the project.

They go right after the project's charter, wherever the navigation has it: every page, in a
section "Status pages" (the dashboard first, so Material's ``navigation.indexes`` makes it the
section's own page), or the dashboard alone, as the entry "Status pages" (its menu leads to
the others). A project whose charter is not in the navigation (an explicit ``nav`` that leaves
it out) gets its entry after the portfolio page, else at the end, named after the project.
Pages the site's own ``nav`` places are left where it put them; in a navigation MkDocs made
from the folders, the status pages leave the folders' sections for the project's.

Why the dashboard alone by default in a ``nav`` of one's own: Material renders every entry of
the navigation on every page. Eight entries a project cost a 1,000-document site whose ``nav``
lists only its charters a fifth more build time (MkDocs' folder navigation lists them anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from tpmdocs import escape

SECTION_TITLE = "Status pages"


@dataclass
class StatusGroup:
    """A project's generated pages, for the navigation."""

    charter_src: str | None  # the charter's path under docs_dir (None: outside it)
    project_title: str  # plain text
    pages: list[tuple[str, str]]  # (src_uri, title in the menu), in menu order


def group_status_pages(pages: list[Any], src_of: Callable[[Any], str | None]) -> tuple[list[StatusGroup], str | None]:
    """The generated pages (``tpmdocs.pages.GeneratedPage``) by project, in order, and the
    portfolio page's path (None: there is none); ``src_of(document)`` gives a docs path."""
    groups: dict[int, StatusGroup] = {}
    portfolio = None
    for page in pages:
        if page.charter is None:
            portfolio = page.path
            continue
        group = groups.get(id(page.charter))
        if group is None:
            group = groups[id(page.charter)] = StatusGroup(src_of(page.charter), page.charter.title, [])
        group.pages.append((page.path, page.menu_title))
    return list(groups.values()), portfolio


def place_status_pages(nav: Navigation, files: Any, groups: list[StatusGroup], portfolio_src: str | None,
                       from_folders: bool, every_page: bool) -> None:
    """Put each group's pages into ``nav`` (changed in place: all of them when ``from_folders``
    or ``every_page``, else the first, the dashboard) and link it up again."""
    placed = {id(page) for page in nav.pages}
    if from_folders:
        moving = {src for group in groups for src, _ in group.pages}
        _remove(nav, lambda item: isinstance(item, Page) and item.file.src_uri in moving)
        placed = {id(page) for page in _pages(nav.items)}
    by_src: dict[str | None, Page] = {page.file.src_uri: page for page in _pages(nav.items)}
    for group in groups:
        pages = []
        for src, title in group.pages:
            file = files.get_file_from_path(src)
            if file is None or file.page is None or id(file.page) in placed:
                continue  # not generated after all, or placed by the site's own nav
            file.page.title = escape.html_text(title)
            pages.append(file.page)
        if pages and (from_folders or every_page):
            _insert(nav, group, Section(SECTION_TITLE, pages), by_src, portfolio_src)
        elif pages:
            _insert(nav, group, pages[0], by_src, portfolio_src)
    _remove(nav, lambda item: isinstance(item, Section) and not item.children)
    _relink(nav)


def _insert(nav: Navigation, group: StatusGroup, entry: Section | Page, by_src: dict[str | None, Page],
            portfolio_src: str | None) -> None:
    """``entry`` after the charter; else, named after the project, after the portfolio or at the end."""
    anchor = by_src.get(group.charter_src)
    entry.title = SECTION_TITLE
    if anchor is None:
        entry.title = escape.html_text(f"{SECTION_TITLE}: {group.project_title}")
        anchor = by_src.get(portfolio_src)
    siblings = nav.items if anchor is None or anchor.parent is None else anchor.parent.children
    at = len(siblings) if anchor is None else next(i for i, item in enumerate(siblings) if item is anchor) + 1
    while at < len(siblings) and _is_status_entry(siblings[at]):
        at += 1  # after the entries placed here before, in project order
    siblings.insert(at, entry)
    entry.parent = anchor.parent if anchor is not None else None


def _is_status_entry(item: Any) -> bool:
    return isinstance(item, (Section, Page)) and str(item.title or "").startswith(SECTION_TITLE)


def _remove(nav: Navigation, unwanted: Callable[[Any], bool]) -> None:
    """Every item for which ``unwanted(item)`` holds out of the tree (sections emptied by it too)."""
    stack = [nav.items]
    lists = []
    while stack:
        items = stack.pop()
        lists.append(items)
        stack.extend(item.children for item in items if isinstance(item, Section))
    for items in reversed(lists):  # the deepest first: a section emptied here goes from its parent
        items[:] = [item for item in items if not unwanted(item)]


def _pages(items: list[Any]) -> list[Page]:
    """The pages of a navigation tree, in reading order (depth first), without recursion."""
    found, stack = [], list(reversed(items))
    while stack:
        item = stack.pop()
        if isinstance(item, Page):
            found.append(item)
        if isinstance(item, Section):
            stack.extend(reversed(item.children))
    return found


def _relink(nav: Navigation) -> None:
    """Parents, previous and next pages, and ``nav.pages``, as MkDocs sets them."""
    stack: list[tuple[Any, Section | None]] = [(item, None) for item in reversed(nav.items)]
    while stack:
        item, parent = stack.pop()
        item.parent = parent
        if isinstance(item, Section):
            stack.extend((child, item) for child in reversed(item.children))
    nav.pages = _pages(nav.items)
    for before, page, after in zip([None, *nav.pages[:-1]], nav.pages, [*nav.pages[1:], None]):
        page.previous_page, page.next_page = before, after
