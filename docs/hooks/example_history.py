"""MkDocs hook for tpmdocs' own site: the example project's past, for its Trends and Changes
pages.

``docs/example`` is a snapshot; its history lives in no repository of its own. This hook
builds one (``tests/helpers/example_history.py``: the project from its draft charter in May 2026 to
the documents of ``docs/example``, with set dates) into a temporary folder at each build, and
points the tpmdocs plugin's ``history_repository`` option at it. The repository has the site's
layout (``docs/example/...``), so the plugin reads the example's history there. Nothing is
written into ``docs/`` or the checkout; the folder goes when the build's process ends.
"""

from __future__ import annotations

import atexit
import importlib.util
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.tpmdocs_example_history")
BUILDER = Path(__file__).resolve().parents[2] / "tests" / "helpers" / "example_history.py"


def _builder():
    spec = importlib.util.spec_from_file_location("tpmdocs_example_history", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def on_config(config):
    plugin = config.plugins.get("tpmdocs")
    if plugin is None or not BUILDER.is_file():
        return config
    folder = Path(tempfile.mkdtemp(prefix="tpmdocs-example-history-"))
    atexit.register(shutil.rmtree, folder, True)
    try:
        _builder().build(folder, checkout=False)
    except (OSError, subprocess.CalledProcessError) as exc:  # no git: the pages say there is no history
        log.info("the example's history was not built (%s); its Trends page will say so", exc)
        return config
    plugin.config.history_repository = str(folder)
    return config
