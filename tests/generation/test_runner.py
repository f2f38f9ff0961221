"""Commands that run a command (issue #8): what ``env -C``, ``env -u`` change shows
only in what the command they run prints, and a command that is not there is an exit
status of its own. GNU env, run on this machine through the prober."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.generation import generate_plan
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.generation.runner import MISSING_COMMAND, runner_values, runs_a_command

from .tools import LocalRun, case_argv

RUNNER_HELP = """Usage: runner [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]
Set each NAME to VALUE in the environment and run COMMAND.

  -u, --unset=NAME     remove variable from the environment
  -C, --chdir=DIR      change working directory to DIR
  -k, --keep=NAME      keep the NAME file
  -t, --target=DIR     write into DIR
      --help           display this help and exit
"""


@pytest.fixture
def run(tmp_path: Path) -> LocalRun:
    return LocalRun(tmp_path)


def test_a_runner_is_told_by_its_command_operand() -> None:
    runner = parse_help(RUNNER_HELP, name="runner", path=["runner"])
    assert runs_a_command(runner)
    assert runs_a_command(parse_help(
        "Usage: apply [OPTION]... COMMAND [INITIAL-ARGS]...\n", name="apply", path=["apply"]))
    assert not runs_a_command(parse_help(
        "Usage: order [OPTION]... [FILE]...\n  -r, --reverse  reverse\n", name="order",
        path=["order"]))
    values = {o.primary: runner_values(o) for o in runner.options}
    assert values["--unset"] == ["HOME", "PATH"]  # a variable that is set
    assert values["--chdir"] == ["/", ".."]  # a folder that exists
    assert values["--keep"] == [] and values["--target"] == []  # neither


def test_env_options_show_in_what_the_command_prints(run: LocalRun, tmp_path: Path) -> None:
    plan = generate_plan(run.spec("env"), run=run)
    by_flag = {case_argv(c)[1]: c for c in plan.cases if len(case_argv(c)) > 1}
    for number, (flag, value) in enumerate((("--chdir", "/"), ("--unset", "HOME"))):
        case = by_flag[flag]
        assert NO_EFFECT_TAG not in case.tags, case
        argv = case_argv(case)
        assert argv[2] == value
        without = [w for w in argv if w not in (flag, value)]
        # an env ignoring the option prints something else: the case fails
        mine = run.case_output(case, argv, tmp_path / f"{number}")
        assert mine[0] == 0
        assert mine != run.case_output(case, without, tmp_path / f"{number}-without")
    assert case_argv(by_flag["--chdir"])[3:] == ["pwd"]  # the command showing it
    missing = next(c for c in plan.cases if case_argv(c)[1:] == [MISSING_COMMAND])
    assert run.case_output(missing, case_argv(missing), tmp_path / "missing")[0] == 127
    assert "127" in missing.description
    shown = [case_argv(c)[1:] for c in plan.cases if c.id.startswith("command-")]
    assert ["pwd"] in shown and ["env"] not in shown  # not env again
