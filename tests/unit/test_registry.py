"""The rule registry is complete: unique well-formed codes and names, valid phases, docs and examples."""

from __future__ import annotations

import re

import pytest

from tpmdocs import loader, schema
from tpmdocs.examples import example_files, expected_findings
from tpmdocs.model import Severity
from tpmdocs.query import QUERY_INVALID
from tpmdocs.rules import ALWAYS, BY_CODE, RULES, get

# The hundreds digit of a code is its phase: 0 always, 1 initiation, 2 planning, …
PHASE_OF_DIGIT = [ALWAYS, *schema.phases(), ALWAYS]  # TPM7xx: change control, any phase
EXAMPLE_RULES = [r for r in RULES if not r.requires]  # the others need more than a folder


def test_codes_are_unique_and_well_formed():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert re.fullmatch(r"TPM\d{3}", code), code


def test_codes_are_in_order():
    codes = [r.code for r in RULES]
    assert codes == sorted(codes)
    assert list(BY_CODE) == codes


def test_names_are_unique_kebab_case():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name


def test_phases_are_valid():
    assert list(schema.phases()) == ["initiation", "planning", "execution", "monitoring", "controlling",
                               "completion"]
    for rule in RULES:
        assert rule.phase == ALWAYS or rule.phase in schema.phases(), rule.code


def test_the_code_says_the_phase():
    for rule in RULES:
        assert PHASE_OF_DIGIT[int(rule.code[3])] == rule.phase, rule.code


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    assert isinstance(rule.severity, Severity)
    assert rule.summary.strip() and "\n" not in rule.summary and len(rule.summary) <= 120
    assert not rule.summary.endswith("."), "explain adds the full stop"
    assert len(rule.rationale.split()) >= 8, "a rationale says why, in a sentence or two"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_bad_and_good_examples(rule):
    if rule.requires:
        pytest.skip(f"{rule.code} needs {rule.requires}; tested in tests/workflow")
    assert example_files(rule, "bad"), f"{rule.examples_dir}/bad holds no document"
    assert example_files(rule, "good"), f"{rule.examples_dir}/good holds no document"
    assert expected_findings(rule, "bad"), f"{rule.code}: the bad example has no `# expect:` marker"


def test_only_the_loader_rules_have_no_check():
    """The loader's rules, and the check of query blocks, which runs as a file is read."""
    loader_codes = {loader.UNREADABLE, loader.MALFORMED, loader.DUPLICATE_KEY, loader.UNSUPPORTED_YAML,
                    QUERY_INVALID}
    assert {r.code for r in RULES if r.check is None and not r.requires} == loader_codes
    assert all(callable(r.check) for r in RULES if r.code not in loader_codes and not r.requires)


def test_rules_are_found_by_code_or_name():
    for rule in RULES:
        assert get(rule.code) is rule
        assert get(rule.code.lower()) is rule
        assert get(rule.name) is rule
    assert get("TPM999") is None and get("no-such-rule") is None
