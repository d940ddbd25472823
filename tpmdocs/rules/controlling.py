"""Controlling: changes to the baseline are decided on the record."""

from __future__ import annotations

from ..model import Severity
from .base import Rule, Unit, has_status, requires_keys

PHASE = "controlling"
DECIDED = ("approved", "rejected", "implemented")
APPROVED = ("approved", "implemented")


CHANGE_DECISION_UNRECORDED = Rule(
    "TPM501", "change-decision-unrecorded", PHASE, Severity.ERROR,
    "A decided change request lacks `decided_by` or `decided_on`",
    "A change to scope, schedule or cost is only legitimate when someone with the authority "
    "decided it, on a known date.",
    requires_keys(("decided_by", "decided_on"), "decided change request", when=has_status(*DECIDED)),
    unit=Unit.DOCUMENT, types=("change-request",))


APPROVED_CHANGE_WITHOUT_AFFECTS = Rule(
    "TPM502", "approved-change-without-affects", PHASE, Severity.ERROR,
    "An approved change request does not name what it `affects`",
    "An approval that names nothing covers nothing; naming the changed documents is what lets "
    "`tpmdocs lint --since` tell approved changes from unapproved ones.",
    requires_keys(("affects",), "approved change request", when=has_status(*APPROVED)),
    unit=Unit.DOCUMENT, types=("change-request",))

RULES = (CHANGE_DECISION_UNRECORDED, APPROVED_CHANGE_WITHOUT_AFFECTS)
