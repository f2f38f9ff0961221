"""Run-twice discovery: in record mode what differs between two runs of a case
becomes a proposed placeholder rule in the plan, and later runs pass with it."""

from __future__ import annotations

import pytest

from pytest_testronaut.plans import load_plan

pytestmark = pytest.mark.docker

PLAN = """\
version: 1
tool: python3
cases:
  - id: session
    command: python3 -c "import random; print('session', random.randint(10**8, 10**9)); print('3 files')"
"""


def test_record_twice_proposes_rules_that_keep_real_values(pytester: pytest.Pytester) -> None:
    plan = pytester.path / "rnd.testronaut.yaml"
    plan.write_text(PLAN)
    recorded = pytester.runpytest("--testronaut", "--testronaut-record", "--testronaut-record-twice")
    recorded.stdout.fnmatch_lines(["*runs differed: placeholder rules added*",
                                   "*-> <SESSION>*"])
    rules = load_plan(plan).plan.settings.normalize
    assert [r.placeholder for r in rules] == ["<SESSION>"]
    pytester.runpytest("--testronaut").assert_outcomes(passed=1)
    # The rule hides the random id, not the meaningful count.
    plan.write_text(plan.read_text().replace("      3 files", "      4 files"))
    pytester.runpytest("--testronaut").assert_outcomes(failed=1)


def test_without_record_twice_a_random_value_makes_the_next_run_fail(
        pytester: pytest.Pytester) -> None:
    (pytester.path / "rnd.testronaut.yaml").write_text(PLAN)
    pytester.runpytest("--testronaut", "--testronaut-record").assert_outcomes(passed=1)
    pytester.runpytest("--testronaut").assert_outcomes(failed=1)
