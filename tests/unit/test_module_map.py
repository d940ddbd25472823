"""The module map in ``tpmdocs/__init__.py`` names every module and package of ``tpmdocs/``
(a newcomer reads the architecture there), and nothing that is not one."""

from __future__ import annotations

import re
from pathlib import Path

import tpmdocs

PACKAGE = Path(tpmdocs.__file__).parent


def test_the_module_map_names_every_module_and_only_those():
    modules = {path.stem for path in PACKAGE.glob("*.py") if not path.name.startswith("_")}
    packages = {path.parent.name + "/" for path in PACKAGE.glob("*/__init__.py")}
    named = set(re.findall(r"``([a-z_0-9]+/?)``", tpmdocs.__doc__ or "")) - {"tpmdocs"}
    assert sorted((modules | packages) - named) == [], "modules missing from the map"
    assert sorted(named - (modules | packages)) == [], "the map names modules that do not exist"
