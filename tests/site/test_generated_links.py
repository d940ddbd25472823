"""Links in the generated pages' HTML tables: ``.md`` paths in the Markdown, the site's URLs
after the plugin resolves them, with MkDocs' own ``File`` objects and a real build."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.structure.files import File, Files, InclusionLevel

from tests.helpers import EXAMPLE, EXAMPLE_TODAY
from tests.helpers.html_tree import parse
from tests.helpers.site import html_files, make_project, mkdocs_build
from tpmdocs_mkdocs.links import resolve_links

LOG = logging.getLogger("test-generated-links")


class Page:
    """What ``resolve_links`` reads of a page: its file (MkDocs' ``Page`` needs a whole config)."""

    def __init__(self, file):
        self.file = file


def _files(directory_urls: bool) -> Files:
    def file(path, inclusion=InclusionLevel.INCLUDED):
        return File(path, "/docs", "/site", directory_urls, inclusion=inclusion)
    return Files([file("status/pay/work.md"), file("tasks/pay t1.md"), file("tasks/t2.md"),
                  file("drafts/t3.md", InclusionLevel.EXCLUDED), file("status/pay/findings.md")])


def test_links_become_urls_relative_to_the_page(caplog):
    html = ('<td><a href="../../tasks/pay%20t1.md">PAY&#45;T1</a></td><td><a href="findings.md#top">x</a></td>'
            '<p><a href="https://example.org/a.md">out</a></p>')
    for directory_urls, first, second in ((True, "../../../tasks/pay%20t1/", "../findings/#top"),
                                          (False, "../../tasks/pay%20t1.html", "findings.html#top")):
        files = _files(directory_urls)
        with caplog.at_level(logging.INFO, logger=LOG.name):
            out = resolve_links(html, Page(files.src_uris["status/pay/work.md"]), files, LOG)
        assert f'<a href="{first}">PAY&#45;T1</a>' in out and f'<a href="{second}">x</a>' in out
        assert '<a href="https://example.org/a.md">' in out  # not a generated link: left alone
        assert not caplog.records


def test_a_missing_target_is_reported_and_an_excluded_one_noted(caplog):
    files = _files(True)
    html = '<a href="../../tasks/gone.md">a</a> <a href="../../drafts/t3.md">b</a>'
    with caplog.at_level(logging.INFO, logger=LOG.name):
        out = resolve_links(html, Page(files.src_uris["status/pay/work.md"]), files, LOG)
    assert '<a href="../../tasks/gone.md">a</a>' in out  # left as written, as MkDocs does
    assert '<a href="../../../drafts/t3/">b</a>' in out
    levels = {r.getMessage().split("'")[1]: r.levelno for r in caplog.records}
    assert levels == {"tasks/gone.md": logging.WARNING, "drafts/t3.md": logging.INFO}


def test_links_resolve_in_a_site_without_directory_urls(tmp_path):
    root = make_project(tmp_path, {"example": EXAMPLE}, today=EXAMPLE_TODAY, extra="use_directory_urls: false\n")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    site = root / "site"
    work = (site / "status" / "pay" / "work.html").read_text("utf-8")
    assert 'href="../../example/tasks/pay-t08.html"' in work and ".md\"" not in work
    checked = 0
    for html in html_files(root):
        if "status" not in html.parts:
            continue
        for href in _hrefs(html):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = Path(urljoin(html.as_uri(), parts.path).removeprefix("file://"))
            assert target.is_file(), f"{html}: {href}"
            checked += 1
    assert checked > 100


def _hrefs(html: Path) -> list:
    """The links of the page's own content (the theme's header and navigation left out)."""
    return [a.attrs.get("href", "") for a in parse(html.read_text("utf-8")).find("article").find_all("a")]
