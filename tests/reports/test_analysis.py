"""Failure categories, common causes, flakiness, regressions, findings, recommendations."""

from __future__ import annotations

from pytest_testronaut.reports import CaseRecord, CommandRecord
from pytest_testronaut.reports.analysis import (
    categorize,
    changes,
    flaky_cases,
    group_failures,
    recommendations,
    tool_findings,
)
from pytest_testronaut.reports.store import Past

from .helpers import failed, passed


def test_each_failure_gets_its_category() -> None:
    assert categorize(passed("a")) is None
    assert categorize(failed("exit")) == "wrong exit code"
    assert categorize(failed("out", check="stdout equals")) == "output mismatch"
    assert categorize(failed("slow", check="timeout", timed_out=True, exit_code=137)) == "timeout"
    assert categorize(failed("oom", exit_code=137)) == "killed"
    disk = failed("disk", check="stdout equals", exit_code=1)
    disk.commands[0].limit_reached = "disk limit 1g reached: /tmp"
    assert categorize(disk) == "killed"
    assert categorize(failed("judge", check="stdout expect", inconclusive=True)) == \
        "judge inconclusive"
    error = CaseRecord("p::e", "p::e", "p", "e", verdict="error", message="engine down")
    assert categorize(error) == "infrastructure"
    empty = CaseRecord("p::n", "p::n", "p", "n", verdict="fail",
                       message="no expectation yet: run with --testronaut-record")
    assert categorize(empty) == "no expectation"


def test_failures_with_one_cause_are_grouped() -> None:
    cases = [failed(f"c{n}", stderr=f"tool: cannot open 'file{n}.txt': code {n}\n")
             for n in range(3)] + [failed("other", stderr="tool: out of disk\n"), passed("ok")]
    for case in cases:
        case.category = categorize(case)
    groups = group_failures(cases)
    assert [len(g.cases) for g in groups] == [3, 1]
    assert groups[0].signature == "wrong exit code: tool: cannot open '…': code N"
    assert groups[0].cases == ["p.yaml::c0", "p.yaml::c1", "p.yaml::c2"]


def test_hand_written_failures_are_grouped_by_their_assertion() -> None:
    def test(name: str, message: str) -> CaseRecord:
        case = CaseRecord(f"t.py::{name}", f"t.py::{name}", "t.py", name, kind="test",
                          verdict="fail", message=message,
                          commands=[CommandRecord("tool run", 0, 0.1, stdout="1\n")])
        case.category = categorize(case)
        return case

    groups = group_failures([test("a", "AssertionError: count is off 3"),
                             test("b", "AssertionError: count is off 4"),
                             test("c", "assert 'x' == 'y'")])
    assert [(g.signature, len(g.cases)) for g in groups] == [
        ("assertion failed: AssertionError: count is off N", 2),
        ("assertion failed: assert '…' == '…'", 1)]


def test_a_verdict_changing_on_the_same_build_is_flaky() -> None:
    history = {"p.yaml::a": [Past("r1", 1.0, "build1", "pass", 0.1),
                             Past("r2", 2.0, "build1", "fail", 0.1)],
               # changed verdicts, but across builds: a change of the tool, not flakiness
               "p.yaml::b": [Past("r1", 1.0, "build0", "fail", 0.1)],
               "p.yaml::c": [Past("r1", 1.0, "build1", "pass", 0.1)]}
    rerun = passed("d")
    rerun.reruns = 2
    found = flaky_cases([passed("a"), passed("b"), passed("c"), rerun], history,
                        {"tool": "build1"}, run_id="r3", started=3.0)
    assert [f.key for f in found] == ["p.yaml::a", "p.yaml::d"]
    assert [h["verdict"] for h in found[0].history] == ["pass", "fail", "pass"]
    assert found[1].reruns == 2


def test_regressions_fixes_and_new_cases() -> None:
    history = {"p.yaml::a": [Past("r1", 1.0, "b", "pass", 0.1)],
               "p.yaml::b": [Past("r1", 1.0, "b", "fail", 0.1)]}
    assert changes([failed("a"), passed("b"), passed("c")], history) == (
        ["p.yaml::a"], ["p.yaml::b"], ["p.yaml::c"])


def test_findings_about_the_tool() -> None:
    help_fails = failed("help", command="tool --help", exit_code=2)
    on_stdout = failed("stdout", command="tool run x")
    on_stdout.commands = [CommandRecord("tool run x", 1, 0.1, stdout="Error: invalid x\n")]
    crash = failed("crash", stderr="Traceback (most recent call last):\n  File ...\n")
    accepted = passed("unknown", command="tool --testronaut-no-such-option")
    accepted.tags = ["error", "unknown-option"]
    kinds = [(f.kind, f.case) for f in tool_findings([help_fails, on_stdout, crash, accepted,
                                                      passed("fine")])]
    assert kinds == [("help exits non-zero", "p.yaml::help"),
                     ("error printed on stdout", "p.yaml::stdout"),
                     ("traceback or crash", "p.yaml::crash"),
                     ("unknown option accepted", "p.yaml::unknown")]


def test_a_generated_unknown_option_case_that_exits_0_is_a_finding() -> None:
    # Generation names these cases `unknown-option` (`remote-unknown-option` for a
    # subcommand); plan tags cannot hold a "-", so the id is what marks them.
    accepted = passed("remote-unknown-option", command="tool remote --testronaut-no-such-option")
    rejected = failed("unknown-option", command="tool --testronaut-no-such-option", exit_code=2)
    tagged = passed("bogus", command="tool --bogus")
    tagged.tags = ["unknown_option"]
    found = [(f.kind, f.case) for f in tool_findings([accepted, rejected, tagged])]
    assert found == [("unknown option accepted", "p.yaml::remote-unknown-option"),
                     ("unknown option accepted", "p.yaml::bogus")]


def test_a_usage_message_on_stdout_is_an_error_there_but_help_is_not() -> None:
    usage = failed("usage", command="tool run")
    usage.commands = [CommandRecord("tool run", 2, 0.1, stdout="usage: tool run FILE\n")]
    helped = failed("help", command="tool --help")
    helped.commands = [CommandRecord("tool --help", 1, 0.1,
                                     stdout="usage: tool [-h]\n\nunknown words are errors\n")]
    found = [(f.kind, f.case, f.detail) for f in tool_findings([usage, helped])]
    assert found == [("error printed on stdout", "p.yaml::usage", "usage: tool run FILE"),
                     ("help exits non-zero", "p.yaml::help", "exit code 1")]


def test_uncovered_surface_becomes_cases_to_add() -> None:
    coverage = {"commands": {"missing": ["tool remote"]},
                "options": {"missing": [f"tool --o{n}" for n in range(30)]},
                "choices": {"missing": []}}
    found = recommendations(coverage, limit=5)
    assert found[0] == "add a case running `tool remote`"
    assert found[1] == "add a case using `tool --o0`"
    assert found[-1] == "... and 26 more (see the coverage section)"
    assert recommendations(None) == []
