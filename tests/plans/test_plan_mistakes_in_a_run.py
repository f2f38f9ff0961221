"""Two mistakes a new user makes in a plan, as pytest reports them: a misspelt key and
an unquoted ": " inside a command; each with file:line and how to fix it."""

from __future__ import annotations

import pytest


def test_a_misspelt_key_gets_a_suggestion(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", bad="tool: sh\ncases:\n  - id: a\n    command: ls\n"
                                              "    stdot: {contains: [x]}\n")
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "bad.testronaut.yaml:5: cases[[]0].stdot: unknown key 'stdot' (did you mean "
        "'stdout'?); allowed here: *"])


def test_a_colon_in_an_unquoted_command_says_to_quote_it(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", bad="tool: sh\ncases:\n  - id: a\n"
                                              "    command: echo key: value\n")
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "bad.testronaut.yaml:4: YAML syntax error: the value of `command` holds \": \" (a colon "
        "and a space), which starts another key in YAML (\"mapping values are not allowed "
        "here\"); quote the whole value: command: 'echo key: value'"])
    result.stdout.no_fnmatch_line("*Traceback*")
