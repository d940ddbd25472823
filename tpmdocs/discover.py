"""Find the Markdown files of a folder tree, safely and in a stable order.

Hidden folders (``.git``, ``.venv``) are not searched. Symbolic links are
followed only while they stay inside the tree, each real folder is visited
once (so link loops end), and a file reached twice is read once. A link that
leads outside the tree is reported, not read: a pull request must not be able
to publish ``/etc/passwd`` through a symlink. A folder that cannot be listed
(no permission, a path longer than the system allows) is reported too.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .loader import UNREADABLE
from .model import Finding, printable


def display_path(path: Path, cwd: Path) -> str:
    """How a path is shown in findings: relative to the working folder when inside it, with
    control characters escaped (see :func:`display_text`)."""
    return display_text(path.as_posix(), cwd.as_posix())


def display_text(text: str, base: str) -> str:
    """:func:`display_path` of POSIX texts (for many files, without a ``Path`` each).

    A file name is input too: a newline in it would start a line of its own in a report (in
    a GitHub Actions log, ``::warning …`` is a workflow command), an ESC byte would reach the
    terminal. Every character that is not printable is shown escaped (:func:`printable`),
    here, where the display path is made, so that every report and message shows it so.
    """
    if text == base:
        return "."
    prefix = base if base.endswith("/") else base + "/"
    shown = text[len(prefix):] if text.startswith(prefix) else text  # as relative_to, without its cost
    return printable(shown)


@dataclass
class Discovered:
    #: ``(path, display)`` of each file, in the order of their Paths: the absolute path as
    #: text (a ``Path`` each would cost a warm run more than listing the folders) and as
    #: findings show it (:func:`display_path`)
    files: list[tuple[str, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def is_within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies under it, links resolved."""
    return _inside(os.path.realpath(path), os.path.realpath(folder))


def _inside(real: str, root_real: str) -> bool:
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def discover(root: Path, cwd: Path) -> Discovered:
    """Every ``*.md`` file under ``root`` (or ``root`` itself when it is a file)."""
    found = Discovered()
    root = root.absolute()
    if not root.is_dir():
        found.files.append((str(root), display_path(root, cwd)))
        return found
    base = cwd.as_posix()
    root_real = os.path.realpath(root)
    seen_dirs = {root_real}
    seen_files: set[str] = set()
    real_dirs = {str(root): root_real}  # folder as walked -> its real path (saves a realpath a file)

    def unlistable(error: OSError) -> None:  # never skip a folder in silence
        where = Path(error.filename) if error.filename else root
        found.findings.append(Finding(display_path(where, cwd), 1, 1, UNREADABLE,
                                      f"cannot read the folder: {error.strerror or error}"))

    # Depth first, each folder's files and subfolders together in name order: the files come
    # out in the order of their Paths, with no sort of the whole list.
    # Each folder on the stack comes with the start of its files' display paths and real paths.
    stack = [(_listing(str(root), unlistable), _shown_inside(str(root), base), _inside_of(root_real))]
    while stack:
        entries, shown, real_inside = stack[-1]
        for entry, is_dir in entries:
            if is_dir:
                if not entry.name.startswith(".") and _keep_dir(
                        entry, real_inside, root_real, seen_dirs, found, cwd, real_dirs):
                    stack.append((_listing(entry.path, unlistable), _shown_inside(entry.path, base),
                                  _inside_of(real_dirs[entry.path])))
                    break
            elif entry.name.endswith(".md") and _add_file(entry, root_real, seen_files, found,
                                                          cwd, real_inside):
                found.files.append((entry.path, shown + printable(entry.name)))
        else:
            stack.pop()
    return found


def _shown_inside(folder: str, base: str) -> str:
    """What the display path of a file in ``folder`` starts with (the folder's, and a slash)."""
    shown = display_text(folder if os.sep == "/" else folder.replace(os.sep, "/"), base)
    return "" if shown == "." else shown + "/"


def _inside_of(folder_real: str) -> str:
    """What the real path of a file in the folder starts with (joined by hand: cheaper per file)."""
    return folder_real if folder_real.endswith(os.sep) else folder_real + os.sep


_NAME = operator.attrgetter("name")


def _listing(folder: str, onerror: Callable[[OSError], None]) -> Iterator[tuple[os.DirEntry[str], bool]]:
    """The folder's entries in name order, each with whether it is a folder (links followed,
    as ``os.walk(followlinks=True)`` does); ``DirEntry`` objects, so that whether an entry is
    a link is known without another system call."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_NAME)
    except OSError as error:
        onerror(error)
        return iter(())
    return iter([(entry, _is_dir(entry)) for entry in entries])


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _keep_dir(entry: os.DirEntry[str], real_inside: str, root_real: str, seen: set[str],
              found: Discovered, cwd: Path, real_dirs: dict[str, str]) -> bool:
    # A folder that is not a link lies where its parent really is (no realpath needed).
    real = real_inside + entry.name if not _is_link(entry) else os.path.realpath(entry.path)
    real_dirs[entry.path] = real
    if not _inside(real, root_real):
        found.findings.append(Finding(display_path(Path(entry.path), cwd), 1, 1, UNREADABLE,
                                      "symbolic link to a folder outside the tree; not followed"))
        return False
    if real in seen:
        return False  # a link loop or a second way into a folder already searched
    seen.add(real)
    return True


def _add_file(entry: os.DirEntry[str], root_real: str, seen: set[str], found: Discovered,
              cwd: Path, real_inside: str) -> bool:
    """Whether to read the file (a link out of the tree is reported instead)."""
    link = _is_link(entry)
    real = os.path.realpath(entry.path) if link else real_inside + entry.name
    if link and not _inside(real, root_real):
        found.findings.append(Finding(display_path(Path(entry.path), cwd), 1, 1, UNREADABLE,
                                      "symbolic link to a file outside the tree; not read"))
        return False
    if real in seen:
        return False
    seen.add(real)
    return True
