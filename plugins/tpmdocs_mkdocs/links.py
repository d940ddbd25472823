"""The HTML links of the generated pages, made into the site's URLs.

The status pages' tables are raw HTML blocks (Python-Markdown passes them
through instead of parsing every cell), and MkDocs rewrites and checks only
Markdown links; so the ``href`` of a link in such a table still names the
``.md`` file, relative to the page, as ``tpmdocs pages`` writes it. After
conversion, each is resolved as MkDocs resolves a Markdown link: to the URL
of that file's page relative to this one (right with and without
``use_directory_urls``), and a target missing from the site is logged as a
warning, so that ``mkdocs build --strict`` fails on it as on a Markdown link.
"""

from __future__ import annotations

import logging
import posixpath
import re
from urllib.parse import unquote

from tpmdocs import escape

# Only the core writes ``<a href="`` into a generated page: a document's values reach it
# with every punctuation character as a character reference.
_LINK = re.compile(r'<a href="([^":#?]+\.md)(#[^"]*)?">')


def resolve_links(html: str, page, files, log, not_found: int = logging.WARNING) -> str:
    """``html`` of a generated page with each ``<a href="….md">`` pointing at that file's page.

    As for a Markdown link, a missing target is logged at ``not_found`` (MkDocs'
    ``validation.links.not_found``) and its link left as written; an excluded
    one (``exclude_docs``, drafts) at INFO at most, its link made all the same.
    """
    here = page.file
    base = posixpath.dirname(here.src_uri)
    by_src = files.src_uris
    urls: dict = {}  # href -> URL, or None when the target is not in the site

    def replace(match) -> str:
        href = match.group(1)
        if href not in urls:
            target = posixpath.normpath(posixpath.join(base, unquote(href)))
            urls[href] = _url(here, target, by_src.get(target), log, not_found)
        url = urls[href]
        if url is None:
            return match.group(0)
        return f'<a href="{escape.html_url(url + (match.group(2) or ""))}">'

    return _LINK.sub(replace, html)


def _url(here, target: str, file, log, not_found: int):
    if file is None:
        log.log(not_found, f"{here.src_uri}: a generated link points to '{target}', "
                           "which is not among the documentation files")
        return None
    if file.inclusion.is_excluded():
        log.log(min(logging.INFO, not_found), f"{here.src_uri}: a generated link points to '{target}', "
                                              "which is excluded from the built site")
    return file.url_relative_to(here)
