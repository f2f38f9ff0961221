"""Values for typed options as PyPI and Go/Rust tools print their types: click's ranges,
date formats, UUID and DIRECTORY; argparse metavars and "(one of: ...)"; typer's rich
boxes; Go's flag package (``-name string``), cobra (``--flag duration``) and clap
(``<NUM>``, ``[possible values: ...]``). The sample value and the option search's
candidates are of the type the help gives, inside a stated range, never a
placeholder word nor the type's own name. click and argparse helps come from programs
written here and run with this interpreter; the others are helps as those tools print
them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.analysis.spec import Option
from pytest_testronaut.generation.evidence import option_values, option_word_lists
from pytest_testronaut.generation.samples import sample_value
from pytest_testronaut.generation.typed_values import literal_value, range_values

PLACEHOLDERS = {"example", "hello", "text", "value", "string", "strings", "int", "float",
                "duration", "bool", "datetime", "date", "ip"}

CLICK = '''\
import click
@click.command()
@click.option("--count", type=click.IntRange(0, 10), help="how many")
@click.option("--at-least", type=click.IntRange(min=5), help="at least five")
@click.option("--ratio", type=click.FloatRange(0, 1), help="a ratio")
@click.option("--since", type=click.DateTime(), help="start")
@click.option("--day", type=click.DateTime(formats=["%d.%m.%Y"]), help="a day")
@click.option("--id", "ident", type=click.UUID, help="an id")
@click.option("--set", "pairs", metavar="KEY=VALUE", multiple=True, help="set a key")
@click.option("--level", type=click.Choice(["low", "high"]), help="the level")
def main(**kw):
    pass
main()
'''
ARGPARSE = '''\
import argparse
p = argparse.ArgumentParser(prog="fetch")
p.add_argument("--timeout", help="timeout in seconds")
p.add_argument("--url", help="the URL to fetch")
p.add_argument("--email", help="where to mail the result")
p.add_argument("--date", help="a date (YYYY-MM-DD)")
p.add_argument("--format", help="the output format (one of: json, csv, table)")
p.add_argument("--color", help="the colour; possible values: red, green")
p.add_argument("--mode", choices=["fast", "slow"], help="a mode")
p.add_argument("--set", metavar="KEY=VALUE", help="set a key")
p.add_argument("--datefmt", metavar="FMT", help="a strftime format for the dates")
p.add_argument("--jobs", metavar="N", type=int, help="number of jobs")
p.parse_args()
'''
COBRA = """Usage:
  tool [flags]

Flags:
      --count int           how many
      --timeout duration    a timeout (default 5s)
      --ip ip               the address to bind
      --on bool             switch it on
  -h, --help                help for tool
"""
GO_FLAG = ("Usage of tool:\n  -count int\n    \thow many (default 1)\n"
           "  -timeout duration\n    \ta timeout\n  -ratio float\n    \ta ratio\n")
CLAP = """Usage: tool [OPTIONS]

Options:
  -n, --num <NUM>      a number
  -c, --color <WHEN>   when to colour [default: auto] [possible values: auto, always, never]
  -d, --since <DATE>   the first day
  -h, --help           Print help
"""
TYPER = (" Usage: tool [OPTIONS]\n\n"
         "╭─ Options ────────────────────────────────────────────────────────╮\n"
         "│ --since      <datetime>               start                      │\n"
         "│ --day        <%Y-%m-%d>               a day                      │\n"
         "│ --ratio      <float range> [0<=x<=1]  a ratio [default: 0.5]     │\n"
         "│ --level      <low|high>               level [default: low]       │\n"
         "│ --help       <bool>                   Show this message and exit.│\n"
         "╰──────────────────────────────────────────────────────────────────╯\n")


def _help(tmp_path: Path, source: str) -> str:
    script = tmp_path / "prog.py"
    script.write_text(source)
    return subprocess.run([sys.executable, str(script), "--help"], capture_output=True,
                          text=True, check=True, env={"COLUMNS": "80"}).stdout


def _values(text: str) -> dict[str, tuple[str, list[str]]]:
    cmd = parse_help(text)
    out = {}
    for option in cmd.options:
        if option.takes_value:
            sampled = sample_value(option)
            out[option.primary] = (sampled, option_values(option, sampled))
    return out


def _typed(values: dict[str, tuple[str, list[str]]]) -> None:
    for flag, (sampled, candidates) in values.items():
        assert sampled not in PLACEHOLDERS, (flag, sampled)
        assert candidates[0] not in PLACEHOLDERS, (flag, candidates)


def test_click_types(tmp_path: Path) -> None:
    got = _values(_help(tmp_path, CLICK))
    _typed(got)
    assert got["--count"][0] == "2" and set(got["--count"][1]) <= {str(n) for n in range(11)}
    assert "0" in got["--count"][1] and "10" in got["--count"][1]  # both ends of the range
    assert int(got["--at-least"][0]) >= 5 and "5" in got["--at-least"][1]
    assert got["--ratio"][0] == "0.5" and set(got["--ratio"][1]) == {"0.5", "0", "1"}
    assert got["--since"][0] == "2024-01-02"
    assert got["--since"][1][:3] == ["2024-01-02", "2024-01-02T03:04:05",
                                     "2024-01-02 03:04:05"]
    assert got["--day"] == ("02.01.2024", ["02.01.2024", "04.03.2024"])
    assert got["--id"][0].count("-") == 4
    assert got["--set"][0] == "key=value" and all("=" in v for v in got["--set"][1])
    assert got["--level"][1] == ["low", "high"]


def test_argparse_metavars_and_listed_values(tmp_path: Path) -> None:
    got = _values(_help(tmp_path, ARGPARSE))
    _typed(got)
    assert got["--timeout"][1][:2] == ["1", "0.5"]  # short first: a wait costs its time
    assert got["--url"][0].startswith("http") and got["--email"][0] == "user@example.com"
    assert got["--date"][0] == "2024-01-02"
    assert got["--format"][1] == ["json", "csv", "table"]
    assert got["--color"][1] == ["red", "green"]  # "possible values: red, green"
    assert got["--mode"][1] == ["fast", "slow"]
    assert got["--set"][1][0] == "key=value"  # not a field list, although it says KEY
    assert got["--datefmt"][0] == "%Y-%m-%d"
    assert got["--jobs"][1][:3] == ["2", "3", "1"]


@pytest.mark.parametrize("text", [COBRA, GO_FLAG, CLAP, TYPER])
def test_go_cobra_clap_and_typer_types(text: str) -> None:
    got = _values(text)
    _typed(got)
    expected = {"--count": "2", "-count": "2", "--num": "2", "--timeout": "1s",
                "-timeout": "1s", "--ip": "127.0.0.1", "--on": "true", "-ratio": "1.5",
                "--color": "auto", "--since": "2024-01-02", "--day": "2024-01-02",
                "--ratio": "0.5", "--level": "low"}
    for flag, (sampled, _) in got.items():
        assert sampled == expected[flag], (flag, sampled)
    # a type's name is never tried as a literal value (``--count int``)
    for flag in ("--count", "-count", "--timeout", "--on", "--since"):
        if flag in got:
            assert got[flag][1][0] not in PLACEHOLDERS, got[flag]


def test_literal_values_and_ranges() -> None:
    literal = Option(flags=["--check"], takes_value=True, value_name="diagnose-first")
    assert literal_value(literal) == "diagnose-first"
    assert option_word_lists(literal, "x")[0] == ["--check=diagnose-first"]
    assert literal_value(Option(flags=["--count"], takes_value=True, value_name="int")) is None
    ranged = Option(flags=["-n"], takes_value=True, value_name="N", description="[1<x<5]")
    assert range_values(ranged) == ["2", "3", "4"]
    high = Option(flags=["-n"], takes_value=True, value_name="N", description="[100<=x<=200]")
    assert range_values(high) == ["101", "100", "200"]
    assert range_values(Option(flags=["-n"], takes_value=True, value_name="N")) == []
