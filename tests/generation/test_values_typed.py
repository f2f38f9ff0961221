"""Values chosen from what the help says a value is, true run descriptions, one case per
run, error patterns that name the error, and a plan description without markup. Pure
functions on hand-built specs (the sandbox tests are in ``test_values_in_sandbox.py``)."""

from __future__ import annotations

import re

import pytest

from pytest_testronaut.analysis.spec import CliSpec, Command, Option, Positional
from pytest_testronaut.generation import generate_cases, generate_plan
from pytest_testronaut.generation.case_text import plain_summary, run_description
from pytest_testronaut.generation.evidence import operand_values, option_values
from pytest_testronaut.generation.probe import Outcome
from pytest_testronaut.generation.samples import error_pattern, sample_value
from pytest_testronaut.generation.typed_values import tried_note, typed_candidates, value_kind


@pytest.mark.parametrize(("name", "description", "first"), [
    ("VERSION", "", "1.2.3"), ("version1", "First version", "1.2.3"),
    ("URL", "", "http://127.0.0.1:9/"), ("EMAIL", "", "user@example.com"),
    ("DATE", "", "2024-01-02"), ("TIME", "", "12:34:56"), ("KEY=VALUE", "", "key=value"),
    ("JSON", "", '{"a": 1}'), ("COUNT", "", "2"), ("N", "", "2"), ("FILE", "", "input.txt"),
    ("DIR", "", "."), ("PATTERN", "", "a"), ("target", "the version to reach", "1.2.3"),
    ("source", "a URL to fetch", "http://127.0.0.1:9/"),
])
def test_an_operand_gets_a_value_of_the_kind_its_name_and_help_say(
        name: str, description: str, first: str) -> None:
    positional = Positional(name=name, description=description)
    assert typed_candidates(positional)[0] == first


def test_the_second_operand_of_a_kind_gets_a_larger_value() -> None:
    first, second = (typed_candidates(Positional(name=n), i)
                     for i, n in enumerate(["VERSION1", "VERSION2"]))
    assert (first[0], second[0]) == ("1.2.3", "1.3.0")
    assert typed_candidates(Positional(name="FILE2"), 1)[0] == "input2.txt"


def test_choices_win_and_a_name_that_says_nothing_gives_no_values() -> None:
    assert typed_candidates(Positional(name="part", choices=["major", "minor"])) == \
        ["major", "minor"]
    assert value_kind(Positional(name="thing")) is None
    assert typed_candidates(Positional(name="thing")) == []
    # a name that only contains a kind's letters is not that kind
    assert value_kind(Positional(name="SERVER")) != "version"


def test_sample_values_and_search_candidates_use_the_kind() -> None:
    version = Positional(name="version")
    assert sample_value(version) == "1.2.3"
    assert sample_value(Option(flags=["--since"], takes_value=True, value_name="VERSION")) \
        == "1.2.3"
    assert sample_value(Option(flags=["--set"], takes_value=True, value_name="KEY=VALUE")) \
        == "key=value"
    # the search tries the typed values first, the old guesses after them
    values = operand_values(version, sample_value(version), 0)
    assert values[:3] == ["1.2.3", "1.3.0", "2.0.0"] and "a" in values
    option = Option(flags=["--endpoint"], takes_value=True, value_name="URL")
    assert option_values(option, sample_value(option))[0] == "http://127.0.0.1:9/"


def _semver_like() -> CliSpec:
    compare = Command(name="compare", path=["vers", "compare"],
                      usage="usage: vers compare [-h] version1 version2",
                      positionals=[Positional(name="version1", description="First version"),
                                   Positional(name="version2", description="Second version")])
    check = Command(name="check", path=["vers", "check"], usage="usage: vers check version",
                    positionals=[Positional(name="version")])
    root = Command(name="vers", path=["vers"], subcommands=[compare, check],
                   summary="CLI parsing for :command:`vers` command. Each command in "
                           ":command:`vers` is mapped to a ``cmd_`` function. The "
                           ":func:`main <vers.cli.main>` function calls "
                           ":func:`~vers.cli.process`")
    return CliSpec(tool="vers", root=root)


def test_without_a_sandbox_cases_use_typed_values_and_say_their_command() -> None:
    cases = {c.id: c for c in generate_cases(_semver_like())}
    assert cases["compare-run"].command == "vers compare 1.2.3 1.3.0"
    assert cases["compare-run"].description == "runs `vers compare 1.2.3 1.3.0`"
    assert cases["check-run"].command == "vers check 1.2.3"


def test_the_plan_description_is_a_plain_first_sentence() -> None:
    plan = generate_plan(_semver_like())
    assert plan.description.endswith(": CLI parsing for vers command.")
    assert plain_summary("The :func:`main <a.b.main>` function calls :func:`~a.b.process` "
                         "and ``x``") == "The main function calls process and x"
    long = "word " * 80
    cut = plain_summary(long)
    assert cut.endswith("word...") and len(cut) <= 204


def test_a_command_line_and_input_get_one_case() -> None:
    spec = _semver_like()
    # a usage form with no operands runs what the missing-argument case runs
    spec.root.subcommands[0].positionals = [Positional(name="version1")]
    cases = generate_cases(spec, scope="comprehensive")
    keys = [(c.command, c.stdin, sorted(c.files.items())) for c in cases]
    assert len(keys) == len(set(map(repr, keys)))
    missing = next(c for c in cases if c.command == "vers compare")
    assert missing.exit == "failure"  # of the two, the one with expectations stays


@pytest.mark.parametrize(("kind", "named", "message"), [
    ("unknown-option", "--testronaut-no-such-option",
     "error: unrecognized arguments: --testronaut-no-such-option"),
    ("unknown-command", "testronaut-no-such-command",
     "argument {a,b}: invalid choice: 'testronaut-no-such-command'"),
    ("missing-argument", "", "error: the following arguments are required: version"),
    ("no-value", "--sort", "argument --sort: expected one argument"),
    ("bad-choice", "not-a-valid-choice", "invalid argument 'not-a-valid-choice' for '--x'"),
    ("not-a-number", "not-a-number", "invalid int value: 'not-a-number'"),
])
def test_an_error_pattern_meets_its_message_and_not_any_error_text(
        kind: str, named: str, message: str) -> None:
    pattern = error_pattern(kind, named)
    assert re.search(pattern, message)
    for generic in ("sort: error, try again", "usage: sort [OPTION]... [FILE]...",
                    "Try 'sort --help' for more information.", "bad thing: not done"):
        assert not re.search(pattern, generic), (kind, generic)


def test_a_run_says_what_input_it_gives_and_how_it_ended() -> None:
    ok, usage = Outcome(0, "-1\n", ""), Outcome(2, "", "usage: x")
    assert run_description("x compare 1.2.3 1.3.0", "numbered distinct lines", "none", ok) \
        == "runs `x compare 1.2.3 1.3.0`"
    assert "reading" not in run_description("x a b", "numbered distinct lines", "none", usage)
    assert run_description("x a b", "numbered", "none", usage).endswith(
        "exits 2, no arguments found that work (review)")
    assert run_description("x a b", "numbered", "none", usage, tried=[["a", "b"], ["c", "d"]]
                           ).endswith("no arguments found that work (tried: a b; c d; review)")
    assert run_description("sort", "empty input", "stdin", ok) == \
        "runs `sort` reading empty input on stdin"
    assert run_description("diff", "two files", "two-files", Outcome(1, "<", ""), True) \
        .endswith(": exits 1")


def test_the_note_names_the_values_tried() -> None:
    note = tried_note(["vers", "compare"], [["a", "x"], ["1.2.3", "1.3.0"]])
    assert "`vers compare`" in note and "a x; 1.2.3 1.3.0" in note
