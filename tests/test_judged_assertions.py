"""result.should() and result.assert_equivalent() in hand-written suites, as a user
writes them: the offline agent by default, policies for inconclusive verdicts, and
normalization rules from the ini file and the hook."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.docker

SUITE = """
import pytest

def test_json(testronaut_env):
    result = testronaut_env.run("echo '{\\"id\\": 1}'")
    verdict = result.should("prints valid JSON")
    assert verdict.tier == "semantic" and verdict.passed

def test_undecidable(testronaut_env):
    testronaut_env.run("date").should("greets the user warmly in French")

def test_equivalent(testronaut_env):
    result = testronaut_env.run("date -u +%Y-%m-%dT%H:%M:%SZ; echo build-1a2b3c4d done; echo 3 files")
    result.assert_equivalent("2001-02-03T04:05:06Z\\nbuild-ffffffff done\\n3 files\\n")

def test_regression(testronaut_env):
    testronaut_env.run("echo 3 files").assert_equivalent("4 files\\n")

def test_agent(testronaut_agent):
    assert testronaut_agent.is_offline
"""


UNDECIDABLE_PLAN = """\
tool: echo
cases:
  - id: judged
    command: echo bonjour
    expect: greets the user warmly in French
"""


def test_offline_judging_and_rules(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntestronaut_rules =\n    build=build-[0-9a-f]{8}=><BUILD>\n")
    pytester.makepyfile(test_judged=SUITE)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=2)
    result.stdout.fnmatch_lines([
        "*inconclusive: `date`, expected to: greets the user warmly in French*"
        "offline agent cannot judge this expectation; configure --testronaut-model*",
        "*(inconclusive fails by default; see --testronaut-inconclusive)*",
        "*not equivalent to the recorded output*decided by the normalized tier*",
        "*-4 files*",
        "*+3 files*",
    ])


def test_rules_from_the_hook_and_the_skip_policy(pytester: pytest.Pytester) -> None:
    pytester.makeconftest("""
from pytest_testronaut.verify import Rule

def pytest_testronaut_normalizer_rules(config):
    return [Rule("build", r"build-[0-9a-f]{8}", "<BUILD>")]
""")
    pytester.makepyfile(test_judged=SUITE)
    result = pytester.runpytest("-p", "no:cacheprovider", "--testronaut-inconclusive=skip")
    result.assert_outcomes(passed=3, failed=1, skipped=1)


def test_a_bad_ini_rule_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntestronaut_rules =\n    nonsense\n")
    pytester.makepyfile(test_judged=SUITE)
    result = pytester.runpytest("-p", "no:cacheprovider", "-k", "equivalent")
    # Found at start-up, before any test runs: a usage error (exit 4) on stderr.
    result.stderr.fnmatch_lines(
        ["*ini testronaut_rules='nonsense' is not valid: expected NAME=REGEX=>PLACEHOLDER*"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_pass_policy_lists_what_it_let_through_even_when_warnings_are_errors(
        pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    pytester.makepyfile(test_suite=SUITE)
    pytester.makefile(".testronaut.yaml", judged=UNDECIDABLE_PLAN)
    result = pytester.runpytest("-p", "no:cacheprovider", "--testronaut",
                                "--testronaut-inconclusive=pass", "-k", "undecidable or judged")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["2 inconclusive check(s) passed by "
                                 "--testronaut-inconclusive=pass:"])
    result.stdout.fnmatch_lines(["  test_suite.py::test_undecidable: inconclusive*"])
    result.stdout.fnmatch_lines(["  judged.testronaut.yaml::judged: inconclusive: "
                                 "judged.testronaut.yaml:3: case 'judged'*"])


def test_skip_policy_points_at_the_plan_line(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", judged=UNDECIDABLE_PLAN)
    result = pytester.runpytest("-p", "no:cacheprovider", "--testronaut", "-rs",
                                "--testronaut-inconclusive=skip")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED ?1? judged.testronaut.yaml:3: inconclusive*"])
