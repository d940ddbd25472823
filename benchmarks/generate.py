#!/usr/bin/env python3
"""Generate a deterministic benchmark corpus of tpmdocs documents.

Usage::

    python benchmarks/generate.py OUT_DIR --documents N [--seed S] [--defects]

The corpus is a portfolio of projects, one per ~500 documents (at least two),
each in ``OUT_DIR/proj-NN/`` with the charter in ``index.md`` and its documents
in ``goals/``, ``tasks/`` (nested by summary task), ``milestones/``, ``risks/``,
``decisions/``, ``reports/`` and ``changes/``. Charters rotate through the
planning, execution, monitoring and controlling phases, and every document is
complete for its project's phase as of :data:`TODAY` (pass it to the linter as
``--today``), so a clean corpus lints without errors.

With ``--defects`` the same corpus is written, except that about 2% of the
documents carry one defect each (kinds taken round-robin from
:data:`DEFECT_KINDS`), listed in ``OUT_DIR/DEFECTS.json``.

Output depends only on the seed and the number of documents: no clock, no
global random state, no hash ordering. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

#: The fixed "today" the corpus is complete for; the runner passes it as ``--today``.
TODAY = date(2026, 11, 20)

DOCS_PER_PROJECT = 500
MIN_DOCS_PER_PROJECT = 12
PHASES = ("planning", "execution", "monitoring", "controlling")
#: Share of each non-task type among a project's documents; tasks take the rest (~70%).
SHARES = {"goal": 0.05, "milestone": 0.04, "risk": 0.08, "decision": 0.05,
          "status-report": 0.05, "change-request": 0.03}
TYPES = ("charter", "goal", "task", "milestone", "risk", "decision", "status-report",
         "change-request")
FOLDERS = {"goal": "goals", "milestone": "milestones", "risk": "risks",
           "decision": "decisions", "status-report": "reports", "change-request": "changes"}
PREFIX = {"goal": "G", "milestone": "M", "risk": "R", "decision": "D",
          "status-report": "S", "change-request": "C"}
REFERENCE_KEYS = ("parent", "goals", "milestone", "depends_on", "affects", "supersedes")
RISK_THRESHOLD = 12
DEFECT_RATE = 0.02
DEFECT_KINDS = ("missing-owner", "unknown-dependency", "dependency-cycle", "duplicate-id",
                "invalid-status", "impossible-date", "risk-without-mitigation",
                "yaml-syntax-error", "duplicate-key", "unclosed-front-matter")
#: Defects after which the document's id or content may be lost to the linter.
DESTRUCTIVE = ("missing-owner", "unknown-dependency", "dependency-cycle", "duplicate-id",
               "yaml-syntax-error", "duplicate-key", "unclosed-front-matter")
INVALID_STATUS = {"task": "in progress", "risk": "resolved", "decision": "approved",
                  "change-request": "accepted"}

# Front-matter key order, as a person would write them; unlisted keys go last.
KEY_ORDER = {key: n for n, key in enumerate((
    "type", "id", "title", "project", "phase", "owner", "status", "sponsor", "manager",
    "parent", "goals", "milestone", "category", "probability", "impact", "response",
    "metric", "baseline", "target", "current", "unit", "deadline", "requested_by", "date",
    "period", "health", "summary", "deciders", "supersedes", "estimate", "start", "due",
    "end", "depends_on", "blocked_reason", "cancel_reason", "mitigation", "contingency",
    "trigger", "review_by", "affects", "decided_by", "decided_on", "stakeholders",
    "problem", "objectives", "scope", "success_criteria", "budget", "approved"))}
FLOW_KEYS = frozenset(("tags", "deciders"))
PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.,;'()/&+-]*|\+?\d+[hdw]|\d{4}-W\d\d")
PLAIN_IN_FLOW = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
RESERVED = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null"))

# ---------------------------------------------------------------- word lists
FIRST_NAMES = ("Amira", "Bastian", "Chen", "Dalia", "Emeka", "Farah", "Goran", "Hana",
               "Ivan", "Jun", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn",
               "Rosa", "Sven", "Tomas", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia")
LAST_NAMES = ("Khan", "Novak", "Okafor", "Schmidt", "Tanaka", "Silva", "Haddad", "Larsen",
              "Moreau", "Petrov", "Rossi", "Nguyen", "Kowalski", "Mensah", "Fischer",
              "Ortega", "Lindqvist", "Costa", "Ivanova", "Brennan")
ROLES = ("Head of Finance", "VP Engineering", "Customer Success Lead", "Legal Counsel",
         "Head of Support", "Product Director", "Security Officer", "Sales Lead",
         "Operations Manager", "Data Protection Officer")
LEVELS = ("low", "medium", "high")
TEAMS = ("payments", "platform", "identity", "data", "mobile", "web", "sre", "security",
         "search", "growth", "billing", "integrations")
PROGRAMMES = ("Billing platform renewal", "Checkout modernisation", "Identity consolidation",
              "Data warehouse migration", "Mobile app relaunch", "Partner API programme",
              "Observability rollout", "Cloud cost reduction", "Customer portal redesign",
              "Search relevance upgrade", "Compliance automation", "Order pipeline rebuild")
COMPONENTS = ("billing service", "checkout flow", "identity provider", "search index",
              "reporting pipeline", "mobile client", "admin console", "notification service",
              "data warehouse", "payment gateway", "audit log", "feature flag service",
              "API gateway", "order service", "inventory sync", "customer portal",
              "export job", "message queue", "cache layer", "onboarding flow",
              "pricing engine", "partner API", "document store", "metrics dashboard",
              "release pipeline", "test harness", "access control", "backup system",
              "deployment tooling", "tax calculation")
VERBS = ("Migrate", "Refactor", "Document", "Load-test", "Harden", "Instrument", "Deploy",
         "Design", "Implement", "Review", "Automate", "Deprecate", "Benchmark", "Upgrade",
         "Integrate", "Validate", "Prototype", "Split", "Secure", "Monitor")
OBJECTS = ("the {c}", "the {c} schema", "{c} alerts", "{c} retries", "the {c} runbook",
           "{c} access rules", "the {c} data model", "{c} contract tests",
           "the {c} rollout plan", "{c} error handling", "the {c} configuration",
           "{c} capacity limits")
QUALIFIERS = ("", "", "", " for the EU region", " behind a feature flag",
              " on the new cluster", " for the partner launch", " ahead of the freeze",
              " in staging", " for the mobile release", " with the platform team")
STAGES = ("design", "build", "rollout", "hardening", "migration", "integration",
          "testing", "documentation")
TECH = ("PostgreSQL", "Kafka", "gRPC", "OpenTelemetry", "Terraform", "Kubernetes", "Redis",
        "GraphQL", "feature flags", "contract tests", "blue-green deployment",
        "event sourcing")
FEATURES = ("CSV export", "single sign-on", "an audit trail", "bulk import", "webhooks",
            "multi-currency support", "offline mode", "role-based access",
            "usage analytics", "saved searches")
CONCERNS = ("vendor lead time", "data quality in the legacy system",
            "availability of specialist reviewers", "capacity of the shared test environment",
            "regulatory sign-off", "unclear ownership of shared libraries",
            "performance under peak load", "licence renewal", "hiring for the on-call rota")
#: (metric, unit, baseline, target) templates for goals.
METRICS = (("p95 latency", "ms", 850, 300), ("error rate", "%", 2.4, 0.5),
           ("deployment frequency", "deploys per week", 3, 10),
           ("change failure rate", "%", 18, 8), ("mean time to restore", "minutes", 240, 60),
           ("support tickets", "tickets per week", 420, 250),
           ("test coverage", "%", 54, 80), ("cost per order", "EUR", 0.42, 0.3),
           ("completion rate", "%", 61, 80), ("batch duration", "minutes", 190, 90),
           ("monthly active users", "users", 12000, 20000),
           ("availability", "%", 99.5, 99.9))
CATEGORIES = ("technical", "schedule", "cost", "scope", "people", "external", "security")
RESPONSES_HIGH = ("avoid", "mitigate", "mitigate", "transfer", "escalate")
RESPONSES_LOW = ("accept", "mitigate", "mitigate", "avoid", "transfer")

TASK_TITLES_TOP = ("{C} workstream", "{C} delivery", "{C} programme track")
MILESTONE_TITLES = ("{C} beta available", "{C} in production", "Design sign-off for the {c}",
                    "Pilot of the {c} with first customers", "Go-live of the {c}",
                    "Data migration of the {c} complete", "Security review of the {c} passed",
                    "Feature freeze for the {c}")
RISK_TITLES = ("{K} may delay the {c}", "Key person dependency on the {c}",
               "Vendor delivery for the {c} slips", "Scope growth in the {c}",
               "Security findings in the {c} block the release",
               "Cost overrun on {c} infrastructure", "Test environment contention for the {c}",
               "Regulatory change affecting the {c}", "The {c} degrades under peak load",
               "Data loss during the {c} migration")
DECISION_TITLES = ("Use {t} for the {c}", "Adopt {t} as the standard for the {c}",
                   "Retire the legacy {c}", "Build the {c} in-house rather than buy",
                   "Run the {c} in two regions", "Freeze {c} interfaces until the milestone")
CHANGE_TITLES = ("Add {f} to the release scope", "Move the {c} go-live by two weeks",
                 "Drop {f} from phase one", "Extend the {c} pilot to a second market",
                 "Increase the {c} budget for load testing", "Bring {f} forward to the beta")
BLOCKED_REASONS = ("Waiting for the {c} team to publish the new interface.",
                   "Blocked on access to the production {c} data.",
                   "Vendor has not delivered the {c} licence keys yet.",
                   "Security review of the {c} is still open.")
CANCEL_REASONS = ("Superseded by the decision to retire the {c}.",
                  "Descoped after the change request on the {c}.",
                  "Covered by the platform team's work on the {c}.")

SENTENCES = (
    "The {c} work is sequenced after the {c2} changes so that the {team} team can review the interfaces first.",
    "We expect to {verb} the {c} in small increments, each one behind a feature flag and with a rollback plan.",
    "The {concern} is the main open question, and we will revisit it at the next planning review.",
    "Acceptance requires that the {metric} stays within the agreed range in staging for at least one full week.",
    "The {team} team owns the rollout, with support from {person} for the {c2} integration.",
    "Progress so far is in line with the plan, although the {c} estimate was revised after the spike.",
    "Any change to the {c} contract is announced two sprints ahead to the consumers of the {c2}.",
    "The test plan covers the happy path, the retry behaviour and the failure modes of the {c2}.",
    "{person} pairs with the {team} team to close the remaining gaps in the {c} runbook.",
    "Dependencies on the {c2} are tracked explicitly, and a slip there moves this work by the same amount.",
    "We measure the {metric} before and after the change and record both numbers in the status report.",
    "The design keeps the {c} backwards compatible so that older clients keep working during the migration.",
    "Budget for this item is part of the {team} allocation and needs no separate approval.",
    "Open questions are collected in the team channel and summarised at the weekly sync.",
    "The main constraint is the {concern}, which limits how much of the {c} can change in one release.",
    "If the {c2} is not ready in time, we fall back to the current {c} and defer the clean-up.",
    "Operational readiness means dashboards, alerts and an on-call handover for the {c}.",
    "A security review of the {c} is scheduled with {person} before the production rollout.",
    "The estimate assumes that the {c2} team keeps its current interface stable until the milestone.",
    "Lessons from the previous release suggest that the {c} needs more time for data validation.",
    "We chose {tech} here because the {team} team already runs it in production.",
    "Customers asked for {feature} repeatedly, which is why it is part of this scope.",
    "The work is split so that each increment can be demonstrated at the sprint review.",
    "Capacity is tight in the next two sprints because of the on-call rotation and holidays.",
    "{person} confirmed that the {c2} can absorb the extra load without new hardware.",
    "The rollback plan has been rehearsed once in staging and took under fifteen minutes.",
    "A short spike showed that the {c} can reuse most of the existing {tech} setup.",
    "Documentation for the {c} lives next to the code and is reviewed with every change.",
    "The {metric} is reported weekly so that trends are visible before they become problems.",
    "Stakeholders from the {team} side are invited to the demo at the end of each increment.",
)
LIST_ITEMS = (
    "{Verb} the {c} and confirm the result with {person}",
    "Weekly reporting of the {metric} is in place",
    "The runbook for the {c} is reviewed by the {team} team",
    "No open severity 1 issues against the {c2}",
    "Rollback of the {c} is tested in staging",
    "Stakeholders are informed through the status report",
    "Dashboards and alerts for the {c} are in place",
    "The {c2} interface is frozen and documented",
    "Data in the {c} is reconciled with the legacy system",
    "Load test at twice the expected peak passes",
    "Access to the {c} follows the least privilege rule",
    "{feature} is available to pilot customers",
)
MENTIONS = ("See {ref} for the background of this item.", "Related work is tracked in {ref}.",
            "This builds directly on {ref}.",
            "Coordinate with the owner of {ref} before changing the plan.")
HEADINGS = {
    "charter": ("Background", "Approach", "Governance"),
    "goal": ("Why it matters", "How we measure it", "Progress"),
    "task": ("Context", "Acceptance criteria", "Notes"),
    "milestone": ("Definition", "Exit criteria", "Dependencies"),
    "risk": ("Description", "Early indicators", "Response plan"),
    "decision": ("Context", "Options considered", "Decision and consequences"),
    "status-report": ("Summary", "Progress this period", "Risks, issues and next steps"),
    "change-request": ("Request", "Impact assessment", "Recommendation"),
}


# ---------------------------------------------------------------- documents
class Raw(str):
    """A scalar written exactly as given, unquoted (used for defects)."""


@dataclass
class Doc:
    """One generated document: its front matter, body and place in the project."""

    type: str
    id: str
    path: str  # relative to the project folder, POSIX slashes
    data: dict
    body: str = ""
    front: str = ""
    children: int = 0  # for tasks: how many tasks name this one as parent
    leaf: bool = False
    topic: str = ""  # the component the document is about, for its body
    text_defect: str = ""  # a defect applied to the rendered text, not the data

    def render(self) -> str:
        """The whole file: front matter between ``---`` lines, then the body."""
        front = self.front or render_front(self.data)
        if self.text_defect == "duplicate-key":
            front += f"owner: {self.data.get('owner', 'j.doe')}-backup\n"
        closing = "" if self.text_defect == "unclosed-front-matter" else "---\n"
        return f"---\n{front}{closing}\n{self.body}"


def scalar(value, flow: bool = False) -> str:
    """A YAML 1.2 scalar: plain when that reads back as the same string, else quoted."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, date)):
        return value.isoformat() if isinstance(value, date) else repr(value)
    pattern = PLAIN_IN_FLOW if flow else PLAIN
    if pattern.fullmatch(value) and value.lower() not in RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def yaml_lines(key: str, value, indent: str = "") -> list[str]:
    """Block-style YAML lines for one key: mappings, lists and lists of mappings."""
    if isinstance(value, dict):
        out = [f"{indent}{key}:"]
        for sub_key, sub_value in value.items():
            out += yaml_lines(sub_key, sub_value, indent + "  ")
        return out
    if not isinstance(value, list):
        return [f"{indent}{key}: {scalar(value)}"]
    if key in FLOW_KEYS:
        return [f"{indent}{key}: [{', '.join(scalar(v, flow=True) for v in value)}]"]
    out = [f"{indent}{key}:"]
    for item in value:
        if isinstance(item, dict):
            pairs = [f"{k}: {scalar(v)}" for k, v in item.items()]
            out.append(f"{indent}  - {pairs[0]}")
            out += [f"{indent}    {pair}" for pair in pairs[1:]]
        else:
            out.append(f"{indent}  - {scalar(item)}")
    return out


def render_front(data: dict) -> str:
    """The front matter text (without the ``---`` lines), keys in a natural order."""
    lines: list[str] = []
    for key in sorted(data, key=lambda k: KEY_ORDER.get(k, len(KEY_ORDER))):
        lines += yaml_lines(key, data[key])
    return "\n".join(lines) + "\n"


def split(total: int, parts: int, rng: random.Random, minimum: int = 0) -> list[int]:
    """Split ``total`` into ``parts`` uneven counts of at least ``minimum`` each."""
    counts = [minimum] * parts
    rest = total - minimum * parts
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = rest / sum(weights)
    for n, weight in enumerate(weights):
        counts[n] += int(weight * scale)
    for _ in range(total - sum(counts)):
        counts[rng.randrange(parts)] += 1
    return counts


def cap(text: str) -> str:
    """The text with its first letter upper-cased."""
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- prose
class Prose:
    """Plausible project prose from word lists, driven by the project's Random."""

    def __init__(self, rng: random.Random, people: list[str], team: str):
        """Prose that names ``people`` and the ``team``."""
        self.rng = rng
        self.people = people
        self.team = team

    def context(self, component: str) -> dict:
        """Slot values for one document's sentences."""
        rng = self.rng
        verb = rng.choice(VERBS)
        return {"c": component, "c2": rng.choice(COMPONENTS), "team": self.team,
                "person": rng.choice(self.people), "verb": verb.lower(), "Verb": verb,
                "metric": rng.choice(METRICS)[0], "concern": rng.choice(CONCERNS),
                "tech": rng.choice(TECH), "feature": rng.choice(FEATURES)}

    def body(self, kind: str, component: str, mentions: list[str], target: int) -> str:
        """A Markdown body of about ``target`` characters: headings, paragraphs, a list."""
        rng = self.rng
        ctx = self.context(component)
        pool = [s.format_map(ctx) for s in rng.sample(SENTENCES, 14)]
        paras = [[pool.pop()], [pool.pop()], [pool.pop()]]
        paras[2].append(rng.choice(MENTIONS).format(ref=" and ".join(mentions)))
        items = [f"- {s.format_map(ctx)}" for s in rng.sample(LIST_ITEMS, rng.randint(3, 5))]
        h1, h2, h3 = HEADINGS[kind]
        size = 60 + sum(len(s) + 1 for p in paras for s in p) + sum(len(i) + 1 for i in items)
        turn = 0
        while size < target and pool:
            sentence = pool.pop()
            paras[turn % 3].append(sentence)
            size += len(sentence) + 1
            turn += 1
        return (f"## {h1}\n\n{' '.join(paras[0])}\n\n## {h2}\n\n" + "\n".join(items)
                + f"\n\n## {h3}\n\n{' '.join(paras[1])}\n\n{' '.join(paras[2])}\n")


# ---------------------------------------------------------------- projects
class ProjectBuilder:
    """Builds the documents of one project, complete for its phase at :data:`TODAY`."""

    def __init__(self, index: int, width: int, size: int, seed: int):
        """Project number ``index`` (ids ``width`` digits wide) with ``size`` documents."""
        self.rng = random.Random(seed * 1_000_003 + index)
        self.index = index
        self.pid = f"P{index:0{width}d}"
        self.folder = f"proj-{index:0{width}d}"
        self.size = size
        self.phase = PHASES[(index - 1) % len(PHASES)]
        self.docs: list[Doc] = []
        self.by_type: dict[str, list[Doc]] = {t: [] for t in TYPES}
        self.setup()

    def setup(self) -> None:
        """People, components and the project's timeline."""
        rng = self.rng
        names = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
        chosen = rng.sample(names, 16)
        self.names = [f"{first} {last}" for first, last in chosen]
        self.people = [f"{first[0]}.{last}".lower() for first, last in chosen]
        self.sponsor, self.manager = self.people[0], self.people[1]
        self.leads = self.people[1:5]
        self.team = rng.choice(TEAMS)
        self.components = rng.sample(COMPONENTS, 8)
        self.prose = Prose(rng, self.names, self.team)
        back = {"planning": (-120, -20), "execution": (120, 300),
                "monitoring": (200, 400), "controlling": (300, 500)}[self.phase]
        self.start = TODAY - timedelta(days=rng.randint(*back))
        self.end = max(self.start, TODAY) + timedelta(days=rng.randint(240, 480))

    def new_id(self, kind: str) -> str:
        """The next id of a type, e.g. ``P03-T0412`` or ``P03-R012``."""
        count = len(self.by_type[kind]) + 1
        if kind == "task":
            return f"{self.pid}-T{count:04d}"
        return f"{self.pid}-{PREFIX[kind]}{count:03d}"

    def add(self, kind: str, path: str, data: dict, doc_id: str | None = None,
            topic: str = "") -> Doc:
        """Register a document with the common keys filled in."""
        doc_id = doc_id or self.new_id(kind)
        head = {"type": kind, "id": doc_id}
        head.update(data)
        if kind != "charter" and self.rng.random() < 0.1:
            head["project"] = self.pid
        doc = Doc(kind, doc_id, path or f"{FOLDERS[kind]}/{doc_id.lower()}.md", head,
                  topic=topic or self.rng.choice(self.components))
        self.docs.append(doc)
        self.by_type[kind].append(doc)
        return doc

    def days(self, low: date, high: date) -> date:
        """A random date between ``low`` and ``high`` inclusive."""
        return low + timedelta(days=self.rng.randint(0, max(0, (high - low).days)))

    def tags(self, *extra: str) -> list[str]:
        """``extra`` followed by one or two tags picked at random."""
        words = ["q1", "q2", "q3", "q4", "backend", "frontend", "infra", "compliance",
                 "customer-facing", "tech-debt", "quick-win", "cross-team"]
        return [*extra, *self.rng.sample(words, self.rng.randint(1, 2))]

    def counts(self) -> dict[str, int]:
        """How many documents of each type this project gets."""
        rest = self.size - 1
        counts = {kind: max(1, round(rest * share)) for kind, share in SHARES.items()}
        counts["task"] = rest - sum(counts.values())
        return counts

    def build(self) -> list[Doc]:
        """All documents of the project, bodies included."""
        counts = self.counts()
        self.make_charter()
        self.make_goals(counts["goal"])
        self.make_milestones(counts["milestone"])
        self.make_tasks(counts["task"])
        self.make_risks(counts["risk"])
        self.make_decisions(counts["decision"])
        self.make_reports(counts["status-report"])
        self.make_changes(counts["change-request"])
        self.ensure_goals_served()
        for doc in self.docs:
            self.write_body(doc)
        return self.docs

    # -- charter, goals, milestones
    def make_charter(self) -> None:
        """The approved charter with every initiation key."""
        rng = self.rng
        title = f"{rng.choice(PROGRAMMES)} {self.pid}"
        stakeholders = [{"name": name, "role": role, "interest": rng.choice(LEVELS),
                         "influence": rng.choice(LEVELS)}
                        for name, role in zip(self.names[5:], rng.sample(ROLES, rng.randint(3, 5)))]
        c = self.components
        self.add("charter", "index.md", {
            "title": title, "owner": self.manager, "phase": self.phase,
            "sponsor": self.sponsor, "manager": self.manager, "stakeholders": stakeholders,
            "problem": (f"The {c[0]} and the {c[1]} no longer keep up with demand, "
                        "and every change to them is slow and risky."),
            "objectives": [f"Replace the legacy {c[0]} without downtime",
                           f"Cut the lead time for changes to the {c[1]} in half",
                           f"Give the {self.team} team self-service access to the {c[2]}"],
            "scope": {"in": [f"The {x}" for x in c[:3]], "out": [f"The {x}" for x in c[6:8]]},
            "success_criteria": [f"The {c[0]} serves all traffic by the end date",
                                 "No severity 1 incident caused by the migration",
                                 "Budget variance below ten percent"],
            "budget": rng.randrange(200, 5000) * 1000, "start": self.start, "end": self.end,
            "approved": {"by": self.sponsor,
                         "on": min(self.start, TODAY) - timedelta(days=rng.randint(10, 40))},
            "tags": self.tags("portfolio")}, doc_id=self.pid, topic=c[0])

    def goal_numbers(self) -> tuple[str, str, float, float, float]:
        """Metric, unit, baseline, target and current value for a new goal."""
        rng = self.rng
        name, unit, base, goal = rng.choice(METRICS)
        factor = 1.0 if unit == "%" and base > 90 else rng.uniform(0.8, 1.2)
        baseline, target = base * factor, goal * factor
        if unit == "%":
            baseline, target = min(baseline, 99.0), min(target, 99.9)
        progress = 0.0 if self.phase == "planning" else rng.uniform(0.1, 0.9)
        current = baseline + (target - baseline) * progress
        if isinstance(base, int) and isinstance(goal, int) and min(base, goal) >= 10:
            return name, unit, round(baseline), round(target), round(current)
        return name, unit, round(baseline, 2), round(target, 2), round(current, 2)

    def make_goals(self, count: int) -> None:
        """Goals with owner, metric, target, deadline and current value."""
        rng = self.rng
        for _ in range(count):
            name, unit, baseline, target, current = self.goal_numbers()
            component = rng.choice(self.components)
            roll = rng.random()
            status = ("proposed" if roll < 0.3 else "active") if self.phase == "planning" else \
                ("achieved" if roll < 0.15 else "proposed" if roll < 0.25 else "active")
            low = TODAY - timedelta(days=60) if status == "achieved" else \
                max(TODAY, self.start) + timedelta(days=30)
            high = TODAY - timedelta(days=1) if status == "achieved" else self.end
            if status == "achieved":
                current = target
            verb = "Reduce" if target < baseline else "Increase"
            self.add("goal", "", {
                "title": f"{verb} {name} of the {component}", "owner": rng.choice(self.leads),
                "status": status, "metric": f"{name} of the {component}", "baseline": baseline,
                "target": target, "current": current, "unit": unit,
                "deadline": self.days(low, high),
                "tags": self.tags(), "updated": self.days(TODAY - timedelta(days=30), TODAY)},
                topic=component)

    def make_milestones(self, count: int) -> None:
        """Milestones spread over the project with a due date."""
        rng = self.rng
        span = (self.end - self.start).days
        for n in range(count):
            due = self.start + timedelta(days=span * (n + 1) // (count + 1) + rng.randint(-5, 5))
            status = ("missed" if rng.random() < 0.1 else "reached") if due < TODAY else "planned"
            component = rng.choice(self.components)
            self.add("milestone", "", {
                "title": rng.choice(MILESTONE_TITLES).format(c=component, C=cap(component)),
                "owner": rng.choice(self.leads), "status": status, "due": due,
                "criteria": [f"Sign-off from {rng.choice(self.people)}",
                             f"No open blocker on the {component}"],
                "team": f"team-{self.team}", "tags": self.tags("milestone"),
                "updated": self.days(TODAY - timedelta(days=45), TODAY)}, topic=component)
        self.milestone_dues = [(m.data["due"], m.id) for m in self.by_type["milestone"]]

    # -- tasks
    def tree_shape(self, count: int) -> list[list[int]]:
        """Leaves per sub-summary, per top summary: ``[[12, 9], [14, 11, 8], ...]``."""
        tops = max(1, round(count / 60))
        subs = max(tops, round(count / 14))
        leaves = count - tops - subs
        while subs > tops and leaves < 3 * subs:
            subs, leaves = subs - 1, leaves + 1
        per_top = split(subs, tops, self.rng, minimum=1)
        per_sub = iter(split(leaves, subs, self.rng, minimum=3 if leaves >= 3 * subs else 1))
        return [[next(per_sub) for _ in range(n)] for n in per_top]

    def new_task(self, parent: Doc | None, folder: str, leaf: bool) -> Doc:
        """A task in the work breakdown; summaries get a folder with ``index.md``."""
        doc_id = self.new_id("task")
        path = f"{folder}/{doc_id.lower()}.md" if leaf else f"{folder}/{doc_id.lower()}/index.md"
        component = self.rng.choice(self.components)
        if parent is not None and self.rng.random() < 0.8:
            component = parent.topic
        data = {"owner": self.rng.choice(self.people if leaf else self.leads),
                "team": f"team-{self.team}"}
        if parent is not None:
            data["parent"] = parent.id
            parent.children += 1
        doc = self.add("task", path, data, doc_id=doc_id, topic=component)
        doc.leaf = leaf
        return doc

    def make_tasks(self, count: int) -> None:
        """The work breakdown: top summaries, sub-summaries and leaf tasks, in preorder."""
        leaves, summaries = [], []
        for subs in self.tree_shape(count):
            top = self.new_task(None, "tasks", leaf=False)
            summaries.append(top)
            top_dir = f"tasks/{top.id.lower()}"
            for leaf_count in subs:
                sub = self.new_task(top, top_dir, leaf=False)
                summaries.append(sub)
                sub_dir = f"{top_dir}/{sub.id.lower()}"
                leaves += [self.new_task(sub, sub_dir, leaf=True) for _ in range(leaf_count)]
        for n, leaf in enumerate(leaves):
            self.schedule_leaf(leaf, n, len(leaves))
            self.link_leaf(leaf, leaves[max(0, n - 24):n])
        for summary in reversed(summaries):
            self.roll_up(summary)
        for n, top in enumerate(t for t in summaries if "parent" not in t.data):
            goals = self.by_type["goal"]
            top.data["goals"] = [goals[n % len(goals)].id]

    def schedule_leaf(self, leaf: Doc, n: int, total: int) -> None:
        """Dates, estimate, status and title of a leaf task from its place in the plan."""
        rng, data = self.rng, leaf.data
        span = (self.end - self.start).days
        position = min(max((n + rng.uniform(-2, 2)) / total, 0.0), 1.0)
        start = self.start + timedelta(days=int(position * span * 0.9))
        duration = rng.choice((2, 3, 4, 5, 8, 10, 12, 15, 20))
        due = min(start + timedelta(days=duration), self.end)
        start = min(start, due)
        data.update(start=start, due=due, estimate=self.estimate((due - start).days or 1))
        data["status"] = self.leaf_status(start, due)
        component = leaf.topic
        data["title"] = (rng.choice(VERBS) + " " + rng.choice(OBJECTS).format(c=component)
                         + rng.choice(QUALIFIERS))
        if data["status"] == "blocked":
            data["blocked_reason"] = rng.choice(BLOCKED_REASONS).format(c=rng.choice(COMPONENTS))
        elif data["status"] == "cancelled":
            data["cancel_reason"] = rng.choice(CANCEL_REASONS).format(c=component)
        data["tags"] = self.tags()
        data["updated"] = min(TODAY, self.days(start, start + timedelta(days=30)))

    def estimate(self, days: int) -> str:
        """An effort estimate like ``6h``, ``3d`` or ``2w`` for a task lasting ``days``."""
        if days <= 2 and self.rng.random() < 0.5:
            return f"{self.rng.choice((4, 6, 8, 12))}h"
        if days >= 10 and days % 5 == 0:
            return f"{days // 5}w"
        return f"{max(1, days - self.rng.randint(0, 2))}d"

    def leaf_status(self, start: date, due: date) -> str:
        """Done before today, in progress or blocked around it, todo after it."""
        roll = self.rng.random()
        if due < TODAY:
            return "cancelled" if roll < 0.05 else "done"
        if start <= TODAY:
            return "blocked" if roll < 0.12 else "todo" if roll < 0.22 else "in-progress"
        return "todo"

    def link_leaf(self, leaf: Doc, earlier: list[Doc]) -> None:
        """Dependencies on earlier leaves, goals served and the milestone it counts towards."""
        rng, data = self.rng, leaf.data
        # Only work due by this one's start: starting before a dependency is due is TPM210.
        earlier = [d for d in earlier if d.data["due"] <= data["start"]]
        if earlier and rng.random() < 0.5:
            picked = rng.sample(earlier, min(len(earlier), rng.randint(1, 2)))
            data["depends_on"] = [d.id for d in picked]
        if rng.random() < 0.2:
            data["goals"] = [rng.choice(self.by_type["goal"]).id]
        if rng.random() < 0.35:
            later = [mid for due, mid in self.milestone_dues if due >= data["due"]]
            if later:
                data["milestone"] = later[0]

    def roll_up(self, summary: Doc) -> None:
        """A summary task's dates and status from its children (already rolled up)."""
        kids = [d for d in self.by_type["task"] if d.data.get("parent") == summary.id]
        data, rng = summary.data, self.rng
        data["start"] = min(k.data["start"] for k in kids)
        data["due"] = max(k.data["due"] for k in kids)
        statuses = {k.data["status"] for k in kids}
        if statuses <= {"done", "cancelled"}:
            data["status"] = "cancelled" if statuses == {"cancelled"} else "done"
        else:
            data["status"] = "todo" if statuses == {"todo"} else "in-progress"
        if data["status"] == "cancelled":
            data["cancel_reason"] = "All work in this package was cancelled."
        if rng.random() < 0.5:
            data["estimate"] = f"{max(1, (data['due'] - data['start']).days // 5)}w"
        component = summary.topic
        word = rng.choice(STAGES)
        data["title"] = (f"{cap(component)} {word}" if "parent" in data
                         else rng.choice(TASK_TITLES_TOP).format(C=cap(component)))
        data["tags"] = self.tags("summary")
        data["updated"] = self.days(TODAY - timedelta(days=20), TODAY)

    def ensure_goals_served(self) -> None:
        """Every goal is served by at least one leaf task, not only by a summary."""
        served = {g for t in self.by_type["task"] if t.leaf for g in t.data.get("goals", ())}
        leaves = [t for t in self.by_type["task"] if t.leaf]
        for goal in self.by_type["goal"]:
            if goal.id not in served:
                leaf = self.rng.choice(leaves)
                leaf.data.setdefault("goals", []).append(goal.id)

    # -- risks, decisions, reports, change requests
    def make_risks(self, count: int) -> None:
        """Risks with probability, impact, owner and response; high ones fully planned."""
        targets = self.by_type["task"] + self.by_type["milestone"] + self.by_type["goal"]
        for _ in range(count):
            component = self.rng.choice(self.components)
            data = self.risk_data(component)
            data["affects"] = [d.id for d in self.rng.sample(targets, self.rng.randint(1, 3))]
            self.add("risk", "", data, topic=component)

    def risk_data(self, component: str) -> dict:
        """One risk's assessment, response plan and review date."""
        rng = self.rng
        probability, impact = rng.randint(1, 5), rng.randint(1, 5)
        high = probability * impact >= RISK_THRESHOLD
        roll = rng.random()
        status = "open" if roll < 0.45 else "mitigating" if roll < 0.75 else \
            "closed" if roll < 0.95 or self.phase == "planning" else "occurred"
        review = rng.randint(1, 45) if status in ("open", "mitigating") else -rng.randint(5, 90)
        data = {"title": rng.choice(RISK_TITLES).format(c=component, K=cap(rng.choice(CONCERNS))),
                "owner": rng.choice(self.leads), "status": status,
                "category": rng.choice(CATEGORIES), "probability": probability,
                "impact": impact, "response": rng.choice(RESPONSES_HIGH if high else RESPONSES_LOW),
                "trigger": f"The {component} misses two consecutive sprint goals.",
                "review_by": TODAY + timedelta(days=review), "tags": self.tags("risk"),
                "updated": self.days(TODAY - timedelta(days=30), TODAY)}
        if high or rng.random() < 0.6:
            data["mitigation"] = (f"Run a spike on the {component} early and agree a fallback "
                                  f"with {rng.choice(self.names)}.")
        if high or rng.random() < 0.4:
            data["contingency"] = (f"Keep the current {component} running in parallel "
                                   "for one more release.")
        return data

    def make_decisions(self, count: int) -> None:
        """Decision records in date order; some supersede an earlier accepted one."""
        rng = self.rng
        low = min(self.start, TODAY) - timedelta(days=90)
        dates = sorted(self.days(low, TODAY - timedelta(days=1)) for _ in range(count))
        for day in dates:
            roll = rng.random()
            status = "accepted" if roll < 0.75 else "proposed" if roll < 0.87 else "rejected"
            component = rng.choice(self.components)
            data = {"title": rng.choice(DECISION_TITLES).format(c=component, t=rng.choice(TECH)),
                    "owner": self.manager, "status": status, "date": day,
                    "deciders": rng.sample(self.leads, 2),
                    "alternatives": [f"Keep the current {component}",
                                     f"Use {rng.choice(TECH)} instead"],
                    "team": f"team-{self.team}", "tags": self.tags("adr"),
                    "updated": self.days(day, TODAY)}
            open_ = [d for d in self.by_type["decision"] if d.data["status"] == "accepted"]
            if status == "accepted" and open_ and rng.random() < 0.15:
                old = rng.choice(open_)
                old.data["status"] = "superseded"
                data["supersedes"] = old.id
            self.add("decision", "", data, topic=component)

    def make_reports(self, count: int) -> None:
        """Weekly status reports, the newest at most a week old."""
        rng = self.rng
        newest = TODAY - timedelta(days=rng.randint(0, 6))
        for n in reversed(range(count)):
            day = newest - timedelta(days=7 * n)
            year, week, _ = day.isocalendar()
            period = f"{year}-W{week:02d}"
            health = rng.choices(("green", "amber", "red"), (6, 3, 1))[0]
            self.add("status-report", "", {
                "title": f"Status report {period}", "owner": self.manager, "date": day,
                "period": period, "health": health,
                "summary": (f"Work on the {rng.choice(self.components)} is "
                            f"{'on track' if health == 'green' else 'behind plan'}; "
                            "see the risks section."),
                "audience": ["sponsor", "steering-committee"],
                "highlights": [f"{cap(rng.choice(self.components))} {rng.choice(STAGES)} completed",
                               f"Next: {rng.choice(VERBS).lower()} the "
                               f"{rng.choice(self.components)}"],
                "tags": self.tags("status")})

    def make_changes(self, count: int) -> None:
        """Change requests; decided ones carry who and when, approved ones what they affect."""
        rng = self.rng
        targets = self.by_type["task"] + self.by_type["milestone"] + self.by_type["goal"]
        low = min(self.start, TODAY) - timedelta(days=30)
        for _ in range(count):
            day = self.days(low, TODAY - timedelta(days=1))
            status = rng.choices(("proposed", "approved", "rejected", "implemented"),
                                 (25, 35, 15, 25))[0]
            component = rng.choice(self.components)
            data = {"title": rng.choice(CHANGE_TITLES).format(c=component, f=rng.choice(FEATURES)),
                    "owner": self.manager, "status": status, "requested_by": rng.choice(self.names),
                    "date": day, "impact": {"scope": rng.choice(("minor", "moderate", "major")),
                                            "schedule": f"+{rng.randint(1, 4)}w",
                                            "cost": rng.randrange(5, 120) * 1000},
                    "tags": self.tags("change"), "updated": self.days(day, TODAY)}
            if status != "proposed":
                data["decided_by"] = rng.choice((self.sponsor, self.manager))
                data["decided_on"] = min(TODAY, day + timedelta(days=rng.randint(2, 21)))
            if status in ("approved", "implemented") or rng.random() < 0.5:
                data["affects"] = [d.id for d in rng.sample(targets, rng.randint(1, 3))]
            self.add("change-request", "", data, topic=component)

    def write_body(self, doc: Doc) -> None:
        """Render the front matter and add a body so the file is about 2 KB."""
        data = doc.data
        refs = [r for key in ("parent", "depends_on", "affects", "goals") for r in
                ([data[key]] if isinstance(data.get(key), str) else data.get(key, ()))]
        mention = refs[0] if refs else self.rng.choice(self.docs).id
        doc.front = render_front(data)
        target = self.rng.randint(1750, 2350) - len(doc.front)
        doc.body = self.prose.body(doc.type, doc.topic, [mention], target)


# ---------------------------------------------------------------- defects
class DefectInjector:
    """Plants defects in one project's documents without disturbing the rest."""

    def __init__(self, rng: random.Random, builder: ProjectBuilder,
                 foreign: list[tuple[str, str]], ordinals: dict[str, int]):
        """Defects for ``builder``'s documents.

        ``foreign`` are (id, path) of other projects' leaf tasks; ``ordinals`` counts
        each kind across the corpus, to alternate the variants of a kind.
        """
        docs = builder.docs
        self.rng, self.docs, self.pid, self.foreign = rng, docs, builder.pid, foreign
        self.folder = builder.folder
        self.partner = ""  # the other file of a duplicate id
        self.touched: set[str] = set()
        referenced = {ref for d in docs for key in REFERENCE_KEYS
                      for ref in ([d.data[key]] if isinstance(d.data.get(key), str)
                                  else d.data.get(key, ()))}
        self.referenced = referenced
        self.spare_children = {d.id: d.children - 2 for d in docs if d.type == "task"}
        leaves = [d for d in docs if d.leaf and d.id not in referenced and "goals" not in d.data
                  and d.data["status"] in ("todo", "done")]
        self.pool = self.rng.sample(leaves, len(leaves))
        self.ordinals = ordinals

    def take_leaf(self) -> Doc | None:
        """An unreferenced leaf task whose loss leaves its parent with children to spare."""
        while self.pool:
            doc = self.pool.pop()
            parent = doc.data["parent"]
            if doc.id not in self.touched and self.spare_children[parent] > 0:
                self.spare_children[parent] -= 1
                self.touched.add(doc.id)
                return doc
        return None

    def take(self, kinds: tuple[str, ...]) -> Doc | None:
        """An untouched, unreferenced document of one of ``kinds``, not yet due."""
        candidates = [d for d in self.docs if d.type in kinds and d.id not in self.touched
                      and d.id not in self.referenced and d.data.get("due", TODAY) >= TODAY]
        if not candidates:
            return None
        doc = self.rng.choice(candidates)
        self.touched.add(doc.id)
        return doc

    def apply(self, kind: str) -> dict | None:
        """Plant one defect of ``kind``; its manifest entry, or None when nothing fits."""
        nth = self.ordinals.get(kind, 0)
        if kind == "dependency-cycle":
            return self.cycle()
        if kind == "invalid-status":
            doc = self.take((("task", "risk", "decision", "change-request")[nth % 4],))
        elif kind == "impossible-date":
            doc = self.take(("decision",)) or self.take(("change-request",))
        elif kind == "risk-without-mitigation":
            doc = self.take(("risk",))
        else:
            doc = self.take_leaf()
        if doc is None:
            return None
        self.ordinals[kind] = nth + 1
        self.partner = ""
        detail = self.plant(kind, doc, nth)
        doc.front = ""
        entry = {"path": f"{self.folder}/{doc.path}", "kind": kind, "id": doc.id,
                 "detail": detail}
        if self.partner:
            entry["paths"] = [entry["path"], self.partner]
        return entry

    def plant(self, kind: str, doc: Doc, nth: int) -> str:
        """Change one document's data or text; a short description of what changed."""
        data = doc.data
        if kind == "missing-owner":
            del data["owner"]
            return "leaf task without owner"
        if kind == "unknown-dependency":
            data["depends_on"] = data.get("depends_on", []) + [f"{self.pid}-T9999"]
            return f"depends_on names {self.pid}-T9999, which does not exist"
        if kind == "duplicate-id":
            if self.foreign:
                other, self.partner = self.rng.choice(self.foreign)
            else:
                twin = self.take(("task",)) or self.docs[0]
                other, self.partner = twin.id, f"{self.folder}/{twin.path}"
            data["id"] = other.lower() if nth % 2 else other
            return f"id {data['id']} is already the id of {self.partner}"
        if kind == "invalid-status":
            data["status"] = INVALID_STATUS[doc.type]
            return f"status {data['status']!r} is not in the {doc.type} vocabulary"
        if kind == "impossible-date":
            data["date"] = Raw("2024-02-30")
            return "date 2024-02-30 does not exist"
        if kind == "risk-without-mitigation":
            data["probability"], data["impact"] = 4, self.rng.randint(3, 5)
            data.pop("mitigation", None)
            data.setdefault("contingency", "Fall back to the current setup for one more release.")
            return f"score {4 * data['impact']} without mitigation"
        return self.plant_text(kind, doc, nth)

    def plant_text(self, kind: str, doc: Doc, nth: int) -> str:
        """Defects that break the front matter text itself."""
        if kind == "yaml-syntax-error":
            if nth % 2:
                doc.data["tags"] = Raw("[infra, " + self.rng.choice(("backend", "q3", "q4")))
                return "unclosed flow sequence in tags"
            doc.data["title"] = Raw(f"{doc.data['title']}: draft")
            return "unquoted ': ' in title"
        doc.text_defect = kind
        if kind == "duplicate-key":
            return "owner named twice"
        return "front matter never closed"

    def cycle(self) -> dict | None:
        """Three leaf tasks that depend on each other in a ring."""
        ring = [self.take_leaf() for _ in range(3)]
        if None in ring:
            return None
        for n, doc in enumerate(ring):
            doc.data["depends_on"] = [ring[(n + 1) % 3].id]
            doc.front = ""
        paths = [f"{self.folder}/{d.path}" for d in ring]
        return {"path": paths[0], "kind": "dependency-cycle", "id": ring[0].id,
                "paths": paths, "ids": [d.id for d in ring],
                "detail": " -> ".join(d.id for d in ring + ring[:1])}


def plan_defects(documents: int, projects: int, seed: int) -> dict[int, list[str]]:
    """Defect kinds per project index: ~2% of documents, kinds round-robin."""
    rng = random.Random(seed * 7_919 + 104_729)
    plan: dict[int, list[str]] = {n: [] for n in range(1, projects + 1)}
    for n in range(max(1, round(documents * DEFECT_RATE))):
        plan[rng.randrange(projects) + 1].append(DEFECT_KINDS[n % len(DEFECT_KINDS)])
    return plan


# ---------------------------------------------------------------- output
def check_out_dir(out_dir: Path) -> None:
    """Refuse a file, or a folder that already has something in it."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ValueError(f"{out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        raise ValueError(f"{out_dir} is not empty; refusing to write into it")


def write_project(out_dir: Path, folder: str, docs: list[Doc]) -> None:
    """Write one project's files, creating each folder once."""
    made: set[Path] = set()
    for doc in docs:
        path = out_dir / folder / doc.path
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(doc.render())


def generate(out_dir: Path, documents: int, seed: int = 1, defects: bool = False) -> dict:
    """Write the corpus into ``out_dir``; the number of documents of each type."""
    out_dir = Path(out_dir)
    projects = max(2, round(documents / DOCS_PER_PROJECT))
    if documents < projects * MIN_DOCS_PER_PROJECT:
        raise ValueError(f"--documents must be at least {projects * MIN_DOCS_PER_PROJECT}")
    check_out_dir(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    width = max(2, len(str(projects)))
    sizes = split(documents, projects, random.Random(seed), minimum=MIN_DOCS_PER_PROJECT)
    plan = plan_defects(documents, projects, seed) if defects else {}
    counts = dict.fromkeys(TYPES, 0)
    manifest: list[dict] = []
    carry: list[str] = []  # defect kinds a project had no room for move to the next one
    ordinals: dict[str, int] = {}  # defects planted so far, by kind
    foreign: list[tuple[str, str]] = []  # (id, path) of intact leaf tasks written so far
    for index, size in enumerate(sizes, start=1):
        builder = ProjectBuilder(index, width, size, seed)
        docs = builder.build()
        entries, carry = inject(builder, carry + plan.get(index, []), foreign, seed, ordinals)
        manifest += entries
        write_project(out_dir, builder.folder, docs)
        for doc in docs:
            counts[doc.type] += 1
    if defects:
        body = {"today": TODAY.isoformat(), "seed": seed, "documents": documents,
                "defects": manifest}
        (out_dir / "DEFECTS.json").write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    return counts


def inject(builder: ProjectBuilder, kinds: list[str], foreign: list[tuple[str, str]],
           seed: int, ordinals: dict[str, int]) -> tuple[list[dict], list[str]]:
    """Plant a project's defects: manifest entries (paths from ``OUT_DIR``) and kinds left over.

    ``foreign`` collects the intact leaf tasks of each project, for duplicate ids
    that span projects.
    """
    entries, left, touched = [], [], set()
    if kinds:
        rng = random.Random(seed * 7_919 + builder.index * 104_723)
        injector = DefectInjector(rng, builder, list(foreign), ordinals)
        for kind in kinds:
            entry = injector.apply(kind)
            entries += [entry] if entry else []
            left += [] if entry else [kind]
        touched = injector.touched
    foreign += [(d.id, f"{builder.folder}/{d.path}") for d in builder.docs
                if d.leaf and d.id not in touched]
    return entries, left


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Generate a tpmdocs benchmark corpus.")
    parser.add_argument("out_dir", type=Path, help="empty or missing folder to write into")
    parser.add_argument("--documents", type=int, required=True, help="number of documents")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--defects", action="store_true",
                        help="plant defects in ~2%% of documents and list them in DEFECTS.json")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    try:
        counts = generate(args.out_dir, args.documents, args.seed, args.defects)
    except (ValueError, OSError) as error:
        print(f"generate.py: error: {error}", file=sys.stderr)
        return 2
    total = sum(counts.values())
    mix = ", ".join(f"{k} {v} ({100 * v / total:.1f}%)" for k, v in counts.items())
    print(f"wrote {total} documents to {args.out_dir} in {time.perf_counter() - began:.1f}s: {mix}")
    print(f"lint with --today {TODAY.isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
