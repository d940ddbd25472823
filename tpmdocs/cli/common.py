"""What several subcommands share: configuration errors, colour, atomic output."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import IO, Any

import click

from ..config import Config, ConfigError, load_config
from ..rules import BY_CODE
from ..safe_write import write_atomic


class UsageProblem(click.ClickException):
    """A usage or configuration error: exit code 2 (click's own exceptions use 1)."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"tpmdocs: error: {self.format_message()}", err=True)


def config_here(cwd: Path) -> Config:
    try:
        return load_config(cwd, frozenset(BY_CODE))
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None


def use_colour(stream: object) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


class IsoDate(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.3, the floor is 8.1
    """A calendar date written ``YYYY-MM-DD`` (read without ``strptime``, whose locale set-up
    costs a pre-commit run more than the rest of its option parsing)."""

    name = "YYYY-MM-DD"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value.date() if isinstance(value, dt.datetime) else value
        text = str(value)
        try:
            if len(text) == 10 and text[4] == text[7] == "-":
                return dt.date.fromisoformat(text)
        except ValueError:
            pass
        self.fail(f"{text!r} is not a date (YYYY-MM-DD)", param, ctx)


DATE = IsoDate()


def today_option(value: dt.date | None) -> dt.date:
    return value if value is not None else dt.date.today()


def emit(text: str, output: Path | None) -> None:
    """Print, or write ``output`` atomically (no half-written report on failure)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        raise UsageProblem(f"cannot write {output}: {exc.strerror or exc}") from None
