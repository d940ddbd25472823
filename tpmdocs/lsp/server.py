"""The language server: pygls' protocol wired to a :class:`~.session.Session`.

Each handler turns the request into paths and character columns, asks the session, and
converts the answer (:mod:`.convert`). Handlers are listed in :data:`FEATURES`; each is
guarded, so that a bug answers "nothing here" and logs one line instead of failing the
request. Text is synchronised in full (the client sends the whole text on each change):
there is then no second way of splitting lines to disagree with the client's.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..config import ConfigError, load_config
from ..reference import DOCS_URL
from ..rules import BY_CODE
from . import convert
from .positions import from_client
from .protocol import RobustProtocol, logger
from .session import Session

Handler = Callable[..., Any]  # (server, params) -> the answer

#: Characters after which a client asks for completion again (ids hold ``-``).
TRIGGERS = [" ", "[", ",", "-"]


@dataclass(frozen=True)
class Settings:
    """What ``tpmdocs lsp`` was started with."""

    today: Callable[[], dt.date]
    docs_url: str = DOCS_URL
    cache: bool = True  # read the repository's cache of parsed documents at start-up


class TpmdocsServer(LanguageServer):
    def __init__(self, settings: Settings) -> None:
        super().__init__("tpmdocs", __version__, protocol_cls=RobustProtocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.settings = settings
        self.session: Session | None = None
        self.markdown_hover = True

    def report_server_error(self, error: Exception, source: Any) -> None:
        """A frame that is not JSON gets a parse error; anything else is logged (one line)."""
        if source is JsonRpcException and isinstance(error, ValueError):
            self.protocol.refuse_frame(error)  # type: ignore[attr-defined]
        logger.warning("%s: %s", type(error).__name__, error)

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)


def guarded(default: Any) -> Callable[[Handler], Handler]:
    """A handler that answers ``default`` and logs one line when it fails."""
    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def run(ls: TpmdocsServer, params: Any) -> Any:
            try:
                return handler(ls, params)
            except Exception as error:  # noqa: BLE001 - a bug must not take the server down
                logger.warning("%s failed: %s: %s", handler.__name__, type(error).__name__, error)
                return default
        return run
    return wrap


def _path(uri: str) -> Path | None:
    path = to_fs_path(uri)
    return Path(path) if path else None


# --- the project's lifetime -------------------------------------------------------------------

@guarded(None)
def initialize(ls: TpmdocsServer, params: types.InitializeParams) -> None:
    folder = _workspace_folder(params)
    try:
        config = load_config(folder, frozenset(BY_CODE))
    except ConfigError as error:
        ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"tpmdocs: {error}"))
        return
    ls.session = Session(folder, config, ls.settings.today, cache=ls.settings.cache)
    hover = params.capabilities.text_document and params.capabilities.text_document.hover
    formats = hover.content_format if hover else None
    ls.markdown_hover = formats is None or types.MarkupKind.Markdown in formats


def _workspace_folder(params: types.InitializeParams) -> Path:
    """The first workspace folder, else the root the client names, else the working folder."""
    for uri in [folder.uri for folder in params.workspace_folders or []] + [params.root_uri or ""]:
        path = _path(uri) if uri else None
        if path is not None:
            return path
    return Path(params.root_path) if params.root_path else Path.cwd()


@guarded(None)
def initialized(ls: TpmdocsServer, params: types.InitializedParams) -> None:
    """Ask the client to report changes of Markdown files on disk (a ``git checkout``)."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace else None
    if watched and watched.dynamic_registration:
        watcher = types.FileSystemWatcher(glob_pattern="**/*.md")
        ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
            id="tpmdocs-markdown-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=[watcher]))]))


@guarded(None)
def did_open(ls: TpmdocsServer, params: types.DidOpenTextDocumentParams) -> None:
    path = _path(params.text_document.uri)
    if ls.session is not None and path is not None and ls.session.serves(path):
        ls.session.open(path, params.text_document.text)
        publish(ls, params.text_document.uri)


@guarded(None)
def did_change(ls: TpmdocsServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = _path(uri)
    if ls.session is None or path is None or not ls.session.serves(path):
        return
    ls.session.change(path, ls.workspace.get_text_document(uri).source)
    publish(ls, uri)
    publish_open(ls, but=uri)  # a change of ids or references can change the others' findings


@guarded(None)
def did_close(ls: TpmdocsServer, params: types.DidCloseTextDocumentParams) -> None:
    path = _path(params.text_document.uri)
    if ls.session is not None and path is not None and ls.session.serves(path):
        ls.session.close(path)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=params.text_document.uri, diagnostics=[]))
        publish_open(ls)


@guarded(None)
def did_change_watched_files(ls: TpmdocsServer, params: types.DidChangeWatchedFilesParams) -> None:
    paths = [path for path in map(_path, (change.uri for change in params.changes)) if path]
    if ls.session is not None and paths:
        ls.session.disk_changed(paths)
        publish_open(ls)


def publish(ls: TpmdocsServer, uri: str) -> None:
    """Send the findings of an open file as its diagnostics."""
    path = _path(uri)
    if ls.session is None or path is None:
        return
    document = ls.workspace.text_documents.get(uri)
    lines = ls.session.lines(path)
    diagnostics = [convert.diagnostic(finding, lines, ls.encoding, ls.settings.docs_url)
                   for finding in ls.session.findings(path)]
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
        uri=uri, diagnostics=diagnostics, version=document.version if document else None))


def publish_open(ls: TpmdocsServer, but: str | None = None) -> None:
    for uri in list(ls.workspace.text_documents):
        if uri != but:
            publish(ls, uri)


# --- requests -----------------------------------------------------------------------------------

def _at(ls: TpmdocsServer, params: Any) -> tuple[Session, Path, int, int] | None:
    """The session, path, line and character column of a position request."""
    path = _path(params.text_document.uri)
    if ls.session is None or path is None or not ls.session.serves(path):
        return None
    lines = ls.session.lines(path)
    line = params.position.line
    text = lines[line] if 0 <= line < len(lines) else ""
    return ls.session, path, line, from_client(text, params.position.character, ls.encoding)


@guarded(None)
def completion(ls: TpmdocsServer, params: types.CompletionParams) -> types.CompletionList | None:
    at = _at(ls, params)
    if at is None:
        return None
    session, path, line, character = at
    items, incomplete = session.completions(path, line, character)
    lines = session.lines(path)
    return types.CompletionList(is_incomplete=incomplete, items=[
        convert.completion_item(item, lines, line, ls.encoding, order) for order, item in enumerate(items)])


@guarded(None)
def hover(ls: TpmdocsServer, params: types.HoverParams) -> types.Hover | None:
    at = _at(ls, params)
    shown = at[0].hover(*at[1:]) if at else None
    return convert.hover(shown, ls.markdown_hover) if shown else None


@guarded(None)
def definition(ls: TpmdocsServer, params: types.DefinitionParams) -> types.Location | None:
    at = _at(ls, params)
    found = at[0].definition(*at[1:]) if at else None
    return convert.location(found, at[0].lines(found.path), ls.encoding) if at and found else None


@guarded([])
def references(ls: TpmdocsServer, params: types.ReferenceParams) -> list[types.Location]:
    at = _at(ls, params)
    if at is None:
        return []
    found = at[0].references(*at[1:], declaration=params.context.include_declaration)
    return [convert.location(place, at[0].lines(place.path), ls.encoding) for place in found]


@guarded([])
def code_action(ls: TpmdocsServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    path = _path(params.text_document.uri)
    if ls.session is None or path is None:
        return []
    fixes = ls.session.fixes(path, params.range.start.line, params.range.end.line)
    lines = ls.session.lines(path)
    return [convert.code_action(fix, params.text_document.uri, lines, ls.encoding,
                                params.context.diagnostics) for fix in fixes]


#: (method, handler, options): every feature the server offers.
FEATURES: list[tuple[str, Handler, Any]] = [
    (types.INITIALIZE, initialize, None),
    (types.INITIALIZED, initialized, None),
    (types.TEXT_DOCUMENT_DID_OPEN, did_open, None),
    (types.TEXT_DOCUMENT_DID_CHANGE, did_change, None),
    (types.TEXT_DOCUMENT_DID_CLOSE, did_close, None),
    (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, did_change_watched_files, None),
    (types.TEXT_DOCUMENT_COMPLETION, completion, types.CompletionOptions(trigger_characters=TRIGGERS)),
    (types.TEXT_DOCUMENT_HOVER, hover, None),
    (types.TEXT_DOCUMENT_DEFINITION, definition, None),
    (types.TEXT_DOCUMENT_REFERENCES, references, None),
    (types.TEXT_DOCUMENT_CODE_ACTION, code_action,
     types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])),
]


def create_server(settings: Settings) -> TpmdocsServer:
    server = TpmdocsServer(settings)
    for method, handler, options in FEATURES:
        server.feature(method, options)(handler)
    return server


def serve(settings: Settings) -> None:
    """Run the server on standard input and output until the client says exit."""
    create_server(settings).start_io()

