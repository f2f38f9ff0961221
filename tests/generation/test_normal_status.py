"""A non-zero exit that is a normal outcome (issue #8): ``diff a b`` exits 1 when the
files differ, with the differences on stdout. Such a form is where the option search
runs, and its status counts as the command working; a usage error (a message on
stderr or a usage text, ``diff a``) stays a failing form. Real tools: ``differ``
(``tools.py``) and diffutils, run on this machine through the prober."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_testronaut.generation import generate_plan
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.generation.evidence import Search, normal_status, probe_datasets
from pytest_testronaut.generation.probe import Outcome, Probe, Prober

from .tools import LocalRun, case_argv


@pytest.fixture
def run(tmp_path: Path) -> LocalRun:
    return LocalRun(tmp_path)


def test_a_differ_like_tool_gets_option_cases_that_can_fail(
        run: LocalRun, tmp_path: Path) -> None:
    plan = generate_plan(run.spec("differ"), run=run)
    for number, flag in enumerate(("--ignore-case", "--numbers", "--brief")):
        case = next(c for c in plan.cases if flag in case_argv(c))
        assert NO_EFFECT_TAG not in case.tags, case
        argv = case_argv(case)
        assert argv[-2:] == ["input.txt", "input2.txt"]  # the form that works
        without = [w for w in argv if w != flag]
        mine = run.case_output(case, argv, tmp_path / f"{number}")
        # the option's effect is what the case records: a tool losing it fails it
        assert mine != run.case_output(case, without, tmp_path / f"{number}-without")
    # the plain run of that form exits 1 with the differences: recorded as it is
    plain = next(c for c in plan.cases if c.id == "run-numbered-two-files")
    status, out = run.case_output(plain, case_argv(plain), tmp_path / "plain")
    assert status == 1 and out.strip()


def test_an_option_of_diff_is_searched_on_two_differing_files(
        run: LocalRun, tmp_path: Path) -> None:
    plan = generate_plan(run.spec("diff"), run=run)
    found = [c for c in plan.cases if case_argv(c)[1:2] == ["--brief"]]
    assert found and NO_EFFECT_TAG not in found[0].tags
    argv = case_argv(found[0])
    assert argv[-2:] == ["input.txt", "input2.txt"]
    assert run.case_output(found[0], argv, tmp_path)[0] == 1  # "Files ... differ"
    status = next(c for c in plan.cases if c.id.startswith("run-numbered-two-files"))
    assert run.case_output(status, case_argv(status), tmp_path / "plain")[0] == 1


def _outcome(run: LocalRun, argv: tuple[str, ...]) -> Outcome | None:
    return Prober(run, probe_datasets()).outcome(Probe(argv, "numbered"))


@pytest.mark.parametrize("argv", [
    ("differ", "input.txt", "input2.txt"),  # the differences, exit 1
    ("cmp", "input.txt", "input2.txt"),  # "input.txt input2.txt differ: ...", exit 1
])
def test_a_non_zero_exit_with_output_and_a_silent_stderr_is_normal(
        run: LocalRun, argv: tuple[str, ...]) -> None:
    plain = _outcome(run, argv)
    assert plain is not None and plain.exit_code == 1
    assert normal_status(plain)


@pytest.mark.parametrize("argv", [
    ("differ", "input.txt"),  # "missing operand" on stderr, exit 2
    ("diff", "input.txt"),
    ("differ", "--bad", "input.txt", "input2.txt"),  # "invalid option"
    ("diff", "input.txt", "missing.txt"),  # "No such file or directory"
    ("grep", "zzz", "input.txt"),  # no match: exit 1, nothing printed
    ("sh", "-c", "echo 'Usage: tool FILE'; exit 2"),  # a usage text on stdout
    ("sh", "-c", "cat input.txt; echo oops >&2; exit 1"),  # output, but an error too
    ("false",),
])
def test_a_usage_error_or_a_silent_failure_is_not_normal(
        run: LocalRun, argv: tuple[str, ...]) -> None:
    plain = _outcome(run, argv)
    assert plain is not None and not plain.ok
    assert not normal_status(plain)


def test_a_normal_status_counts_as_working_only_with_output(run: LocalRun) -> None:
    search = Search(Prober(run, probe_datasets()), ["differ"], [], False, 1)
    search.order_forms()
    assert search.forms()[0] == "two-files" and search.normal_codes == {1}
    assert search.accepts(Outcome(1, "< a\n> b\n", ""))
    assert not search.accepts(Outcome(1, "", ""))  # its message went to stderr
    assert not search.accepts(Outcome(2, "< a\n> b\n", ""))
    assert not search.accepts(Outcome(1, "differ: invalid option -- 'x'\n", ""))
    plain = Search(Prober(run, probe_datasets()), ["cat"], [], True, 1)
    plain.order_forms()  # a tool working bare: its errors stay errors
    assert plain.forms()[0] == "stdin" and plain.normal_codes == set()
