#!/usr/bin/env python3
"""The parsing floor: the least work any front-matter linter of a tree must do.

Usage::

    python benchmarks/floor.py DOCS_DIR [--schemas DIR]

It reads every ``*.md`` file under ``DOCS_DIR``, splits off the front matter,
parses it with PyYAML's C loader (``CSafeLoader``), validates it with the
fastest validator (``jsonschema-rs``) against tpmdocs' schemas, and resolves
every reference (``x-ref`` keys) against the ids seen. Nothing else: no
locations, no YAML 1.2, no duplicate keys, no bounds, no rules, no report.
The benchmark runner times this script next to ``tpmdocs lint``; it imports
nothing from tpmdocs so that the floor does not pay for tpmdocs' imports.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import jsonschema_rs
import yaml

URN = "urn:tpmdocs:v1:"


class FloorLoader(yaml.CSafeLoader):
    """The C loader, with dates kept as text as JSON Schema expects them."""


FloorLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.CSafeLoader.construct_scalar)


def load_schemas(folder: Path) -> dict:
    return {entry.name[: -len(".schema.json")]: json.loads(entry.read_text("utf-8"))
            for entry in folder.iterdir() if entry.name.endswith(".schema.json")}


def markdown_files(root: str):
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith(".md"):
                yield os.path.join(folder, name)


def front_matter(text: str) -> str | None:
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    return text[4:end + 1] if end >= 0 else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs")
    parser.add_argument("--schemas", default=str(Path(__file__).resolve().parent.parent / "schemas"))
    args = parser.parse_args(argv)
    schemas = load_schemas(Path(args.schemas))
    registry = jsonschema_rs.Registry([(URN + name, body) for name, body in schemas.items()])
    validators = {name: jsonschema_rs.Draft202012Validator(body, registry=registry,
                                                           validate_formats=True)
                  for name, body in schemas.items() if name != "common"}
    refs = {name: [key for key, prop in body.get("properties", {}).items() if "x-ref" in prop]
            for name, body in schemas.items()}
    ids, documents, invalid = set(), [], 0
    for path in markdown_files(args.docs):
        with open(path, encoding="utf-8") as handle:
            yaml_text = front_matter(handle.read())
        if yaml_text is None:
            continue
        try:
            data = yaml.load(yaml_text, Loader=FloorLoader)
        except yaml.YAMLError:
            invalid += 1
            continue
        if not isinstance(data, dict) or data.get("type") not in validators:
            continue
        try:
            valid = validators[data["type"]].is_valid(data)
        except ValueError:  # YAML 1.1 made a key a boolean (`on:`): not JSON
            valid = False
        invalid += not valid
        ids.add(str(data.get("id")).casefold())
        documents.append(data)
    unresolved = 0
    for data in documents:
        for key in refs[data["type"]]:
            value = data.get(key)
            for target in ([value] if isinstance(value, str) else value if isinstance(value, list) else []):
                if isinstance(target, str) and target.casefold() not in ids:
                    unresolved += 1
    print(f"{len(documents)} documents, {invalid} invalid, {unresolved} unresolved references")
    return 0


if __name__ == "__main__":
    sys.exit(main())
