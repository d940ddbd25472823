"""The ``tpmdocs`` plugin's options, typed with MkDocs' ``config_options``.

In ``mkdocs.yml``::

    plugins:
      - search
      - tpmdocs:
          today: 2026-11-20
          prefix: status
"""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c

from tpmdocs.pages import PAGE_KEYS, check_prefix


class DateOption(base.BaseConfigOption):
    """An ISO date (``YYYY-MM-DD``), written quoted or not; None means the real date."""

    def run_validation(self, value):
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise base.ValidationError(f"expected a date YYYY-MM-DD, got {str(value)[:40]!r}")


class NavigationOption(base.BaseConfigOption):
    """``true`` (the default), ``all`` or ``false``: how the status pages enter the navigation."""

    def __init__(self) -> None:
        super().__init__()
        self.default = True

    def run_validation(self, value):
        if value in (True, False, "all"):
            return value
        raise base.ValidationError(f"expected true, false or all, got {str(value)[:40]!r}")


class PrefixOption(c.Type):
    """A folder under ``docs_dir``: relative, no ``..``, only safe characters."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value):
        try:
            return check_prefix(super().run_validation(value))
        except ValueError as exc:
            raise base.ValidationError(str(exc)) from None


class TpmdocsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (e.g. for a quick draft build) without removing it."""

    pages = c.ListOfItems(c.Choice(PAGE_KEYS), default=list(PAGE_KEYS))
    """Which status pages to generate per project: dashboard, risks, work, schedule, goals,
    team, summary, findings, trends, changes (default: all; changes only with a ``baseline``).
    A portfolio page is added when there are several projects."""

    prefix = PrefixOption("status")
    """The folder, inside the site, that holds the generated status pages (``status/<project>/``)."""

    today = DateOption()
    """The date the pages and the date-dependent rules take as today (default: the real date).
    Set it to make a build reproducible."""

    warnings_count = c.Type(bool, default=False)
    """Log warning-level findings (e.g. overdue tasks) as MkDocs warnings, so that
    ``mkdocs build --strict`` fails on them too. Error-level findings always are."""

    navigation = NavigationOption()
    """Put each project's status pages into the site's navigation, right after the project's
    charter (after the portfolio page when the ``nav`` leaves the charter out). In the
    navigation MkDocs makes from the folders, every page, in a section "Status pages"; in a
    ``nav`` of your own, the dashboard alone as "Status pages" (Material renders every entry on
    every page), or every page with ``navigation: all``. ``false`` leaves the navigation alone.
    Pages that the site's own ``nav`` lists stay where it puts them."""

    header_cards = c.Type(bool, default=True)
    """Show a header card (type, id, status, owner, dates, score, references, backlinks) on
    every document page."""

    link_ids = c.Type(bool, default=True)
    """Turn ids written as plain text in a document's body into links to their documents."""

    cache = c.Type(bool, default=True)
    """Read documents through the store of parsed documents ``tpmdocs lint`` uses
    (``.tpmdocs-cache/`` at the git root; beside ``mkdocs.yml`` when that is not at the
    repository's top or there is no repository): a build after a lint, and every rebuild of
    ``mkdocs serve``, parses only the files that changed. Never kept inside ``docs_dir``
    (a rebuild must not be set off by its own cache)."""

    stylesheet = c.Type(bool, default=True)
    """Add the small stylesheet for badges, tables, charts and print (``assets/tpmdocs.css``)."""

    interactive_tables = c.Type(bool, default=True)
    """Add the small script (``assets/tpmdocs.js``, no network, no dependency) that makes the
    tables of the status pages and of query blocks sortable and filterable, with the state in
    the page's URL. Without it (or without JavaScript) the tables show whole, as written."""

    baseline = c.Optional(c.Type(str))
    """The git revision (a tag such as ``v1.0-baseline``) that each project's Changes page
    compares the documents with (default: ``[tool.tpmdocs] baseline``; neither: no Changes page)."""

    history_repository = c.Optional(c.Type(str))
    """The git repository whose history the Trends and Changes pages read, relative to
    ``mkdocs.yml`` (default: the one holding ``docs_dir``). Its documents lie where
    ``docs_dir`` lies relative to ``mkdocs.yml``: a repository of the same layout, such as a
    record of the project's past kept elsewhere."""
