"""What a new user met analyzing jq 1.6 (Debian, an ``apt:`` step) and sqlite-utils
4.2.1 (PyPI, click): a multi-word ``<jq filter>`` operand, prose lines starting with a
flag, a plural count word naming several columns, and operand values the help's own
examples give. The help texts in ``user_day_help/`` are the tools' real output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_testronaut.analysis.example_operands import fill_example_operands
from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.analysis.spec import Command, Option, Positional
from pytest_testronaut.cli.dispatch import main

HELP = Path(__file__).parent / "user_day_help"


def _sqlite_utils(command: str) -> Command:
    text = (HELP / f"sqlite-utils-4.2.1-{command}.txt").read_text(encoding="utf-8")
    return parse_help(text, name=command, path=["sqlite-utils", command])


def test_jq_filter_is_a_required_operand_with_the_help_example_as_its_value() -> None:
    cmd = parse_help((HELP / "jq-1.6.txt").read_text(encoding="utf-8"), name="jq")
    assert [(p.name, p.required, p.variadic) for p in cmd.positionals] == [
        ("jq-filter", True, False), ("file", False, True)]
    # "$ echo '{"foo": 0}' | jq ." is the help's example: `.` is a filter that works;
    # "jq is a tool for processing ..." (prose) and the usage lines give nothing
    assert cmd.positionals[0].example == "."
    assert cmd.positionals[1].example is None
    compact = cmd.find_option("-c")
    assert compact is not None  # jq ends each row with ";": a description does not
    assert compact.description == "compact instead of pretty-printed output"


def test_prose_line_starting_with_a_flag_is_no_option_row() -> None:
    cmd = _sqlite_utils("insert")
    text = cmd.find_option("--text")
    # "for\n  --text a "text" variable." in the description is a sentence; the
    # Options row says --text is a flag
    assert text is not None and not text.takes_value
    assert text.description == "Treat input as a single value called 'text'"
    code = cmd.find_option("--code")
    assert code is not None and code.value_name == "TEXT"
    assert code.description.startswith("Python code defining a rows() function")


def test_option_rows_without_description_still_parse() -> None:
    cmd = parse_help("Usage: t [OPTION]... FILE\n\nOptions:\n  -f FILE ...\n  --arg a v\n"
                     "  --depth N\n", name="t")
    assert [o.flags for o in cmd.options] == [["-f"], ["--arg"], ["--depth"]]


def test_plural_count_word_of_a_variadic_operand_names_items() -> None:
    cmd = _sqlite_utils("create-table")
    assert [(p.name, p.value_type) for p in cmd.positionals] == [
        ("PATH", "path"), ("TABLE", "string"), ("COLUMNS", "string")]
    # its example passes --pk: an option may change what operands mean, so none is taken
    assert [p.example for p in cmd.positionals] == [None, None, None]
    single = parse_help("Usage: t [OPTIONS] LINES\n", name="t")
    assert single.positionals[0].value_type == "int"  # one LINES is a count


def test_examples_give_operand_values() -> None:
    insert = _sqlite_utils("insert")
    # echo '{"name": "Lila"}' | sqlite-utils insert data.db chickens -   ("-" is stdin)
    assert [p.example for p in insert.positionals] == ["data.db", "chickens", None]
    memory = _sqlite_utils("memory")
    # an example continued over a backslash-newline
    assert [p.example for p in memory.positionals] == [
        "one.csv", "select * from one join two on one.two_id = two.id"]


@pytest.mark.parametrize("line", [
    "  tool is a tool for files",                  # prose
    "    tool --glob '**/x'",                      # an option may change the operand
    "    tool sub thing",                          # the example of a subcommand
    "    tool -",                                  # stdin, no value
    "    tool FILE",                               # a placeholder
    "    tool $HOME",                              # shell expansion
    "    tool 'open quote",                        # continues past this line
])
def test_lines_that_give_no_operand_value(line: str) -> None:
    cmd = Command(name="tool", path=["tool"], usage="tool [OPTIONS] NAME",
                  positionals=[Positional(name="NAME")],
                  options=[Option(flags=["--glob"])],
                  subcommands=[Command(name="sub", path=["tool", "sub"])])
    fill_example_operands(cmd, f"Usage: tool [OPTIONS] NAME\n\n{line}\n")
    assert cmd.positionals[0].example is None


def test_example_sources_and_what_wins() -> None:
    cmd = Command(name="tool", path=["tool"], usage="tool SRC [DEST]",
                  positionals=[Positional(name="SRC"),
                               Positional(name="DEST", required=False)])
    fill_example_operands(cmd, "  $ tool a.txt\n  cat x | tool b.txt c.txt > out\n")
    assert [p.example for p in cmd.positionals] == ["a.txt", "c.txt"]  # first one wins
    # more operands than the command takes: not its invocation
    extra = Command(name="tool", path=["tool"], positionals=[Positional(name="SRC")])
    fill_example_operands(extra, "  $ tool a b\n")
    assert extra.positionals[0].example is None


def test_analyze_help_file_prints_the_operand_and_its_example(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--help-file", str(HELP / "jq-1.6.txt"), "--name", "jq",
                 "--json"]) == 0
    spec = json.loads(capsys.readouterr().out)
    assert spec["positionals"][0] == {
        "name": "jq-filter", "required": True, "variadic": False, "choices": None,
        "description": "", "value_type": "string", "example": "."}


def test_default_command_marked_with_a_star_is_a_subcommand() -> None:
    text = (HELP / "sqlite-utils-4.2.1.txt").read_text(encoding="utf-8")
    cmd = parse_help(text, name="sqlite-utils")
    # "query*   Execute SQL query ..." (click-default-group's default command)
    assert cmd.subcommands[0].name == "query"
    assert cmd.subcommands[0].summary == "Execute SQL query and return the results as JSON"
    assert len(cmd.subcommands) == 48


def test_offline_plan_runs_jq_with_the_filter_its_help_shows(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "jq.spec.json"
    plan = tmp_path / "jq.testronaut.yaml"
    assert main(["analyze", "--help-file", str(HELP / "jq-1.6.txt"), "--name", "jq",
                 "--json", "-o", str(spec)]) == 0
    assert main(["generate", "--spec", str(spec), "-o", str(plan), "-q", "--no-llm"]) == 0
    commands = [line.split("command: ", 1)[1] for line in
                plan.read_text(encoding="utf-8").splitlines() if "command: " in line]
    # every run of jq names a filter, and it is the one the help's example uses
    assert "jq ." in commands
    for flag in ("-c", "-n", "-e", "-s", "-r", "-R", "-C", "-M", "-S", "--tab"):
        assert f"jq {flag} ." in commands, commands
