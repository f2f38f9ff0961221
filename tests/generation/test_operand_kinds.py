"""What an operand holds, from its name and help (issue #8): a text operand named
``input_string`` is text, not a file, and gets a text several options act on; an
operand ``F`` whose help says "filename(s)" is a file; documents with comments for an
option about comments; a check mode's silent status is evidence; a flag the help shares
words with is a context. Small argparse tools written here, run on this machine
through the prober."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.generation import generate_plan
from pytest_testronaut.generation.commented import COMMENTED_DOCUMENTS
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.generation.evidence import inputs_for, option_values
from pytest_testronaut.generation.exit_normal import is_answer
from pytest_testronaut.generation.formats import for_option
from pytest_testronaut.generation.operand_kinds import is_text_operand, names_files
from pytest_testronaut.generation.probe import Outcome
from pytest_testronaut.generation.related import related_flag_contexts
from pytest_testronaut.generation.samples import sample_value
from pytest_testronaut.plans.model import Case

from .tools import LocalRun, case_argv, run_with_scripts

SLUG = r"""#!/bin/sh
usage() { cat <<'END'
usage: slug [-h] [--max-length MAX_LENGTH] [--word-boundary] [--separator SEPARATOR]
            [--no-lowercase] [input_string ...]

Slug string

positional arguments:
  input_string

options:
  -h, --help            show this help message and exit
  --max-length MAX_LENGTH
                        Output string length, 0 for no limit
  --word-boundary       Truncate to complete word even if length ends up
                        shorter than --max_length
  --separator SEPARATOR
                        Separator between words. By default -
  --no-lowercase        Activate case sensitivity
END
}
max=0 wb=0 sep=- lower=1 text=
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0;;
    --max-length) max=$2; shift;;
    --word-boundary) wb=1;;
    --separator) sep=$2; shift;;
    --no-lowercase) lower=0;;
    -*) echo "slug: error: unrecognized arguments: $1" >&2; exit 2;;
    *) text="$text $1";;
  esac
  shift
done
case $max in ''|*[!0-9]*) echo "slug: error: invalid int value: '$max'" >&2; exit 2;; esac
[ $lower = 1 ] && text=$(printf '%s' "$text" | tr 'A-Z' 'a-z')
out=$(printf '%s\n' "$text" | tr -cs 'A-Za-z0-9' '\n' | grep . | paste -sd "$sep" -)
if [ "$max" -gt 0 ]; then
  cut=$(printf '%s' "$out" | cut -c1-"$max")
  next=$(printf '%s' "$out" | cut -c$((max + 1)))
  if [ $wb = 1 ] && [ -n "$next" ] && [ "$next" != "$sep" ]; then
    case $cut in *"$sep"*) cut=${cut%"$sep"*};; *) cut=;; esac
  fi
  out=$cut
fi
printf '%s\n' "$out"
"""

TSORT = r"""#!/bin/sh
usage() { cat <<'END'
usage: tsort-toml [-h] [-a] [-I] [--no-comments] [--check] [F ...]

Toml sort: a sorting utility for toml files.

positional arguments:
  F                  filename(s) to be processed by tsort-toml (default: -)

options:
  -h, --help         show this help message and exit
  -a, --all          sort ALL keys, not only tables
  -I, --ignore-case  ignore case when sorting
  --no-comments      remove all comments
  --check            silently check if an original file would be changed by the
                     formatter
END
}
all=0 fold= nocomments=0 check=0
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0;;
    -a|--all) all=1;;
    -I|--ignore-case) fold=-f;;
    --no-comments) nocomments=1;;
    --check) check=1;;
    -) break;;
    -*) echo "tsort-toml: error: unrecognized arguments: $1" >&2; exit 2;;
    *) break;;
  esac
  shift
done
text=$(cat "$@") || exit 1
out=$text
[ $nocomments = 1 ] && out=$(printf '%s\n' "$out" | grep -v '^ *#' | sed 's/ *#.*//')
[ $all = 1 ] && out=$(printf '%s\n' "$out" | LC_ALL=C sort $fold)
if [ $check = 1 ]; then  # would sorting change it?
  [ "$(printf '%s\n' "$out" | LC_ALL=C sort $fold)" = "$text" ]
  exit
fi
printf '%s\n' "$out"
"""


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LocalRun:
    return run_with_scripts(tmp_path, monkeypatch, {"slug": SLUG, "tsort-toml": TSORT})


def test_operand_kinds_come_from_name_and_help(run: LocalRun) -> None:
    slug = run.spec("slug").root.positionals[0]
    assert slug.name == "input_string" and is_text_operand(slug) and not names_files(slug)
    files = run.spec("tsort-toml").root.positionals[0]
    assert files.name == "F" and names_files(files) and not is_text_operand(files)


def test_a_text_operand_gets_a_text_options_act_on(run: LocalRun, tmp_path: Path) -> None:
    plan = generate_plan(run.spec("slug"), run=run)
    shown: dict[str, Case] = {}
    for case in plan.cases:
        argv = case_argv(case)
        for flag in ("--separator", "--no-lowercase", "--max-length", "--word-boundary"):
            if flag in argv and NO_EFFECT_TAG not in case.tags:
                shown.setdefault(flag, case)
    assert set(shown) == {"--separator", "--no-lowercase", "--max-length", "--word-boundary"}
    boundary = case_argv(shown["--word-boundary"])
    assert "--max-length" in boundary  # the option its help names, by its other spelling
    for number, (flag, case) in enumerate(shown.items()):
        argv = case_argv(case)
        assert not any(w == "input.txt" for w in argv)  # text, not a file name
        assert case.stdin is None  # the command reads its operands only
        drop = 2 if flag == "--max-length" else 1
        at = argv.index(flag)
        without = argv[:at] + argv[at + drop:]
        assert run.case_output(case, argv, tmp_path / f"{number}") != \
            run.case_output(case, without, tmp_path / f"{number}-without")


def test_a_file_operand_by_its_help_with_comments_and_a_check_mode(
        run: LocalRun, tmp_path: Path) -> None:
    plan = generate_plan(run.spec("tsort-toml"), run=run)
    by_flag: dict[str, Case] = {}
    for case in plan.cases:
        argv = case_argv(case)
        if len(argv) > 1 and argv[1].startswith("--") and NO_EFFECT_TAG not in case.tags:
            by_flag.setdefault(argv[1], case)
    assert {"--check", "--no-comments", "--all"} <= set(by_flag)
    check = by_flag["--check"]
    assert case_argv(check)[-1] == "input.txt"  # F names a file
    assert run.case_output(check, case_argv(check), tmp_path / "check")[0] == 1
    comments = by_flag["--no-comments"]
    assert "#" in comments.files["input.txt"]  # a document with comments
    # -I shows only beside -a (a flag its help shares "sort" with)
    ignore = next(c for c in plan.cases if "--ignore-case" in case_argv(c))
    assert NO_EFFECT_TAG not in ignore.tags and "--all" in case_argv(ignore)


def test_helpers() -> None:
    assert is_answer(Outcome(1, "", ""))  # silent: a check mode's answer
    assert is_answer(Outcome(1, "", "1 check failure(s):\n  - input.txt\n", stderr_size=33))
    assert not is_answer(Outcome(1, "", "t: cannot open 'x'\n", stderr_size=19))
    assert not is_answer(Outcome(2, "", "t: error: unrecognized arguments: -x\n"))
    assert not is_answer(Outcome(0, "x\n", ""))
    assert for_option(["--strip-comments"], "remove comments",
                      ["sql-query", "sql-commented"])[0] == "sql-commented"
    toml = COMMENTED_DOCUMENTS["toml"]["toml-commented"][0]
    keys = [line.split(" =")[0] for line in toml.splitlines() if " = " in line]
    assert sorted(keys) != sorted(keys, key=str.lower)  # ignoring case changes the order
    help_text = ("usage: f [-r] [--indent_width N] [--columns]\n\noptions:\n"
                 "  -r, --reindent        reindent statements\n"
                 "  --indent_width N      indentation width (defaults to 2 spaces)\n"
                 "  --columns             put columns on lines\n")
    command = parse_help(help_text, name="f", path=["f"])
    width = command.find_option("--indent_width")
    assert width is not None
    assert related_flag_contexts(command, width) == [["--reindent"]]


def test_values_named_as_numbers_and_format_specs() -> None:
    command = parse_help(
        "usage: t [--max-length MAX_LENGTH] [-F FPFMT]\n\noptions:\n"
        "  --max-length MAX_LENGTH  Output string length, 0 for no limit\n"
        "  -F FPFMT, --float FPFMT  floating point number format (default: g)\n",
        name="t", path=["t"])
    length, float_format = command.find_option("--max-length"), command.find_option("-F")
    assert length is not None and float_format is not None
    assert sample_value(length) == "2"  # a number, not a placeholder word
    assert option_values(length, "2")[:3] == ["2", "3", "1"]  # with both neighbours
    assert ".2f" in option_values(float_format, "%.2f")  # Python's spec, not only printf's
    # a column of decimals only: a tool formats a column as numbers when all are
    assert inputs_for(float_format, pairs=False)[0] == "decimals"
