"""Fixtures shared by every test. What tests import lives in ``tests/helpers`` (paths, the CLI
runners, projects on disk); fixtures of one folder live in that folder's ``conftest.py``."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

import pytest

# Material for MkDocs sets this to "true" on its first import in a process (after printing a
# banner); set here as it does, every test sees the same environment whichever imports it first.
os.environ["NO_MKDOCS_2_WARNING"] = "true"


@pytest.fixture(autouse=True)
def _process_state_kept() -> Iterator[None]:
    """Fail a test that leaves this process changed for the next one: the CLI runs in this
    process (``tests.helpers.run_cli``), so its working folder, environment and garbage
    collector must come back as they were, whatever order the tests run in."""
    before = _process_state()
    yield
    after = _process_state()
    changed = {k: (before[1].get(k), after[1].get(k)) for k in before[1].keys() | after[1].keys()
               if before[1].get(k) != after[1].get(k)}
    assert after == before, (f"the test left this process changed: {before[0]} -> {after[0]}, "
                             f"environment {changed}, gc enabled {before[2]} -> {after[2]}")


def _process_state() -> tuple[str, dict[str, str], bool]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    return os.getcwd(), environment, gc.isenabled()
