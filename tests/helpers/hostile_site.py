"""A project whose front matter is built to break HTML, attributes, tables, SVG, Jinja and URLs."""

from __future__ import annotations

import json

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PIPE = "a | b"
QUOTES = "\"double\" 'single' `tick`"
JINJA = "{{ 7*7 }} {% if true %}yes{% endif %}"
JS_URL = "javascript:alert(1)"
MD_LINK = "[click](javascript:alert(2)) *em* <b>bold</b>"
SVG_BREAK = "</text></svg><svg onload=alert(3)>"
ATTR_BREAK = "x\" onmouseover=\"alert(4)"

VALUES = (SCRIPT, IMG, PIPE, QUOTES, JINJA, JS_URL, MD_LINK, SVG_BREAK, ATTR_BREAK)


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML 1.2)."""
    return json.dumps(value)


DOCUMENTS = {
    "index.md": f"""---
type: charter
id: EVIL
title: {q(SCRIPT)}
phase: planning
owner: {q(JS_URL)}
sponsor: {q(IMG)}
manager: {q(ATTR_BREAK)}
problem: {q(MD_LINK)}
objectives: [{q(JINJA)}]
scope: {{in: [{q(PIPE)}], out: [{q(SVG_BREAK)}]}}
stakeholders: [{{name: {q(SCRIPT)}, role: {q(IMG)}, interest: high, influence: high}}]
approved: {{by: {q(IMG)}, on: 2026-01-05}}
---

# Charter

Mentions EVIL-T1 and `EVIL-T1` in code.
""",
    "risk.md": f"""---
type: risk
id: EVIL-R1
title: {q(PIPE + " " + SVG_BREAK)}
owner: {q(IMG)}
probability: 4
impact: 5
response: mitigate
mitigation: {q(SCRIPT + " " + JINJA)}
contingency: {q(MD_LINK)}
review_by: 2027-01-01
affects: [EVIL-T1]
status: open
---
""",
    "risk2.md": f"""---
type: risk
id: EVIL-R2
title: {q(ATTR_BREAK)}
owner: {q(JS_URL)}
probability: 4
impact: 5
response: mitigate
mitigation: {q(IMG)}
contingency: {q(PIPE)}
status: {q(ATTR_BREAK)}
---
""",
    "goal.md": f"""---
type: goal
id: EVIL-G1
title: {q(JINJA)}
owner: {q(SCRIPT)}
metric: {q(IMG)}
baseline: 0
current: 5
target: 10
unit: {q(SVG_BREAK)}
deadline: 2027-01-01
status: active
---
""",
    "task.md": f"""---
type: task
id: EVIL-T1
title: {q(IMG + " line one" + chr(10) + "line two")}
owner: {q(SCRIPT)}
goals: [EVIL-G1]
estimate: 3d
start: 2026-11-01
due: 2026-11-10
status: {q(SCRIPT)}
blocked_reason: {q(PIPE)}
---

Body mentions EVIL-G1.
""",
    "milestone.md": f"""---
type: milestone
id: EVIL-M1
title: {q(SVG_BREAK)}
owner: {q(QUOTES)}
due: 2026-12-01
status: planned
---
""",
    "report.md": f"""---
type: status-report
id: EVIL-SR1
title: {q(QUOTES)}
owner: {q(IMG)}
date: 2026-11-19
health: {q(SCRIPT)}
summary: {q(SCRIPT + " EVIL-T1 " + MD_LINK)}
---
""",
    "decision.md": f"""---
type: decision
id: EVIL-D1
title: {q(MD_LINK)}
owner: {q(JINJA)}
date: 2026-11-01
status: proposed
---
""",
    "odd folder (x)/t2 & co.md": """---
type: task
id: EVIL-T2
title: In an awkward folder
owner: "@ann"
goals: [EVIL-G1]
estimate: 1d
status: todo
---
""",
}
