"""Malformed and hostile files in ``docs/`` do not crash or stall the site build: the plugin
gives MkDocs the body of a document, or a notice for a refused file, never their YAML."""

from __future__ import annotations

import time

from tests.helpers.site import make_project, mkdocs_build, page

CHARTER = "---\ntype: charter\nid: M\ntitle: Malformed\nphase: initiation\n---\n# M\n"
BOMB = "---\n" + "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)) \
    + "type: task\nid: M-BOMB\ntitle: bomb\n---\nBody\n"
DEEP = "---\ntype: task\nid: M-DEEP\ntitle: deep\nx: " + "[" * 20000 + "]" * 20000 + "\n---\nBody\n"
DUPLICATE = "---\ntype: task\nid: M-DUP\ntitle: one\ntitle: two\n---\nBody\n"
UNCLOSED = "---\ntype: task\nid: M-OPEN\ntitle: never closed\n"
PYTHON_TAG = "---\ntype: task\nid: M-TAG\ntitle: !!python/object:os.system echo\n---\nBody\n"


def test_hostile_files_build_quickly_with_findings_and_notices(tmp_path):
    root = make_project(tmp_path, {"index.md": CHARTER, "bomb.md": BOMB, "deep.md": DEEP,
                                   "dup.md": DUPLICATE, "open.md": UNCLOSED, "tag.md": PYTHON_TAG})
    (root / "docs" / "binary.md").write_bytes(b"\x00\xff\xfe---\n\x89PNG")
    started = time.monotonic()
    result = mkdocs_build(root, strict=False)
    assert time.monotonic() - started < 60
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    for name in ("bomb", "deep", "dup", "open", "tag", "binary"):
        assert f"docs/{name}.md:" in result.stderr, name
        heading = page(root, name).find("article").find("h1")
        assert heading is not None and heading.text.startswith("This page could not be read"), name
    findings = page(root, "status/m/findings").find("article")
    outside = findings.find_all("table")[1]  # refused files belong to no project
    places = {tr.find_all("td")[1].text.split(":")[0] for tr in outside.find_all("tr") if tr.find_all("td")}
    assert places == {f"docs/{name}.md" for name in ("bomb", "deep", "dup", "open", "tag", "binary")}
