"""``tpmdocs rules``, ``tpmdocs explain CODE`` and ``tpmdocs schema [TYPE]``: the built-in reference."""

from __future__ import annotations

import json

import click

from .. import schema
from ..examples import examples_of
from ..frontmatter_cms import content_types
from ..rules import RULES, get
from .common import UsageProblem


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(fmt: str) -> None:
    """List every rule: code, name, phase, severity and summary."""
    if fmt == "json":
        rows = [{"code": r.code, "name": r.name, "phase": r.phase, "severity": r.severity.label,
                 "summary": r.summary} for r in RULES]
        click.echo(json.dumps(rows, indent=2))
        return
    for r in RULES:
        click.echo(f"{r.code}  {r.name:<34} {r.phase:<12} {r.severity.label:<8} {r.summary}")


@click.command("explain")
@click.argument("code")
def explain_command(code: str) -> None:
    """Explain one rule (by code or name), with its bad and good examples."""
    rule = get(code)
    if rule is None:
        raise UsageProblem(f"no rule {code!r}; `tpmdocs rules` lists them")
    click.echo(f"{rule.code} {rule.name}  (phase: {rule.phase}, severity: {rule.severity.label})\n")
    click.echo(f"{rule.summary}.\n")
    click.echo(f"{rule.rationale}\n")
    for kind in ("bad", "good"):
        for name, text in examples_of(rule, kind):
            click.echo(f"--- {kind} example: {name} ---")
            click.echo(text.rstrip("\n") + "\n")


@click.command("schema")
@click.argument("doc_type", required=False, metavar="[TYPE]")
@click.option("--format", "fmt", type=click.Choice(["json-schema", "frontmatter-cms"]),
              default="json-schema", show_default=True,
              help="json-schema: the schema itself; frontmatter-cms: a frontmatter.json of "
                   "content types for Front Matter CMS (every type, or TYPE alone).")
def schema_command(doc_type: str | None, fmt: str) -> None:
    """Print the JSON Schema of a document TYPE (or of the shared definitions), or the
    content types that editors' front-matter forms check documents with."""
    name = doc_type or schema.COMMON
    if name not in schema.all_schemas() or (fmt == "frontmatter-cms" and name == schema.COMMON
                                            and doc_type):
        raise UsageProblem(f"no schema {name!r}; types: {', '.join(schema.document_types())}")
    if fmt == "frontmatter-cms":
        body = content_types((doc_type,) if doc_type else None)
    else:
        body = schema.all_schemas()[name]
    click.echo(json.dumps(body, indent=2, ensure_ascii=False))
