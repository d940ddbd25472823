"""Rules that hold in every phase: readable, valid, unique, resolvable, acyclic."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .. import loader, schema, validation
from ..cycles import cycles_through, find_cycles
from ..model import Document, Severity, as_date, echo
from .base import ALWAYS, Context, Problem, Rule, Unit

E = Severity.ERROR


def _loader_rule(code: str, name: str, summary: str, rationale: str) -> Rule:
    """A rule the loader checks as it reads (its code is defined where the finding is made)."""
    return Rule(code, name, ALWAYS, E, summary, rationale, None)


UNREADABLE_FILE = _loader_rule(
    loader.UNREADABLE, "unreadable-file", "A Markdown file cannot be read as UTF-8 text",
    "A file the tools cannot read is a file nobody sees on the site. Binary files, other "
    "encodings, named pipes, files over 16 MiB and links leading out of the tree are refused "
    "and named, never skipped in silence.")
MALFORMED_FRONT_MATTER = _loader_rule(
    loader.MALFORMED, "malformed-front-matter", "Front matter is unclosed, not valid YAML or not a mapping",
    "Front matter opened with `---` but never closed, or holding a list or a single value "
    "instead of keys, would otherwise make a document vanish without a word.")
DUPLICATE_KEY = _loader_rule(
    loader.DUPLICATE_KEY, "duplicate-key", "A key appears twice in the same mapping",
    "YAML parsers silently keep the last of two equal keys; the author meant one of them and "
    "nobody can tell which.")
UNSUPPORTED_YAML = _loader_rule(
    loader.UNSUPPORTED_YAML, "unsupported-yaml",
    "Front matter uses YAML that tpmdocs refuses (aliases, tags, deep nesting, huge values)",
    "Aliases can expand a few hundred bytes into gigabytes, language tags can run code and "
    "deep nesting can crash parsers. Project documents need none of them.")


def check_schema(ctx: Context, doc: Document) -> Iterable[Problem]:
    for keypath, message in validation.problems(doc):
        yield Problem(doc, keypath, message)


SCHEMA_VIOLATION = Rule(
    "TPM010", "schema-violation", ALWAYS, E,
    "Front matter does not match its type's JSON Schema",
    "Wrong types, unknown statuses, impossible dates and out-of-range numbers make every "
    "figure computed from the document wrong. The schemas in `schemas/` say what is allowed.",
    check_schema, unit=Unit.DOCUMENT)


def check_unknown_keys(ctx: Context, doc: Document) -> Iterable[Problem]:
    if ctx.config.allow_unknown_keys or doc.type not in schema.document_types():
        return
    known = schema.properties(doc.type)
    for name in doc.data:
        if name not in known:
            yield Problem(doc, (name,), f"unknown key `{echo(name)[1:-1]}` for a {doc.type}")


UNKNOWN_KEY = Rule(
    "TPM011", "unknown-key", ALWAYS, E,
    "A key that the type does not define (only when `allow-unknown-keys = false`)",
    "Typos such as `ower:` for `owner:` pass silently when any key is allowed. Projects that "
    "want a closed vocabulary switch this on in `[tool.tpmdocs]`.",
    check_unknown_keys, unit=Unit.DOCUMENT)


def check_duplicate_ids(ctx: Context) -> Iterable[Problem]:
    for doc, first in ctx.graph.duplicates:
        line = first.where("id")[0]
        yield Problem(doc, ("id",), f"id {echo(doc.id)} is already used by {first.display}:{line}"
                      + (" (ids ignore case)" if doc.id != first.id else ""))


DUPLICATE_ID = Rule(
    "TPM020", "duplicate-id", ALWAYS, E, "Two documents share an id (ignoring case)",
    "A reference to a shared id can mean either document; every link, roll-up and backlink "
    "built on it becomes a guess.", check_duplicate_ids)


def check_unresolved(ctx: Context, doc: Document) -> Iterable[Problem]:
    for link in ctx.graph.links_of(doc):
        if link.target is None:
            yield Problem(link.source, link.keypath,
                          f"`{link.key}` names {echo(link.target_id)}, but no document has that id")


UNRESOLVED_REFERENCE = Rule(
    "TPM021", "unresolved-reference", ALWAYS, E, "A reference names an id that no document has",
    "A dependency or parent that does not exist hides work from the schedule and the work "
    "breakdown. Often a typo, or a document renamed without updating its references.",
    check_unresolved, unit=Unit.DOCUMENT, neighbours=True, reads=frozenset({"id"}))


def check_reference_types(ctx: Context, doc: Document) -> Iterable[Problem]:
    for link in ctx.graph.links_of(doc):
        if link.wrong_type and link.target is not None:
            yield Problem(link.source, link.keypath,
                          f"`{link.key}` must name a {link.expected}, but {echo(link.target_id)} "
                          f"is a {link.target.type} ({link.target.display})")


WRONG_REFERENCE_TYPE = Rule(
    "TPM022", "wrong-reference-type", ALWAYS, E, "A reference names a document of the wrong type",
    "A task that depends on a risk, or a `parent` that is a milestone, has no meaning in the "
    "plan; the author almost always meant a similar id.", check_reference_types,
    unit=Unit.DOCUMENT, neighbours=True, reads=frozenset({"id", "type"}))


#: Up to this many documents reported, a partial run looks for cycles from them alone.
FEW_DOCUMENTS = 64


def _cycle_check(ref_key: str) -> Callable[[Context], Iterable[Problem]]:
    def check(ctx: Context) -> Iterable[Problem]:
        if ctx.reported is not None and len(ctx.reported) <= FEW_DOCUMENTS:
            cycles = cycles_through(ctx.graph, ref_key, ctx.reported)
        else:
            cycles = find_cycles(ctx.graph, ref_key)
        for cycle in cycles:
            names = " → ".join(str(d.id) for d in cycle[:20]) + (" → …" if len(cycle) > 20 else "")
            names += f" → {cycle[0].id}"
            if len(cycle) == 1:
                message = f"task {cycle[0].id} names itself in `{ref_key}`"
            else:
                message = f"`{ref_key}` forms a cycle of {len(cycle)} tasks: {names}"
            yield Problem(cycle[0], (ref_key,), message)
    return check


DEPENDENCY_CYCLE = Rule(
    "TPM023", "dependency-cycle", ALWAYS, E, "`depends_on` links form a cycle",
    "Tasks waiting on each other in a circle can never start; a schedule built on them is "
    "impossible. One finding per cycle, naming its members.", _cycle_check("depends_on"),
    reads=frozenset({"id", "type", "depends_on"}))
BREAKDOWN_CYCLE = Rule(
    "TPM024", "breakdown-cycle", ALWAYS, E, "`parent` links form a cycle",
    "A work breakdown is a tree: a task cannot be part of itself. Roll-ups of estimates and "
    "progress would never end.", _cycle_check("parent"), reads=frozenset({"id", "type", "parent"}))


def check_dates_in_order(ctx: Context, doc: Document) -> Iterable[Problem]:
    start = as_date(doc.get("start"))
    for end_key in ("due", "end"):
        end = as_date(doc.get(end_key))
        if start and end and start > end:
            yield Problem(doc, ("start",), f"`start` {start} is after `{end_key}` {end}")


START_AFTER_END = Rule(
    "TPM025", "start-after-end", ALWAYS, E, "`start` is after `due` or `end`",
    "Work that ends before it starts breaks the schedule and every duration computed from it.",
    check_dates_in_order, unit=Unit.DOCUMENT)


def check_orphans(ctx: Context) -> Iterable[Problem]:
    for doc in ctx.graph.orphans:
        named = doc.get("project")
        if isinstance(named, str) and ctx.graph.get(named) is None:
            continue  # unresolved-reference says it
        if isinstance(named, str):
            continue  # wrong-reference-type says it
        yield Problem(doc, (), "this document belongs to no project: no charter in its folder or "
                      "above, and no `project:` key")


NO_PROJECT = Rule(
    "TPM026", "no-project", ALWAYS, E, "A document has no charter above it and no `project:`",
    "Phase rules, dashboards and roll-ups are per project; a document outside every project is "
    "checked by nothing and shown nowhere.", check_orphans)

RULES = (UNREADABLE_FILE, MALFORMED_FRONT_MATTER, DUPLICATE_KEY, UNSUPPORTED_YAML,
         SCHEMA_VIOLATION, UNKNOWN_KEY, DUPLICATE_ID, UNRESOLVED_REFERENCE, WRONG_REFERENCE_TYPE,
         DEPENDENCY_CYCLE, BREAKDOWN_CYCLE, START_AFTER_END, NO_PROJECT)
