"""What every page renderer sees, and how a generated page links to a document.

Links are relative ``.md`` paths from the generated page to the document's
file under the docs root, as written in Markdown source: Markdown links in
prose, which any static site generator (MkDocs among them) rewrites to URLs,
and HTML ``<a href>`` in tables, which a generator must rewrite itself (the
MkDocs plugin does). For a generator that leaves links in HTML alone (MkDocs
without the plugin), ``urls`` makes those hrefs the site's own relative URLs
(see :data:`URL_STYLES`).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import escape
from ..approvals import ApprovalBook
from ..config import Config
from ..figures import Rollup, rollups
from ..forecast import ProjectForecast, project_forecast
from ..graph import Project, ProjectGraph
from ..history.site import SiteHistory
from ..model import Document, Finding

#: How an ``<a href>`` in a generated HTML block names a page: ``source``, the relative ``.md``
#: path (a generator rewrites it: the MkDocs plugin, Zensical); ``directory``, the URL of a site
#: with ``use_directory_urls: true`` (``risks/``, MkDocs' default); ``file``, ``risks.html``.
URL_STYLES = ("source", "directory", "file")
#: The class of an id in a link's text (``id_label``): kept on one line by the stylesheet.
ID_CLASS = "tpm-id"


@dataclass(frozen=True)
class GeneratedPage:
    """One generated page: where it goes under the docs root, its Markdown, its plain title,
    and for a project's page, the project's charter and the page's name in a menu."""

    path: str  # POSIX, relative to the docs root, e.g. "status/pay/index.md"
    markdown: str
    title: str  # plain text; escape for the context it is used in
    charter: Document | None = None  # the project's charter; None: the portfolio
    menu_title: str = ""  # the page's name among its project's pages, e.g. "Risk register"


@dataclass
class PageContext:
    graph: ProjectGraph
    findings: list[Finding]  # Finding, as ``tpmdocs lint`` reports them
    today: dt.date
    docs_root: Path  # absolute: document links are relative to it
    cwd: Path  # findings' paths are relative to it
    prefix: str = "status"
    risk_threshold: int = 12
    pages: tuple[str, ...] = ()  # the keys of the project pages generated (see markdown.PROJECT_PAGES)
    config: Config = field(default_factory=Config)  # the working calendar of the forecast
    urls: str = "source"  # how hrefs in HTML blocks name pages: one of URL_STYLES
    history: SiteHistory | None = None  # what git's history says (Trends, Changes); None: not read
    _slugs: dict[int, str] = field(default_factory=dict, repr=False)
    _by_display: dict[str, Document] = field(default_factory=dict, repr=False)
    _project_at: dict[str, Project] = field(default_factory=dict, repr=False)  # display path -> its project
    _src: dict[Path, str | None] = field(default_factory=dict, repr=False)  # path -> src_of (every page asks)
    _approvals: ApprovalBook | None = field(default=None, repr=False)
    _forecasts: dict[int, ProjectForecast] = field(default_factory=dict, repr=False)  # id(project) ->
    _rollups: dict[int, dict[int, Rollup]] = field(default_factory=dict, repr=False)  # id(project) ->

    @property
    def approvals(self) -> ApprovalBook:
        """The approval states of the graph, worked out once for every card and page."""
        if self._approvals is None:
            self._approvals = ApprovalBook(self.graph)
        return self._approvals

    def src_of(self, document: Document) -> str | None:
        """The document's path relative to the docs root, or None when it lies outside."""
        path = document.path
        if path not in self._src:
            try:
                self._src[path] = path.relative_to(self.docs_root).as_posix()
            except ValueError:
                self._src[path] = None
        return self._src[path]

    def project_dir(self, project: Project) -> str:
        """``prefix/<slug>``: a folder name made only of safe characters, unique per project."""
        if not self._slugs:
            taken: set[str] = set()
            for each in self.graph.projects:
                slug = re.sub(r"[^a-z0-9_-]+", "-", each.id.lower()).strip("-_") or "project"
                base, n = slug, 2
                while slug in taken:
                    slug, n = f"{base}-{n}", n + 1
                taken.add(slug)
                self._slugs[id(each)] = slug
        return posixpath.join(self.prefix, self._slugs[id(project)])

    def link(self, page_path: str, document: Document | None, text: object = None) -> str:
        """A Markdown link from ``page_path`` to ``document`` (escaped text only when it has no page).

        Its target is the relative ``.md`` path, which every site generator rewrites (and checks).
        """
        label, target = self._link_parts(document, text)
        if target is None:
            return label
        return f"[{label}]({escape.link_target(relative(page_path, target))})"

    def html_link(self, page_path: str, document: Document | None, text: object = None) -> str:
        """The same link as an HTML ``<a>``, for a table (an HTML block that Markdown passes through).

        Its ``href`` follows :attr:`urls`: by default the relative ``.md`` path, which a
        generator that rewrites only Markdown links must rewrite itself (the MkDocs plugin
        does, after conversion); the text stays Markdown-proof because the block passes
        Markdown preprocessors first.
        """
        label, target = self._link_parts(document, text)
        return label if target is None else f'<a href="{self.href(page_path, target)}">{label}</a>'

    def _link_parts(self, document: Document | None, text: object) -> tuple[str, str | None]:
        """``(escaped label, the document's docs path or None)`` of a link to ``document``."""
        if document is None:
            return escape.md_text(text), None
        label = id_label(document.title if text is None else text, document.id, escape.md_text)
        return label, self.src_of(document)

    def href(self, page_path: str, target_src: str) -> str:
        """The escaped ``href`` of an HTML link from one docs file to another (POSIX paths
        relative to the docs root), in this context's URL style."""
        return escape.link_target(relative_url(page_path, target_src, self.urls))

    def named_html_link(self, page_path: str, document: Document) -> str:
        """An HTML link whose text is the document's id and title."""
        return self.html_link(page_path, document, f"{document.id or '?'} {document.title}")

    def forecast(self, project: Project) -> ProjectForecast:
        """The project's forecast as of the pages' today (made once, shared by every page; looked
        up here once per project, not per header card)."""
        found = self._forecasts.get(id(project))
        if found is None:
            found = self._forecasts[id(project)] = project_forecast(self.graph, project, self.config, self.today)
        return found

    def rollups(self, project: Project) -> dict[int, Rollup]:
        """``id(task) -> Rollup`` for the project's tasks (``figures.rollups``): made once, for the
        dashboard, the work breakdown and the portfolio alike."""
        found = self._rollups.get(id(project))
        if found is None:
            found = self._rollups[id(project)] = rollups(self.graph, project.of_type("task"))
        return found

    def done_and_total(self, project: Project) -> tuple[float, float]:
        """Estimated days done, and in all, over the project's leaf tasks (the dashboard's
        progress, the portfolio's share done)."""
        sums = self.rollups(project)
        leaves = [task for task in project.of_type("task") if self.graph.is_leaf_task(task)]
        return sum(sums[id(task)].done for task in leaves), sum(sums[id(task)].total for task in leaves)

    def findings_of(self, project: Project | None) -> list[Finding]:
        """Findings about the project's documents; with None, those about no project's document."""
        if not self._project_at:  # every project's pages ask: the documents are walked once, not per call
            for each in self.graph.projects:
                for doc in each.documents:
                    self._project_at.setdefault(doc.display, each)
        if project is None:
            return [f for f in self.findings if f.path not in self._project_at]
        return [f for f in self.findings if self._project_at.get(f.path) is project]

    def document_at(self, finding: Finding) -> Document | None:
        if not self._by_display:
            self._by_display.update((d.display, d) for d in reversed(self.graph.documents))
        return self._by_display.get(finding.path)


def id_label(text: object, document_id: str | None, escape_text: Callable[[object], str]) -> str:
    """A link's text escaped by ``escape_text``, its leading ``document_id`` (when it begins
    with it, as "PAY-T07" or "PAY-T07 Idempotency keys" do) in a span of class ``ID_CLASS``,
    which the stylesheet keeps on one line: an id never breaks at its hyphen."""
    if isinstance(text, str) and document_id and text.startswith(document_id) \
            and text[len(document_id):len(document_id) + 1] in ("", " "):
        return f'<span class="{ID_CLASS}">{escape_text(document_id)}</span>{escape_text(text[len(document_id):])}'
    return escape_text(text)


def relative(from_page: str, to_src: str) -> str:
    """The relative path from one docs-root file to another (both POSIX, relative to the root).

    The same as ``posixpath.relpath(to_src, dirname(from_page))``, without its
    two ``abspath`` calls (each asks the OS for the working folder): the pages
    of a large project make thousands of links.
    """
    start = posixpath.dirname(from_page)
    here = start.split("/") if start else []
    there = to_src.split("/")
    if any(part in ("", ".", "..") for part in here + there):
        return posixpath.relpath(to_src, start or ".")  # not a plain path: the general way
    common = 0
    for mine, theirs in zip(here, there):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def site_path(src: str, style: str) -> str:
    """Where a docs file's page is served, relative to the site root, in a URL style."""
    if style == "source" or not src.endswith(".md"):
        return src
    stem = src[:-3]
    if style == "file":
        return stem + ".html"
    folder, _, name = stem.rpartition("/")
    if name == "index":
        return folder + "/" if folder else ""
    return stem + "/"


def relative_url(from_src: str, to_src: str, style: str) -> str:
    """The relative link from one docs file's page to another's, in a URL style."""
    if style == "source":
        return relative(from_src, to_src)
    here, there = site_path(from_src, style), site_path(to_src, style)
    start = here.rpartition("/")[0] or "."
    folder = there.endswith("/") or there == ""
    path = posixpath.relpath(there.rstrip("/") or ".", start)
    if folder:
        return "./" if path == "." else path + "/"
    return path
