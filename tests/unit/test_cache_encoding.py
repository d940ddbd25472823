"""A cache entry is encoded where the file was parsed (maybe in a worker) and written as is:
its JSON text must read back to the same entry and the same document, whatever the path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tpmdocs import cache
from tpmdocs.stored import StoredDocument
from tpmdocs.loader import parse_text
from tpmdocs.validation import problems

TEXT = ("---\ntype: task\nid: T-1\ntitle: \"Quote \\\" and \\\\ and é\"\nparent: T-0\n"
        "depends_on: [T-2, T-3]  # tpmdocs: disable=TPM102\n---\nBody <!-- tpmdocs-disable TPM103 -->\n")


def original_size(loaded) -> int:
    return loaded.document.size


@pytest.mark.parametrize("name", ['plain.md', 'a",b.md', 'back\\slash.md', 'é ü 漢.md', 'line\nbreak.md'])
def test_an_encoded_entry_reads_back_as_the_same_entry_and_document(name):
    path = Path("/repo/docs") / name
    loaded = parse_text(TEXT, path, f"docs/{name}")
    loaded.document.schema_problems = list(problems(loaded.document))
    payload, member = cache.encode(path, f"docs/{name}", [1, 2, 3, 4], "abcd", loaded)
    entries = json.loads(b"{" + member + b"}")
    assert list(entries) == [str(path)]
    display, key, hashed_at, digest, outline, stored = entries[str(path)]
    assert (display, key, digest) == (f"docs/{name}", [1, 2, 3, 4], "abcd") and hashed_at > 0
    assert json.loads(stored) == json.loads(payload)
    assert outline == [original_size(loaded), {"type": "task", "id": "T-1", "parent": "T-0",
                                               "depends_on": ["T-2", "T-3"]}]
    back = cache.decode(path, f"docs/{name}", payload).document
    original = loaded.document
    assert back.data == original.data and dict(back.locations) == dict(original.locations)
    assert back.suppressed_lines == original.suppressed_lines
    assert back.suppressed_codes == original.suppressed_codes
    assert back.schema_problems == original.schema_problems and back.size == original.size
    assert (back.yaml_line, back.body_line) == (original.yaml_line, original.body_line)


def test_a_cache_file_mixes_entries_read_back_and_entries_made_this_run(tmp_path):
    store = cache.DocumentCache(tmp_path)
    old = tmp_path / "old.md"
    new = tmp_path / 'new",.md'
    store.entries[str(old)] = ["old.md", None, 1, "d0", None, "[[],null]"]
    store.seen.add(str(old))
    store.put(new, 'new",.md', None, "d1", parse_text(TEXT, new, 'new",.md'))
    store.save()
    written = json.loads((tmp_path / cache.CACHE_DIR / "documents.json").read_text())
    assert written["fingerprint"] == store.fingerprint
    assert set(written["entries"]) == {str(old), str(new)}
    assert written["entries"][str(old)] == ["old.md", None, 1, "d0", None, "[[],null]"]
    assert cache.DocumentCache(tmp_path).entries.keys() == written["entries"].keys()


def test_values_the_fast_json_library_refuses_still_round_trip(tmp_path):
    """Integers beyond 64 bits (YAML 1.2 allows them; orjson does not) are written and read
    by the standard json module instead, and the cache file still reads back whole."""
    huge = "1" * 60
    text = f"---\ntype: task\nid: T-1\ntitle: Big\nestimate: {huge}\nextra: [{huge}, -{huge}]\n---\n"
    path = tmp_path / "big.md"
    loaded = parse_text(text, path, "big.md")
    assert loaded.document.data["estimate"] == int(huge)
    store = cache.DocumentCache(tmp_path)
    store.seen.add(str(path))
    store.put(path, "big.md", None, "d1", loaded)
    plain = tmp_path / "plain.md"
    store.seen.add(str(plain))
    store.put(plain, "plain.md", None, "d2", parse_text(TEXT, plain, "plain.md"))
    store.save()
    again = cache.DocumentCache(tmp_path)
    assert again.has_base and sorted(again.entries) == sorted([str(path), str(plain)])
    assert again.entries[str(path)][4][1] == {"type": "task", "id": "T-1"}
    restored = cache._restore_entry(path, "big.md", again.entries[str(path)]).document
    assert restored.data["extra"] == [int(huge), -int(huge)]
    payload = cache.encode(path, "big.md", None, "d1", loaded)[0]
    assert cache.decode(path, "big.md", payload).document.data == loaded.document.data


def test_a_stored_document_answers_outline_keys_without_decoding_and_equals_the_loaded_one(tmp_path):
    path = tmp_path / "t.md"
    loaded = parse_text(TEXT, path, "t.md")
    loaded.document.schema_problems = list(problems(loaded.document))
    payload, member = cache.encode(path, "t.md", None, "d", loaded)
    entry = json.loads(b"{" + member + b"}")[str(path)]
    stored = cache._restore_entry(path, "t.md", entry).document
    assert isinstance(stored, StoredDocument)
    assert (stored.type, stored.id, stored.get("parent"), stored.get("milestone", "-")) == (
        "task", "T-1", "T-0", "-")
    assert stored._whole is None  # nothing decoded yet
    original = loaded.document
    assert stored.title == original.title and stored.data == original.data
    assert stored.where("depends_on", 1) == original.where("depends_on", 1)
    assert (stored.suppressed_lines, stored.suppressed_codes) == (original.suppressed_lines,
                                                                  original.suppressed_codes)
    assert stored.schema_problems == original.schema_problems and stored.size == original.size


def test_a_stored_document_whose_payload_is_forged_reads_its_file_again(tmp_path):
    path = tmp_path / "t.md"
    path.write_text(TEXT, "utf-8")
    loaded = parse_text(TEXT, path, "t.md")
    for payload in ("not json", "[1, 2]", '[[], ["x"]]', '{"a": 1}'):
        stored = StoredDocument(path, "t.md", 10, {"type": "task", "id": "T-1"}, payload)
        assert stored.data == loaded.document.data and stored.body_line == loaded.document.body_line
