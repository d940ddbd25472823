"""The MkDocs plugin: a thin adapter that hands MkDocs what the core makes.

It reads the documents under ``docs_dir`` with the core's loader, lints them
with the same rules as ``tpmdocs lint`` (findings logged as warnings so that
``mkdocs build --strict`` fails on errors), adds the status pages as generated
files (nothing is written into ``docs_dir``, so ``mkdocs serve`` does not
loop), puts a header card and id links on every document page, and gives the
theme an escaped page title.

The header card, and the tables and charts of the status pages, are HTML
that skips Markdown and the search index (``held.py`` says why): they go
into the page after the search plugin has indexed it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from tpmdocs import escape
from tpmdocs.config import ConfigError, load_config
from tpmdocs.discover import display_path, is_within
from tpmdocs.history.site import read_site_history
from tpmdocs.linter import LintOptions, lint
from tpmdocs.pages import (
    HISTORY_PAGES,
    PageContext,
    context_pages,
    history_pages,
    link_ids,
    script,
    stylesheet,
)
from tpmdocs.pages.card import header_card_html, leads_with_heading
from tpmdocs.pages.idlinks import keep_whole
from tpmdocs.pages.query_table import render_blocks
from tpmdocs.pages.source import document_body, refused_page
from tpmdocs.query import HINT, QUERY_INVALID, project_at
from tpmdocs.rules import BY_CODE
from tpmdocs.workspace import load_workspace, store_root

from .config import TpmdocsConfig
from .findings import log_findings
from .held import AFTER_SEARCH, HeldBlocks
from .links import resolve_links
from .nav import group_status_pages, place_status_pages

log = get_plugin_logger(__name__)
STYLESHEET_URI = "assets/tpmdocs.css"
SCRIPT_URI = "assets/tpmdocs.js"


class TpmdocsPlugin(BasePlugin[TpmdocsConfig]):
    """``plugins: [tpmdocs]``: status pages, header cards, id links, findings, safe titles."""

    def __init__(self) -> None:
        self.context: PageContext | None = None
        self.documents: dict = {}  # source path, as found under docs_dir -> Document
        self.real_documents: dict | None = None  # real path -> Document, made if ever needed
        self.generated: set = set()  # src_uris of the pages this plugin made
        self.refused: dict = {}  # display path -> the loader's finding about that file
        self.page_documents: dict = {}  # abs_src_path -> Document or None, as first looked up
        self.held = HeldBlocks()
        self.status_groups: list = []  # StatusGroup per project, for on_nav
        self.portfolio_src: str | None = None
        self.cwd = Path()  # what findings' paths are relative to: set by on_files

    def on_config(self, config):
        if self.config.enabled and self.config.stylesheet and STYLESHEET_URI not in config.extra_css:
            config.extra_css.append(STYLESHEET_URI)
        if self.config.enabled and self.config.interactive_tables and not any(
                getattr(each, "path", each) == SCRIPT_URI for each in config.extra_javascript):
            config.extra_javascript.append(SCRIPT_URI)
        return config

    @event_priority(50)  # before other plugins look at the files, so they see the status pages
    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        docs_root = Path(config.docs_dir).absolute()
        cwd = Path(config.config_file_path or docs_root).absolute().parent
        today = self.config.today or dt.date.today()
        try:
            settings = load_config(cwd, frozenset(BY_CODE))
        except ConfigError as exc:
            raise PluginError(f"tpmdocs: {exc}") from None
        store_at = _store_folder(docs_root, cwd) if self.config.cache else None
        workspace = load_workspace([docs_root], cwd, cache=store_at is not None, store_at=store_at)
        result = lint(LintOptions(cwd=cwd, today=today, config=settings), workspace=workspace)
        log_findings(log, result.findings, self.config.warnings_count)
        history = self._history(docs_root, cwd, settings, workspace.graph)
        # One context for the status pages and every page's card and links: what the pages
        # work out once (forecasts, approvals, docs paths), the cards need again.
        self.context = PageContext(graph=workspace.graph, findings=list(result.findings), today=today,
                                   docs_root=docs_root, cwd=cwd, prefix=self.config.prefix,
                                   risk_threshold=settings.risk_threshold,
                                   pages=history_pages(self.config.pages, history), config=settings,
                                   history=history)
        pages = context_pages(self.context)
        self.documents = {str(doc.path): doc for doc in workspace.graph.documents}
        self.real_documents = None
        self.refused, self.page_documents = {}, {}
        self.held.clear()
        for finding in workspace.findings:
            if finding.code != QUERY_INVALID:  # a bad query refuses nothing: it gets a notice
                self.refused.setdefault(finding.path, finding)
        self.cwd = cwd
        self.generated = set()
        for page in pages:
            self._add(files, config, page.path, page.markdown)
        self.status_groups, self.portfolio_src = group_status_pages(
            [page for page in pages if page.path in self.generated], self.context.src_of)
        if self.config.stylesheet:
            self._add(files, config, STYLESHEET_URI, stylesheet())
        if self.config.interactive_tables:
            self._add(files, config, SCRIPT_URI, script())
        return files

    def on_nav(self, nav, *, config, files):
        if self.config.enabled and self.config.navigation and self.status_groups:
            place_status_pages(nav, files, self.status_groups, self.portfolio_src, config.nav is None,
                               self.config.navigation == "all")
        return nav

    def _history(self, docs_root: Path, cwd: Path, settings, graph):
        """What git's history says, for the Trends and Changes pages (None: neither is made).
        No history (a shallow clone in CI) is a note on the page, never a failed build."""
        wanted = [page for page in HISTORY_PAGES if page in self.config.pages]
        if not wanted:
            return None
        repository = self.config.history_repository
        history = read_site_history(docs_root, cwd, settings, graph,
                                    repository=(cwd / repository) if repository else None,
                                    baseline=self.config.baseline or settings.baseline,
                                    trends="trends" in wanted, keep=self.config.cache)
        if history.note:
            log.info(f"Trends pages without history: {history.note}")
        elif history.baseline_note and history.baseline:
            log.info(f"Changes pages without a comparison: {history.baseline_note}")
        return history

    def _add(self, files, config, src_uri: str, content: str) -> None:
        if files.get_file_from_path(src_uri) is not None:
            log.warning(f"{src_uri} exists in docs_dir; the generated page of that name is not added")
            return
        files.append(File.generated(config, src_uri, content=content, inclusion=InclusionLevel.INCLUDED))
        self.generated.add(src_uri)

    def on_page_read_source(self, *, page, config):
        """The body of a document, a notice for a refused file: MkDocs never parses their YAML."""
        if not self.config.enabled or page.file.abs_src_path is None:
            return None
        document = self._document_of(page)
        if document is not None:
            return document_body(document)
        refused = self._refused_finding(page.file.abs_src_path)
        return None if refused is None else refused_page(refused)

    def _refused_finding(self, path: str):
        """The loader's finding about the file at ``path``, found by its display path (the
        one the linter showed: its control characters escaped), as MkDocs or as the loader
        reached it."""
        if not self.refused:
            return None
        for candidate in (path, os.path.realpath(path)):
            finding = self.refused.get(display_path(Path(candidate), self.cwd))
            if finding is not None:
                return finding
        return None

    def _document_of(self, page):
        path = page.file.abs_src_path
        if path is None:
            return None
        if path not in self.page_documents:
            document = self.documents.get(path)
            if document is None:  # e.g. MkDocs and the loader took different routes through a link
                if self.real_documents is None:
                    self.real_documents = {os.path.realpath(p): d for p, d in self.documents.items()}
                document = self.real_documents.get(os.path.realpath(path))
            self.page_documents[path] = document
        return self.page_documents[path]

    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.config.enabled:
            return markdown
        if page.file.src_uri in self.generated:
            # Its title is escaped already, in its front matter; its tables and charts skip Markdown.
            return self.held.take_out(page.file.src_uri, markdown)
        if "title" in page.meta:
            page.meta["title"] = escape.html_text(page.meta["title"])
        document = self._document_of(page)
        if self.context is not None and HINT in markdown:
            markdown = self._queries(markdown, page, document)
        if document is None or self.context is None:
            return markdown
        # Themes read front-matter keys of their own (Material: ``status`` into a class
        # attribute, ``description`` into a meta tag), unescaped. A document's front matter
        # is shown by its header card; the theme sees only an escaped title (the source
        # MkDocs read had no front matter: see on_page_read_source).
        page.meta.clear()
        page.meta["title"] = escape.html_text(document.title)
        here = page.file.src_uri
        if self.config.link_ids:  # each id's span comes after Markdown (on_page_content): cheaper
            markdown = link_ids(markdown, self.context.graph, here, self.context.src_of, spans=False)
        if self.config.header_cards:
            self.held.place_card(here, leads_with_heading(markdown))
        return markdown

    def _queries(self, markdown: str, page, document) -> str:
        """The page's query blocks rendered, each held until after the search index (as a
        status page's tables are), for the project of the page: its document's, else the one
        whose charter's folder holds the page."""
        assert self.context is not None  # set by on_files, before any page
        graph, src_uri = self.context.graph, page.file.src_uri
        if document is not None:
            project = graph.project_of(document)
        elif page.file.abs_src_path is not None:
            project = project_at(graph, Path(page.file.abs_src_path).absolute().parent)
        else:
            project = None
        return render_blocks(markdown, self.context, src_uri, project,
                             place=lambda block: self.held.hold(src_uri, block))

    def on_page_content(self, html, *, page, config, files):
        """The links of a generated page's tables made into URLs; a document's header card made
        (both wait in ``self.held`` for ``on_page_context``, after the search plugin); the ids
        its links show kept whole."""
        if not self.config.enabled or self.context is None:
            return html
        src_uri = page.file.src_uri
        if src_uri in self.held.taken:  # a status page's tables and charts, a page's queries
            not_found = config.validation.links.not_found
            self.held.make_ready(src_uri, lambda block: resolve_links(block, page, files, log, not_found))
        if src_uri in self.generated:
            return html
        document = self._document_of(page)
        if document is None:
            return html
        if self.config.link_ids:
            html = keep_whole(html, self.context.graph)
        if not self.config.header_cards:
            return html
        src_of, by_src = self.context.src_of, files.src_uris  # src_of gives POSIX paths already

        def url_of(target):
            file = by_src.get(src_of(target))
            return None if file is None else file.url_relative_to(page.file)

        self.held.hold_card(src_uri, header_card_html(document, self.context, url_of))
        return html

    @event_priority(AFTER_SEARCH)
    def on_page_context(self, context, *, page, config, nav):
        """The held blocks into the page, now that the search plugin has indexed it."""
        if self.config.enabled:
            page.content = self.held.put_back(page.file.src_uri, page.content)
        return context


def _store_folder(docs_root: Path, cwd: Path) -> Path | None:
    """The folder whose ``.tpmdocs-cache/`` holds the store of parsed documents for the site:
    the repository's, as for ``tpmdocs lint``; else, when ``mkdocs.yml`` is not at or above the
    repository's top or there is no repository, the folder of ``mkdocs.yml`` (``cwd``), as
    Material's own plugins keep their caches beside it. Never a folder inside ``docs_dir``: a
    rebuild of ``mkdocs serve`` must not be set off by its own cache."""
    for folder in (store_root(docs_root, cwd), cwd):
        if folder is not None and not is_within(folder, docs_root):
            return folder
    return None
