"""The generated reference pages: complete, and safe whatever a schema or example holds.

The Markdown is rendered with Python-Markdown and the extensions of the site's
``mkdocs.yml``, and the HTML is parsed as XML, so a broken table or a fence
closed early shows up as structure, not as a substring.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import markdown
import pytest

from tpmdocs import reference, schema
from tpmdocs.examples import examples_of
from tpmdocs.model import Severity
from tpmdocs.rules import ALWAYS, RULES

EXTENSIONS = ["admonition", "attr_list", "tables", "pymdownx.details", "pymdownx.highlight",
              "pymdownx.superfences"]
HOSTILE = 'a | b\n<script>alert("x")</script> ``` `x` *em* [link](javascript:alert(1)) <img src=x onerror=alert(1)>'


def render(text: str) -> ET.Element:
    """Markdown → HTML → an element tree (raises if the HTML is not well formed)."""
    html = markdown.markdown(text, extensions=EXTENSIONS, output_format="xhtml")
    return ET.fromstring(f"<div>{html}</div>")


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def by_phase() -> list:
    """The rules in the order of the rules page: grouped by phase, registry order within."""
    return [rule for phase in (ALWAYS, *schema.phases()) for rule in RULES if rule.phase == phase]


def pages() -> dict:
    return {page.path: page.markdown for page in reference.reference_pages()}


def assert_no_markup_from(tree: ET.Element) -> None:
    tags = {element.tag for element in tree.iter()}
    assert "script" not in tags and "img" not in tags and "em" not in tags
    assert not [a for a in tree.iter("a") if "javascript" in a.get("href", "")]


# --- completeness -----------------------------------------------------------------------------

def test_a_page_per_type_and_one_for_the_rules():
    paths = set(pages())
    expected = {f"reference/types/{t}.md" for t in schema.document_types()}
    assert expected <= paths
    assert {"reference/index.md", "reference/rules.md", "reference/types/index.md"} <= paths


@pytest.mark.parametrize("doc_type", schema.document_types())
def test_type_page_lists_every_key_with_its_vocabulary_and_references(doc_type):
    keys_table = render(reference.type_page(doc_type)).find(".//table")
    rows = {text_of(tr.find("td/code")): [text_of(td) for td in tr.findall("td")]
            for tr in keys_table.iter("tr") if tr.find("td/code") is not None}
    for key in schema.properties(doc_type):
        assert key in rows, f"{doc_type}: key {key} missing"
    for key in schema.properties(doc_type):
        vocabulary = schema.vocabulary(doc_type, key)
        if vocabulary:
            assert rows[key][2] == ", ".join(vocabulary)
    for ref in schema.references(doc_type):
        target = rows[ref.key][3]
        assert target == ("any document" if ref.target == "any" else ref.target)
    required = schema.type_schema(doc_type)["required"]
    assert [k for k, row in rows.items() if row[4] == "yes" and "." not in k] == required


def test_nested_keys_get_rows_of_their_own():
    tree = render(reference.type_page("charter"))
    keys = [text_of(code) for code in tree.iter("code")]
    assert "scope.in" in keys and "approved.on" in keys and "stakeholders[].interest" in keys


def test_risk_score_is_shown_as_computed():
    tree = render(reference.type_page("risk"))
    row = next(tr for tr in tree.iter("tr") if tr.find("td/code") is not None
               and text_of(tr.find("td/code")) == "score")
    assert text_of(row.findall("td")[1]) == "computed, never written"


def test_rules_page_has_every_rule_once_with_an_anchor_and_a_table_row():
    tree = render(reference.rules_page())
    anchors = [h.get("id") for h in tree.iter("h3")]
    assert len(by_phase()) == len(RULES)  # every rule's phase is a known one
    assert anchors == [rule.code.lower() for rule in by_phase()]
    linked = [a.get("href") for a in tree.iter("a")]
    for rule in RULES:
        assert linked.count(f"#{rule.code.lower()}") == 1
    phase_ids = [h.get("id") for h in tree.iter("h2")]
    assert phase_ids == [p for p in (ALWAYS, *schema.phases()) if any(r.phase == p for r in RULES)]


def test_rules_page_shows_each_example_file_verbatim():
    tree = render(reference.rules_page())
    blocks = [text_of(pre) for pre in tree.iter("pre")]
    shown = 0
    for rule in RULES:
        for kind in ("bad", "good"):
            for name, text in examples_of(rule, kind):
                assert text.rstrip("\n") + "\n" in blocks, f"{rule.code} {kind}/{name}"
                shown += 1
    if not shown:
        pytest.skip("no rule examples in this checkout yet")


def test_every_phase_rule_concerns_some_type():
    for rule in RULES:
        if rule.phase != ALWAYS:
            assert any(rule in reference.rules_for_type(t) for t in schema.document_types()), rule.code


def test_type_page_links_its_phase_rules():
    tree = render(reference.type_page("task"))
    hrefs = {a.get("href") for a in tree.iter("a")}
    assert "../rules.md#tpm205" in hrefs and "../rules.md#tpm302" in hrefs
    assert "../rules.md#tpm401" not in hrefs  # a status-report rule


# --- escaping ---------------------------------------------------------------------------------

def test_hostile_text_stays_in_its_table_cell():
    md = reference.table(["A", "B", "C"], [[reference.cell(HOSTILE), reference.cell("1. x"), "z"]])
    tree = render(md)
    rows = list(tree.iter("tr"))
    assert len(rows) == 2 and [len(r.findall("td")) for r in rows[1:]] == [3]
    first = rows[1].findall("td")[0]
    assert "<script>" in text_of(first) and "a | b" in text_of(first)
    assert len(first.findall("br")) == 1  # the line break is kept, inside the cell
    assert text_of(rows[1].findall("td")[1]) == "1. x"
    assert_no_markup_from(tree)


def test_plain_text_is_only_text():
    tree = render(reference.plain(HOSTILE.replace("\n", " ")))
    assert text_of(tree).strip() == HOSTILE.replace("\n", " ")
    assert_no_markup_from(tree)


def test_code_spans_stay_code_and_their_content_text():
    tree = render(reference.cell("set `a | <b>` here"))
    codes = [text_of(c) for c in tree.iter("code")]
    assert codes == ["a | <b>"]


@pytest.mark.parametrize("run", [3, 4, 10])
def test_a_fence_cannot_be_closed_from_inside(run):
    body = f"before\n{'`' * run}\n</code></pre><script>x</script>\n{'`' * run}markdown\n~~~\nafter"
    tree = render("intro\n\n" + reference.fenced(body, "text", 'we"ird<name>.md') + "\nafter the block\n")
    blocks = list(tree.iter("pre"))
    assert len(blocks) == 1 and text_of(blocks[0]) == body + "\n"
    assert "script" not in {e.tag for e in tree.iter()}
    assert text_of(tree).rstrip().endswith("after the block")


def hostile_rule(folder):
    """A rule-shaped object whose every text, and example file, is hostile."""
    for kind in ("bad", "good"):
        (folder / kind).mkdir(parents=True)
        (folder / kind / "index.md").write_text(f"---\ntitle: x\n---\n````\n{HOSTILE}\n```\n", "utf-8")
    (folder / "bad" / "task.md").write_text("---\ntype: task  # expect: TPM999\n---\n", "utf-8")
    return SimpleNamespace(code="TPM999", name="hostile-rule", phase="planning", severity=Severity.ERROR,
                           summary=HOSTILE, rationale=HOSTILE + "\n\n# heading\n- list", examples_dir=folder)


def test_hostile_rule_and_examples_render_as_text(tmp_path):
    rule = hostile_rule(tmp_path / "TPM999-hostile-rule")
    tree = render(reference.rule_section(rule))
    assert_no_markup_from(tree)
    assert [h.tag for h in tree.iter() if h.tag in {"h1", "h2", "h3", "h4", "ul", "li"}] == ["h3", "ul", "li"]
    blocks = [text_of(pre) for pre in tree.iter("pre")]
    assert blocks.count(f"---\ntitle: x\n---\n````\n{HOSTILE}\n```\n") == 2
    assert "task.md:2 TPM999" in text_of(tree)
    details = list(tree.iter("details"))
    assert len(details) == 2 and details[0].get("open") and not details[1].get("open")


def test_hostile_schema_description_and_key_stay_in_one_row():
    rows = reference._rows({"k|ey\n": {"type": "string", "description": HOSTILE, "enum": ["a|b", "<i>"]}},
                           (), {})
    tree = render(reference.table(["Key", "Type", "Values", "Reference to", "Required", "Description"], rows))
    body_rows = list(tree.iter("tr"))[1:]
    assert len(body_rows) == 1 and len(body_rows[0].findall("td")) == 6
    cells = [text_of(td) for td in body_rows[0].findall("td")]
    assert cells[0] == "k|ey\n" and cells[2] == "a|b, <i>"
    assert_no_markup_from(tree)
