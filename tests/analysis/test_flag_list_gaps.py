"""A flag list may hold a wide gap after its comma (``-s,  --indent-size``, as
js-beautify prints it): the long flag is the option's second name, not the start of
its description."""

from __future__ import annotations

from pytest_testronaut.analysis.parse import parse_help

HELP = """Usage: beautify [options] <infile>

Options:
 -s,  --indent-size                Indentation size [4]
 -t,  --indent-with-tabs           Indent with tabs, overrides -s
 -o,  --outfile=FILE               Write output to FILE
 -q                                Quiet,  --verbose is the opposite
"""


def test_a_wide_gap_after_a_comma_keeps_the_long_flag_with_its_short_one() -> None:
    options = {o.flags[0]: o for o in parse_help(HELP).options}
    assert options["-s"].flags == ["-s", "--indent-size"]
    assert options["-s"].description.startswith("Indentation size")
    assert options["-t"].flags == ["-t", "--indent-with-tabs"]
    assert options["-o"].flags == ["-o", "--outfile"] and options["-o"].takes_value


def test_a_comma_inside_the_description_is_not_a_flag_list() -> None:
    options = {o.flags[0]: o for o in parse_help(HELP).options}
    assert options["-q"].flags == ["-q"]
    assert "--verbose" in options["-q"].description
