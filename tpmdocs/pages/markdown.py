"""Small Markdown builders the pages share: tables, status badges, the page header.

Callers pass cells that are already escaped (``escape.table_cell`` for a
value, ``PageContext.html_link`` for a link in a table); these functions only
lay them out.
"""

from __future__ import annotations

from .. import escape, schema

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


def table(headers: list, rows: list, empty: str = "Nothing to show.") -> str:
    """A table as one block of raw HTML (a plain sentence when there are no rows).

    ``rows`` hold cells escaped for Markdown (``escape.table_cell``, links from
    ``PageContext.html_link``): the block still passes Markdown preprocessors
    and extensions, which must find nothing to act on. As raw HTML, the cells
    are passed through instead of parsed one by one by the Markdown converter
    (a 600-row work breakdown: three times faster in Python-Markdown). No line
    of the block is blank, so CommonMark and Python-Markdown both keep it
    whole; with no ``class``, themes style it as a Markdown table.
    """
    if not rows:
        return f"*{escape.md_text(empty)}*\n"
    head = "".join(f"<th>{header}</th>" for header in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


def badge(doc_type: str, value) -> str:
    """A status (or health) badge; the class names only a known vocabulary word."""
    known = value if isinstance(value, str) and value in _vocabulary(doc_type) else "other"
    text = escape.md_text(value) if value not in (None, "") else "&#8212;"
    return f'<span class="tpm-badge tpm-{known}">{text}</span>'


def _vocabulary(doc_type: str) -> tuple:
    if doc_type == "status-report":
        return ("green", "amber", "red")
    if doc_type in schema.document_types():
        return schema.vocabulary(doc_type, "status") + ("late",)
    return ()


def page_menu(ctx, current: str) -> str:
    """The line of links between a project's generated status pages (relative: works anywhere)."""
    items = []
    for page_key, file_name, title in PROJECT_PAGES:
        if page_key in ctx.pages:
            items.append(f"**{title}**" if page_key == current else f"[{title}]({file_name})")
    return " · ".join(items) + "\n"


def front_matter(title: str) -> str:
    """Front matter carrying the page title, HTML-escaped and JSON-quoted (valid YAML).

    Themes put ``title`` into ``<title>`` and the navigation unescaped, so it
    is escaped here; the heading itself names only the page kind, because
    some renderers build navigation from headings too.
    """
    return "---\ntitle: " + escape.script_json(escape.html_text(title)) + "\n---\n\n"


def heading(title: str, project_title) -> str:
    """The page's H1 (a fixed page name) and the project's title as a line under it."""
    return f"# {title}\n\n**{escape.md_text(project_title)}**\n"


def cell_date(value) -> str:
    return escape.table_cell(value) if value not in (None, "") else "&#8212;"
