"""Escaping a document's values for the place they land in a generated page.

Every value taken from a document into a generated page goes through exactly
one of these functions, chosen by context:

==================  =========================================================
``html_text``       text between HTML tags outside Markdown (a theme's title)
``html_attr``       a quoted HTML or SVG attribute value
``url``             an ``href``: http, https, mailto or relative, else ``#``
``html_url``        the same, in HTML that no Markdown converter reads
``md_text``         text that lands in Markdown: prose, list items, inline HTML
``table_cell``      one cell of a Markdown table
``svg_text``        the text of an SVG ``<text>`` or ``<title>`` element
``script_json``     a JSON value inside ``<script>``
``link_target``     a relative path used as a Markdown link destination
``code_block``      lines shown verbatim in Markdown (an editor's hover)
==================  =========================================================

Why so much escaping for Markdown: a value in a Markdown page passes two
interpreters, Markdown (with whatever extensions a site enables: emphasis,
links, ``{{ jinja }}`` macros, ``:emoji:``, ``==mark==``, magic links, math)
and then HTML. Writing every ASCII punctuation character as a numeric
character reference makes the value inert for both: neither interpreter nor
any extension acts on ``&#42;``, and the browser shows ``*``. Control
characters and bidirectional overrides are dropped everywhere (they can hide
or reorder text); line breaks become spaces.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from urllib.parse import quote

_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                        "\u2066-\u2069\ufeff]")
_BREAKS = re.compile("[\t\n\r\u0085\u2028\u2029]+")
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")  # every printable ASCII character not a letter/digit
_SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
#: What a browser ignores in a URL (spaces, controls, invisible formatting): removed before the scheme is read.
_URL_IGNORED = re.compile("[\x00-\x20\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def plain(value: object) -> str:
    """A value as one line of visible text: ``str()`` for non-strings, controls removed."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    if text.isprintable():  # no control, format or line-separator character: nothing to remove
        return text
    return _BREAKS.sub(" ", _INVISIBLE.sub("", text))


def _references(text: str) -> str:
    return _PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", text)


def html_text(value: object) -> str:
    """Text for HTML outside Markdown, e.g. the page title a theme puts in ``<title>`` and the nav."""
    return plain(value).translate(_HTML)


def html_attr(value: object) -> str:
    """A value for a double-quoted attribute (HTML or SVG); inert for Markdown too."""
    return _references(plain(value))


def md_text(value: object) -> str:
    """Text inside a Markdown page (prose, lists, inline HTML in Markdown): shown as written."""
    return _references(plain(value))


def table_cell(value: object) -> str:
    """One Markdown table cell: no ``|`` or line break can end the cell or the row."""
    return _references(plain(value).strip())


def svg_text(value: object) -> str:
    """The content of an SVG ``<text>``/``<title>``: no element can be opened."""
    return _references(plain(value))


def url(value: object) -> str:
    """An ``href`` value: an http(s), mailto or relative URL, attribute-escaped; ``#`` otherwise.

    Browsers ignore tabs, newlines and leading spaces in a scheme
    (``java\\tscript:``), so the scheme is read after removing them.
    """
    safe = _safe_url(value)
    return "#" if safe is None else _references(safe)


def html_url(value: object) -> str:
    """An ``href`` for HTML that reaches the browser without a Markdown converter
    (a card put into an already rendered page): checked as by ``url``, escaped for HTML only."""
    safe = _safe_url(value)
    return "#" if safe is None else safe.translate(_HTML)


def _safe_url(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    compact = _URL_IGNORED.sub("", value)
    match = _SCHEME.match(compact)
    if match and match.group(1).lower() not in _SAFE_SCHEMES:
        return None
    if not match and compact.startswith("//"):
        return None  # scheme-relative: another host
    return compact


def link_target(path: str) -> str:
    """A relative path (from a file name) as a Markdown link destination, percent-encoded."""
    return quote(path, safe="/._-~")


def script_json(value: object) -> str:
    """JSON for inside ``<script>``: ``</script>``, ``<!--`` and line separators cannot break out."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def code_block(lines: Sequence[object]) -> str:
    """Lines of values shown verbatim in Markdown: each made one plain line, in a fenced block
    that no backtick run inside can close. Editors render it alike, entities undecoded or not."""
    shown = [plain(line) for line in lines]
    longest = max((len(run) for line in shown for run in re.findall("`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([f"{fence}text", *shown, fence])
