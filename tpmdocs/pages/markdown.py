"""Small Markdown builders the pages share: tables, status badges, the page header.

Callers pass cells that are already escaped (``escape.table_cell`` for a
value, ``PageContext.html_link`` for a link in a table); these functions only
lay them out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import escape, schema

if TYPE_CHECKING:
    from .context import PageContext

#: The pages of one project: (key, file name, title), in the order of the page menu.
PROJECT_PAGES = (
    ("dashboard", "index.md", "Dashboard"),
    ("risks", "risks.md", "Risk register"),
    ("work", "work.md", "Work breakdown"),
    ("schedule", "schedule.md", "Schedule"),
    ("goals", "goals.md", "Goals"),
    ("team", "team.md", "Team"),
    ("summary", "summary.md", "Stakeholder summary"),
    ("decisions", "decisions.md", "Decisions"),
    ("findings", "findings.md", "Findings"),
    ("trends", "trends.md", "Trends"),
    ("changes", "changes.md", "Changes"),
)
#: The pages drawn from git's history: made only when the history was read for the build.
HISTORY_PAGES = ("trends", "changes")
PAGE_KEYS = tuple(page[0] for page in PROJECT_PAGES)
#: The attribute that marks a table for the site's script (sort, filter, state in the URL).
TABLE_MARK = "data-tpm-table"
#: The class of the links between status pages (hidden in print; the stylesheet widens the
#: pages that have it).
MENU_CLASS = "tpm-menu"


def table(headers: list[str], rows: list[list[str]], empty: str = "Nothing to show.") -> str:
    """A table as one block of raw HTML (a plain sentence when there are no rows).

    ``rows`` hold cells escaped for Markdown (``escape.table_cell``, links from
    ``PageContext.html_link``): the block still passes Markdown preprocessors
    and extensions, which must find nothing to act on. As raw HTML, the cells
    are passed through instead of parsed one by one by the Markdown converter
    (a 600-row work breakdown: three times faster in Python-Markdown). No line
    of the block is blank, so CommonMark and Python-Markdown both keep it
    whole; with no ``class``, themes style it as a Markdown table. The
    ``data-tpm-table`` attribute lets the site's script (``tpmdocs.js``) make it
    sortable and filterable; without the script it is the whole table.
    Columns of long text keep a readable width, and columns of short values
    (ids, dates, numbers) stay on one line (see :func:`column_classes`).
    """
    if not rows:
        return f"*{escape.md_text(empty)}*\n"
    head = "".join(f"<th>{header}</th>" for header in headers)
    opening = [f"<td{css}>" for css in column_classes(rows)]
    body = "\n".join("<tr>" + "".join(f"{start}{cell}</td>" for start, cell in zip(opening, row)) + "</tr>"
                     for row in rows)
    return f"<table {TABLE_MARK}>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


def column_classes(rows: list[list[str]], sample: int = 40) -> list[str]:
    """The class attribute of each column's cells, judged from the first ``sample`` rows:
    ``tpm-wide`` where some cell shows more than :data:`WIDE` characters, ``tpm-nowrap``
    where none shows more than :data:`SHORT`, none otherwise."""
    longest = [0] * max(len(row) for row in rows)
    for row in rows[:sample]:
        for index, cell in enumerate(row):
            longest[index] = max(longest[index], _shown_length(cell))
    return [' class="tpm-wide"' if size > WIDE else ' class="tpm-nowrap"' if size <= SHORT else ""
            for size in longest]


WIDE, SHORT = 32, 14
_MARKUP = re.compile(r"<[^>]*>|&#?[0-9A-Za-z]+;")


def _shown_length(cell: str) -> int:
    """How many characters an escaped cell shows (a tag shows none, a reference one)."""
    if "<" not in cell and "&" not in cell:
        return len(cell)
    return len(_MARKUP.sub(lambda m: "" if m.group()[0] == "<" else "x", cell))


def badge(doc_type: str, value: object) -> str:
    """A status (or health) badge; the class names only a known vocabulary word."""
    known = value if isinstance(value, str) and value in _vocabulary(doc_type) else "other"
    text = escape.md_text(value) if value not in (None, "") else "&#8212;"
    return f'<span class="tpm-badge tpm-{known}">{text}</span>'


def _vocabulary(doc_type: str) -> tuple[str, ...]:
    if doc_type == "status-report":
        return ("green", "amber", "red")
    if doc_type in schema.document_types():
        return schema.vocabulary(doc_type, "status") + ("late",)
    return ()


def page_menu(ctx: PageContext, current: str) -> str:
    """The line of links between a project's generated status pages: an HTML ``<nav>`` (the
    stylesheet hides it in print; a site script finds it), its hrefs in the context's URL style."""
    here = _file_of(current)
    items = []
    for page_key, file_name, title in PROJECT_PAGES:
        if page_key not in ctx.pages:
            continue
        if page_key == current:
            items.append(f'<strong aria-current="page">{title}</strong>')
        else:
            items.append(f'<a href="{ctx.href(here, file_name)}">{title}</a>')
    return menu(items)


def back_to_dashboard(ctx: PageContext, current: str) -> str:
    """The one link of a page that is read alone (the stakeholder summary): back to the dashboard."""
    if "dashboard" not in ctx.pages:
        return ""
    return menu([f'<a href="{ctx.href(_file_of(current), _file_of("dashboard"))}">Back to the dashboard</a>'])


def menu(items: list[str]) -> str:
    """Links between status pages, as one line of raw HTML (a site generator passes it through)."""
    return f'<nav class="{MENU_CLASS}" aria-label="Status pages">' + " &#183; ".join(items) + "</nav>\n"


def _file_of(page_key: str) -> str:
    return next(file_name for key, file_name, _ in PROJECT_PAGES if key == page_key)


def front_matter(title: str) -> str:
    """Front matter carrying the page title, HTML-escaped and JSON-quoted (valid YAML).

    Themes put ``title`` into ``<title>`` and the navigation unescaped, so it
    is escaped here; the heading itself names only the page kind, because
    some renderers build navigation from headings too.
    """
    return "---\ntitle: " + escape.script_json(escape.html_text(title)) + "\n---\n\n"


def heading(title: str, project_title: object) -> str:
    """The page's H1 (a fixed page name) and the project's title as a line under it."""
    return f"# {title}\n\n**{escape.md_text(project_title)}**\n"


def cell_date(value: object) -> str:
    return escape.table_cell(value) if value not in (None, "") else "&#8212;"
