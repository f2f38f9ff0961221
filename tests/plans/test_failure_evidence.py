"""Failure messages show the evidence, whatever expectation failed: the stderr that
explains a failure (exit 127, "not found"), and every non-printable byte escaped, in
real pytest runs of plan files and hand-written tests against the Docker engine."""

from __future__ import annotations

import re

import pytest

PLAN = r"""
version: 1
tool: sh
cases:
  - id: not-found
    command: nosuchtool --list
    stdout: {contains: "alpha"}
  - id: nul-separated
    command: printf 'b\0a\0c\0' | sort -z
    exit: 0
    stdout: "a\0c\0b\0"
  - id: wrong-exit-silent
    command: "echo working; exit 4"
    exit: 0
  - id: stdout-fails-stderr-talks
    command: "echo 'warning: disk \x01 low' >&2; echo partial; exit 3"
    exit: 3
    stdout: {regex: '^done$'}
  - id: stderr-check-fails
    command: "echo 'oops \x1b[31mred\x1b[0m' >&2; exit 1"
    exit: 1
    stderr: {contains: "fatal"}
  - id: exit-passes-and-all-quiet
    command: "printf 'x\\n'"
    exit: 0
    stdout: "y\n"
  - id: a-count-changed
    command: "echo 4 files"
    exit: 0
    stdout: "3 files\n"
    origin: recorded
  - id: hand-written-count
    command: "echo 4 files"
    stdout: "3 files\n"
  - id: recorded-sign-flip
    command: "echo 1"
    stdout: "-1\n"
    origin: recorded
  - id: contains-shows-the-output-once
    command: "printf 'x\\0y\\n'"
    stdout: {contains: "zzz"}
"""


def _raw_controls(text: str) -> list[str]:
    """Where ``text`` holds a control character other than a newline or a tab."""
    return [text[max(0, m.start() - 80):m.end() + 20]
            for m in re.finditer(r"[\x00-\x08\x0b-\x1f\x7f]", text)]


def _sections(output: str) -> dict[str, str]:
    """The failure section of each case, by case id (the short summary, which pytest
    does not shorten when CI is set, belongs to none)."""
    found: dict[str, str] = {}
    for block in output.split("short test summary info")[0].split("plan: ")[1:]:
        name = block.split(" ", 1)[0]
        found[name] = block
    return found


@pytest.mark.docker
def test_plan_failures_show_stderr_and_escape_bytes(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", tool=PLAN)
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=10)
    text = result.stdout.str()
    # Nothing a terminal would act on: no NUL, no escape sequence, no other control.
    assert _raw_controls(text) == []
    cases = _sections(text)

    # A stdout expectation failed; the reason is on stderr, with exit 127.
    missing = cases["not-found"]
    assert "failed: stdout contains" in missing
    assert "exit code: 127 (command not found)" in missing
    assert "--- stderr ---" in missing and "nosuchtool: not found" in missing

    # sort -z: NUL-separated records, escaped in the explanation and the diff.
    nul = cases["nul-separated"]
    assert "-a\\x00c\\x00b\\x00" in nul and "+a\\x00b\\x00c\\x00" in nul

    # The exit code was wrong and stderr empty: that is shown too.
    silent = cases["wrong-exit-silent"]
    assert "exited 4, expected 0" in silent
    assert "--- stdout ---\nworking" in silent and "--- stderr ---\n(empty)" in silent

    # The exit code was the expected one, but stderr talks: shown, escaped.
    talks = cases["stdout-fails-stderr-talks"]
    assert "failed: stdout regex" in talks
    assert "--- stderr ---\nwarning: disk \\x01 low" in talks

    # A failed stderr check shows the stderr itself (once), escaped.
    err = cases["stderr-check-fails"]
    assert "lacks ['fatal']" in err and "oops \\x1b[31mred\\x1b[0m" in err
    assert "--- stderr ---" not in err

    # Exit 0 as expected and an empty stderr: no stderr section to read.
    quiet = cases["exit-passes-and-all-quiet"]
    assert "failed: stdout equals" in quiet and "--- stderr ---" not in quiet
    assert "Only values differ" not in quiet  # a word changed: a proven difference

    # Only a number of a recorded output changed: said to be no proven difference,
    # with what to do.
    count = cases["a-count-changed"]
    assert "Only values differ, which is not a proven difference" in count
    assert "write a hole such as [int]" in count

    # The output a failed stdout check looked at is shown once, without a blank line
    # for its final line break; the empty stdout of a tool not found says so.
    once = cases["contains-shows-the-output-once"]
    assert "  expected: 'zzz'\n  actual:   x\\x00y\n" in once
    assert "--- stdout ---" not in once and once.count("x\\x00y") == 1
    assert "  actual:   (empty)\n" in missing

    # A value a person wrote is exact: its change is a proven difference; and a sign
    # change is one even in recorded output.
    for name in ("hand-written-count", "recorded-sign-flip"):
        assert "failed: stdout equals" in cases[name]
        assert "not a proven difference" not in cases[name], name


@pytest.mark.docker
def test_hand_written_checks_show_stderr(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_tool=r'''
def test_equivalent(testronaut_env):
    testronaut_env.run("echo 'cannot open db' >&2; echo 0 rows; exit 2").assert_equivalent(
        "3 rows\n")


def test_json(testronaut_env):
    testronaut_env.run("echo '{\"a\": 1}'; printf 'bad \\0 byte' >&2").assert_json(a=2)


def test_contains(testronaut_env):
    testronaut_env.run("printf 'a\\0b\\0'; exit 5").assert_contains("c")


def test_should(testronaut_env):
    testronaut_env.run("echo nope; echo 'E: broken' >&2; exit 1").should("prints valid JSON")


def test_escaped_command(testronaut_env):
    testronaut_env.run("echo '\x1b[2J' >/dev/null; exit 1").assert_exit(0)
''')
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=5)
    text = result.stdout.str()
    assert _raw_controls(text) == []
    result.stdout.fnmatch_lines([
        "*stdout of `*` is not equivalent to the recorded output*",
        "*(exit code 2)",
        "*--- stderr ---",
        "*cannot open db",
    ])
    result.stdout.fnmatch_lines(["*JSON from `*` does not contain the expected subset*",
                                 "*--- stderr ---", "*bad \\x00 byte"])
    result.stdout.fnmatch_lines(["*stdout of `*` lacks [[]'c'[]]*", "*(exit code 5)",
                                 "*--- stdout ---", "*a\\x00b\\x00*",
                                 "*--- stderr ---", "*(empty)"])
    result.stdout.fnmatch_lines(["*expected to: prints valid JSON*", "*(exit code 1)",
                                 "*--- stdout ---", "*nope", "*--- stderr ---", "*E: broken"])
    result.stdout.fnmatch_lines(["*`echo '\\x1b[[]2J' >/dev/null; exit 1` exited 1, expected 0"])
