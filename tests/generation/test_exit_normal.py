"""Exit statuses that are a tool's normal answer (issue #8): the statuses a help
documents as an answer, not a failure ("1 if different", "1 otherwise") count as the
command working, with or without output, and operand values ending in one are
settings of the option search (``grep -i a`` shows where ``grep a`` selects nothing on
numbered lines but a line of ``Apple`` on duplicates). GNU grep and diff, and small
shell tools, run on this machine through the prober."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_testronaut.analysis.exit_status import exit_statuses
from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.generation import generate_plan
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.generation.evidence import Search, probe_datasets
from pytest_testronaut.generation.exit_normal import is_normal, normal_statuses
from pytest_testronaut.generation.probe import Outcome, Probe, Prober

from .tools import LocalRun, case_argv

GREP_TAIL = """Usage: finder [OPTION]... PATTERNS [FILE]...
Search for PATTERNS in each FILE.

  -i, --ignore-case         ignore case distinctions in patterns and data

Exit status is 0 if any line is selected, 1 otherwise;
if any error occurs and -q is not given, the exit status is 2.
"""
ENV_TAIL = """Usage: runner [OPTION]... [COMMAND [ARG]...]
Run COMMAND.

Exit status:
  125  if the runner itself fails
  126  if COMMAND is found but cannot be invoked
  127  if COMMAND cannot be found
"""
LS_TAIL = """Usage: lister [FILE]...

Exit status:
 0  if OK,
 1  if minor problems (e.g., cannot access subdirectory),
 2  if serious trouble (e.g., cannot access command-line argument).
"""


@pytest.fixture
def run(tmp_path: Path) -> LocalRun:
    return LocalRun(tmp_path)


def test_otherwise_is_a_documented_status() -> None:
    assert exit_statuses(GREP_TAIL) == {0: "any line is selected", 1: "otherwise"}


@pytest.mark.parametrize(("text", "normal"), [
    (GREP_TAIL, {1}),  # "1 otherwise": no line selected
    ("Usage: cmpx A B\nExit status is 0 if inputs are the same, 1 if different, "
     "2 if trouble.\n", {1}),
    (ENV_TAIL, set()),  # every documented status is a failure
    (LS_TAIL, set()),  # "minor problems" are problems
])
def test_the_normal_statuses_are_the_documented_answers(text: str, normal: set[int]) -> None:
    assert normal_statuses(parse_help(text, name="t", path=["t"])) == normal


def test_a_normal_outcome_is_an_answer_not_a_message() -> None:
    assert is_normal(Outcome(1, "", ""), {1})  # grep: nothing selected
    assert not is_normal(Outcome(1, "", ""))  # undocumented: its message may be lost
    assert not is_normal(Outcome(2, "", ""), {1})
    assert not is_normal(Outcome(1, "", "t: invalid option -- 'x'\n", stderr_size=27), {1})
    # undocumented: substantial output beside a little stderr (a warning) is an answer
    lines = "".join(f"< line {n}\n" for n in range(6))
    assert is_normal(Outcome(1, lines, "note: x\n", stderr_size=8))
    assert not is_normal(Outcome(1, "< a\n", "note: x\n", stderr_size=8))  # too little
    assert not is_normal(Outcome(1, lines, "t: error: x\n", stderr_size=12))
    assert not is_normal(Outcome(127, lines, ""), {127})  # not found: never normal
    assert not is_normal(Outcome(1, "Usage: t FILE\n", ""))


def test_a_documented_normal_status_counts_as_working_without_output(
        run: LocalRun) -> None:
    search = Search(Prober(run, probe_datasets()), ["grep", "zzz"], [], True, 1)
    search.documented_normal = {1}
    search.order_forms()
    got = search.prober.outcome(search.probe([], "numbered", "stdin"))
    assert got is not None and got.exit_code == 1 and not got.stdout
    assert search.accepts(got)  # no line selected: grep's answer
    missing = search.prober.outcome(Probe(("grep", "zzz", "missing.txt"), "numbered"))
    assert missing is not None and missing.exit_code == 2 and not search.accepts(missing)


def test_grep_ignore_case_is_searched_with_a_pattern_that_selects_nothing(
        run: LocalRun, tmp_path: Path) -> None:
    """``grep x`` works on numbered lines, and ``grep -i x`` prints the same there and
    everywhere; ``grep a`` (exit 1 on numbered lines: documented) is a setting, where
    ``-i`` selects ``Apple`` too. A grep ignoring ``-i`` fails the case."""
    plan = generate_plan(run.spec("grep"), run=run)
    case = next(c for c in plan.cases if case_argv(c)[1:2] == ["--ignore-case"])
    assert NO_EFFECT_TAG not in case.tags, case
    argv = case_argv(case)
    without = [w for w in argv if w != "--ignore-case"]
    mine = run.case_output(case, argv, tmp_path / "with")
    assert mine[0] == 0 and "Apple" in mine[1]
    assert mine != run.case_output(case, without, tmp_path / "without")
