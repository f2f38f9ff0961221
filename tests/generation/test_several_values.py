"""Generation on argparse tools with an option taking two values (``--size W H``,
``-D NAME VALUE``), an optional file operand and a positional with choices: the cases
give every value, the option search finds values that show, each choice gets a case
whose output differs, and no case expects a missing optional operand to fail. Real
tools (small argparse scripts written here), run on this machine through the prober."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_testronaut.analysis.spec import Option
from pytest_testronaut.generation import generate_plan
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.generation.samples import sample_value
from pytest_testronaut.generation.typed_values import further_values, option_words
from pytest_testronaut.plans.model import Plan
from pytest_testronaut.reports.coverage import coverage

from .tools import LocalRun, case_argv

GEOMTOOL = '''\
import argparse
import sys
p = argparse.ArgumentParser(prog="geomtool", description="Crop and rewrite text.")
p.add_argument("--size", nargs=2, type=int, metavar=("W", "H"),
               help="keep the first W characters of the first H lines")
p.add_argument("-D", nargs=2, metavar=("NAME", "VALUE"), action="append", default=[],
               help="replace each NAME in the input by VALUE")
p.add_argument("file", nargs="?", help="the input file (default: standard input)")
args = p.parse_args()
text = open(args.file).read() if args.file else sys.stdin.read()
for name, value in args.D:
    text = text.replace(name, value)
lines = text.splitlines()
if args.size:
    width, height = args.size
    lines = [line[:width] for line in lines[:height]]
print("\\n".join(lines))
'''
MODETOOL = '''\
import argparse
import sys
p = argparse.ArgumentParser(prog="modetool", description="Change the case of text.")
p.add_argument("mode", choices=["upper", "lower", "title"],
               help="the case to write the text in")
p.add_argument("file", nargs="?", help="the input file (default: standard input)")
args = p.parse_args()
text = open(args.file).read() if args.file else sys.stdin.read()
print(getattr(text, args.mode)(), end="")
'''


@pytest.fixture
def run(tmp_path: Path) -> LocalRun:
    local = LocalRun(tmp_path)
    local.add_tool("geomtool", GEOMTOOL)
    local.add_tool("modetool", MODETOOL)
    return local


def _plan(run: LocalRun, tool: str) -> Plan:
    return generate_plan(run.spec(tool), run=run)


def test_an_option_taking_two_values_gets_both_and_shows(run: LocalRun,
                                                         tmp_path: Path) -> None:
    spec = run.spec("geomtool")
    plan = generate_plan(spec, run=run)
    commands = [str(c.command) for c in plan.cases]
    sized = [c for c in plan.cases if "--size" in case_argv(c)]
    defined = [c for c in plan.cases if "-D" in case_argv(c)]
    assert sized and defined, commands
    for case in [*sized, *defined]:
        argv = case_argv(case)
        at = argv.index("--size" if "--size" in argv else "-D")
        assert len(argv) >= at + 3, case.command  # the flag and both values
        if "--size" in argv:
            assert argv[at + 1].isdigit() and argv[at + 2].isdigit(), case.command
        assert NO_EFFECT_TAG not in case.tags, case.command
        code, out = run.case_output(case, argv, tmp_path / case.id)
        assert code == 0, case.command
        code, without = run.case_output(case, argv[:at] + argv[at + 3:], tmp_path / "w")
        assert out != without, case.command  # the option changes the output
    # no case expects the optional FILE to be required
    assert not [c for c in plan.cases if "missing-argument" in c.id], commands
    # coverage reads both values: the option is used, no word is an unknown one
    found = coverage(spec, [case_argv(c) for c in plan.cases])
    assert found.options["geomtool --size"] and found.options["geomtool -D"]


def test_each_choice_of_an_operand_gets_a_case_of_its_own(run: LocalRun,
                                                          tmp_path: Path) -> None:
    plan = _plan(run, "modetool")
    commands = [str(c.command) for c in plan.cases]
    assert not [c for c in plan.cases if "unknown-command" in c.id], commands
    outputs: dict[str, str] = {}
    for case in plan.cases:
        argv = case_argv(case)
        if len(argv) > 1 and argv[1] in ("upper", "lower", "title") and \
                "missing.txt" not in argv:
            code, out = run.case_output(case, argv, tmp_path / case.id)
            assert code == 0, case.command
            outputs.setdefault(argv[1], out)
    assert set(outputs) == {"upper", "lower", "title"}, commands
    assert len(set(outputs.values())) == 3
    missing = next(c for c in plan.cases if c.id.endswith("missing-argument"))
    assert case_argv(missing) == ["modetool"]  # the mode is required, the file is not


def test_further_values_follow_each_value_name() -> None:
    size = Option(flags=["--size"], takes_value=True, value_name="W", value_names=["W", "H"])
    assert option_words(size, "2") == ["--size", "2", "3"]
    kv = Option(flags=["--kv"], takes_value=True, value_name="TEXT",
                value_names=["TEXT", "INTEGER"])
    assert further_values(kv, "hello") == ["3"]
    argjson = Option(flags=["--argjson"], takes_value=True, value_name="a",
                     value_names=["a", "v"], description="set variable $a to JSON value <v>")
    # the sentence speaks of the last value: the name is no JSON, the value is
    first = sample_value(argjson)
    assert not first.startswith(("{", "[")) and further_values(argjson, first)[0][0] in "{["
    attach = Option(flags=["--attach"], takes_value=True, value_name="TEXT",
                    value_names=["TEXT", "FILE"])
    assert further_values(attach, "x") == ["input2.txt"]
    one = Option(flags=["-n"], takes_value=True, value_name="N")
    assert further_values(one, "2") == [] and option_words(one, "2") == ["-n", "2"]
    assert option_words(Option(flags=["--color"], takes_value=True, value_optional=True,
                               value_name="WHEN"), "auto") == ["--color=auto"]
