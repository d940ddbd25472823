"""Load folder trees into one project graph: discover, read, index.

This is the one way every command and the site read documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .discover import discover, display_path
from .graph import ProjectGraph, build_graph
from .loader import load_file


@dataclass
class Workspace:
    graph: ProjectGraph
    findings: list = field(default_factory=list)  # the loader's and discovery's findings
    files: int = 0  # Markdown files read


def load_workspace(roots: list, cwd: Path, progress=None) -> Workspace:
    """Read every Markdown file under ``roots`` (folders or files) into one graph.

    ``progress``, when given, is called with the number of files read so far
    and the total, for a progress bar on long runs.
    """
    files: dict = {}
    findings: list = []
    for root in roots:
        found = discover(Path(root), cwd)
        findings.extend(found.findings)
        for path in found.files:
            files.setdefault(path, None)
    documents = []
    total = len(files)
    for count, path in enumerate(sorted(files), 1):
        loaded = load_file(path, display_path(path, cwd))
        findings.extend(loaded.findings)
        if loaded.document is not None:
            documents.append(loaded.document)
        if progress is not None:
            progress(count, total)
    return Workspace(graph=build_graph(documents), findings=findings, files=total)
