"""No import cycle in tpmdocs/, and no function-level import that hides one.

The graph is read from the source (the AST), not from ``sys.modules``: an edge ``a -> b``
means module ``a`` imports tpmdocs module ``b``. Module-level imports (also those under a
top-level ``if`` or ``try``) must form a graph without a cycle. An import inside a function
is fine for start-up time (the CLI imports a command's machinery when the command runs), but
only when no chain of imports, at module or function level, leads back: otherwise it hides
a cycle.
Imports under ``if TYPE_CHECKING:`` never run and are left out.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "tpmdocs"

Graph = dict[str, set[str]]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))
            if "examples" not in path.relative_to(PACKAGE).parts}


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool,
             known: set[str]) -> set[str]:
    """The tpmdocs modules one import statement needs: ``from pkg import sub`` needs the
    submodule ``pkg.sub``, and ``pkg`` itself only for a name that is not a submodule."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[:len(base) - (node.level - 1)]
        origin = ".".join(base + ([node.module] if node.module else []))
    else:
        origin = node.module or ""
    submodules = {f"{origin}.{alias.name}" for alias in node.names} & known
    whole = origin in known and len(submodules) < len(node.names)
    return submodules | ({origin} if whole else set())


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _top_level(body: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    """Imports run when the module is imported: in its body, or in a top-level if/try."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            found.extend(_top_level(node.body + node.orelse))
        elif isinstance(node, ast.Try):
            found.extend(_top_level(node.body + node.orelse + node.finalbody
                                    + [stmt for handler in node.handlers for stmt in handler.body]))
    return found


@functools.cache
def _graphs() -> tuple[Graph, Graph]:
    """``(module-level edges, function-level edges)`` of every tpmdocs module."""
    modules = _modules()
    known = set(modules)
    eager: Graph = {name: set() for name in modules}
    lazy: Graph = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        is_package = path.name == "__init__.py"
        top = _top_level(tree.body)
        for node in top:
            eager[name] |= _targets(node, name, is_package, known)
        top_ids = {id(node) for node in top}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in top_ids:
                lazy[name] |= _targets(node, name, is_package, known)
        eager[name].discard(name)
        lazy[name] -= eager[name] | {name}
    return eager, lazy


def path_between(graph: Graph, start: str, end: str) -> list[str] | None:
    """A path of imports from ``start`` to ``end``, or None (breadth first)."""
    came_from: dict[str, str] = {start: start}
    queue = [start]
    for node in queue:
        if node == end:
            path = [end]
            while path[-1] != start:
                path.append(came_from[path[-1]])
            return path[::-1]
        for following in sorted(graph.get(node, ())):
            if following not in came_from:
                came_from[following] = node
                queue.append(following)
    return None


def find_cycle(graph: Graph) -> list[str] | None:
    """One cycle of ``graph`` as ``[a, b, ..., a]``, or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(graph):
        if state.get(start):
            continue
        path = [start]
        stack = [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(following) == 1:
                return [*path[path.index(following):], following]
            elif not state.get(following):
                state[following] = 1
                path.append(following)
                stack.append(iter(sorted(graph.get(following, ()))))
    return None


def test_the_cycle_finder_finds_a_cycle_and_accepts_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_relative_imports_resolve_to_modules():
    eager, _lazy = _graphs()
    assert "tpmdocs.model" in eager["tpmdocs.loader"]  # from .model import ...
    assert "tpmdocs.rules.base" in eager["tpmdocs.rules.always"]  # from .base import ...
    assert "tpmdocs.escape" in eager["tpmdocs.pages.card"]  # from .. import escape


def test_no_import_cycle_at_module_level():
    eager, _lazy = _graphs()
    assert find_cycle(eager) is None


@pytest.mark.parametrize("module", sorted(name for name, edges in _graphs()[1].items() if edges))
def test_no_function_level_import_hides_a_cycle(module):
    eager, lazy = _graphs()
    every = {name: eager[name] | lazy[name] for name in eager}
    for target in sorted(lazy[module]):
        back = path_between(every, target, module)
        assert back is None, f"{module} imports {target} inside a function: {' -> '.join([module, *back])}"
