"""``tpmdocs approve ID --by HANDLE [--on DATE]``: write a document's approval with its fingerprint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..approve import ApprovalRefused, approve
from ..workspace import load_workspace
from .common import DATE, UsageProblem, config_here, today_option


@click.command("approve")
@click.argument("doc_id", metavar="ID")
@click.option("--by", "by", required=True, metavar="HANDLE", help="Who approves it (a person or team handle).")
@click.option("--on", "on", type=DATE, default=None,
              help="The date of the approval (default: today).")
def approve_command(doc_id: str, by: str, on: dt.date | None) -> None:
    """Record that HANDLE approved document ID: `approved: {by, on, fingerprint}`.

    The fingerprint says what the document said when it was approved, so a later
    lint sees when it changed. Nothing else in the file changes (comments, key
    order, quoting, line breaks and the body stay as they are). A charter, goal,
    milestone, decision or change request can be approved; an unknown id, invalid
    front matter or a file changed meanwhile is refused with exit status 2.
    """
    cwd = Path.cwd()
    config = config_here(cwd)
    workspace = load_workspace([config.docs_root or cwd], cwd, cache=True)
    try:
        done = approve(workspace.graph, doc_id, by, today_option(on))
    except ApprovalRefused as exc:
        raise UsageProblem(f"approve {doc_id}: {exc}") from None
    state = "approved" if done.written else "already approved, nothing written:"
    click.echo(f"{done.display}: {done.doc_id} {state} by {done.approval.by} on {done.approval.on} "
               f"({done.approval.fingerprint})")
