"""The shared pieces: flag specs, choices, defaults, types, box drawing, usage lines."""

from __future__ import annotations

import pytest

from pytest_testronaut.analysis import parse_help
from pytest_testronaut.analysis._helpers import (
    extract_choices,
    extract_default,
    infer_value_type,
    normalize_text,
    parse_flag_spec,
)


@pytest.mark.parametrize(
    ("spec", "flags", "value", "optional"),
    [
        ("-a, --all", ["-a", "--all"], None, False),
        ("-o FILE, --output=FILE", ["-o", "--output"], "FILE", False),
        ("--block-size=SIZE", ["--block-size"], "SIZE", False),
        ("--color[=WHEN]", ["--color"], "WHEN", True),
        ("--line-length -n N", ["--line-length", "-n"], "N", False),
        ("--debug / --no-debug", ["--debug", "--no-debug"], None, False),
        ("-q, --[no-]quiet", ["-q", "--quiet", "--no-quiet"], None, False),
        ("-S, --[no-]gpg-sign[=<key-id>]", ["-S", "--gpg-sign", "--no-gpg-sign"], "key-id", True),
        ("-p, --package [<SPEC>]", ["-p", "--package"], "SPEC", True),
        ("--add-host list", ["--add-host"], "list", False),
        ("-c, --config <KEY=VALUE|PATH>", ["-c", "--config"], "KEY=VALUE|PATH", False),
    ],
)
def test_flag_specs(spec: str, flags: list[str], value: str | None, optional: bool) -> None:
    parsed = parse_flag_spec(spec)
    assert parsed is not None
    assert (parsed.flags, parsed.value_name, parsed.value_optional) == (flags, value, optional)


def test_flag_spec_choices_and_repeats() -> None:
    argparse_choice = parse_flag_spec("--mode {fast,slow}")
    click_choice = parse_flag_spec("--hooks [yes|ask|no]")
    clap_repeat = parse_flag_spec("-v, --verbose...")
    assert argparse_choice is not None and argparse_choice.choices == ["fast", "slow"]
    assert click_choice is not None and click_choice.choices == ["yes", "ask", "no"]
    assert clap_repeat is not None and clap_repeat.repeatable and not clap_repeat.takes_value
    assert parse_flag_spec("update  Retrieve new lists") is None


def test_choices_and_defaults_in_descriptions() -> None:
    assert extract_choices("Coloring [possible values: auto, always, never]") == [
        "auto", "always", "never"]
    assert extract_choices("Format [choices: json, yaml]") == ["json", "yaml"]
    assert extract_choices("ACTION is 'read', 'recurse', or 'skip'") == ["read", "recurse", "skip"]
    assert extract_choices("Output format. One of: (json, yaml, name)") == ["json", "yaml", "name"]
    assert extract_choices("just some words about files") is None
    assert extract_default("How many [default: 88]") == "88"
    assert extract_default("bind to this port (default: 8000)") == "8000"
    assert extract_default('Logging level (default "info")') == "info"
    assert extract_default("[env var: X; default: 3; required]") == "3"
    assert extract_default("no default stated") is None


@pytest.mark.parametrize(("description", "expected"), [
    # lists a description holds without saying "one of" (docker, pip, kubectl, ls, git)
    ("Cgroup namespace to use (host|private) 'host': Run the container",
     ["host", "private"]),
    ('Pull image before running ("always", "missing", "never") (default "missing")',
     ["always", "missing", "never"]),
    ("Specify whether the progress bar should be used [on, off] (default: on)",
     ["on", "off"]),
    ("Default action when a path already exists: (s)witch, (i)gnore, (a)bort.",
     ["s", "i", "a"]),
    ('Must be "none", "server", or "client". If client strategy, only print',
     ["none", "server", "client"]),
    ("Must be one of: strict (or true), warn, ignore (or false). Then more.",
     ["strict", "warn", "ignore"]),
    ("sort by WORD instead of name: none (-U), size (-S), time (-t), width",
     ["none", "size", "time", "width"]),
    ("use quoting style WORD for entry names: literal, shell, c, escape (overrides X)",
     ["literal", "shell", "c", "escape"]),
    ("times; access time (-u): atime, access; change time (-c): ctime, status; with -l",
     ["atime", "access", "ctime", "status"]),
    ("show untracked files, optional modes: all, normal, no. (Default: all)",
     ["all", "normal", "no"]),
    # not choices: units of the value, a part of a format, a two-word aside
    ("Time between running the check (ms|s|m|h) (default 0s)", None),
    ("Filter files by owner. Format: [(user|uid)][:(group|gid)].", None),
    ("Write the report to FILE (note: relative, absolute)", None),
])
def test_choices_in_prose(description: str, expected: list[str] | None) -> None:
    assert extract_choices(description) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("INTEGER", "int"), ("<NUM>", "int"), ("FILE", "file"), ("DIRECTORY", "directory"),
     ("PATH", "path"), ("duration", "duration"), ("SIZE", "size"), ("URL", "url"),
     ("decimal", "float"), ("TEXT", "string"), ("IMPORT", "string")],
)
def test_value_types(name: str, expected: str) -> None:
    assert infer_value_type(name) == expected


def test_value_type_of_choices_and_flags() -> None:
    assert infer_value_type("WHEN", ["auto", "never"]) == "choice"
    assert infer_value_type(None, None, takes_value=False) is None


def test_box_drawing_becomes_headings_and_rows() -> None:
    text = ("╭─ Options ──────────╮\n"
            "│ --name  -n  TEXT  Who │\n"
            "╰────────────────────╯\n")
    assert normalize_text(text).splitlines() == ["Options:", "  --name  -n  TEXT  Who", ""]


def test_usage_positionals_and_required_options() -> None:
    cmd = parse_help("usage: prog [-h] -x X [--maybe M] SRC [DEST ...]\n\n"
                     "positional arguments:\n  SRC         source\n  DEST        targets\n\n"
                     "options:\n  -h, --help  show this help message and exit\n"
                     "  -x X        required one\n  --maybe M   optional one\n")
    assert cmd.help_style == "argparse"
    assert cmd.find_option("-x") is not None and cmd.find_option("-x").required  # type: ignore[union-attr]
    assert not cmd.find_option("--maybe").required  # type: ignore[union-attr]
    assert [p.name for p in cmd.positionals] == ["SRC", "DEST"]

    gnu = parse_help("Usage: tool [OPTION]... [FILE]...\nDo things.\n\n"
                     "  -a, --all     everything\n      --help    display this help and exit\n")
    assert gnu.help_style == "gnu"
    assert [(p.name, p.required, p.variadic) for p in gnu.positionals] == [("FILE", False, True)]


def test_examples_and_summary_are_kept() -> None:
    cmd = parse_help("Usage:\n  tool [flags]\n\nFetch things.\n\nExamples:\n"
                     "  tool get --all\n\nFlags:\n  -a, --all   everything\n"
                     "  -h, --help  help for tool\n")
    assert cmd.examples == ["tool get --all"]
    assert cmd.help_style == "cobra"
    assert cmd.find_option("--all") is not None
