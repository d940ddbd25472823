"""``tpmdocs schema --format frontmatter-cms``: Front Matter CMS content types made from the
schemas, which the example's documents (valid ones) fill without a complaint."""

from __future__ import annotations

import json

from tests.helpers import EXAMPLE, run_cli
from tpmdocs import schema
from tpmdocs.loader import load_file


def _settings(*args):
    result = run_cli("schema", "--format", "frontmatter-cms", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _by_name(settings):
    return {t["name"]: t for t in settings["frontMatter.taxonomy.contentTypes"]}


def test_one_content_type_per_document_type_with_the_schema_s_keys():
    settings = _settings()
    assert settings["$schema"] == "https://frontmatter.codes/frontmatter.schema.json"
    types = _by_name(settings)
    assert list(types) == list(schema.document_types())
    for doc_type, content in types.items():
        body = schema.type_schema(doc_type)
        names = [f["name"] for f in content["fields"]]
        writable = [name for name, prop in schema.properties(doc_type).items()
                    if False not in prop.get("allOf", [])]
        assert names == writable, doc_type
        fields = {f["name"]: f for f in content["fields"]}
        assert {n for n, f in fields.items() if f.get("required")} == set(body["required"])
        assert fields["type"]["choices"] == [doc_type] and fields["type"]["default"] == doc_type
        for name, field in fields.items():
            if schema.vocabulary(doc_type, name):
                assert field == {**field, "type": "choice",
                                 "choices": list(schema.vocabulary(doc_type, name))}
    assert "score" not in [f["name"] for f in types["risk"]["fields"]]  # computed, never written
    assert {f["name"]: f["type"] for f in types["task"]["fields"]}["due"] == "datetime"


def test_mappings_are_nested_fields_and_lists_of_mappings_are_blocks():
    settings = _settings("charter")
    [charter] = settings["frontMatter.taxonomy.contentTypes"]
    fields = {f["name"]: f for f in charter["fields"]}
    assert [f["name"] for f in fields["scope"]["fields"]] == ["in", "out"]
    assert [f["name"] for f in fields["approved"]["fields"]][:2] == ["by", "on"]
    [group] = settings["frontMatter.taxonomy.fieldGroups"]
    assert fields["stakeholders"] == {**fields["stakeholders"], "type": "block", "fieldGroup": [group["id"]]}
    assert [f["name"] for f in group["fields"]] == ["name", "role", "interest", "influence"]


def test_the_example_documents_fit_their_forms():
    types = _by_name(_settings())
    checked = 0
    for path in sorted(EXAMPLE.rglob("*.md")):
        document = load_file(path, str(path)).document
        if document is None:
            continue
        checked += 1
        for field in types[document.type]["fields"]:
            value = document.data.get(field["name"])
            assert value is not None or not field.get("required"), (path, field["name"])
            if field["type"] == "choice" and value is not None:
                values = value if field.get("multiple") else [value]
                assert set(values) <= set(field["choices"]), (path, field["name"])
            if field["type"] == "datetime" and value is not None:
                assert len(value) == 10 and field["dateFormat"] == "yyyy-MM-dd"
    assert checked > 40


def test_an_unknown_type_is_a_usage_error():
    result = run_cli("schema", "--format", "frontmatter-cms", "nope")
    assert result.returncode == 2 and "no schema 'nope'" in result.stderr
