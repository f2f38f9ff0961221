"""Analysis fixes: argparse subcommand aliases, prose tables inside descriptions."""

from __future__ import annotations

import argparse
import io

from pytest_testronaut.analysis.parse import parse_help

CUT_TAIL = """\
Usage: cut OPTION... [FILE]...
Print selected parts of lines from each FILE to standard output.

  -b, --bytes=LIST        select only these bytes
  -f, --fields=LIST       select only these fields;  also print any line
                            that contains no delimiter character, unless
                            the -s option is specified
  -n                      (ignored)
      --help        display this help and exit

Use one, and only one of -b, -c or -f.  Each LIST is made up of one
range, or many ranges separated by commas.  Selected input is written
in the same order that it is read, and is written exactly once.
Each range is one of:

  N     N'th byte, character or field, counted from 1
  N-    from N'th byte, character or field, to end of line
  N-M   from N'th to M'th (included) byte, character or field
  -M    from first to M'th (included) byte, character or field
"""


def test_a_dash_row_of_a_prose_table_is_not_an_option() -> None:
    cmd = parse_help(CUT_TAIL, name="cut", path=["cut"])
    flags = [f for o in cmd.options for f in o.flags]
    assert "-M" not in flags
    assert flags == ["-b", "--bytes", "-f", "--fields", "-n", "--help"]


def test_options_after_a_blank_line_below_a_table_still_count() -> None:
    text = ("Usage: t [OPTION]...\n\nKeys are:\n  N     the N'th field\n\n"
            "Options:\n  -M    merge the files\n  -q    be quiet\n")
    cmd = parse_help(text, name="t", path=["t"])
    assert [o.flags for o in cmd.options] == [["-M"], ["-q"]]


def _argparse_help() -> str:
    parser = argparse.ArgumentParser(prog="tool")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", aliases=["r"], help="run something")
    sub.add_parser("list", aliases=["ls", "l"], help="list things")
    sub.add_parser("show", help="show a thing")
    out = io.StringIO()
    parser.print_help(out)
    return out.getvalue()


def test_argparse_subcommand_aliases_are_aliases_not_commands() -> None:
    cmd = parse_help(_argparse_help(), name="tool", path=["tool"])
    found = {c.name: c.aliases for c in cmd.subcommands}
    assert found == {"run": ["r"], "list": ["ls", "l"], "show": []}
    assert [c.path for c in cmd.subcommands] == [["tool", "run"], ["tool", "list"],
                                                 ["tool", "show"]]


NL_HELP = """\
Usage: nl [OPTION]... [FILE]...
Write each FILE to standard output, with line numbers added.

  -b, --body-numbering=STYLE      use STYLE for numbering body lines
  -n, --number-format=FORMAT      insert line numbers according to FORMAT
  -v, --starting-line-number=NUMBER  first line number for each section

STYLE is one of:

  a      number all lines
  t      number only nonempty lines
  n      number no lines
  pBRE   number only lines that contain a match for the basic regular
           expression, BRE

FORMAT is one of:

  ln     left justified, no leading zeros
  rn     right justified, no leading zeros
  rz     right justified, leading zeros
"""


def test_gnu_value_tables_give_the_choices_of_their_value() -> None:
    cmd = parse_help(NL_HELP, name="nl", path=["nl"])
    choices = {o.primary: o.choices for o in cmd.options}
    assert choices == {"--body-numbering": ["a", "t", "n"],
                       "--number-format": ["ln", "rn", "rz"],
                       "--starting-line-number": None}
