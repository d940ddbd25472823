#!/usr/bin/env python3
"""What the history will pay per document read by content key from the store of parsed documents.

Usage::

    python benchmarks/store_read.py DOCS_DIR [--documents 7000]

Takes the bytes of the first N Markdown files under DOCS_DIR (a generated corpus: distinct
documents), puts their entries into a fresh store keyed by git's blob id, then, from a store
opened anew (warm, as a second run of the history finds it), reads every one back by blob id:
one at a time (``DocumentStore.loaded``) and all at once (``DocumentStore.entries``, then
``decode``), each with and without reading the document's data (the body is decoded on first
read). Parsing the same bytes again is the comparison. Times are CPU seconds per document,
the best of three rounds.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tpmdocs.entry import decode, encode  # noqa: E402 - after the path is set
from tpmdocs.reading import parse_again, parse_bytes  # noqa: E402
from tpmdocs.store import DocumentStore, blob_id  # noqa: E402


def best_of(rounds: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", type=Path)
    parser.add_argument("--documents", type=int, default=7000)
    args = parser.parse_args(argv)
    files = sorted(args.docs.rglob("*.md"))[:args.documents]
    blobs = {blob_id(path.read_bytes()): path for path in files}
    root = Path(tempfile.mkdtemp(prefix="tpmdocs-store-read-"))
    try:
        store = DocumentStore.open(root, parse_again)
        for blob, path in blobs.items():
            store.put(blob, encode(parse_bytes(path.read_bytes(), str(path), path.name)))
        store.save()
        store.close()
        store = DocumentStore.open(root, parse_again)
        raws = {blob: path.read_bytes() for blob, path in blobs.items()}

        def one_at_a_time(read_data: bool) -> None:
            for blob, path in blobs.items():
                document = store.loaded(blob, str(path), path.name).document
                if read_data:
                    assert document.data

        def all_at_once(read_data: bool) -> None:
            for blob, entry in store.entries(blobs).items():
                path = blobs[blob]
                document = decode(*entry, blob, str(path), path.name, parse_again).document
                if read_data:
                    assert document.data

        rows = [("parse the bytes again (no store)", lambda: [parse_bytes(raw, "/x.md", "x.md")
                                                              for raw in raws.values()]),
                ("by blob id, one at a time: outline", lambda: one_at_a_time(False)),
                ("by blob id, one at a time: + data", lambda: one_at_a_time(True)),
                ("by blob id, all at once: outline", lambda: all_at_once(False)),
                ("by blob id, all at once: + data", lambda: all_at_once(True))]
        print(f"{len(blobs)} distinct documents, CPU per document (best of 3):")
        for what, run in rows:
            print(f"  {what:<38} {best_of(3, run) / len(blobs) * 1e6:8.1f} µs")
        store.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
