"""``[tool.tpmdocs]`` in ``pyproject.toml``: found by walking up from the working folder.

A configuration that cannot be understood is a :class:`ConfigError`; the CLI
turns it into a message and exit code 2 rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Severity

Table = dict[str, Any]  # a table of pyproject.toml

#: ``workdays`` names, Monday first (as ``date.weekday()`` numbers them).
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

DEFAULT_THRESHOLD = 12
DEFAULT_INTERVAL = 14
DEFAULT_DECISION_MAX_AGE = 30


class ConfigError(Exception):
    """The configuration is wrong; the message names the file and the key."""


@dataclass
class Config:
    source: Path | None = None  # the pyproject.toml it came from
    docs_root: Path | None = None  # absolute; None: no root configured
    risk_threshold: int = DEFAULT_THRESHOLD
    reporting_interval: int = DEFAULT_INTERVAL
    severity: dict[str, Severity | None] = field(default_factory=dict)  # None: "off"
    per_file_ignores: dict[str, frozenset[str]] = field(default_factory=dict)  # glob -> codes/prefixes
    allow_unknown_keys: bool = True
    workdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # weekday numbers, Monday 0
    holidays: frozenset[dt.date] = frozenset()
    decision_max_age: int = DEFAULT_DECISION_MAX_AGE  # days a decision may stay proposed
    baseline: str | None = None  # the git revision the site's Changes page compares with

    def ignored_in(self, display_path: str) -> frozenset[str]:
        """Codes or prefixes ignored for one file by ``per-file-ignores``."""
        codes: set[str] = set()
        for pattern, ignored in self.per_file_ignores.items():
            if fnmatch.fnmatch(display_path, pattern):
                codes |= ignored
        return frozenset(codes)


_KEYS = {"docs-root", "risk-threshold", "reporting-interval", "severity", "per-file-ignores",
         "allow-unknown-keys", "decision-max-age", "workdays", "holidays", "baseline"}


def find_pyproject(start: Path) -> tuple[Path, object] | None:
    """The nearest ``pyproject.toml`` with a ``[tool.tpmdocs]`` table, from ``start`` upwards,
    with that table as read (each file is read once)."""
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            tool = _read(candidate).get("tool", {})
            if isinstance(tool, dict) and "tpmdocs" in tool:
                return candidate, tool["tpmdocs"]
    return None


def _read(path: Path) -> dict[str, Any]:
    # imported here: a run with no pyproject.toml to read does not pay for it
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def load_config(cwd: Path, known_codes: frozenset[str]) -> Config:
    """The configuration in force in ``cwd`` (defaults when there is none)."""
    found = find_pyproject(cwd)
    if found is None:
        return Config()
    path, table = found
    where = f"{path}: [tool.tpmdocs]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table")
    table = {key.replace("_", "-"): value for key, value in table.items()}
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}")
    config = Config(source=path)
    if "docs-root" in table:
        root = _typed(table, "docs-root", str, where)
        config.docs_root = (path.parent / root).resolve()
        if not config.docs_root.is_dir():
            raise ConfigError(f"{where}: docs-root {root!r} is not a folder")
    config.risk_threshold = _int_in(table, "risk-threshold", 1, 25, DEFAULT_THRESHOLD, where)
    config.reporting_interval = _int_in(table, "reporting-interval", 1, 3660, DEFAULT_INTERVAL, where)
    config.decision_max_age = _int_in(table, "decision-max-age", 1, 3660, DEFAULT_DECISION_MAX_AGE, where)
    config.allow_unknown_keys = _typed(table, "allow-unknown-keys", bool, where, True)
    config.baseline = _typed(table, "baseline", str, where, "") or None
    config.severity = _severities(_typed(table, "severity", dict, where, {}), known_codes, where)
    config.per_file_ignores = _ignores(_typed(table, "per-file-ignores", dict, where, {}), known_codes, where)
    if "workdays" in table:
        config.workdays = _workdays(_typed(table, "workdays", list, where), where)
    config.holidays = _holidays(_typed(table, "holidays", list, where, []), where)
    return config


def _typed(table: Table, key: str, kind: type, where: str, default: Any = None) -> Any:
    value = table.get(key, default)
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise ConfigError(f"{where}: {key} must be {kind.__name__}, not {type(value).__name__}")
    return value


def _int_in(table: Table, key: str, low: int, high: int, default: int, where: str) -> int:
    value = _typed(table, key, int, where, default)
    if not low <= value <= high:
        raise ConfigError(f"{where}: {key} must be between {low} and {high}, not {value}")
    return value


def check_codes(codes: Iterable[object], known_codes: frozenset[str], where: str) -> frozenset[str]:
    """Upper-cased codes or prefixes, each of which must match at least one known code."""
    result = set()
    for code in codes:
        if not isinstance(code, str) or not any(k.startswith(code.upper()) for k in known_codes):
            raise ConfigError(f"{where}: {code!r} matches no rule code (see `tpmdocs rules`)")
        result.add(code.upper())
    return frozenset(result)


def _severities(table: Table, known_codes: frozenset[str], where: str) -> dict[str, Severity | None]:
    result: dict[str, Severity | None] = {}
    for code, level in table.items():
        (code,) = check_codes([code], known_codes, f"{where}.severity")
        if level == "off":
            result[code] = None
            continue
        try:
            result[code] = Severity.parse(str(level))
        except ValueError as exc:
            raise ConfigError(f"{where}.severity: {code}: {exc} or off") from None
    return result


def _ignores(table: Table, known_codes: frozenset[str], where: str) -> dict[str, frozenset[str]]:
    result = {}
    for pattern, codes in table.items():
        if isinstance(codes, str):
            codes = [codes]
        if not isinstance(codes, list):
            raise ConfigError(f"{where}.per-file-ignores: {pattern!r} must list rule codes")
        result[pattern] = check_codes(codes, known_codes, f"{where}.per-file-ignores")
    return result


def _workdays(names: list[object], where: str) -> tuple[int, ...]:
    """``["mon", "tue", ...]`` as weekday numbers: at least one, each named once."""
    days: list[int] = []
    for name in names:
        day = name.strip().lower() if isinstance(name, str) else None
        if day not in WEEKDAY_NAMES:
            raise ConfigError(f"{where}: workdays: {name!r} is not a day of the week "
                              f"(use {', '.join(WEEKDAY_NAMES)})")
        if WEEKDAY_NAMES.index(day) in days:
            raise ConfigError(f"{where}: workdays: {name!r} is named twice")
        days.append(WEEKDAY_NAMES.index(day))
    if not days:
        raise ConfigError(f"{where}: workdays must name at least one day of the week")
    return tuple(sorted(days))


def _holidays(values: list[object], where: str) -> frozenset[dt.date]:
    """Dates, as TOML dates (``2026-12-25``) or ISO text (``"2026-12-25"``)."""
    days = set()
    for value in values:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            days.add(value)
            continue
        try:
            if isinstance(value, str) and len(value) == 10:
                days.add(dt.date.fromisoformat(value))
                continue
        except ValueError:
            pass
        raise ConfigError(f"{where}: holidays: {value!r} is not a date (write YYYY-MM-DD)")
    return frozenset(days)
