"""A plan whose install steps are refused says why once, not once per case."""

from __future__ import annotations

import pytest

PLAN = """\
version: 1
tool: mytool
install: ['pip:./mytool']
cases:
  - id: help
    command: mytool --help
  - id: version
    command: mytool --version
  - id: bad-option
    command: mytool --nope
"""


def test_a_refused_host_build_is_explained_by_the_first_case_and_named_by_the_rest(
        pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", mytool=PLAN)
    result = pytester.runpytest_subprocess("--testronaut", "-p", "no:cacheprovider",
                                           "-p", "no:xdist")
    result.assert_outcomes(failed=3)
    # (the short summary repeats each message in full where CI is set: not counted)
    failures = result.stdout.str().split("short test summary info")[0]
    assert failures.count("would run pip on this machine") == 1
    result.stdout.fnmatch_lines([
        "mytool.testronaut.yaml:3: install: 'pip:./mytool' would run pip on this machine *"
        "--testronaut-allow-host-builds*",
        "*plan: version*",
        "mytool.testronaut.yaml:3: install: a host build, not allowed: see case 'help' for "
        "why and how to allow it",
        "*plan: bad-option*",
        "mytool.testronaut.yaml:3: install: a host build, not allowed: see case 'help' *",
    ])
    # Picked alone, a case gives the whole reason.
    alone = pytester.runpytest_subprocess("--testronaut", "-p", "no:cacheprovider",
                                          "-p", "no:xdist", "-k", "version")
    alone.assert_outcomes(failed=1, deselected=2)
    assert "would run pip on this machine" in alone.stdout.str()
