"""Plan files as pytest items, driven through pytester as a user runs them."""

from __future__ import annotations

import pytest

from pytest_testronaut.plans import load_plan

PLAN = """\
version: 1
tool: sort
cases:
  - id: reverse
    command: sort -r
    stdin: "a\\nc\\nb\\n"
    tags: [smoke]
    exit: 0
    stdout: "c\\nb\\na\\n"
  - id: count-lines
    command: [wc, -l]
    stdin: "x\\ny\\n"
    tags: [smoke, counting]
    exit: success
    stdout: {regex: '^2$'}
  - id: wrong
    command: sort
    stdin: "b\\na\\n"
    stdout:
      equals: "b\\na\\n"
  - id: unrecorded
    command: sort -n
    stdin: "10\\n9\\n"
    origin: generated
workflows:
  - id: flow
    tags: [multi]
    steps:
      - id: make
        command: printf 'b\\na\\n' > data.txt && echo made id=42
        capture: {n: 'id=(\\d+)'}
        exit: 0
      - id: use
        command: sort data.txt && echo got ${n}
        stdout: {equals: "a\\nb\\ngot 42\\n"}
"""


def test_tags_select_with_k_and_m(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", sort=PLAN)
    # tags are registered as markers, so --strict-markers accepts them
    result = pytester.runpytest("--testronaut", "--strict-markers", "--collect-only", "-q",
                                "-m", "smoke")
    result.stdout.fnmatch_lines(["sort.testronaut.yaml::reverse",
                                 "sort.testronaut.yaml::count-lines", "*2/6 tests collected*"])
    result = pytester.runpytest("--testronaut", "--collect-only", "-q", "-m", "multi")
    result.stdout.fnmatch_lines(["sort.testronaut.yaml::flow::make",
                                 "sort.testronaut.yaml::flow::use"])
    result = pytester.runpytest("--testronaut", "--collect-only", "-q", "-k", "wrong or count")
    result.stdout.fnmatch_lines(["*2/6 tests collected*"])


def test_plans_are_inert_without_testronaut(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", sort=PLAN)
    result = pytester.runpytest("--collect-only", "-q")
    result.stdout.fnmatch_lines(["no tests collected*"])


def test_invalid_plan_is_a_collection_error_with_file_line(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", bad="tool: x\ncases:\n  - id: a\n    comand: ls\n")
    result = pytester.runpytest("--testronaut")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*invalid testronaut plan:*",
                                 "bad.testronaut.yaml:4: cases[[]0].comand: unknown key 'comand'*"])
    result.stdout.no_fnmatch_line("*Traceback*")


@pytest.mark.docker
def test_plan_runs_fails_with_evidence_and_records(pytester: pytest.Pytester) -> None:
    plan_file = pytester.makefile(".testronaut.yaml", sort=PLAN)
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, failed=2)
    result.stdout.fnmatch_lines([
        "*_ plan: wrong _*",
        "sort.testronaut.yaml:16: case 'wrong' failed: stdout equals",
        "command: sort",
        "exit code: 0*",
        "* stdout equals failed [[]tier: *]",
        "*+a",
        "*-a",
    ])
    result.stdout.fnmatch_lines([
        "*_ plan: unrecorded _*",
        "sort.testronaut.yaml:21: case 'unrecorded' failed: no expectation",
        "no expectation yet: run with --testronaut-record*",
    ])

    result = pytester.runpytest("--testronaut", "--testronaut-record", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=5, failed=1)  # 'wrong' is a person's case: not recorded
    result.stdout.fnmatch_lines(["*testronaut record*", "*1 expectation(s) recorded*"])
    cases = {c.id: c for c in load_plan(plan_file).plan.cases}
    unrecorded = cases["unrecorded"]
    assert unrecorded.origin == "recorded" and unrecorded.exit == 0
    assert unrecorded.stdout is not None and unrecorded.stdout.equals == "9\n10\n"

    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider", "-k", "not wrong")
    result.assert_outcomes(passed=5)


@pytest.mark.docker
def test_failed_workflow_step_skips_the_rest(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", flow="""\
tool: sh
workflows:
  - id: broken
    steps:
      - command: echo nothing here
        capture: {n: 'id=(\\d+)'}
      - command: echo ${n}
        exit: 0
""")
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(failed=1, skipped=1)
    result.stdout.fnmatch_lines([
        "flow.testronaut.yaml:5: workflow 'broken' step 'step1' failed: capture n",
        "*step step1 (flow.testronaut.yaml:5) failed*",
    ])


@pytest.mark.docker
def test_cli_image_overrides_plan_and_xdist_records(pytester: pytest.Pytester) -> None:
    plan_file = pytester.makefile(".testronaut.yaml", tr="""\
tool: tr
image: testronaut-no-such-image:never
cases:
  - id: upper
    command: tr a-z A-Z
    stdin: "abc\\n"
  - id: delete
    command: tr -d b
    stdin: "abc\\n"
""")
    result = pytester.runpytest("--testronaut", "--testronaut-record", "-p", "no:cacheprovider",
                                "--testronaut-image", "testronaut-base:bookworm", "-n", "2")
    result.assert_outcomes(passed=2)
    cases = {c.id: c for c in load_plan(plan_file).plan.cases}
    assert cases["upper"].stdout is not None and cases["upper"].stdout.equals == "ABC\n"
    assert cases["delete"].stdout is not None and cases["delete"].stdout.equals == "ac\n"
    assert load_plan(plan_file).plan.image == "testronaut-no-such-image:never"


@pytest.mark.docker
def test_a_plan_recorded_on_one_build_fails_on_a_changed_build(pytester: pytest.Pytester) -> None:
    def build(words: str) -> str:
        return (f"shell:printf '#!/bin/sh\\necho {words}\\n' > /usr/local/bin/greet && "
                "chmod 755 /usr/local/bin/greet")

    pytester.makefile(".testronaut.yaml", greet=f"""\
tool: greet
install: ["{build('hello world')}"]
cases:
  - id: greet
    command: greet
""")
    pytester.runpytest("--testronaut", "--testronaut-record").assert_outcomes(passed=1)
    pytester.runpytest("--testronaut").assert_outcomes(passed=1)
    changed = pytester.runpytest("--testronaut", f"--testronaut-install={build('goodbye world')}")
    changed.assert_outcomes(failed=1)
    changed.stdout.fnmatch_lines(["*-hello world", "*+goodbye world"])


@pytest.mark.docker
def test_plan_isolation_test_gives_each_case_a_fresh_sandbox(pytester: pytest.Pytester) -> None:
    plan = """\
tool: sh
settings:
  isolation: {isolation}
cases:
  - id: write
    command: echo state > state.txt
    exit: 0
  - id: read
    command: cat state.txt
    exit: {read_exit}
"""
    pytester.makefile(".testronaut.yaml", shared=plan.format(isolation="module", read_exit=0))
    pytester.runpytest("--testronaut").assert_outcomes(passed=2)
    pytester.makefile(".testronaut.yaml", shared=plan.format(isolation="test", read_exit=1))
    pytester.runpytest("--testronaut").assert_outcomes(passed=2)
    # an explicit command-line isolation wins over the plan's
    pytester.runpytest("--testronaut", "--testronaut-isolation=module").assert_outcomes(
        passed=1, failed=1)


def test_exit_codes_are_bytes(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", bad="tool: t\ncases:\n  - id: a\n    command: t\n"
                                              "    exit: 300\n")
    result = pytester.runpytest("--testronaut")
    result.stdout.fnmatch_lines(["*bad.testronaut.yaml:5: cases*exit*"])
