"""A tool with many subcommands (issue #8: sqlite-utils, 49 commands and 354 options,
took minutes and its 60 cases covered the first five commands): the default budget
grows with the subcommands (at most three times), the budget keeps cases of every
command (each one's first case, then each one's second, ...), and when the options
outnumber the budget each command's option search stops at its share, naming the
options left for a larger budget. Generation stays deterministic."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from plans.specs import git_spec  # tests/plans (a package)

from pytest_testronaut.analysis.spec import CliSpec, Command, Option, Positional
from pytest_testronaut.generation import cases as cases_module
from pytest_testronaut.generation import generate_cases
from pytest_testronaut.generation.cases import case_budget, option_quota
from pytest_testronaut.plans.model import Case

from .tools import LocalRun

TEXTKIT = '''\
import sys
args = sys.argv[1:]
command, flags = args[0], set(args[1:])
lines = sys.stdin.read().splitlines()
change = {"upper": str.upper, "lower": str.lower, "title": str.title,
          "swap": str.swapcase, "strip": str.strip}[command]
lines = [change(line) for line in lines]
if "-r" in flags:
    lines.reverse()
if "-s" in flags:
    lines.sort()
if "-u" in flags:
    lines = list(dict.fromkeys(lines))
if "-n" in flags:
    lines = [f"{n}: {line}" for n, line in enumerate(lines, 1)]
if "-q" in flags:
    lines = lines[:1]
print("\\n".join(lines))
'''
COMMANDS = ("upper", "lower", "title", "swap", "strip")
FLAGS = {"-r": "reverse the lines", "-s": "sort the lines", "-u": "drop repeated lines",
         "-n": "number the lines", "-q": "print the first line only"}


def textkit_spec() -> CliSpec:
    def command(name: str) -> Command:
        return Command(name=name, path=[name], summary=f"{name} the lines of standard input",
                       usage=f"Usage: textkit {name} [OPTION]...", help_style="gnu",
                       options=[Option(flags=[flag], description=text)
                                for flag, text in FLAGS.items()])

    return CliSpec(tool="textkit", root=Command(
        name="textkit", usage="Usage: textkit COMMAND [OPTION]...", help_style="gnu",
        summary="change text read from standard input",
        positionals=[Positional(name="COMMAND", required=True)],
        subcommands=[command(name) for name in COMMANDS]))


@pytest.fixture
def run(tmp_path: Path) -> LocalRun:
    runner = LocalRun(tmp_path)
    runner.add_tool("textkit", TEXTKIT)
    return runner


def _command_of(case: Case) -> str:
    words = shlex.split(str(case.command))
    return words[1] if len(words) > 1 else ""


def test_the_default_budget_grows_with_subcommands_up_to_three_times() -> None:
    assert case_budget("basic", 1) == 60
    assert case_budget("basic", 6) == 70
    assert case_budget("basic", 49) == 156  # sqlite-utils: 48 subcommands
    assert case_budget("basic", 200) == 180
    assert case_budget("exhaustive", 3) == 1020
    spec = textkit_spec()
    # all 25 options and a plain run per command fit 70 cases: no quota
    assert option_quota(spec.root.walk(), 70) is None
    assert option_quota(spec.root.walk(), 20) == 2


def test_a_small_budget_keeps_cases_of_every_command() -> None:
    cases = generate_cases(git_spec(), scope="comprehensive", budget=12)
    assert len(cases) == 12
    commands = {_command_of(c) for c in cases}
    for sub in git_spec().root.subcommands:
        assert sub.name in commands, f"no case of {sub.name} kept: {sorted(commands)}"


def test_each_command_searches_its_share_of_options(run: LocalRun,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # the run count bounds the search, not the time (a busy machine would cut it)
    monkeypatch.setitem(cases_module.SEARCH_BOUNDS, "basic", (1500, 900.0))
    findings: list[str] = []
    cases = generate_cases(textkit_spec(), run=run, budget=20, findings=findings)
    assert len(cases) <= 20
    by_command: dict[str, list[Case]] = {}
    for case in cases:
        by_command.setdefault(_command_of(case), []).append(case)
    for name in COMMANDS:
        mine = by_command.get(name, [])
        assert mine, f"no case of `textkit {name}`"
        options = [c for c in mine if any(f in shlex.split(str(c.command)) for f in FLAGS)]
        # the options searched show an effect: no case without evidence
        assert options and len(options) <= 2, [c.command for c in mine]
        assert not [c for c in options if "no_observed_effect" in c.tags]
    left = [f for f in findings if "options not given a case at this budget" in f]
    assert len(left) == len(COMMANDS), findings
    assert "each command's share: 2 options with an effect" in left[0]
    # the same spec, budget and seed: the same plan
    again = generate_cases(textkit_spec(), run=run, budget=20)
    assert [(c.id, c.command) for c in again] == [(c.id, c.command) for c in cases]
