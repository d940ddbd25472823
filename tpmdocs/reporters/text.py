"""``path:line:col: CODE message``, as ruff and yamllint print, coloured only on request."""

from __future__ import annotations

from ..model import Finding, Severity

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def _documents(summary: dict[str, int]) -> str:
    count = summary["documents"]
    return f"{count} document{'s' * (count != 1)}"


def render(findings: list[Finding], summary: dict[str, int], colour: bool = False) -> str:
    lines = []
    for f in findings:
        level = f.severity.label
        if colour:
            code = f"{_COLOURS[f.severity]}{f.code}{_RESET}"
            lines.append(f"{_BOLD}{f.path}{_RESET}:{f.line}:{f.column}: {code} {f.message}")
        else:
            suffix = "" if f.severity is Severity.ERROR else f" ({level})"
            lines.append(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}{suffix}")
    errors, warnings = summary["errors"], summary["warnings"]
    if findings:
        lines.append(f"Found {errors} error{'s' * (errors != 1)} and {warnings} "
                     f"warning{'s' * (warnings != 1)} in {_documents(summary)}.")
    else:
        lines.append(f"All clean: {_documents(summary)} checked.")
    return "\n".join(lines) + "\n"
