"""Our answers as the protocol's types, with columns in the client's code units.

A :class:`~tpmdocs.model.Finding` is 1-based in the loader's columns; a
:class:`~.navigation.Location`, :class:`~.completion.Completion` and :class:`~.fixes.Fix` are
0-based in characters of the client's text. Each becomes an ``lsprotocol`` value here,
its columns converted for the position encoding agreed at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types
from pygls.uris import from_fs_path

from .. import escape
from ..model import Finding, Severity
from ..reference import rule_url
from ..rules import BY_CODE
from .completion import Completion
from .fixes import Fix
from .navigation import Location
from .positions import text_column, to_client

_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error,
             Severity.WARNING: types.DiagnosticSeverity.Warning,
             Severity.INFO: types.DiagnosticSeverity.Information}
_KIND = {"reference": types.CompletionItemKind.Reference, "key": types.CompletionItemKind.Property,
         "value": types.CompletionItemKind.EnumMember}
#: What a finding's range covers from its column: a key, an id, a value up to a separator.
_TOKEN = re.compile(r"[^\s,\[\]{}:#]+")


def position(lines: list[str], line: int, character: int, encoding: str) -> types.Position:
    text = lines[line] if 0 <= line < len(lines) else ""
    return types.Position(line=max(line, 0), character=to_client(text, character, encoding))


def span(lines: list[str], line: int, start: int, end: int, encoding: str) -> types.Range:
    return types.Range(start=position(lines, line, start, encoding),
                       end=position(lines, line, end, encoding))


def diagnostic(finding: Finding, lines: list[str], encoding: str, docs_url: str) -> types.Diagnostic:
    """A finding as a diagnostic over the token at its place (a key, an id, a value)."""
    line = finding.line - 1
    start = text_column(lines, line, finding.column - 1)
    text = lines[line] if 0 <= line < len(lines) else ""
    token = _TOKEN.match(text, start) if start < len(text) else None
    end = token.end() if token else len(text)
    rule = BY_CODE.get(finding.code)
    return types.Diagnostic(
        range=span(lines, line, start, max(end, start), encoding),
        message=finding.message,
        severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Error),
        code=finding.code,
        code_description=types.CodeDescription(href=rule_url(rule, docs_url)) if rule else None,
        source="tpmdocs")


def location(found: Location, lines: list[str], encoding: str) -> types.Location:
    return types.Location(uri=from_fs_path(str(found.path)) or "",
                          range=span(lines, found.line, found.start, found.end, encoding))


def completion_item(item: Completion, lines: list[str], line: int, encoding: str,
                    order: int) -> types.CompletionItem:
    return types.CompletionItem(
        label=item.label, detail=item.detail or None, kind=_KIND.get(item.kind),
        sort_text=f"{order:05d}", filter_text=item.label,
        text_edit=types.TextEdit(range=span(lines, line, item.start, item.end, encoding),
                                 new_text=item.new_text))


def code_action(fix: Fix, uri: str, lines: list[str], encoding: str,
                diagnostics: Sequence[types.Diagnostic]) -> types.CodeAction:
    """A quick fix, tied to the client's diagnostics of its code on its line."""
    answered = [d for d in diagnostics if d.code == fix.code and d.range.start.line == fix.line]
    edit = types.TextEdit(range=span(lines, fix.line, fix.start, fix.end, encoding),
                          new_text=fix.new_text)
    return types.CodeAction(title=fix.title, kind=types.CodeActionKind.QuickFix,
                            diagnostics=answered or None, is_preferred=fix.preferred or None,
                            edit=types.WorkspaceEdit(changes={uri: [edit]}))


def hover(lines: list[str], markdown: bool) -> types.Hover:
    """The hover text, in a fenced block for Markdown clients, else as plain lines."""
    if markdown:
        content = types.MarkupContent(kind=types.MarkupKind.Markdown, value=escape.code_block(lines))
    else:
        content = types.MarkupContent(kind=types.MarkupKind.PlainText,
                                      value="\n".join(escape.plain(line) for line in lines))
    return types.Hover(contents=content)
