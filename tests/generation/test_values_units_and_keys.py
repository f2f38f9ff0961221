"""Values a help gives a type, a unit or a form to (issue #8, T8b): durations and
ratios get fractional and small values and the units the help documents, sizes their
suffixes, a file mode a mode that keeps the owner's write, a usage line's lead
operand (``chmod OCTAL-MODE FILE...``) a typed value for the folder search, and
``dd``'s ``KEY=VALUE`` operands are read from its help as options."""

from __future__ import annotations

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.analysis.spec import Command, Option, Positional
from pytest_testronaut.generation.evidence import numeric_values, operand_values, option_values
from pytest_testronaut.generation.folder_state import usage_leads
from pytest_testronaut.generation.key_operands import key_forms, key_values, word_lists
from pytest_testronaut.generation.typed_values import fractional_values, typed_candidates

# GNU coreutils 9.1's helps, cut to the lines these tests read
TIMEOUT = """Usage: timeout [OPTION] DURATION COMMAND [ARG]...
Start COMMAND, and kill it if still running after DURATION.

  -k, --kill-after=DURATION
                 also send a KILL signal if COMMAND is still running
                   this long after the initial signal was sent
  -s, --signal=SIGNAL
                 specify the signal to be sent on timeout;
"""
SHRED_SIZE = "shred this many bytes (suffixes like K, M, G accepted)"
SLEEP = ("Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default), 'm' for "
         "minutes, 'h' for hours or 'd' for days.  NUMBER need not be an integer.")
DD = """Usage: dd [OPERAND]...
  or:  dd OPTION
Copy a file, converting and formatting according to the operands.

  bs=BYTES        read and write up to BYTES bytes at a time (default: 512);
                  overrides ibs and obs
  conv=CONVS      convert the file as per the comma separated symbol list
  count=N         copy only N input blocks
  if=FILE         read from FILE instead of stdin
  skip=N          (or iseek=N) skip N ibs-sized input blocks
  status=LEVEL    The LEVEL of information to print to stderr;
                  'none' suppresses everything but error messages,
                  'noxfer' suppresses the final transfer statistics,

N and BYTES may be followed by the following multiplicative suffixes:
c=1, w=2, b=512, kB=1000, K=1024, MB=1000*1000, M=1024*1024, xM=M,

Each CONV symbol may be:

  ascii     from EBCDIC to ASCII
  lcase     change upper case to lower case
  ucase     change lower case to upper case

Each FLAG symbol may be:

  append    append mode (makes sense only for output; conv=notrunc suggested)
"""


def test_a_duration_gets_short_and_fractional_values_first() -> None:
    kill_after = parse_help(TIMEOUT, name="timeout", path=["timeout"]).options[0]
    values = option_values(kill_after, "x")
    assert values[:2] == ["1", "0.5"]  # short: a run waiting that long costs it
    assert {"0.2s", "1.5"} <= set(values)
    assert operand_values(Positional(name="DURATION", value_type="duration"), "x", 0)[:2] \
        == ["1", "0.5"]


def test_units_come_from_what_the_help_says() -> None:
    number = Positional(name="NUMBER", description=SLEEP)
    assert fractional_values(number) == ["0.5", "1.5", "0.1", "0.2s", "0.01m"]
    size = Option(flags=["-s", "--size"], takes_value=True, value_name="N",
                  value_type="int", description=SHRED_SIZE)
    assert fractional_values(size) == ["1K", "2K"]  # a count of bytes: no fraction
    assert numeric_values(size)[:5] == ["2", "3", "1", "0", "4"] and "1K" in numeric_values(size)
    # a count the help says nothing more of keeps whole numbers only
    lines = Option(flags=["-n"], takes_value=True, value_name="NUM", value_type="int",
                   description="print the first NUM lines")
    assert fractional_values(lines) == []
    assert not [v for v in numeric_values(lines) if not v.lstrip("+-").isdigit()]


def test_a_file_mode_keeps_the_owners_write_and_leads_the_folder_search() -> None:
    assert typed_candidates(Positional(name="OCTAL-MODE"))[:2] == ["644", "600"]
    chmod = Command(name="chmod", usage="chmod [OPTION]... MODE[,MODE]... FILE...\n"
                    "chmod [OPTION]... OCTAL-MODE FILE...\n"
                    "chmod [OPTION]... --reference=RFILE FILE...")
    assert usage_leads(chmod, []) == [["644"]]
    # files alone, or a lead with no typed value: nothing to add
    assert usage_leads(Command(name="cp", usage="cp [OPTION]... SOURCE DEST"), []) == []
    assert usage_leads(Command(name="rm", usage="rm [OPTION]... [FILE]..."), []) == []


def test_key_value_operands_are_read_from_the_help() -> None:
    forms = {f.key: f for f in key_forms(DD)}
    assert list(forms) == ["bs", "conv", "count", "if", "skip", "status"]
    assert forms["bs"].description.endswith("overrides ibs and obs")  # the sentence goes on
    assert forms["conv"].choices == ["ascii", "lcase", "ucase"]  # the CONV symbols
    assert forms["status"].choices == ["none", "noxfer"]  # the words its sentence quotes
    assert key_values(forms["if"]) == ["input2.txt", "input.txt"]
    every = list(forms.values())
    # a count beside the smallest block first: with 512-byte blocks a short input is
    # one block, and a count off by one would not show
    assert word_lists(forms["count"], every)[:3] == [
        ["bs=1", "count=2"], ["bs=1", "count=3"], ["bs=1", "count=1"]]
    assert ["count=0"] in word_lists(forms["count"], every)
    assert word_lists(forms["bs"], every)[0] == ["bs=1"]


def test_a_help_without_such_lines_has_no_key_forms() -> None:
    assert key_forms(TIMEOUT) == []
    assert key_forms("Usage: env [NAME=VALUE]... [COMMAND [ARG]...]\n  a=B  one line\n") == []
