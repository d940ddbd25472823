"""The Acme project's documents, for the history and diff tests' git repositories."""

from __future__ import annotations

import subprocess

CHARTER = """\
---
type: charter
id: ACME
title: Acme launch
phase: initiation
owner: "@sam"
sponsor: "@kim"
manager: "@sam"
problem: Customers cannot find us.
objectives: [Launch the shop]
scope:
  in: [Shop]
  out: [Stores]
stakeholders:
  - {name: Kim, role: Sponsor, interest: high, influence: high}
---
"""


def task(task_id: str, estimate: str, status: str, **more: str) -> str:
    extra = "".join(f"{key}: {value}\n" for key, value in more.items())
    return (f"---\ntype: task\nid: {task_id}\ntitle: Task {task_id}\nowner: \"@sam\"\nestimate: {estimate}\n"
            f"status: {status}\n{extra}---\n\nBody.\n")


def milestone(due: str) -> str:
    return f"---\ntype: milestone\nid: ACME-M1\ntitle: Launch\ndue: {due}\nstatus: planned\n---\n"


def risk(risk_id: str, probability: int, impact: int, status: str = "open") -> str:
    return (f"---\ntype: risk\nid: {risk_id}\ntitle: Risk {risk_id}\nowner: \"@sam\"\nprobability: {probability}\n"
            f"impact: {impact}\nresponse: accept\nstatus: {status}\n---\n")


def report(date: str, health: str) -> str:
    return (f"---\ntype: status-report\nid: ACME-SR-{date}\ntitle: Report {date}\nowner: \"@sam\"\n"
            f"date: {date}\nhealth: {health}\n---\n")


def refused(result: subprocess.CompletedProcess, *words: str) -> None:
    """The command refused (exit 2) with a message holding ``words``, and no traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr
