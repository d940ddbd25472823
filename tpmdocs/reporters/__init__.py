"""Output formats for findings: one module per format, one ``render`` function each."""

from __future__ import annotations

from . import github, json_format, sarif, text

FORMATS = {"text": text.render, "json": json_format.render, "github": github.render,
           "sarif": sarif.render}
