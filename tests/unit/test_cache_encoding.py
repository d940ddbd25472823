"""A cache entry is encoded where the file was parsed (maybe in a worker) and written as is:
its JSON text must read back to the same entry and the same document, whatever the path."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tpmdocs import cache
from tpmdocs.loader import parse_text
from tpmdocs.stored import StoredDocument
from tpmdocs.validation import problems

TEXT = ("---\ntype: task\nid: T-1\ntitle: \"Quote \\\" and \\\\ and é\"\nparent: T-0\n"
        "depends_on: [T-2, T-3]  # tpmdocs: disable=TPM102\n---\nBody <!-- tpmdocs-disable TPM103 -->\n")


def original_size(loaded) -> int:
    return loaded.document.size


def entry_of(member: bytes, rest: bytes) -> list:
    """An encoded entry as the cache file holds it: its member, placed before its rest."""
    return json.loads(b"{" + member.lstrip() + b",0,%d]}" % len(rest)).popitem()[1]


def store_holding(tmp_path, path, member: bytes, rest: bytes):
    """A cache holding one encoded entry, its rest as bytes (as entries of recent.json are)."""
    store = cache.DocumentCache(tmp_path, tmp_path.as_posix())
    entry = entry_of(member, rest)
    entry[2], entry[3] = rest, -1
    store.entries[str(path)] = entry
    return store, entry


@pytest.mark.parametrize("name", ['plain.md', 'a",b.md', 'back\\slash.md', 'é ü 漢.md', 'line\nbreak.md'])
def test_an_encoded_entry_reads_back_as_the_same_entry_and_document(name):
    path = Path("/repo/docs") / name
    loaded = parse_text(TEXT, path, f"docs/{name}")
    loaded.document.schema_problems = list(problems(loaded.document))
    payload, (member, rest) = cache.encode(path, [1, 2, 3, 4], "abcd", loaded)
    entries = json.loads(b"{" + member + b",0,%d]}" % len(rest))
    assert list(entries) == [str(path)]
    key, outline, _start, _end = entries[str(path)]
    assert key == [1, 2, 3, 4]  # hashed long after it was last touched: trusted
    assert json.loads(rest) == ["abcd", json.loads(payload)]
    assert outline == [original_size(loaded), {"type": "task", "id": "T-1", "parent": "T-0",
                                               "depends_on": ["T-2", "T-3"]}]
    back = cache.decode(path, f"docs/{name}", payload).document
    original = loaded.document
    assert back.data == original.data and dict(back.locations) == dict(original.locations)
    assert back.suppressed_lines == original.suppressed_lines
    assert back.suppressed_codes == original.suppressed_codes
    assert back.schema_problems == original.schema_problems and back.size == original.size
    assert (back.yaml_line, back.body_line) == (original.yaml_line, original.body_line)


def test_a_stat_taken_too_shortly_before_hashing_is_not_trusted():
    now = time.time_ns()
    assert cache._trusted([1, now, now - 10, 4], now) is None
    assert cache._trusted([1, now - cache.SETTLE_NS, 0, 4], now) == [1, now - cache.SETTLE_NS, 0, 4]
    loaded = parse_text(TEXT, Path("/repo/t.md"), "t.md")
    member = cache.encode("/repo/t.md", [1, now, now, 4], "d", loaded)[1][0]
    assert entry_of(member, b"[]")[0] is None


def test_a_cache_file_mixes_entries_read_back_and_entries_made_this_run(tmp_path):
    store = cache.DocumentCache(tmp_path, "/base")
    old = tmp_path / "old.md"
    new = tmp_path / 'new",.md'
    store.entries[str(old)] = [None, None, b'["d0",[[],null]]', -1]
    store.seen.update({str(old), str(new)})
    store.put(new, None, "d1", parse_text(TEXT, new, 'new",.md'))
    store.save()
    written = json.loads((tmp_path / cache.CACHE_DIR / "documents.json").read_text())
    assert written["fingerprint"] == store.fingerprint and written["shown_from"] == "/base"
    assert set(written["entries"]) == {str(old), str(new)}
    again = cache.DocumentCache(tmp_path, "/base")
    assert again.entries.keys() == written["entries"].keys()
    assert again.rest(again.entries[str(old)]) == ["d0", [[], None]] and again.digest(str(new)) == "d1"
    assert sorted(written["rest"]) == sorted(again.rest(entry) for entry in again.entries.values())
    assert cache.DocumentCache(tmp_path, "/elsewhere").entries == {}  # display paths from elsewhere


def test_values_the_fast_json_library_refuses_still_round_trip(tmp_path):
    """Integers beyond 64 bits (YAML 1.2 allows them; orjson does not) are written and read
    by the standard json module instead, and the cache file still reads back whole."""
    huge = "1" * 60
    text = f"---\ntype: task\nid: T-1\ntitle: Big\nestimate: {huge}\nextra: [{huge}, -{huge}]\n---\n"
    path = tmp_path / "big.md"
    loaded = parse_text(text, path, "big.md")
    assert loaded.document.data["estimate"] == int(huge)
    store = cache.DocumentCache(tmp_path, "/base")
    store.seen.add(str(path))
    store.put(path, None, "d1", loaded)
    plain = tmp_path / "plain.md"
    store.seen.add(str(plain))
    store.put(plain, None, "d2", parse_text(TEXT, plain, "plain.md"))
    store.save()
    again = cache.DocumentCache(tmp_path, "/base")
    assert again.has_base and sorted(again.entries) == sorted([str(path), str(plain)])
    assert again.entries[str(path)][1][1] == {"type": "task", "id": "T-1"}
    restored = again._restore_entry(str(path), "big.md", again.entries[str(path)]).document
    assert restored.data["extra"] == [int(huge), -int(huge)]
    payload = cache.encode(path, None, "d1", loaded)[0]
    assert cache.decode(path, "big.md", payload).document.data == loaded.document.data


def test_a_stored_document_answers_outline_keys_without_decoding_and_equals_the_loaded_one(tmp_path):
    path = tmp_path / "t.md"
    loaded = parse_text(TEXT, path, "t.md")
    loaded.document.schema_problems = list(problems(loaded.document))
    _payload, (member, rest) = cache.encode(path, None, "d", loaded)
    store, entry = store_holding(tmp_path, path, member, rest)
    stored = store._restore_entry(str(path), "t.md", entry).document
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
    assert stored.path == path and stored.path_text == str(path)


def test_a_stored_document_whose_rest_is_forged_reads_its_file_again(tmp_path):
    path = tmp_path / "t.md"
    path.write_text(TEXT, "utf-8")
    loaded = parse_text(TEXT, path, "t.md")
    store = cache.DocumentCache(tmp_path, tmp_path.as_posix())
    store.base, store.rest_at = b'["d",[[],null]]', 0
    forged = [b"not json", b"[1, 2]", b'["d", [[], ["x"]]]', b'{"a": 1}', b'[5, [[], null]]',
              (0, 10**9), (-1, 3), ("0", "3"), (3, 1), (None, None)]
    for rest in forged:
        entry = [None, [10, {"type": "task", "id": "T-1"}], *((rest, -1) if isinstance(rest, bytes) else rest)]
        stored = StoredDocument(str(path), "t.md", 10, {"type": "task", "id": "T-1"}, store, entry)
        assert stored.data == loaded.document.data and stored.body_line == loaded.document.body_line, rest
        assert store._restore_entry(str(path), "t.md", [None, None, *entry[2:]]) is None  # read again


def test_an_entry_points_into_the_rest_of_the_file_it_was_read_from(tmp_path):
    store = cache.DocumentCache(tmp_path, tmp_path.as_posix())
    store.base, store.rest_at = b'xx["d1",[[],null]],["d2",[[[1,1,"TPM001","m"]],null]]', 2
    assert store.rest([None, None, 0, 16]) == ["d1", [[], None]]
    assert store.rest([None, None, 17, 51])[0] == "d2"
    with pytest.raises(ValueError):
        store.rest([None, None, 17, 52])  # beyond the file
