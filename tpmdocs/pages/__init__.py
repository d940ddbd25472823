"""The generated status pages, as Markdown with inline HTML and SVG.

The core renders them; a site generator only has to place them under its docs
folder (the MkDocs plugin hands them over in memory, ``tpmdocs pages`` writes
them to a folder). Nothing here knows MkDocs. Links to documents are relative
``.md`` paths, so the pages belong at ``prefix/`` inside the docs root.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from ..config import Config
from ..history.site import SiteHistory
from ..model import Finding
from ..workspace import Workspace
from . import (
    changes,
    dashboard,
    decisions,
    findings,
    goals,
    portfolio,
    risks,
    schedule,
    summary,
    team,
    trends,
    work,
)
from .card import header_card
from .context import GeneratedPage, PageContext
from .idlinks import link_ids
from .markdown import HISTORY_PAGES, PAGE_KEYS, PROJECT_PAGES, front_matter

__all__ = [
    "HISTORY_PAGES",
    "PAGE_KEYS",
    "SCRIPT",
    "STYLESHEET",
    "GeneratedPage",
    "PageContext",
    "check_prefix",
    "context_pages",
    "header_card",
    "history_pages",
    "link_ids",
    "render_pages",
    "script",
    "stylesheet",
]

RENDERERS = {"dashboard": dashboard.render, "risks": risks.render, "work": work.render,
             "schedule": schedule.render, "goals": goals.render, "team": team.render,
             "summary": summary.render, "findings": findings.render, "decisions": decisions.render,
             "trends": trends.render, "changes": changes.render}
STYLESHEET = "tpmdocs.css"
SCRIPT = "tpmdocs.js"


def render_pages(workspace: Workspace, lint_findings: Iterable[Finding], today: dt.date, docs_root: Path,
                 cwd: Path, prefix: str = "status", pages: Iterable[str] = PAGE_KEYS, risk_threshold: int = 12,
                 config: Config | None = None, urls: str = "source",
                 history: SiteHistory | None = None) -> list[GeneratedPage]:
    """Every status page of every project (and a portfolio page when there are several);
    ``config`` gives the working calendar of the forecast (default: Monday to Friday),
    ``urls`` how hrefs in their HTML blocks name pages (``context.URL_STYLES``); the pages
    drawn from git's history (:data:`HISTORY_PAGES`) only with the ``history`` read for them,
    and the Changes page only when it names a baseline."""
    pages = history_pages(pages, history)
    ctx = PageContext(graph=workspace.graph, findings=list(lint_findings), today=today,
                      docs_root=Path(docs_root).absolute(), cwd=Path(cwd), prefix=prefix.strip("/"),
                      risk_threshold=risk_threshold, pages=tuple(pages), config=config or Config(), urls=urls,
                      history=history)
    return context_pages(ctx)


def context_pages(ctx: PageContext) -> list[GeneratedPage]:
    """The status pages ``ctx.pages`` names for every project of ``ctx.graph`` (see
    ``render_pages``). A site generator that keeps ``ctx`` for its header cards and id links
    shares what the pages worked out once (forecasts, approvals, docs paths)."""
    generated: list[GeneratedPage] = []
    if len(ctx.graph.projects) > 1:
        here = posixpath.join(ctx.prefix, "index.md")
        generated.append(GeneratedPage(here, front_matter("Portfolio") + portfolio.render(ctx, here),
                                       "Portfolio"))
    for project in ctx.graph.projects:
        folder = ctx.project_dir(project)
        for key, file_name, title in PROJECT_PAGES:
            if key not in ctx.pages:
                continue
            here = posixpath.join(folder, file_name)
            full = f"{title} · {project.id}"
            generated.append(GeneratedPage(here, front_matter(full) + RENDERERS[key](ctx, project, here), full,
                                           project.charter, title))
    return generated


def history_pages(pages: Iterable[str], history: SiteHistory | None) -> tuple[str, ...]:
    """``pages`` less the history pages that ``history`` cannot fill."""
    def made(page: str) -> bool:
        if page not in HISTORY_PAGES:
            return True
        return history is not None and (page == "trends" or bool(history.baseline))
    return tuple(page for page in pages if made(page))


def check_prefix(prefix: str) -> str:
    """The pages' folder, normalised; ``ValueError`` unless relative, without ``..``, in safe characters."""
    value = prefix.strip().strip("/")
    parts = value.split("/")
    if not value or any(p in ("", ".", "..") or not all(ch.isalnum() or ch in "-_" for ch in p) for p in parts):
        raise ValueError(f"the prefix must be a relative folder such as 'status', not {value[:40]!r}")
    return value


def stylesheet() -> str:
    """The CSS the pages' badges, tables and charts look best with (they work without it)."""
    return resources.files(__name__).joinpath(STYLESHEET).read_text("utf-8")


def script() -> str:
    """The small script that makes the pages' tables sortable and filterable (they work without it)."""
    return resources.files(__name__).joinpath(SCRIPT).read_text("utf-8")
