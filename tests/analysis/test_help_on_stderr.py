"""Helps that tools print on stderr with a non-zero exit, saved from the base image
(``tests/generation/data/modes``): ``which --help`` exits 2 with only a usage line
(``Usage: /usr/bin/which [-a] args``), ``infocmp --help`` exits 1 with its options in
two columns. Analysis still reads their options and operands."""

from __future__ import annotations

from pathlib import Path

from pytest_testronaut.analysis.option_columns import split_option_columns
from pytest_testronaut.analysis.parse import parse_help

DATA = Path(__file__).parent.parent / "generation" / "data" / "modes"


def test_a_help_that_is_only_a_usage_line() -> None:
    command = parse_help((DATA / "which.txt").read_text(), name="which", path=["which"])
    assert [o.flags for o in command.options] == [["-a"]]
    assert [(p.name, p.required, p.variadic) for p in command.positionals] == [
        ("args", True, True)]


def test_a_usage_line_with_a_bundle_and_an_optional_operand() -> None:
    command = parse_help("usage: lookup [-as] [names]\n", name="lookup", path=["lookup"])
    assert [o.flags for o in command.options] == [["-a"], ["-s"]]
    assert [(p.name, p.required) for p in command.positionals] == [("names", False)]


def test_options_in_two_columns_are_each_an_option() -> None:
    text = (DATA / "infocmp.txt").read_text()
    command = parse_help(text, name="infocmp", path=["infocmp"])
    flags = {f for o in command.options for f in o.flags}
    # the right column's options too (``-e``, ``-l``, ``-c``, ``-d``)
    assert {"-0", "-1", "-C", "-L", "-e", "-l", "-c", "-d", "-x"} <= flags
    # a left entry that leaves two spaces only before the right one (``caps  -w number``)
    width = command.find_option("-w")
    assert width is not None and width.takes_value
    every = command.find_option("-a")
    assert every is not None and every.description == "with -F, list commented-out caps"
    one = command.find_option("-1")
    assert one is not None and one.description == "print single-column"
    assert [p.name for p in command.positionals] == ["termname"]


def test_one_column_tables_are_left_alone() -> None:
    text = ("Usage: t [OPTION]...\n"
            "  -a, --all       show all   -- even hidden ones\n"
            "  -b              brief\n")
    assert split_option_columns(text) == text
