"""The store of parsed documents through its public API (what tpmdocs itself calls): an entry is
path-free and reads back as the document the loader made; a store that is damaged, foreign,
locked or forged is replaced, ignored or done without, never trusted and never a traceback.
Rows another version of tpmdocs wrote: ``tests/acceptance/test_lint_store.py``."""

from __future__ import annotations

import gc
import os
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given

from tests.helpers.strategies import IN_PROCESS, values
from tpmdocs.entry import decode, encode
from tpmdocs.loader import Loaded
from tpmdocs.model import Document
from tpmdocs.reading import StatKey, blob_id, parse_again, parse_bytes, parse_file, read_file
from tpmdocs.store import STORE_FILE, DocumentStore
from tpmdocs.yaml12 import count_paths, key_paths

TEXT = ("---\ntype: task\nid: T-1\ntitle: \"Quote \\\" and \\\\ and é\"\nparent: T-0\n"
        "depends_on: [T-2, T-3]  # tpmdocs: disable=TPM102\nextra: {a: [1, {b: 2}]}\n---\n"
        "Body <!-- tpmdocs-disable TPM103 -->\n")
BAD = "---\ntype: task\nid: T-1\ntitle: [unclosed\n---\n"


def same_document(one: Document, other: Document) -> None:
    assert (one.data, dict(one.locations), one.yaml_line, one.body_line, one.size) == (
        other.data, dict(other.locations), other.yaml_line, other.body_line, other.size)
    assert (one.suppressed_lines, one.suppressed_codes, one.schema_problems) == (
        other.suppressed_lines, other.suppressed_codes, other.schema_problems)
    assert (one.type, one.id, one.title, one.where("depends_on", 1), one.where("extra", "a", 1, "b")) == (
        other.type, other.id, other.title, other.where("depends_on", 1), other.where("extra", "a", 1, "b"))


def never(blob: str, path: str, display: str) -> Loaded:
    raise AssertionError("parsed again")


@pytest.mark.parametrize("name", ['plain.md', 'a",b.md', 'back\\slash.md', 'é ü 漢.md', 'line\nbreak.md'])
def test_an_entry_is_path_free_and_reads_back_as_the_loaded_document(name):
    loaded = parse_bytes(TEXT.encode(), "/repo/docs/t.md", "docs/t.md")
    encoded = encode(loaded)
    assert encoded is not None and b"t.md" not in encoded.head + encoded.body
    back = decode(*encoded, "blob", f"/elsewhere/{name}", name, never)
    assert type(back.document) is Document and back.findings == []
    assert (back.document.path, back.document.display) == (Path(f"/elsewhere/{name}"), name)
    same_document(back.document, loaded.document)


def test_an_approved_documents_fingerprint_is_kept():
    text = TEXT.replace("parent: T-0\n", "parent: T-0\napproved: {by: '@a', on: 2026-01-05, fingerprint: x}\n")
    loaded = parse_bytes(text.encode(), "/r/t.md", "t.md")
    assert loaded.document.fingerprint and loaded.document.fingerprint.startswith("sha256:")
    back = decode(*encode(loaded), "blob", "/r/t.md", "t.md", never).document
    assert back.fingerprint == loaded.document.fingerprint
    assert decode(*encode(parse_bytes(TEXT.encode(), "/r/t.md", "t.md")), "b", "/t.md", "t.md",
                  never).document.fingerprint is None


def test_the_loaders_findings_are_kept_without_a_path():
    encoded = encode(parse_bytes(BAD.encode(), "/a/t.md", "a/t.md"))
    back = decode(*encoded, "blob", "/b/u.md", "b/u.md", never)
    assert back.document is None
    assert [(f.path, f.line, f.code) for f in back.findings] == [("b/u.md", 5, "TPM002")]


def test_a_document_from_the_store_decodes_its_body_when_first_read():
    encoded = encode(parse_bytes(TEXT.encode(), "/r/t.md", "t.md"))
    calls = []

    def again(blob, path, display):
        calls.append((blob, path))
        return parse_bytes(TEXT.encode(), path, display)
    damaged = decode(encoded.head, b"{not json", "b1", "/r/t.md", "t.md", again).document
    assert (damaged.type, damaged.id, damaged.outline["parent"]) == ("task", "T-1", "T-0") and calls == []
    assert damaged.data["title"].startswith("Quote") and calls == [("b1", "/r/t.md")]
    same_document(damaged, parse_bytes(TEXT.encode(), "/r/t.md", "t.md").document)


def test_what_json_cannot_hold_exactly_is_not_encoded():
    huge = "1" * 60
    text = f"---\ntype: task\nid: T-1\nestimate: {huge}\n---\n"
    assert encode(parse_bytes(text.encode(), "/t.md", "t.md")) is None
    unvalidated = parse_bytes(TEXT.encode(), "/t.md", "t.md")
    unvalidated.document.schema_problems = None
    with pytest.raises(ValueError):
        encode(unvalidated)


def test_the_content_key_is_gits_blob_id(tmp_path):
    raw = TEXT.encode()
    (tmp_path / "t.md").write_bytes(raw)
    git = subprocess.run(["git", "hash-object", str(tmp_path / "t.md")], capture_output=True, text=True,
                         check=True)
    assert blob_id(raw) == git.stdout.strip() and blob_id(b"") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"


def test_a_stat_is_trusted_only_when_the_file_had_settled_before_it_was_hashed(tmp_path):
    path = tmp_path / "t.md"
    path.write_text(TEXT)
    key = StatKey.of(os.stat(path))
    assert not key.settled(time.time_ns()) and read_file(str(path), "t.md", None).stat is None  # just written
    deadline = time.monotonic() + 10
    while not key.settled(time.time_ns()) and time.monotonic() < deadline:  # about two seconds
        time.sleep(0.1)
    read = read_file(str(path), "t.md", None)
    assert read.stat == key and read.blob == blob_id(TEXT.encode()) and read.entry is not None
    assert read_file(str(path), "t.md", read.blob).entry is None  # known bytes: not parsed
    assert StatKey.of(os.stat(tmp_path)) is None  # a folder has no key


def written_store(root: Path, files: dict) -> tuple:
    """A store holding ``files`` (name -> text), each recorded with its present stat."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    store = DocumentStore.open(root, parse_again)
    tasks = []
    for name, text in files.items():
        path = root / "docs" / name
        path.write_text(text)
        read = read_file(str(path), f"docs/{name}", None)
        store.put(read.blob, read.entry)
        store.record(str(path), read.blob, StatKey.of(os.stat(path)))
        tasks.append((str(path), f"docs/{name}"))
    store.save([str(root / "docs")])
    store.close()
    return tasks


def test_a_saved_store_gives_back_each_unchanged_file_and_misses_a_changed_one(tmp_path):
    tasks = written_store(tmp_path, {"t.md": TEXT, "bad.md": BAD, "page.md": "# no front matter\n"})
    again = DocumentStore.open(tmp_path, never, len(tasks))
    hits = again.unchanged(tasks)
    same_document(hits[0].document, parse_file(*tasks[0]).document)
    assert [f.code for f in hits[1].findings] == ["TPM002"] and hits[2].document is None
    Path(tasks[0][0]).write_text(TEXT + "more\n")
    assert again.unchanged(tasks)[0] is None and again.blob_of(tasks[0][0]) == blob_id(TEXT.encode())
    loaded = again.entries([blob_id(TEXT.encode())])[blob_id(TEXT.encode())]  # by content alone
    loaded = decode(*loaded, "b", "/other/copy.md", "copy.md", never)
    assert loaded.document.display == "copy.md" and loaded.document.id == "T-1"
    assert set(again.entries([blob_id(BAD.encode()), "0" * 40])) == {blob_id(BAD.encode())}


def test_files_not_seen_under_the_run_s_roots_are_forgotten(tmp_path):
    tasks = written_store(tmp_path, {"a.md": TEXT, "b.md": BAD})
    store = DocumentStore.open(tmp_path, never)
    store.unchanged(tasks[:1])
    store.save([str(tmp_path / "other")])  # b.md is not under this run's roots: kept
    store.record(tasks[0][0], store.blob_of(tasks[0][0]), None)
    store.save([str(tmp_path / "docs")])
    store.close()
    assert DocumentStore.open(tmp_path, never).blob_of(tasks[1][0]) is None


def test_the_oldest_entries_no_file_points_at_are_dropped(tmp_path):
    """Older contents and git blobs: the newest 20,000 are kept, once they are 25,000."""
    tasks = written_store(tmp_path, {"a.md": TEXT})
    store = DocumentStore.open(tmp_path, never)
    entry = encode(parse_bytes(TEXT.replace("T-1", "T-2").encode(), "/x.md", "x.md"))
    blobs, kept = [f"{n:040x}" for n in range(30_000)], []
    for start in range(0, len(blobs), 5_000):
        for blob in blobs[start:start + 5_000]:
            store.put(blob, entry)
        store.save()
        kept.append(len(store.entries(blobs)))
    assert kept == [5_000, 10_000, 15_000, 20_000, 25_000, 20_000]
    assert set(store.entries(blobs)) == set(blobs[-20_000:])
    assert store.entries([blob_id(TEXT.encode())]) and store.unchanged(tasks)[0] is not None  # a file's


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "foreign", "other layout"])
def test_a_file_that_is_not_a_store_is_replaced(tmp_path, damage):
    tasks = written_store(tmp_path, {"a.md": TEXT})
    file = tmp_path / STORE_FILE
    with closing(sqlite3.connect(file)) as db:  # the number a store of this version's layout carries
        layout = db.execute("PRAGMA user_version").fetchone()[0]
    if damage == "garbage":
        file.write_bytes(b"\x00not a database" * 100)
    elif damage == "truncated":
        file.write_bytes(file.read_bytes()[:3000])
    elif damage == "empty":
        file.write_bytes(b"")
    else:
        file.unlink()
        db = sqlite3.connect(file)
        db.execute("CREATE TABLE files (name TEXT)" if damage == "foreign" else "CREATE TABLE parsed (x)")
        db.execute(f"PRAGMA user_version = {layout if damage == 'other layout' else 7}")
        db.commit()
        db.close()
    store = DocumentStore.open(tmp_path, never)
    assert store is not None and store.unchanged(tasks) == [None]
    store.put("b" * 40, encode(parse_bytes(TEXT.encode(), "/x.md", "x.md")))
    store.save()
    assert DocumentStore.open(tmp_path, never).entries(["b" * 40])


def test_a_store_dropped_without_closing_lets_go_of_its_file(tmp_path):
    """A connection is freed by the cyclic collector only; one left open made a store file
    emptied under it read as locked (each open waited, then did without)."""
    written_store(tmp_path, {"a.md": TEXT})
    enabled = gc.isenabled()
    gc.disable()  # as lint runs
    try:
        DocumentStore.open(tmp_path, never).unchanged([])  # dropped, not closed
        (tmp_path / STORE_FILE).write_bytes(b"")
        started = time.monotonic()
        again = DocumentStore.open(tmp_path, never)
        assert again is not None and time.monotonic() - started < 2
        again.close()
        again.close()  # closing twice is harmless
    finally:
        if enabled:
            gc.enable()


def test_a_symbolic_link_where_the_store_belongs_is_never_followed(tmp_path):
    target = tmp_path / "elsewhere.sqlite"
    target.write_bytes(b"precious")
    (tmp_path / "repo" / STORE_FILE.parent).mkdir(parents=True)
    (tmp_path / "repo" / STORE_FILE).symlink_to(target)
    assert DocumentStore.open(tmp_path / "repo", never) is None
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / STORE_FILE.parent).symlink_to(tmp_path / "repo", target_is_directory=True)
    assert DocumentStore.open(tmp_path / "other", never) is None
    assert target.read_bytes() == b"precious"


def test_a_store_locked_by_another_writer_is_read_and_left_unwritten(tmp_path):
    tasks = written_store(tmp_path, {"a.md": TEXT})
    holder = sqlite3.connect(tmp_path / STORE_FILE, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        store = DocumentStore.open(tmp_path, never)
        assert store.unchanged(tasks)[0] is not None  # WAL: readers never wait for a writer
        store.put("c" * 40, encode(parse_bytes(TEXT.encode(), "/x.md", "x.md")))
        started = time.monotonic()
        store.save()  # waits for the writer a while (ten seconds), then leaves the store as it was
        assert time.monotonic() - started < 30
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert DocumentStore.open(tmp_path, never).entries(["c" * 40]) == {}


HEAD = b'"outline": {"type": "task"}, "yaml_line": 2, "body_line": 5, "size": 3'


@pytest.mark.parametrize("head, body", [
    (b"{not json", None),
    (b'[[], null]', None),
    (b'{"findings": [[1, 1, 3, "m"]]}', None),
    (b'{"findings": [[1, true, "TPM001", "m"]]}', None),
    (b'{"findings": [[1, 1, "TPM001"]]}', None),
    (b'{"outline": ["type"], "yaml_line": 2, "body_line": 5, "size": 3}', b"{}"),
    (b'{"outline": {}, "yaml_line": "2", "body_line": 5, "size": 3}', b"{}"),
    (b'{"outline": {}, "yaml_line": 2, "body_line": 5}', b"{}"),
    (b"{" + HEAD + b', "suppressed_lines": [[[2], ["*"]]]}', b"{}"),
    (b"{" + HEAD + b', "suppressed_lines": [[2, [1]]]}', b"{}"),
    (b"{" + HEAD + b', "suppressed_codes": "TPM001"}', b"{}"),
    (b"{" + HEAD + b', "schema_problems": [[[{}], "m"]]}', b"{}"),
    (b"{" + HEAD + b', "schema_problems": [[["a"], 5]]}', b"{}"),
    (b"{" + HEAD + b"}", None),
    (b"{" + HEAD + b', "fingerprint": 5}', b"{}"),
    (b"[" * 100_000 + b"]" * 100_000, None),
])
def test_a_head_that_is_not_what_encode_writes_is_refused(head, body):
    with pytest.raises(ValueError):
        decode(head, body, "blob", "/t.md", "t.md", never)


def parsed_again(body: bytes) -> tuple:
    head = encode(parse_bytes(b"---\ntype: task\nid: T-1\n---\n", "/t.md", "t.md")).head
    again = parse_bytes(TEXT.encode(), "/t.md", "t.md")
    return decode(head, body, "blob", "/t.md", "t.md", lambda *_: again).document, again.document


@pytest.mark.parametrize("body", [
    b"{not json", b"[]", b'{"data": [], "locations": []}',
    b'{"data": {"type": "task"}, "locations": ["a", "b"]}',
    b'{"data": {"type": "task", "id": "T-9"}, "locations": [0, 0, 1, 0]}',  # not the head's outline
    b'{"data": {"type": "task", "id": "T-1"}, "locations": [0, 0]}',  # locations that do not fit
    b"[" * 100_000 + b"]" * 100_000,
])
def test_a_body_that_is_not_what_encode_writes_is_parsed_again(body):
    document, again = parsed_again(body)
    assert document.data == again.data and dict(document.locations) == dict(again.locations)
    assert document.where("extra", "a", 1, "b") == again.where("extra", "a", 1, "b")
    document, again = parsed_again(body)  # the locations read first: the body is judged whole all the same
    assert document.where("extra", "a", 1, "b") == again.where("extra", "a", 1, "b")
    assert dict(document.locations) == dict(again.locations) and document.data == again.data


@IN_PROCESS
@given(values)
def test_count_paths_counts_the_paths_key_paths_gives(value):
    assert count_paths(value) == len(list(key_paths(value)))
