"""The project as an editor sees it: the files on disk, overlaid by the unsaved text of the
files open in the editor, linted as ``tpmdocs lint`` lints a named file.

:class:`Session` is everything the protocol layer asks of the project, and nothing of the
protocol: paths, text, and answers with character columns of the client's text. The rest of
this package calls it only through these methods, so that how it keeps its state (today:
read the folder once, then parse the one changed text, build the graph again and lint the
file within its project) can change without the protocol layer noticing.

What counts, as for ``tpmdocs lint PATH``: the docs root (``[tool.tpmdocs] docs-root``, else
the workspace folder) is read once through the repository's cache of parsed documents;
afterwards, an open file's text replaces its contents on disk (one parser: the loader's), and
files changed on disk are read again when the client says so (:meth:`Session.disk_changed`).
Nothing is written after start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from ..config import Config
from ..discover import discover, display_path
from ..graph import ProjectGraph, build_graph
from ..linter import LintOptions, lint
from ..loader import read_bytes
from ..model import Document, Finding
from ..unsaved import read_unsaved_text, swapped
from ..workspace import Workspace, load_workspace, read_one
from . import completion, fixes, frontmatter, hover, navigation
from .completion import Completion
from .fixes import Fix
from .navigation import Location
from .positions import split_lines


class Session:
    """One workspace folder's project, for one editor."""

    def __init__(self, folder: Path, config: Config, today: Callable[[], dt.date],
                 cache: bool = True) -> None:
        self.folder = folder.absolute()
        self.config = config
        self.root = config.docs_root or self.folder
        self._today = today
        self._cache = cache
        self._disk: tuple[list[Document], list[Finding]] | None = None  # read on first use
        self._buffers: dict[str, str] = {}  # path as text -> the editor's text
        self._lines: dict[str, list[str]] = {}  # path as text -> that text's lines
        self._parsed: dict[str, tuple] = {}  # path as text -> (display, the loader's result)
        self._workspace: Workspace | None = None  # disk and buffers together; None: to build
        self._by_path: dict[str, Document] = {}  # the documents of _workspace by path
        self._files = 0  # Markdown files read from disk

    # --- what the editor does -----------------------------------------------------------

    def open(self, path: Path, text: str) -> None:
        """The editor opened ``path`` holding ``text`` (which counts from now on, saved or not)."""
        self.change(path, text)

    def change(self, path: Path, text: str) -> None:
        """The text of open ``path`` is now ``text``."""
        name = str(path.absolute())
        self._buffers[name] = text
        self._lines.pop(name, None)
        self._parsed.pop(name, None)
        self._workspace = None

    def close(self, path: Path) -> None:
        """The editor closed ``path``: its contents on disk count again."""
        name = str(path.absolute())
        if self._buffers.pop(name, None) is not None:
            self._lines.pop(name, None)
            self._parsed.pop(name, None)
            self._workspace = None
            self.disk_changed([path])  # it may have been saved, or not, or deleted

    def disk_changed(self, paths: Iterable[Path]) -> None:
        """Files may have changed, appeared or gone on disk (a save, a ``git checkout``):
        read them again (an open file's text still counts over its contents)."""
        if self._disk is None:
            return  # not read yet: it will be read as it is
        discovered = {path for path, _ in discover(Path(self.root), self.folder).files}
        swaps = {}
        for path in paths:
            name = str(path.absolute())
            display = display_path(Path(name), self.folder)
            swaps[name] = (display, read_one(name, display, None, False, False)[0]
                           if name in discovered else None)
        self._disk = swapped(*self._disk, swaps)
        self._workspace = None

    # --- what the editor asks -------------------------------------------------------------

    def serves(self, path: Path) -> bool:
        """Whether ``path`` is a file of this session's tree (a Markdown file under the docs
        root, not in a hidden folder): others get no diagnostics and no answers."""
        try:
            parts = path.absolute().relative_to(self.root).parts
        except ValueError:
            return False
        return path.suffix == ".md" and not any(part.startswith(".") for part in parts)

    def findings(self, path: Path) -> list[Finding]:
        """What ``tpmdocs lint PATH`` reports for ``path`` within its whole project."""
        if not self.serves(path):
            return []
        options = LintOptions(cwd=self.folder, today=self._today(), config=self.config,
                              paths=[path.absolute()])
        return lint(options, self._current()).findings

    def lines(self, path: Path) -> list[str]:
        """The lines of ``path`` as the client reads them: the open text, else the file's."""
        name = str(path.absolute())
        if name not in self._lines:
            if name in self._buffers:
                self._lines[name] = split_lines(self._buffers[name])
            else:
                return _disk_lines(name)
        return self._lines[name]

    def completions(self, path: Path, line: int, character: int) -> tuple[list[Completion], bool]:
        """Items for a position of an open file, and whether more ids would match."""
        if not self._is_open(path):
            return [], False
        return completion.complete(self._graph(), self.lines(path), line, character,
                                   self._document(path))

    def hover(self, path: Path, line: int, character: int) -> list[str] | None:
        """The lines describing the document whose id is at the position, if any."""
        target = self._target(path, line, character)
        return None if target is None else hover.describe(self._graph(), target)

    def definition(self, path: Path, line: int, character: int) -> Location | None:
        """Where the document whose id is at the position declares it."""
        target = self._target(path, line, character)
        return None if target is None else navigation.declaration(target, self.lines)

    def references(self, path: Path, line: int, character: int,
                   declaration: bool = False) -> list[Location]:
        """Every reference to the document whose id is at the position (else to the file's
        own document), with its declaration first when asked."""
        target = self._target(path, line, character) or self._document(path)
        if target is None:
            return []
        found = navigation.references(self._graph(), target, self.lines)
        return [navigation.declaration(target, self.lines), *found] if declaration else found

    def fixes(self, path: Path, first: int, last: int) -> list[Fix]:
        """The obvious fixes for findings on lines ``first``..``last`` of an open file."""
        document = self._document(path) if self._is_open(path) else None
        if document is None:
            return []
        return fixes.fixes(self._graph(), document, self.lines(path), first, last)

    # --- the state behind the answers -----------------------------------------------------

    def _is_open(self, path: Path) -> bool:
        return str(path.absolute()) in self._buffers and self.serves(path)

    def _target(self, path: Path, line: int, character: int) -> Document | None:
        """The document named by the id at a position of a served file."""
        if not self.serves(path):
            return None
        lines = self.lines(path)
        if not 0 <= line < len(lines):
            return None
        word = frontmatter.word_at(lines[line], character)
        return None if word is None else self._graph().get(word[0])

    def _document(self, path: Path) -> Document | None:
        if not self.serves(path):
            return None
        self._current()
        return self._by_path.get(str(path.absolute()))

    def _graph(self) -> ProjectGraph:
        return self._current().graph

    def _current(self) -> Workspace:
        """The project with every open file's text in place of its contents on disk."""
        if self._workspace is None:
            if self._disk is None:
                loaded = load_workspace([self.root], self.folder, cache=self._cache)
                self._disk = (loaded.graph.documents, loaded.findings)
                self._files = loaded.files
            swaps = {name: self._parse(name) for name in self._buffers
                     if self.serves(Path(name))}
            documents, found = swapped(*self._disk, swaps)
            self._workspace = Workspace(graph=build_graph(documents, in_path_order=True),
                                        findings=found, files=self._files)
            self._by_path = {document.path_text: document for document in documents}
        return self._workspace

    def _parse(self, name: str) -> tuple:
        if name not in self._parsed:
            display = display_path(Path(name), self.folder)
            self._parsed[name] = (display, read_unsaved_text(self._buffers[name], Path(name), display))
        return self._parsed[name]


def _disk_lines(name: str) -> list[str]:
    """A file's lines as an editor would show them ([] when it cannot be read)."""
    try:
        return split_lines(read_bytes(Path(name)).decode("utf-8", "replace"))
    except OSError:
        return []

