"""The project as an editor sees it: the files on disk, overlaid by the unsaved text of the
files open in the editor, linted as ``tpmdocs lint`` lints a named file.

:class:`Session` is everything the protocol layer asks of the project, and nothing of the
protocol: paths, text, and answers with character columns of the client's text. The rest of
this package calls it only through these methods, so that how it keeps its state can change
without the protocol layer noticing. Today: the folder is read once; a change parses the one
text, puts its document in the graph's place of the file's (:meth:`ProjectGraph.apply`, at a
cost in proportion to the change), and the rules' results are kept per document, project and
repository and judged again only where the change reaches (:class:`tpmdocs.evaluation.Evaluation`).

What counts, as for ``tpmdocs lint PATH``: the docs root (``[tool.tpmdocs] docs-root``, else
the workspace folder) is read once through the repository's cache of parsed documents;
afterwards, an open file's text replaces its contents on disk (one parser: the loader's), and
files changed on disk are read again when the client says so (:meth:`Session.disk_changed`).
Nothing is written after start-up.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ..config import Config
from ..discover import discover, display_path
from ..evaluation import Evaluation
from ..forecast import project_forecast
from ..graph import ProjectGraph
from ..linter import LintOptions, active_rules, decided, located
from ..loader import Loaded, read_bytes
from ..model import Document, Finding
from ..reading import parse_file
from ..rules import BY_CODE, Rule
from ..unsaved import read_unsaved_text
from ..workspace import load_workspace
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
        self._graph: ProjectGraph | None = None  # read on first use, then kept up to date
        self._evaluation: Evaluation | None = None  # the rules' results over it, kept likewise
        self._found: dict[str, list[Finding]] = {}  # display path -> the loader's findings
        self._files = 0  # Markdown files read from disk
        self._buffers: dict[str, str] = {}  # path as text -> the editor's text
        self._lines: dict[str, list[str]] = {}  # path as text -> that text's lines
        self._pending: set[str] = set()  # open paths whose text changed since the graph took it

    # --- what the editor does -----------------------------------------------------------

    def open(self, path: Path, text: str) -> None:
        """The editor opened ``path`` holding ``text`` (which counts from now on, saved or not)."""
        self.change(path, text)

    def change(self, path: Path, text: str) -> None:
        """The text of open ``path`` is now ``text``."""
        name = _name(path)
        self._buffers[name] = text
        self._lines.pop(name, None)
        self._pending.add(name)

    def close(self, path: Path) -> None:
        """The editor closed ``path``: its contents on disk count again."""
        name = _name(path)
        if self._buffers.pop(name, None) is not None:
            self._lines.pop(name, None)
            self._pending.discard(name)
            self._read_from_disk([name], self._discovered())  # saved, or not, or deleted

    def disk_changed(self, paths: Iterable[Path]) -> None:
        """Files may have changed, appeared or gone on disk (a save, a ``git checkout``):
        read them again (an open file's text still counts over its contents)."""
        names = [name for name in map(_name, paths) if name not in self._buffers]
        if self._graph is not None and names:
            self._read_from_disk(names, self._discovered())

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
        options = LintOptions(cwd=self.folder, today=self._today(), config=self.config)
        graph = self._current()
        name = _name(path)
        raw: list[tuple[Rule, Finding, Document | None]] = [
            (BY_CODE[finding.code], finding, None) for finding in self._found.get(self._display(name), ())]
        document = graph.document_at(name)
        if document is not None:
            evaluation = self._evaluation
            if evaluation is None:
                evaluation = self._evaluation = Evaluation(graph, active_rules(options), self.config,
                                                           options.today)
            evaluation.set_today(options.today)
            raw.extend(located(graph, evaluation.problems([document])))
        return decided(raw, options)

    def lines(self, path: Path) -> list[str]:
        """The lines of ``path`` as the client reads them: the open text, else the file's."""
        name = _name(path)
        if name not in self._buffers:
            return _disk_lines(name)
        if name not in self._lines:
            self._lines[name] = split_lines(self._buffers[name])
        return self._lines[name]

    def completions(self, path: Path, line: int, character: int) -> tuple[list[Completion], bool]:
        """Items for a position of an open file, and whether more ids would match."""
        if not self._is_open(path):
            return [], False
        return completion.complete(self._current(), self.lines(path), line, character,
                                   self._document(path))

    def hover(self, path: Path, line: int, character: int) -> list[str] | None:
        """The lines describing the document whose id is at the position, if any."""
        target = self._target(path, line, character)
        if target is None:
            return None
        graph = self._current()
        project = graph.project_of(target) if target.type in ("task", "milestone") else None
        forecast = project_forecast(graph, project, self.config, self._today()) if project else None
        return hover.describe(graph, target, forecast)

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
        found = navigation.references(self._current(), target, self.lines)
        return [navigation.declaration(target, self.lines), *found] if declaration else found

    def fixes(self, path: Path, first: int, last: int) -> list[Fix]:
        """The obvious fixes for findings on lines ``first``..``last`` of an open file."""
        document = self._document(path) if self._is_open(path) else None
        if document is None:
            return []
        return fixes.fixes(self._current(), document, self.lines(path), first, last)

    # --- the state behind the answers -----------------------------------------------------

    def _is_open(self, path: Path) -> bool:
        return _name(path) in self._buffers and self.serves(path)

    def _target(self, path: Path, line: int, character: int) -> Document | None:
        """The document named by the id at a position of a served file."""
        if not self.serves(path):
            return None
        lines = self.lines(path)
        if not 0 <= line < len(lines):
            return None
        word = frontmatter.word_at(lines[line], character)
        return None if word is None else self._current().get(word[0])

    def _document(self, path: Path) -> Document | None:
        return self._current().document_at(_name(path)) if self.serves(path) else None

    def _current(self) -> ProjectGraph:
        """The project graph with every open file's latest text in place of its contents on
        disk (the folder is read on first use)."""
        if self._graph is None:
            loaded = load_workspace([self.root], self.folder, cache=self._cache)
            self._graph, self._files = loaded.graph, loaded.files
            for finding in loaded.findings:
                self._found.setdefault(finding.path, []).append(finding)
        if self._pending:
            self._take({name: read_unsaved_text(self._buffers[name], Path(name), self._display(name))
                        for name in sorted(self._pending) if self.serves(Path(name))})
            self._pending.clear()
        return self._graph

    def _discovered(self) -> set[str]:
        return {path for path, _ in discover(Path(self.root), self.folder).files}

    def _read_from_disk(self, names: list[str], discovered: set[str]) -> None:
        """Read files again from disk (one no longer discovered is gone from the project)."""
        if self._graph is not None:
            self._take({name: parse_file(name, self._display(name))
                        if name in discovered else None for name in names})

    def _take(self, results: dict[str, Loaded | None]) -> None:
        """Put what was read of each file (None: the file is gone) in the graph's place of what
        was there, and its findings in place of the file's findings."""
        graph = self._graph
        if graph is None:
            return
        change = graph.apply([(graph.document_at(name), loaded.document if loaded else None)
                              for name, loaded in results.items()])
        if self._evaluation is not None:
            self._evaluation.apply(change)
        for name, loaded in results.items():
            display = self._display(name)
            if loaded is not None and loaded.findings:
                self._found[display] = list(loaded.findings)
            else:
                self._found.pop(display, None)

    def _display(self, name: str) -> str:
        return display_path(Path(name), self.folder)


def _name(path: Path) -> str:
    """A path as the graph knows its file: absolute, normalised, as text."""
    return os.path.normpath(path.absolute())  # (no symlinks resolved: discovery keeps them)


def _disk_lines(name: str) -> list[str]:
    """A file's lines as an editor would show them ([] when it cannot be read)."""
    try:
        return split_lines(read_bytes(Path(name)).decode("utf-8", "replace"))
    except OSError:
        return []

