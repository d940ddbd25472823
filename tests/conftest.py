"""Fixtures shared by every test. What tests import lives in ``tests/helpers`` (paths, the CLI
runners, projects on disk); fixtures of one folder live in that folder's ``conftest.py``."""

# The old import path (``from conftest import run_cli``), kept only so that branches written
# before ``tests/helpers`` merge cleanly; import from ``tests.helpers`` instead.
from tests.helpers import EXAMPLE, EXAMPLE_TODAY, FIXTURES, REPO, cli_env, run_cli, write  # noqa: F401
