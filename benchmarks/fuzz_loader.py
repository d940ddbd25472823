"""Fuzz target for the loader (issue 6): any bytes become a document, a page or findings.

With atheris installed (``pip install atheris``), coverage-guided::

    python benchmarks/fuzz_loader.py -max_len=4096 -timeout=2 [corpus-folder]

Without it, a seeded smoke run of random mutations of the example project's
documents (``python benchmarks/fuzz_loader.py --smoke 20000``). Not part of
the default test run: tests/hostile/ holds the property tests that run in CI.

What is checked for each input: no exception escapes the loader; every
finding has a 1-based line inside the file and a message of at most 1,000
characters; a document's locations are inside its front matter.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tpmdocs.loader import MAX_FILE_BYTES, load_bytes  # noqa: E402
from tpmdocs.model import MAX_MESSAGE  # noqa: E402

PATH = Path("/fuzz/doc.md")
TOKENS = [b"*a", b"&a ", b"!!python/object:os.system ", b"!!binary ", b"[" * 70, b"{" * 70,
          b"\x00", b"\r", b"\r\n", b"\xef\xbb\xbf", "\u2028".encode(), "\x85".encode(), b"\xff",
          b"---\n", b"...\n", b": ", b"- ", b"? ", b"\t", b"'", b'"', b"#", b"9" * 5000, b".nan",
          b"<<: *a\n", b"%YAML 1.1\n", b"!!map ", b"!!seq ", b"!!int ", b"!!str ", b"--- !!map\n",
          b"\\u0000", b"|\n", b">-\n"]


def check(raw: bytes) -> None:
    """Load ``raw`` as the linter would and assert the loader's promises."""
    if len(raw) > MAX_FILE_BYTES:
        return  # read_bytes refuses these before the loader sees them
    loaded = load_bytes(raw, PATH, "doc.md")
    lines = raw.count(b"\n") + raw.count(b"\r") + 1
    for finding in loaded.findings:
        assert 1 <= finding.line <= lines, (finding, raw[:200])
        assert finding.column >= 1, finding
        assert len(finding.message) <= MAX_MESSAGE, finding
    if loaded.document is not None:
        for line, column in loaded.document.locations.values():
            assert 0 <= line < loaded.document.body_line and column >= 0


def _seeds() -> list:
    return [path.read_bytes() for path in sorted((REPO / "docs" / "example").rglob("*.md"))][:60]


def _mutate(rng: random.Random, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(data))
        choice = rng.random()
        if choice < 0.4:
            data[at:at] = rng.choice(TOKENS)
        elif choice < 0.7:
            del data[at:at + rng.randint(1, 16)]
        elif at < len(data):
            data[at] = rng.randrange(256)
    return bytes(data)


def smoke(runs: int, seed: int = 6) -> None:
    rng = random.Random(seed)
    seeds = _seeds() or [b"---\ntype: task\nid: T-1\ntitle: T\n---\n"]
    for number in range(runs):
        check(_mutate(rng, rng.choice(seeds)))
        if number and number % 5000 == 0:
            print(f"{number} inputs", file=sys.stderr)
    print(f"{runs} inputs, no failure")


def main() -> None:
    if sys.argv[1:2] == ["--smoke"]:
        smoke(int(sys.argv[2]) if len(sys.argv) > 2 else 20000)
        return
    try:
        import atheris
    except ImportError:
        print("atheris is not installed; running the smoke fuzzer instead", file=sys.stderr)
        smoke(20000)
        return
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
