"""The ``tpmdocs`` command. Each subcommand lives in a module of its own and only
parses options into the library's calls; the work is done in ``tpmdocs``."""

from __future__ import annotations

import gc
import importlib
import os
import sys

import click

from .. import __version__

#: name -> (module, attribute). A subcommand's module is imported only when it runs (or when
#: help lists it): ``tpmdocs lint`` in a pre-commit hook should not pay for the page renderers.
COMMANDS = {
    "lint": ("lint", "lint_command"), "init": ("init", "init_command"), "new": ("new", "new_command"),
    "status": ("status", "status_command"), "export": ("export", "export_command"),
    "pages": ("pages", "pages_command"), "rules": ("info", "rules_command"),
    "explain": ("info", "explain_command"), "schema": ("info", "schema_command"),
    "schedule": ("schedule", "schedule_command"),
    "approve": ("approve", "approve_command"), "lsp": ("lsp", "lsp_command"),
    "history": ("history", "history_command"), "diff": ("history", "diff_command"),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tpmdocs")
def cli() -> None:
    """Documentation-as-code for technical project management."""


def main() -> None:
    """Entry point: exit 0 clean, 1 errors found, 2 usage or configuration error.

    An unexpected failure is a bug; it is reported in one line (set
    ``TPMDOCS_DEBUG=1`` for the traceback) and exits 2, never with a traceback.
    """
    try:
        cli.main(prog_name="tpmdocs", standalone_mode=True)
    except SystemExit:
        # The command is done and the process ends: what it made is frozen out of the
        # collections the interpreter makes as it shuts down, which walked it all and freed
        # its cycles object by object (a history of 2,000 commits: 0.3 s of its 3 s).
        gc.freeze()
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except BaseException as exc:  # the last line of defence
        if os.environ.get("TPMDOCS_DEBUG"):
            raise
        click.echo(f"tpmdocs: internal error: {type(exc).__name__}: {str(exc)[:300]} "
                   "(please report it; TPMDOCS_DEBUG=1 shows the traceback)", err=True)
        sys.exit(2)
