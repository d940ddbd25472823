"""Every rule's examples, linted for real: bad gives exactly its marked findings, good none.

The examples are the data of ``tpmdocs explain`` and of the rule pages, so the
same files prove the rule and document it. Each example is linted with the
real CLI in a subprocess, from the example's own folder (so a
``pyproject.toml`` there is the configuration in force).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE_TODAY, run_cli
from tpmdocs.examples import SIDECAR, example_files, examples_of, expected_findings
from tpmdocs.rules import RULES
from tpmdocs.rules.base import ALWAYS

EXAMPLES = Path(RULES[0].examples_dir).parent
EXAMPLE_RULES = [r for r in RULES if not r.requires]  # TPM701 needs git history: tests/workflow


def lint(folder: Path, *options: str) -> tuple:
    """``(exit code, findings)`` of ``tpmdocs lint .`` run inside ``folder``."""
    result = run_cli("lint", ".", "--today", EXAMPLE_TODAY, "--format", "json", *options, cwd=folder)
    assert result.returncode in (0, 1), f"exit {result.returncode}: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)["findings"]


def located(findings: list) -> list:
    return sorted((f["path"], f["line"], f["code"]) for f in findings)


def described(findings: list) -> str:
    return "\n".join(f"{f['path']}:{f['line']}: {f['code']} {f['message']}" for f in findings) or "(none)"


@pytest.mark.parametrize("rule", EXAMPLE_RULES, ids=lambda r: r.code)
def test_bad_example_gives_exactly_the_marked_findings(rule):
    expected = expected_findings(rule, "bad")
    assert expected, f"{rule.code}: the bad example marks no finding"
    code, findings = lint(rule.examples_dir / "bad", "--select", rule.code)
    assert located(findings) == expected, described(findings)
    assert all(f["message"].strip() and f["rule"] == rule.name for f in findings)
    assert code == (1 if rule.severity.label == "error" else 0)


@pytest.mark.parametrize("rule", EXAMPLE_RULES, ids=lambda r: r.code)
def test_bad_example_shows_only_its_own_problem(rule):
    """Without ``--select`` the bad example breaks no other rule: the reader sees one point."""
    _code, findings = lint(rule.examples_dir / "bad")
    assert {f["code"] for f in findings} == {rule.code}, described(findings)


@pytest.mark.parametrize("rule", EXAMPLE_RULES, ids=lambda r: r.code)
def test_good_example_passes_its_rule(rule):
    code, findings = lint(rule.examples_dir / "good", "--select", rule.code)
    assert findings == [], described(findings)
    assert code == 0


@pytest.mark.parametrize("rule", EXAMPLE_RULES, ids=lambda r: r.code)
def test_good_example_is_a_clean_project(rule):
    """Good examples follow every rule of their phase, not only their own."""
    code, findings = lint(rule.examples_dir / "good")
    assert findings == [], described(findings)
    assert code == 0


@pytest.mark.parametrize("rule", EXAMPLE_RULES, ids=lambda r: r.code)
def test_examples_are_at_the_rules_phase(rule):
    """A phase rule is shown on a project at that phase (not merely a later one)."""
    for kind in ("bad", "good"):
        charters = [text for name, text in examples_of(rule, kind) if "\ntype: charter" in text]
        assert charters, f"{rule.code} {kind}: no charter"
        wanted = "initiation" if rule.phase == ALWAYS else rule.phase
        assert any(f"\nphase: {wanted}\n" in text for text in charters), f"{rule.code} {kind}"


@pytest.mark.parametrize("rule", EXAMPLE_RULES, ids=lambda r: r.code)
def test_good_example_marks_nothing(rule):
    assert expected_findings(rule, "good") == []
    assert not (rule.examples_dir / "good" / SIDECAR).exists()


def test_every_example_folder_belongs_to_a_rule():
    folders = {p.name for p in EXAMPLES.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}
    assert folders == {r.examples_dir.name for r in EXAMPLE_RULES}


def test_markers_name_only_their_rule():
    """A bad example marks findings of its own rule only (others would be untested noise)."""
    for rule in EXAMPLE_RULES:
        assert {code for *_where, code in expected_findings(rule, "bad")} == {rule.code}, rule.code


def test_the_sidecar_marks_real_lines():
    for rule in RULES:
        sidecar = rule.examples_dir / "bad" / SIDECAR
        if not sidecar.exists():
            continue
        names = {p.relative_to(sidecar.parent).as_posix(): p for p in example_files(rule, "bad")}
        for name, line, _code in expected_findings(rule, "bad"):
            assert name in names, f"{sidecar}: no file {name}"
            assert 1 <= line <= len(names[name].read_bytes().splitlines()), f"{sidecar}: {name}:{line}"


def listed_codes() -> list:
    result = run_cli("rules", "--format", "json")
    assert result.returncode == 0, result.stderr
    return [row["code"] for row in json.loads(result.stdout)]


def test_rules_lists_every_registered_rule():
    assert listed_codes() == [r.code for r in RULES]


@pytest.mark.parametrize("rule", EXAMPLE_RULES, ids=lambda r: r.code)
def test_explain_shows_both_examples(rule):
    result = run_cli("explain", rule.code)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"{rule.code} {rule.name}")
    assert rule.summary in out and rule.rationale in out
    for kind in ("bad", "good"):
        shown = examples_of(rule, kind)
        assert shown
        for name, text in shown:
            assert f"--- {kind} example: {name} ---" in out
            assert text.rstrip("\n") in out
    assert out.index("--- bad example:") < out.index("--- good example:")
    assert "# expect: " + rule.code in out


def test_explain_takes_a_name_too():
    rule = RULES[-1]
    by_name = run_cli("explain", rule.name)
    assert by_name.returncode == 0
    assert by_name.stdout == run_cli("explain", rule.code).stdout


def test_explain_of_an_unknown_rule_is_a_usage_error():
    result = run_cli("explain", "TPM999")
    assert result.returncode == 2
    assert "TPM999" in result.stderr and "Traceback" not in result.stderr


def test_the_unreadable_example_is_shown_readably():
    """The TPM001 example holds a Latin-1 byte; explain shows it escaped, it does not crash."""
    result = run_cli("explain", "TPM001")
    assert result.returncode == 0, result.stderr
    assert "Caf\\xe9" in result.stdout
