"""What a site generator should render for a document's file, instead of parsing its YAML itself.

A site generator parses a page's front matter with its own YAML loader
(MkDocs: PyYAML, YAML 1.1, no bound on aliases or depth), which a hostile
file can crash or stall. tpmdocs has already read the file under its bounds,
so it hands the generator the body alone for a document, and a short notice
for a file it refused; the generator never sees the YAML.
"""

from __future__ import annotations

from .. import escape
from ..loader import decode, read_bytes
from ..model import Document, Finding


def document_body(document: Document) -> str:
    """The document's Markdown body: the text after its front matter (empty if unreadable now)."""
    try:
        text = decode(read_bytes(document.path))
    except (OSError, UnicodeDecodeError):
        return ""
    # Split off the front matter's lines only: the body stays one string, as read.
    head_and_body = text.split("\n", document.body_line - 1)
    return head_and_body[-1] if len(head_and_body) == document.body_line else ""


def refused_page(finding: Finding) -> str:
    """The page shown for a file whose front matter tpmdocs refused (its findings say why)."""
    return ("# This page could not be read\n\n"
            f"{escape.md_text(finding.path)}, line {finding.line}: {escape.md_text(finding.message)} "
            f"({escape.md_text(finding.code)}).\n")
