"""Analysis reads what a help says beyond its option rows: the exit statuses it
documents, the choices an option's help lists further down ("See DIGEST below"),
and a ``{script}`` operand in braces in the usage line."""

from __future__ import annotations

from pytest_testronaut.analysis.exit_status import exit_statuses
from pytest_testronaut.analysis.parse import parse_help

EXPR_TAIL = """\
Comparisons are arithmetic if both ARGs are numbers, else lexicographical.

Exit status is 0 if EXPRESSION is neither null nor 0, 1 if EXPRESSION is null
or 0, 2 if EXPRESSION is syntactically invalid, and 3 if an error occurred.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
"""

DIGESTS = """\
Usage: digest [OPTION]... [FILE]...
Print checksums.

  -a, --algorithm=TYPE  select the digest type to use.  See DIGEST below.
      --untagged        create a reversed style checksum, without digest type
      --help            display this help and exit

DIGEST determines the digest algorithm and default output format:
  sysv      (equivalent to sum -s)
  crc       (equivalent to cksum)
  md5       (equivalent to md5sum)

When checking, the input should be a former output of this program.
"""

SCRIPTED = """\
Usage: edit [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet    suppress automatic printing of pattern space
      --help     display this help and exit
"""


def test_each_documented_exit_status_is_read_with_its_condition() -> None:
    assert exit_statuses(EXPR_TAIL) == {
        0: "EXPRESSION is neither null nor 0", 1: "EXPRESSION is null or 0",
        2: "EXPRESSION is syntactically invalid", 3: "an error occurred"}


def test_a_listed_exit_status_block_is_read() -> None:
    text = "Exit status:\n 0  if OK,\n 1  if minor problems,\n 2  if serious trouble.\n"
    assert exit_statuses(text) == {0: "OK", 1: "minor problems", 2: "serious trouble"}


def test_a_help_without_exit_statuses_has_none() -> None:
    assert exit_statuses("Usage: tool FILE\nExit status is zero on success.\n") == {}


def test_the_parsed_command_carries_its_exit_statuses() -> None:
    command = parse_help("Usage: expr EXPRESSION\n\n" + EXPR_TAIL, name="expr")
    assert sorted(command.exit_statuses) == [0, 1, 2, 3]


def test_choices_listed_below_the_options_belong_to_the_option_that_says_so() -> None:
    command = parse_help(DIGESTS, name="digest")
    assert command.find_option("-a").choices == ["sysv", "crc", "md5"]  # type: ignore[union-attr]
    assert command.find_option("--untagged").choices is None  # type: ignore[union-attr]


def test_an_operand_in_braces_is_a_required_positional() -> None:
    command = parse_help(SCRIPTED, name="edit")
    names = [(p.name, p.required) for p in command.positionals]
    assert names[:1] == [("script-only-if-no-other-script", True)]
