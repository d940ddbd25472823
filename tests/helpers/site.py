"""Build a real MkDocs + Material site in a temporary folder, as a user would."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import cli_env
from tests.helpers.html_tree import parse

MKDOCS_YML = """site_name: Fixture site
theme:
  name: material
  font: false  # no Google Fonts: the tests run offline, as a site behind a firewall does
plugins:
  - search
  - tpmdocs:
      today: {today}
{extra}"""


def make_project(root: Path, documents: dict, today: str = "2026-11-20", extra: str = "") -> Path:
    """A folder with ``mkdocs.yml`` and ``docs/``: documents maps docs paths to text (or a folder to copy)."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for relative, text in documents.items():
        target = docs / relative
        if isinstance(text, Path):
            shutil.copytree(text, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(today=today, extra=extra), encoding="utf-8")
    return root


def mkdocs_build(root: Path, strict: bool = True) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"] + (["--strict"] if strict else [])
    return subprocess.run(args, cwd=root, env=cli_env({"NO_MKDOCS_2_WARNING": "1"}), capture_output=True,
                          text=True, timeout=180)


def page(root: Path, url_path: str):
    """The parsed HTML of ``site/<url_path>/index.html``."""
    return parse((root / "site" / url_path / "index.html").read_text("utf-8"))


def html_files(root: Path) -> list:
    return sorted((root / "site").rglob("*.html"))


def nav_tree(tree) -> list:
    """The primary navigation as nested ``(title, href, children)``."""
    root = tree.find("nav", cls="md-nav--primary")

    def items(ul) -> list:
        found = []
        for li in (c for c in ul.children if not isinstance(c, str) and c.tag == "li"):
            link = next((e for e in li.iter() if e.tag in ("a", "label") and "md-nav__link" in e.attrs.get("class", "")
                         and e.text.strip()), None)
            nested = next((e for e in li.iter() if e.tag == "ul" and e is not li), None)
            title = " ".join(link.text.split()) if link is not None else ""
            found.append((title, link.attrs.get("href") if link is not None else None,
                          items(nested) if nested is not None else []))
        return found

    return items(root.find("ul", cls="md-nav__list"))


def find(items: list, title: str):
    stack = list(items)
    while stack:
        item = stack.pop(0)
        if item[0] == title:
            return item
        stack.extend(item[2])
    return None
