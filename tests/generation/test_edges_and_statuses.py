"""Generation reaches what a check-mode or operand-only tool answers with its exit
status, and options that show only with a word their help quotes or beside another
option's value: operands at their edges (an empty name, a leading '-', a non-portable
character) and a later operand failing (``pathchk``), each exit status the help
documents (``expr``), the `l' command for ``sed -l``, ``iconv -c`` beside ``-t
ASCII``, ``cksum --untagged`` beside an algorithm of the list "See DIGEST below".
Real tools (coreutils, sed, iconv) run on this machine through the prober."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_testronaut.generation import generate_plan
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.plans.model import Case, Plan

from .tools import LocalRun, case_argv


@pytest.fixture
def run(tmp_path: Path) -> LocalRun:
    return LocalRun(tmp_path)


def _plan(run: LocalRun, tool: str) -> Plan:
    return generate_plan(run.spec(tool), run=run)


def _with(plan: Plan, flag: str) -> Case:
    return next(c for c in plan.cases if flag in case_argv(c))


def _without(argv: list[str], *words: str) -> list[str]:
    out = list(argv)
    for word in words:
        out.remove(word)
    return out


def test_a_later_operand_that_fails_has_a_case(run: LocalRun, tmp_path: Path) -> None:
    plan = _plan(run, "pathchk")
    later = next(c for c in plan.cases if c.id.endswith("later-fails"))
    argv = case_argv(later)
    status, _ = run.case_output(later, argv, tmp_path / "a")
    first_only, _ = run.case_output(later, argv[:2], tmp_path / "b")
    assert len(argv) == 3 and status != 0 and first_only == 0, argv


def test_an_operand_at_an_edge_has_a_case_where_the_status_differs(
        run: LocalRun, tmp_path: Path) -> None:
    plan = _plan(run, "pathchk")
    edges = [c for c in plan.cases if c.id.startswith("edge-name-")
             and not c.id.endswith("later-fails")]
    assert edges, [c.command for c in plan.cases]
    assert run.case_output(edges[0], case_argv(edges[0]), tmp_path / "a")[0] != 0


@pytest.mark.parametrize("flag", ["-p", "-P"])
def test_a_check_option_is_tried_on_operands_that_break_its_rule(
        run: LocalRun, tmp_path: Path, flag: str) -> None:
    case = _with(_plan(run, "pathchk"), flag)
    assert NO_EFFECT_TAG not in case.tags, case.command
    argv = case_argv(case)
    assert run.case_output(case, argv, tmp_path / "a")[0] != \
        run.case_output(case, _without(argv, flag), tmp_path / "b")[0]


def test_each_documented_exit_status_is_reached(run: LocalRun, tmp_path: Path) -> None:
    plan = _plan(run, "expr")
    # recording makes each case expect the status it reached, error cases' too
    statuses = {run.case_output(c, case_argv(c), tmp_path / c.id)[0] for c in plan.cases}
    assert {0, 1, 2} <= statuses  # "Exit status is 0 if ..., 1 if ..., 2 if ..."


def test_a_word_the_help_quotes_is_tried_as_the_script(run: LocalRun, tmp_path: Path) -> None:
    case = _with(_plan(run, "sed"), "--line-length")
    argv = case_argv(case)
    assert NO_EFFECT_TAG not in case.tags and argv[-1] == "l", argv
    value = argv[argv.index("--line-length") + 1]
    other = [str(int(value) + 1) if w == value else w for w in argv]
    assert run.case_output(case, argv, tmp_path / "a") != \
        run.case_output(case, other, tmp_path / "b")  # N against N+1


def test_a_last_line_without_newline_reaches_a_filter_with_a_script(run: LocalRun) -> None:
    plan = _plan(run, "sed")
    case = next(c for c in plan.cases if c.id == "run-no-newline-stdin")
    assert case.stdin and not case.stdin.endswith("\n") and len(case_argv(case)) == 2


def test_an_option_is_tried_beside_another_options_value(
        run: LocalRun, tmp_path: Path) -> None:
    case = _with(_plan(run, "iconv"), "-c")
    argv = case_argv(case)
    assert NO_EFFECT_TAG not in case.tags and "--to-code" in argv, argv
    assert run.case_output(case, argv, tmp_path / "a") != \
        run.case_output(case, _without(argv, "-c"), tmp_path / "b")


def test_choices_listed_below_the_options_are_values(run: LocalRun, tmp_path: Path) -> None:
    plan = _plan(run, "cksum")
    untagged = _with(plan, "--untagged")
    argv = case_argv(untagged)
    assert NO_EFFECT_TAG not in untagged.tags and "--algorithm" in argv, argv
    assert run.case_output(untagged, argv, tmp_path / "a") != \
        run.case_output(untagged, _without(argv, "--untagged"), tmp_path / "b")


def test_a_tool_documenting_no_status_gets_a_case_reaching_the_usual_failure(
        run: LocalRun, tmp_path: Path) -> None:
    plan = _plan(run, "iconv")  # its help documents no exit status
    status = next(c for c in plan.cases if c.id == "status-1")
    argv = case_argv(status)
    assert any(w.startswith("-") for w in argv[1:]), argv  # a run of the option search
    assert run.case_output(status, argv, tmp_path / "a")[0] == 1
