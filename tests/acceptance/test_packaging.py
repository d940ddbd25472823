"""The wheel carries its schemas and works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from jsonschema import Draft202012Validator

from tests.helpers import REPO
from tpmdocs import schema


def test_every_schema_is_a_valid_2020_12_schema():
    schemas = schema.all_schemas()
    assert set(schemas) == {"common", *schema.document_types()}
    for body in schemas.values():
        Draft202012Validator.check_schema(body)


@pytest.mark.slow
@pytest.mark.acceptance
def test_wheel_ships_schemas_and_runs_outside_the_repository(tmp_path):
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q",
                            "-w", str(tmp_path / "dist")], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("tpmdocs-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tpmdocs/schemas/task.schema.json" in names
    assert "tpmdocs_mkdocs/__init__.py" in names
    site = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(site)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(site), "HOME": str(tmp_path)}
    code = (f"import sys; sys.path = [p for p in sys.path if p != {str(REPO)!r} "
            f"and not p.startswith({str(REPO) + '/'!r})];"
            "from tpmdocs.cli import main; sys.argv = ['tpmdocs', 'schema', 'risk']; main()")
    result = subprocess.run([sys.executable, "-c", code], cwd=outside, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert '"probability"' in result.stdout
    located = subprocess.run([sys.executable, "-c", code.replace(
        "from tpmdocs.cli import main; sys.argv = ['tpmdocs', 'schema', 'risk']; main()",
        "import tpmdocs.schema as s; print(s._schema_dir())")], cwd=outside, env=env,
        capture_output=True, text=True, timeout=60)
    assert str(site) in located.stdout, located.stdout + located.stderr
