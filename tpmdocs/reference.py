"""The reference pages of the documentation, generated as Markdown from the sources of truth.

One page per document type from the JSON Schemas in ``schemas/`` (through
:mod:`tpmdocs.schema`), and one page of rules from the registry
:data:`tpmdocs.rules.RULES` with each rule's examples (:mod:`tpmdocs.examples`).
Nothing here lists a key, a type or a rule by hand, so the reference cannot
drift from the code. Every text taken from a schema, a rule or an example file
is escaped for where it lands: plain text becomes entities, a table cell keeps
to one row, a fenced block gets a fence longer than any backtick run inside it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from . import schema
from .examples import examples_of, expected_findings
from .rules import ALWAYS, RULES, Rule
from .schema import JsonSchema

ROOT = "reference"
RULES_PAGE = f"{ROOT}/rules.md"
#: Where tpmdocs' own documentation is published (this repository's ``mkdocs.yml`` site):
#: editors link each finding's rule to its section there. Set it once the site is public.
DOCS_URL = "https://tpmdocs.readthedocs.io/en/latest/"

# Characters that Markdown or HTML would read as syntax; written as entities they are only text.
_PLAIN = {ch: f"&#{ord(ch)};" for ch in "&<>\"'\\`*_[]{}()|#+-!~:$^=\n\r"}
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_BACKTICKS = re.compile(r"`+")
_NEWLINES = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
# Names of the shared definitions in common.schema.json, said in words (unknown ones show their name).
_DEF_WORDS = {"id": "id", "idref": "id", "idrefs": "id or list of ids", "date": "date (YYYY-MM-DD)",
              "duration": "duration (e.g. 6h, 3d, 1.5w)",
              "line": "text (one line)", "text": "text", "handle": "handle",
              "handles": "handle or list of handles", "tags": "list of text",
              "approval": "approval (by, on, fingerprint)", "fingerprint": "fingerprint (sha256:…)"}
_LANGS = {"md": "text", "toml": "toml"}  # Pygments reads front matter as setext headings
_JSON_WORDS = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false",
               "array": "list", "object": "mapping", "null": "empty"}


@dataclass(frozen=True)
class ReferencePage:
    """One generated page: where it goes below the docs folder, and its Markdown."""

    path: str
    markdown: str


# --- escaping ---------------------------------------------------------------------------------

def plain(text: object) -> str:
    """Any text as literal Markdown/HTML text: no markup, link, emphasis or raw HTML survives."""
    return "".join(_PLAIN.get(ch, ch) for ch in str(text))


def inline(text: str) -> str:
    """Text written in Markdown by us (summaries, descriptions): its code spans stay code,
    everything else is :func:`plain`. Safe in a paragraph and, one line long, in a table cell."""
    out: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(plain(text[last:match.start()]))
        out.append(f"<code>{plain(match.group(2).strip())}</code>")
        last = match.end()
    out.append(plain(text[last:]))
    return "".join(out)


def cell(text: object) -> str:
    """:func:`inline` on one line, for a table cell or a paragraph: line breaks become ``<br />``
    so a row holds, and a leading digit is an entity so ``1. x`` starts no list."""
    text = "<br />".join(inline(part) for part in _NEWLINES.split(str(text).strip()))
    if text[:1].isdigit():
        text = f"&#{ord(text[0])};{text[1:]}"
    return text or " "


def fenced(text: str, lang: str = "", title: str = "") -> str:
    """A fenced code block that nothing inside ``text`` can close early."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    safe_title = "".join(ch for ch in title if ch.isprintable() and ch not in "\"'\\`")
    info = lang + (f' title="{safe_title}"' if safe_title else "")
    return f"{fence}{info}\n{text.rstrip(chr(10))}\n{fence}\n"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; ``rows`` hold cells already escaped with :func:`cell`."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# --- document types ---------------------------------------------------------------------------

def follow(node: JsonSchema) -> tuple[JsonSchema, str | None]:
    """``(resolved node, first shared definition met)`` for one property's schema.

    Follows ``$ref`` s into ``common`` (``urn:tpmdocs:v1:common#/...``, or ``#/...`` once
    inside it); the keys written next to a ``$ref`` win over those of its target.
    """
    first, base = None, None
    for _ in range(20):  # our references are a few hops deep; more would be a broken schema
        ref = node.get("$ref", "") if isinstance(node, dict) else ""
        if "#/" not in ref:
            break
        name, pointer = ref.split("#/", 1)
        base = name[len(schema.URN):] if name.startswith(schema.URN) else base or schema.COMMON
        target = schema.all_schemas()[base]
        for part in pointer.split("/"):
            target = target[part]
        if first is None and pointer.count("/") == 1 and pointer.startswith("$defs/"):
            first = pointer.split("/")[1]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node, first


def kind_of(prop: JsonSchema | Literal[False]) -> str:
    """A key's type in words, e.g. ``id or list of ids``, ``whole number 1–5``."""
    if prop is False or (isinstance(prop, dict) and False in prop.get("allOf", [])):
        return "computed, never written"
    node, shared = follow(prop)
    if "const" in node:
        return f"`{node['const']}`"
    if shared:
        return _DEF_WORDS.get(shared, shared)
    if "enum" in node:
        return "one of the listed values"
    if "anyOf" in node:
        return " or ".join(dict.fromkeys(kind_of(option) for option in node["anyOf"]))
    kind = _JSON_WORDS.get(node.get("type") or "", node.get("type") or "any value")
    if node.get("type") == "array" and "items" in node:
        return f"list of {_items_word(node['items'])}"
    if "minimum" in node and "maximum" in node:
        return f"{kind} {node['minimum']}–{node['maximum']}"
    if "minimum" in node:
        return f"{kind} ≥ {node['minimum']}"
    return kind


def _items_word(items: JsonSchema) -> str:
    word = kind_of(items)
    return "mappings" if word == "mapping" else word


def _rows(properties: dict[str, JsonSchema], required: Collection[str], refs: dict[str, str],
          prefix: str = "") -> list[list[str]]:
    """Table rows for each key, then for the keys of nested mappings (``scope.in``)."""
    rows: list[list[str]] = []
    for key, prop in properties.items():
        node, _ = follow(prop) if isinstance(prop, dict) else ({}, None)
        name = prefix + key
        target = refs.get(key) if not prefix else node.get("x-ref")
        rows.append([f"<code>{plain(name)}</code>", cell(kind_of(prop)),
                     cell(", ".join(map(str, node["enum"]))) if node.get("enum") else " ",
                     _target_link(target), "yes" if key in required else " ",
                     cell(node.get("description", ""))])
        inner = node.get("items", {}) if node.get("type") == "array" else node
        if isinstance(inner, dict) and isinstance(inner.get("properties"), dict):
            inner_prefix = name + ("[]." if node.get("type") == "array" else ".")
            rows += _rows(inner["properties"], inner.get("required", ()), {}, inner_prefix)
    return rows


def _target_link(target: str | None) -> str:
    if not target:
        return " "
    if target in schema.document_types():
        return f"[{plain(target)}]({quote(target)}.md)"
    return "any document" if target == "any" else plain(target)


def _concerns(rule: Rule, doc_type: str) -> bool:
    """Whether a phase rule's summary names the type (``status report`` for ``status-report``)."""
    words = doc_type.replace("-", " ")
    return re.search(rf"\b{re.escape(words)}s?\b", rule.summary, re.I) is not None


def rules_for_type(doc_type: str) -> list[Rule]:
    """The phase rules that concern a document type, in registry order."""
    return [rule for rule in RULES if rule.phase != ALWAYS and _concerns(rule, doc_type)]


def type_page(doc_type: str) -> str:
    body = schema.type_schema(doc_type)
    refs = {ref.key: ref.target for ref in schema.references(doc_type)}
    rows = _rows(schema.properties(doc_type), body.get("required", ()), refs)
    parts = [f"# {plain(body.get('title', doc_type))} (<code>{plain(doc_type)}</code>)\n",
             cell(body.get("description", "")) + "\n",
             f"Generated from `schemas/{doc_type}.schema.json`; `tpmdocs schema {doc_type}` prints it.\n",
             "## Keys\n",
             table(["Key", "Type", "Values", "Reference to", "Required", "Description"], rows),
             "Keys marked *Required* are required by the schema in every phase; the phase rules "
             "below ask for more as the project moves on.\n",
             "## Phase rules for this type\n"]
    concerned = rules_for_type(doc_type)
    if concerned:
        parts.append(table(["Code", "Name", "From phase", "Summary"], [_rule_row(r) for r in concerned]))
    else:
        parts.append("No phase rule names this type.\n")
    parts.append("The [rules that hold in every phase](../rules.md#always) apply to every type.\n")
    return "\n".join(parts)


# --- rules ------------------------------------------------------------------------------------

def _anchor(rule: Rule) -> str:
    return rule.code.lower()


def rule_url(rule: Rule, docs_url: str = DOCS_URL) -> str:
    """The address of a rule's section of the rules page, on the documentation site whose
    root is ``docs_url`` (as MkDocs publishes ``reference/rules.md``)."""
    return f"{docs_url.rstrip('/')}/{RULES_PAGE.removesuffix('.md')}/#{_anchor(rule)}"


def _rule_row(rule: Rule) -> list[str]:
    """A row of a type page's rule table, linking the rule's section of the rules page."""
    return [f"[{plain(rule.code)}](../rules.md#{_anchor(rule)})", f"<code>{plain(rule.name)}</code>",
            plain(rule.phase), cell(rule.summary)]


def _example_section(rule: Rule, kind: str) -> str:
    """A collapsible block (open for bad) with each file of the example and its findings."""
    files = examples_of(rule, kind)
    if not files:
        return ""
    parts = [fenced(text, _LANGS.get(name.rsplit(".", 1)[-1], ""), name) for name, text in files]
    expected = expected_findings(rule, kind)
    if expected:
        parts.append("Expected findings:\n\n" + "\n".join(
            f"- <code>{plain(path)}:{line}</code> {plain(code)}" for path, line, code in expected) + "\n")
    else:
        parts.append("Expected findings: none.\n")
    body = "\n".join(parts)
    marker = "???+" if kind == "bad" else "???"
    word = "failure" if kind == "bad" else "success"
    return f'{marker} {word} "{kind.capitalize()} example"\n\n' + _indent(body) + "\n"


def _indent(text: str) -> str:
    """Indent every line by four spaces: the content of a collapsible block."""
    return "\n".join("    " + line if line.strip() else "" for line in text.split("\n"))


def rule_section(rule: Rule) -> str:
    parts = [f"### {plain(rule.code)} {plain(rule.name)} {{ #{_anchor(rule)} }}\n",
             f"**Phase:** {plain(rule.phase)} · **Severity:** {plain(rule.severity.label)}\n",
             cell(rule.summary) + ".\n", cell(rule.rationale) + "\n",
             _example_section(rule, "bad"), _example_section(rule, "good")]
    return "\n".join(part for part in parts if part)


def _phase_order() -> list[str]:
    """The phases that have rules, in lifecycle order (any unknown phase last, never dropped)."""
    present = list(dict.fromkeys(rule.phase for rule in RULES))
    known = [p for p in (ALWAYS, *schema.phases()) if p in present]
    return known + [p for p in present if p not in known]


def rules_page() -> str:
    parts = ["# Rules\n",
             "Every rule of `tpmdocs lint`, generated from the rule registry. Rules are cumulative: "
             "a rule of a phase holds in every later phase. `tpmdocs explain CODE` shows the same "
             "text in a terminal.\n"]
    for phase in _phase_order():
        rules = [rule for rule in RULES if rule.phase == phase]
        title = "Always" if phase == ALWAYS else phase.capitalize()
        parts.append(f"## {plain(title)} {{ #{plain(phase)} }}\n")
        parts.append(table(["Code", "Name", "Severity", "Summary"],
                           [[f"[{plain(r.code)}](#{_anchor(r)})", f"<code>{plain(r.name)}</code>",
                             plain(r.severity.label), cell(r.summary)] for r in rules]))
        parts += [rule_section(rule) for rule in rules]
    return "\n".join(parts)


# --- index ------------------------------------------------------------------------------------

def index_page() -> str:
    return "\n".join([
        "# Reference\n",
        "Generated at build time from `schemas/` and the rule registry, so it always matches the "
        "tpmdocs that built this site.\n",
        f"- [Rules](rules.md): all {len(RULES)} rules by phase, with bad and good examples.",
        f"- [Document types](types/index.md): the keys of each of the "
        f"{len(schema.document_types())} document types.\n"])


def types_index_page() -> str:
    rows = [[f"[{plain(t)}]({quote(t)}.md)", cell(schema.type_schema(t).get("description", ""))]
            for t in schema.document_types()]
    return "\n".join(["# Document types\n",
                      "Every document names its type in `type:`. Each page lists the type's keys, "
                      "generated from its JSON Schema.\n", table(["Type", "What it is"], rows)])


def reference_pages() -> list[ReferencePage]:
    """Every generated page, paths relative to the docs folder."""
    pages = [ReferencePage(f"{ROOT}/index.md", index_page()), ReferencePage(RULES_PAGE, rules_page()),
             ReferencePage(f"{ROOT}/types/index.md", types_index_page())]
    pages += [ReferencePage(f"{ROOT}/types/{t}.md", type_page(t)) for t in schema.document_types()]
    return pages
