"""Options taking two values or more, optional operands and argparse's choice operands,
read from help texts as real argparse and click programs print them (the programs are
written here and run with this interpreter), and from captured helps of typer, jq,
csvkit and httpie."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.analysis.spec import CliSpec, Command, Option, spec_digest
from pytest_testronaut.analysis.spec_json import spec_from_json
from pytest_testronaut.reports.coverage import used_by

HERE = Path(__file__).parent

GEOM = (HERE / "apps" / "values_geom.py").read_text()  # the values corpus's program
CLICK = (HERE / "apps" / "values_click.py").read_text()


def help_of(tmp_path: Path, source: str, *args: str) -> str:
    script = tmp_path / "prog.py"
    script.write_text(source)
    got = subprocess.run([sys.executable, str(script), *args, "--help"], capture_output=True,
                         text=True, check=True, env={"COLUMNS": "80", "PATH": "/usr/bin:/bin"})
    return got.stdout


def options(cmd: Command) -> dict[str, Option]:
    return {o.primary: o for o in cmd.options}


# --- options taking several values -------------------------------------------------
def test_argparse_nargs_options_carry_every_value_name(tmp_path: Path) -> None:
    cmd = parse_help(help_of(tmp_path, GEOM))
    found = options(cmd)
    assert found["--size"].value_names == ["W", "H"] and found["--size"].arity == 2
    assert found["--pair"].value_names == ["PAIR", "PAIR"]
    assert found["-D"].value_names == ["NAME", "VALUE"] and found["-D"].value_name == "NAME"
    assert found["--rgb"].value_names == ["R", "G", "B"] and found["--rgb"].arity == 3
    # one value, or one and more: not several at once
    for flag in ("--files", "--maybe", "-o"):
        assert found[flag].value_names == [] and found[flag].arity == 1, flag
    assert found["--help"].arity == 0


def test_click_dots_after_a_metavar_mean_several_values_not_repeats(tmp_path: Path) -> None:
    cmd = parse_help(help_of(tmp_path, CLICK))
    assert cmd.help_style == "click"
    found = options(cmd)
    assert found["--opt"].value_names == ["TEXT", "TEXT"] and not found["--opt"].repeatable
    assert found["--point"].value_names == ["INTEGER", "INTEGER"]
    assert found["--point"].value_type == "int"
    assert found["--kv"].value_names == ["TEXT", "INTEGER"]
    assert found["--tag"].value_names == [] and found["--count"].value_names == []


def test_typer_tuples_in_a_rich_box() -> None:
    # typer 0.29 with ``Tuple[str, int]`` and ``Tuple[int, int]`` options
    text = (" Usage: pairs [OPTIONS] [src]\n\n"
            "╭─ Options ──────────────────────────────────────────────────────────╮\n"
            "│ --pair                      <str,int>...  name and count            │\n"
            "│ --size                      <int,int>...  w and h [default: 1, 1]   │\n"
            "│ --help                      <bool>        Show this message and exit.│\n"
            "╰────────────────────────────────────────────────────────────────────╯\n")
    found = options(parse_help(text))
    assert found["--pair"].value_names == ["str", "int"]
    assert found["--size"].value_names == ["int", "int"] and found["--size"].value_type == "int"
    assert not found["--help"].takes_value


def test_jq_and_clap_rows_and_prose_that_shares_the_flag_column() -> None:
    jq = parse_help((HERE / "user_day_help" / "jq-1.6.txt").read_text())
    found = options(jq)
    assert found["--arg"].value_names == ["a", "v"]
    assert found["--argjson"].value_names == ["a", "v"]
    assert found["--slurpfile"].value_names == ["a", "f"]
    assert found["--args"].arity == 0
    text = """Usage: tool [OPTIONS]

Options:
      --slurpfile name file set $name to an array of JSON values read
                            from the file;
      --pair <KEY> <VALUE>  Set a pair
  -o FILE A file to write
  -h, --help                Print help
"""
    found = options(parse_help(text, style="clap"))
    # the run of names stops where the prose of the row starts ("set" is no name)
    assert found["--slurpfile"].value_names == ["name", "file"]
    assert found["--pair"].value_names == ["KEY", "VALUE"]
    assert found["-o"].value_names == []  # "A file to write": a sentence, not a value


def test_csvkit_engine_option_takes_two_values() -> None:
    text = """usage: csvsql [-h] [--engine-option ENGINE_OPTION ENGINE_OPTION] [FILE ...]

positional arguments:
  FILE                  The CSV file(s) to operate on. If omitted, will accept
                        input as piped data via STDIN.

options:
  -h, --help            show this help message and exit
  --engine-option ENGINE_OPTION ENGINE_OPTION
                        A keyword argument to SQLAlchemy's create_engine(), as
                        a space-separated pair.
"""
    cmd = parse_help(text)
    assert options(cmd)["--engine-option"].value_names == ["ENGINE_OPTION", "ENGINE_OPTION"]
    assert [(p.name, p.required, p.variadic) for p in cmd.positionals] == [("FILE", False, True)]


def test_old_specs_load_and_keep_their_digest_and_coverage_reads_both_values() -> None:
    old = {"tool": "geom", "root": {"name": "geom", "path": ["geom"], "options": [
        {"flags": ["-o"], "takes_value": True, "value_name": "FILE"}]}}
    spec = spec_from_json(json.loads(json.dumps(old)))
    assert spec.root.options[0].value_names == [] and spec.root.options[0].arity == 1
    assert spec_digest(spec) == spec_digest(CliSpec.model_validate(old))
    assert "value_names" not in json.dumps(spec.model_dump(mode="json", exclude_defaults=True))
    two = Option(flags=["-D"], takes_value=True, value_name="NAME",
                 value_names=["NAME", "VALUE"])
    again = CliSpec.model_validate_json(CliSpec(tool="t", root=Command(
        name="t", path=["t"], options=[two])).model_dump_json())
    assert again.root.options[0].value_names == ["NAME", "VALUE"]
    # `t -D run build`: "build" is D's second value, not the subcommand
    root = Command(name="t", path=["t"], options=[two],
                   subcommands=[Command(name="build", path=["t", "build"])])
    used = used_by(CliSpec(tool="t", root=root), ["-D", "run", "build"])
    assert used.commands == {"t"} and ("t", "-D") in used.options


# --- optional operands ---------------------------------------------------------------
def test_argparse_optional_positionals_are_optional(tmp_path: Path) -> None:
    source = '''\
import argparse
p = argparse.ArgumentParser(prog="viewer")
p.add_argument("pattern", help="what to look for")
p.add_argument("files", nargs="*", metavar="FILE", help="files to read")
p.parse_args()
'''
    cmd = parse_help(help_of(tmp_path, source))
    assert [(p.name, p.required, p.variadic) for p in cmd.positionals] == [
        ("pattern", True, False), ("FILE", False, True)]
    cmd = parse_help(help_of(tmp_path, GEOM))
    assert [(p.name, p.required) for p in cmd.positionals] == [
        ("{fast,slow,auto}", True), ("file", False)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Usage: cat [OPTION]... [FILE]...\nConcatenate FILE(s).\n\n"
     "  -n, --number   number all output lines\n", [("FILE", False, True)]),
    ("Usage: tool [OPTIONS] [FILE]\n\nOptions:\n  --help  Show this message and exit.\n",
     [("FILE", False, False)]),
    ("Usage: tool [OPTIONS] SRC [DEST]...\n\nOptions:\n  --help  Show this message and "
     "exit.\n", [("SRC", True, False), ("DEST", False, True)]),
    ("Usage:\n  tool [options] [<file>]\n\nOptions:\n  -h --help  Show help.\n",
     [("file", False, False)]),
])
def test_optional_operands_in_usage_lines(text: str, expected: list[tuple[str, bool, bool]]
                                          ) -> None:
    cmd = parse_help(text)
    assert [(p.name, p.required, p.variadic) for p in cmd.positionals] == expected


def test_prose_in_a_positional_section_is_no_positional() -> None:
    # httpie's help: sentences before its rows
    text = """usage:
    http [METHOD] URL [REQUEST_ITEM ...]

Positional arguments:

  These arguments come after any flags and in the order they are listed here.
  Only URL is required.

  METHOD
      The HTTP method to be used for the request (GET, POST, PUT, DELETE, ...).

  URL
      The request URL.

  REQUEST_ITEM
      Optional key-value pairs to be included in the request.

Options:
  --json, -j
      Data items are serialized as a JSON object.
"""
    cmd = parse_help(text, style="argparse")
    assert [(p.name, p.required, p.variadic) for p in cmd.positionals] == [
        ("METHOD", False, False), ("URL", True, False), ("REQUEST_ITEM", False, True)]


# --- argparse: a positional with choices, or subcommands ---------------------------
def test_a_positional_with_choices_is_not_a_set_of_subcommands(tmp_path: Path) -> None:
    cmd = parse_help(help_of(tmp_path, GEOM))
    assert cmd.subcommands == []
    mode = cmd.positionals[0]
    assert mode.choices == ["fast", "slow", "auto"] and mode.required
    assert mode.description == "how fast to go"
    several = '''\
import argparse
p = argparse.ArgumentParser(prog="pick")
p.add_argument("kinds", nargs="*", choices=["a", "b"])
p.parse_args()
'''
    cmd = parse_help(help_of(tmp_path, several))
    assert cmd.subcommands == []
    assert [(p.choices, p.required, p.variadic) for p in cmd.positionals] == [
        (["a", "b"], False, True)]


@pytest.mark.parametrize(("source", "names"), [
    # each subcommand with a help line of its own
    ('sub = p.add_subparsers(dest="cmd")\nsub.add_parser("run", help="run it")\n'
     'sub.add_parser("build", help="build it")\n', ["run", "build"]),
    # subcommands without help: only the ``{run,build}`` row, ``{run,build} ...`` in usage
    ('sub = p.add_subparsers(dest="cmd")\nsub.add_parser("run")\nsub.add_parser("build")\n',
     ["run", "build"]),
    # the subparsers with a help of their own and a metavar
    ('sub = p.add_subparsers(dest="cmd", metavar="COMMAND", help="what to do")\n'
     'sub.add_parser("run", help="run it")\nsub.add_parser("build", help="build it")\n',
     ["run", "build"]),
])
def test_argparse_subcommands_are_still_subcommands(tmp_path: Path, source: str,
                                                    names: list[str]) -> None:
    program = f'import argparse\np = argparse.ArgumentParser(prog="b")\n{source}p.parse_args()\n'
    cmd = parse_help(help_of(tmp_path, program))
    assert [s.name for s in cmd.subcommands] == names
    assert cmd.positionals == []


# --- the values corpus -----------------------------------------------------------------
VALUES = HERE / "help_values"


@pytest.mark.parametrize("path", sorted(VALUES.glob("*.txt")), ids=lambda p: p.stem)
def test_the_values_corpus_reads_as_its_parser_objects_say(path: Path) -> None:
    """Each help of ``help_values/`` (``capture_values.py``: real programs and csvkit,
    httpie, isort) against what its own parser object defines."""
    data = json.loads(path.with_suffix(".json").read_text())
    cmd = parse_help(path.read_text())
    assert cmd.help_style == data["style"]
    several = {(f, o["arity"]) for o in data["options"] if o["arity"] >= 2 for f in o["flags"]}
    assert {(f, o.arity) for o in cmd.options if o.arity >= 2 for f in o.flags} == several
    assert {(p.name.lower(), p.required, tuple(p.choices or ())) for p in cmd.positionals} == {
        (p["name"].lower(), p["required"], tuple(p["choices"] or ()))
        for p in data["positionals"]}
    assert [s.name for s in cmd.subcommands] == data["subcommands"]
