"""Finished HTML that skips Markdown and the search index, put into the page after both.

Three kinds of block:

- the tables and charts of a generated status page: raw HTML that
  Python-Markdown would pass through untouched, after MkDocs and
  Python-Markdown had each run ``html.parser`` over it (MkDocs looks for
  anchors, Python-Markdown for the block's end): about half the cost of
  converting those pages;
- the header card of a document page, made as HTML once the page's URL is
  known;
- the table of each query block of any page (``tpmdocs.pages.query_table``),
  which leaves a marker where the block was, indented as it was.

A table or chart leaves a comment marker with a token no document can guess;
the card needs none (it goes under the page's leading ``<h1>``, or on top
when the body does not open with one: a marker would cost Python-Markdown a
raw HTML block on every page). The blocks go into ``page.content`` in
``on_page_context`` after the search plugin has indexed the page (see
:data:`AFTER_SEARCH`), so the search index holds neither: every row of those tables is a
document with its own indexed page,
and a card repeats its document's front matter. Parsing them for the index
cost Material's search about as much as every other page together.
"""

from __future__ import annotations

import re
import secrets

#: The priority of the hook that puts the blocks back: after the search plugins (priority 0).
AFTER_SEARCH = -100

# What the core's page renderers write as one raw HTML block (pages/markdown: table, menu; pages/svg.figure;
# the decision log's timeline); a document's values reach a page with ``<`` as a character
# reference, so they cannot open one. A block's body is skipped a line at a time
# (``(?:[^\n]*\n)+?``), which matches what ``\n.*?\n`` with DOTALL would, five times faster
# than a character at a time: the generated pages are half a megabyte for 200 documents.
_BLOCK = re.compile(r'^(?:<table(?: data-tpm-[a-z]+)*>\n(?:[^\n]*\n)+?</table>'
                    r'|<figure class="tpm-chart[^\n]*\n(?:[^\n]*\n)*?[^\n]*</figure>'
                    r'|<ol class="tpm-timeline">\n(?:[^\n]*\n)+?</ol>|<nav class="tpm-menu"[^\n]*</nav>)$',
                    re.MULTILINE)


class HeldBlocks:
    """Blocks taken out of pages (by page ``src_uri``) until ``put_back``."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self.taken: dict = {}  # src_uri -> [(marker, raw block)], between Markdown and HTML
        self.ready: dict = {}  # src_uri -> [(marker, html)], until after search
        self.under_heading: dict = {}  # src_uri -> whether the card goes under the leading <h1>
        self.cards: dict = {}  # src_uri -> (card, under_heading), until after search

    def marker(self, name) -> str:
        return f"<!-- tpmdocs-{self.token}-{name} -->"

    def clear(self) -> None:
        self.taken, self.ready, self.under_heading, self.cards = {}, {}, {}, {}

    def take_out(self, src_uri: str, markdown: str) -> str:
        """``markdown`` with each generated table and chart replaced by a marker."""
        blocks: list = []

        def take(match) -> str:
            blocks.append((self.marker(len(blocks)), match.group()))
            return blocks[-1][0]

        markdown = _BLOCK.sub(take, markdown)
        if blocks:
            self.taken[src_uri] = blocks
        return markdown

    def hold(self, src_uri: str, block: str) -> str:
        """Take ``block`` (a rendered query block) out of a page's Markdown: the marker to put instead."""
        blocks = self.taken.setdefault(src_uri, [])
        blocks.append((self.marker(f"q{len(blocks)}"), block))
        return blocks[-1][0]

    def make_ready(self, src_uri: str, finish) -> None:
        """The taken blocks of a page, each made final by ``finish(html)`` (e.g. its links resolved)."""
        self.ready[src_uri] = [(marker, finish(block)) for marker, block in self.taken.pop(src_uri, [])]

    def place_card(self, src_uri: str, under_heading: bool) -> None:
        """Where the page's card will go, as its Markdown says: under the leading heading or on top."""
        self.under_heading[src_uri] = under_heading

    def hold_card(self, src_uri: str, card: str) -> None:
        self.cards[src_uri] = (card, self.under_heading.pop(src_uri, False))

    def put_back(self, src_uri: str, html: str) -> str:
        """``html`` with the page's blocks at their markers (one whose marker an extension
        dropped goes last, in order) and its card."""
        for marker, block in self.ready.pop(src_uri, []):
            if marker in html:
                html = html.replace(marker, block, 1)
            else:
                html += block
        card, under_heading = self.cards.pop(src_uri, (None, False))
        if card is None:
            return html
        end = html.find("</h1>") if under_heading else -1
        if end < 0:
            return card + html
        end += len("</h1>")
        return html[:end] + "\n" + card + html[end:]
