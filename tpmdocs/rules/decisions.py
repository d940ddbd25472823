"""The decision lifecycle: a superseded decision says so (TPM027, always), and a proposed
decision does not wait for ever (TPM404, monitoring)."""

from __future__ import annotations

from collections.abc import Iterable

from ..graph import key
from ..model import Document, Severity, as_date
from .base import ALWAYS, Context, Problem, Rule, Unit


def check_superseded(ctx: Context, doc: Document) -> Iterable[Problem]:
    if not doc.id or doc.get("status") == "superseded":
        return
    newer = [link.source for link in ctx.graph.referenced_by.get(key(doc.id), [])
             if link.key == "supersedes" and link.source.type == "decision"
             and link.source.get("status") == "accepted"]
    if newer:
        names = ", ".join(sorted(d.id or d.display for d in newer))
        status = doc.get("status")
        state = f"still {status}" if isinstance(status, str) else "without status"
        yield Problem(doc, ("status",), f"decision {doc.id} is {state}, but {names}, accepted, "
                      f"supersedes it; set its status to superseded")


SUPERSEDED_DECISION_STILL_ACCEPTED = Rule(
    "TPM027", "superseded-decision-still-accepted", ALWAYS, Severity.ERROR,
    "A decision that an accepted decision supersedes does not say `superseded`",
    "A reader who finds the old decision alone takes it as the rule. Once its successor is "
    "accepted, the old record must say it no longer holds; its page then links to what "
    "replaced it.",
    check_superseded, unit=Unit.DOCUMENT, types=("decision",), neighbours=True,
    reads=frozenset({"id", "type", "status", "supersedes"}))


def check_proposed_age(ctx: Context, doc: Document) -> Iterable[Problem]:
    limit = ctx.config.decision_max_age
    day = as_date(doc.get("date"))
    if doc.get("status") == "proposed" and day is not None and (ctx.today - day).days > limit:
        yield Problem(doc, ("date",), f"decision {doc.id} has been proposed since {day}, "
                      f"{(ctx.today - day).days} days, more than {limit}: accept or reject it")


DECISION_PROPOSED_TOO_LONG = Rule(
    "TPM404", "decision-proposed-too-long", "monitoring", Severity.WARNING,
    "A decision is still proposed more than `decision-max-age` days after its date",
    "A decision left open is a decision taken by default, usually the wrong way. The limit is "
    "`decision-max-age` (default 30 days); uses `--today`.",
    check_proposed_age, unit=Unit.DOCUMENT, types=("decision",), today=True)

RULES = (SUPERSEDED_DECISION_STILL_ACCEPTED, DECISION_PROPOSED_TOO_LONG)
