"""Inputs on which a checker's, linter's or converter's options show (issue #8): source
files of the language the help names (under its suffix: checkers pick ``*.py``), rich
HTML and Markdown documents, and codes learned from the checker's own output as the
values of ``--select``/``--ignore``-like options."""

from __future__ import annotations

import ast
import shlex
from pathlib import Path

import pytest

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.analysis.spec import Command, Option
from pytest_testronaut.generation import generate_plan
from pytest_testronaut.generation.evidence import Search
from pytest_testronaut.generation.formats import (
    DOCUMENTS,
    datasets,
    describe,
    detect_formats,
    inputs_for_command,
)
from pytest_testronaut.generation.learned_values import (
    code_values,
    codes_in,
    takes_codes,
    with_learned_values,
)
from pytest_testronaut.generation.probe import Prober
from pytest_testronaut.generation.rich_markup import HTML_ARTICLE, MARKDOWN_RICH
from pytest_testronaut.generation.source_documents import (
    PYTHON_CLEAN,
    PYTHON_LINT,
    SOURCE_DOCUMENTS,
    file_names,
)
from pytest_testronaut.plans.model import Case, Plan

from .minilint import MINILINT
from .tools import LocalRun

LINTER_HELP = """usage: lint [options] file file ...

options:
  --filename patterns   Only check for filenames matching the patterns in this
                        comma-separated list. (Default: ['*.py'])
  --ignore errors       Comma-separated list of error codes to ignore.
  --select errors       Comma-separated list of error codes to report.
  --format format       Format errors as a string with mapping keys (code, row).
  --max-line-length n   Maximum allowed line length. (Default: 79)
  --per-file-ignores PER_FILE_IGNORES
                        A pairing of filenames and violation codes.
"""


def _help(text: str, name: str = "t") -> Command:
    return parse_help(text, name=name, path=[name])


@pytest.mark.parametrize(("text", "first"), [
    (LINTER_HELP, "python"),  # "comma-separated list" names a value, not CSV input
    ("usage: chk [-h] [path ...]\n\nCheck Python source files for errors\n", "python"),
    ("cssbeautifier.py@2.0.3\n\nCSS beautifier\n\nUsage: cssbeautifier.py [options] "
     "<infile>\n", "css"),  # the program's own name is no Python source
    ("Javascript beautifier\n\nUsage: jsb.py [options] <infile>\n\n -j, --jslint-happy  "
     "More jslint-compatible output\n -X, --e4x  Pass E4X xml literals through\n",
     "javascript"),
    ("usage: fmt-docs [options] files\n\nFormats docstrings to follow PEP 257.\n",
     "python"),
    ("usage: h2t [options] [html-file]\n\nConvert HTML to Markdown-structured text.\n"
     "  --body-width N  wrap HTML paragraphs\n", "html"),
    ("usage: shchk FILES\n\nCheck shell scripts for common mistakes.\n", "shell"),
])
def test_the_source_format_the_help_names_comes_first(text: str, first: str) -> None:
    assert detect_formats("t", [_help(text)])[0] == first


def test_a_comma_separated_list_of_values_is_not_csv_input() -> None:
    assert "csv" not in detect_formats("t", [_help(LINTER_HELP)])
    summary = Command(name="t", path=["t"], summary="Read comma-separated values")
    assert detect_formats("t", [summary]) == ["csv"]


def test_python_documents_parse_and_the_invalid_one_does_not() -> None:
    for name, (first, second) in SOURCE_DOCUMENTS["python"].items():
        if name.endswith("-invalid"):
            with pytest.raises(SyntaxError):
                ast.parse(first)
        else:
            ast.parse(first)
            ast.parse(second)


def test_the_lint_document_has_violations_of_many_kinds_and_the_clean_one_none() -> None:
    lines = PYTHON_LINT.splitlines()
    assert any(len(line) > 79 for line in lines)  # --max-line-length
    assert sum(line != line.rstrip() for line in lines) >= 1  # trailing whitespace
    assert sum(line.startswith("\t") for line in lines) >= 3  # tabs, repeated
    assert "import sys, os" in PYTHON_LINT and "import re\n" in PYTHON_LINT  # unused
    assert "'" in PYTHON_LINT and '"' in PYTHON_LINT  # mixed quotes
    assert "(object)" in PYTHON_LINT and "u'" in PYTHON_LINT  # a modernizer's work
    assert "3,]" in PYTHON_LINT  # a magic trailing comma
    clean = PYTHON_CLEAN.splitlines()
    assert all(len(line) <= 79 and line == line.rstrip() and "\t" not in line
               for line in clean)
    assert PYTHON_CLEAN.startswith('"""')  # a module docstring


def test_rich_markup_has_the_features_converter_options_act_on() -> None:
    for feature in ("<a href=", "<img ", "<em>", "<strong>", "<code>", "<pre>", "<table>",
                    "<ol>", "<blockquote>", "&nbsp;", "&eacute;", "&#8212;", "<br>"):
        assert feature in HTML_ARTICLE, feature
    assert max(len(line) for line in HTML_ARTICLE.splitlines()) > 100  # body width
    for feature in ("](http", "![", "**", "`", "```", "|---", "    1.", "[^1]", "~~",
                    "[ref]:", "  \n", "&amp;"):
        assert feature in MARKDOWN_RICH, feature
    assert not MARKDOWN_RICH.endswith("\n")
    assert describe("html-article") and describe("markdown-rich")


def test_a_source_document_is_also_a_file_under_its_suffix() -> None:
    assert file_names("python-lint") == ("input.py", "input2.py")
    assert file_names("css-rules") == ("input.css", "input2.css")
    assert file_names("numbered") == ("input.txt", "input2.txt")
    assert file_names("json-nested") == ("input.txt", "input2.txt")
    command = _help(LINTER_HELP)
    found = datasets("t", [command])
    assert found["python-lint"]["input.py"] == PYTHON_LINT == found["python-lint"][".stdin"]
    assert inputs_for_command("t", command)[0] == "python-lint"
    search = Search(Prober(lambda *a, **k: None, found), ["t"], [], False, 2)
    assert search.input_argv("python-lint", "file") == (["input.py"], False)
    assert search.input_argv("python-lint", "two-files") == (["input.py", "input2.py"],
                                                              False)
    assert search.input_argv("numbered", "file") == (["input.txt"], False)
    assert all(len(first) <= 1600 for docs in DOCUMENTS.values() for first, _ in docs.values())


FLAKE_LIKE = """\
input.py:4:1: F401 'os' imported but unused
input.py:4:11: E401 multiple imports on one line
input.py:20:80: E501 line too long (105 > 79 characters)
input.py:23:34: W291 trailing whitespace
input.py:29:1: W191 indentation contains tabs
input.py:30:1: W191 indentation contains tabs
input.py:31:1: W191 indentation contains tabs
input.py:36:80: E501 line too long (87 > 79 characters)
"""


def test_codes_are_learned_most_printed_first() -> None:
    assert codes_in(FLAKE_LIKE) == ["W191", "E501", "F401", "E401", "W291"]
    assert codes_in("a.yaml\n  3:1  error  trailing spaces  (trailing-spaces)\n"
                    "  4:1  warning  too many blank lines  (empty-lines)\n") == \
        ["trailing-spaces", "empty-lines"]
    # no codes in ordinary words, numbers, versions or paths
    assert codes_in("UTF-8 text, version 1.10.1, /tmp/x1234, ABCDE1234, 2024\n") == []


def test_options_taking_codes_and_their_values() -> None:
    options = {o.primary: o for o in _help(LINTER_HELP).options}
    assert takes_codes(options["--ignore"]) and takes_codes(options["--select"])
    assert takes_codes(options["--per-file-ignores"])
    assert not takes_codes(options["--format"]) and not takes_codes(
        options["--max-line-length"]) and not takes_codes(options["--filename"])
    pydoc = Option(flags=["--add-ignore"], takes_value=True, value_name="<codes>",
                   description="amend the list of errors to check for")
    assert takes_codes(pydoc)
    codes = codes_in(FLAKE_LIKE)
    # one code, one of another family, both, and the first one's family
    assert code_values(codes, options["--ignore"]) == ["W191", "E501", "W191,E501", "W"]
    assert code_values(codes, options["--per-file-ignores"], "python-lint")[:2] == [
        "input.py:W191", "*:W191"]
    assert code_values(["trailing-spaces"], options["--ignore"]) == ["trailing-spaces"]
    assert code_values([], options["--ignore"]) == []


def test_learned_values_come_first_only_for_options_taking_codes() -> None:
    options = {o.primary: o for o in _help(LINTER_HELP).options}
    search = Search(Prober(lambda *a, **k: None, {}), ["t"], [], False, 1)
    words = [["--ignore", "2"], ["--ignore", "a"]]
    assert with_learned_values(options["--ignore"], search, words) == words  # none yet
    search.learned = ["E501", "W291"]
    assert with_learned_values(options["--ignore"], search, words)[:4] == [
        ["--ignore", "E501"], ["--ignore", "W291"], ["--ignore", "E501,W291"],
        ["--ignore", "E"]]
    width = [["--max-line-length", "2"]]
    assert with_learned_values(options["--max-line-length"], search, width) == width


# --- the whole search, on this machine: a checker reading *.py files only ------------
@pytest.fixture
def lint_run(tmp_path: Path) -> LocalRun:
    run = LocalRun(tmp_path)
    run.add_tool("minilint", MINILINT)
    return run


def _option_cases(plan: Plan, flag: str) -> list[Case]:
    return [c for c in plan.cases if shlex.split(str(c.command))[1:2] == [flag]]


def test_a_checker_shows_its_options_on_python_files_with_its_own_codes(
        lint_run: LocalRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = lint_run.spec("minilint")
    assert detect_formats("minilint", [spec.root])[0] == "python"
    plan = generate_plan(spec, run=lint_run)
    for flag in ("--ignore", "--select", "--max-line-length", "--count"):
        cases = _option_cases(plan, flag)
        assert cases and "no_observed_effect" not in cases[0].tags, (flag, cases)
    ignore = _option_cases(plan, "--ignore")[0]
    words = shlex.split(str(ignore.command))
    assert words[2] in {"L001", "L002", "L003", "L004", "L"}  # a code it printed
    assert "input.py" in words and "input.py" in ignore.files
    # the case tells: ignoring the code changes what the checker reports
    _, with_option = lint_run.case_output(ignore, words, tmp_path / "with")
    _, without = lint_run.case_output(ignore, [w for w in words if w not in words[1:3]],
                                      tmp_path / "without")
    assert with_option != without and words[2] in without
    # without the codes it printed, --ignore had no value that showed
    from pytest_testronaut.generation import differential

    monkeypatch.setattr(differential, "learn_codes", lambda search: [])
    before = generate_plan(spec, run=lint_run)
    old = _option_cases(before, "--ignore")
    assert old and "no_observed_effect" in old[0].tags


def test_a_file_value_names_the_file_as_the_command_reads_it() -> None:
    option = Option(flags=["--exclude"], takes_value=True, value_name="patterns",
                    description="files to exclude")
    search = Search(Prober(lambda *a, **k: None, {}), ["t"], [], False, 1)
    words = [["--exclude", "2"], ["--exclude", "input.txt"]]
    assert with_learned_values(option, search, words) == words  # text lines: input.txt
    search.primary = "python-lint"
    assert with_learned_values(option, search, words) == [
        ["--exclude", "2"], ["--exclude", "input.py"], ["--exclude", "input.txt"]]
