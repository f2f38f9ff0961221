"""What a failed plan case prints when the output a check read was empty."""

from __future__ import annotations

from typing import Any

import pytest

PLAN = """\
version: 1
tool: sh
cases:
  - id: error-on-stdout
    command: "echo 'error: bad version'; exit 2"
    exit: 2
    stderr:
      contains: ["error: bad version"]
"""


@pytest.mark.docker
def test_an_empty_output_is_named_not_left_blank(pytester: pytest.Pytester,
                                                 docker_client: Any) -> None:
    pytester.makefile(".testronaut.yaml", tool=PLAN)
    result = pytester.runpytest_subprocess("--testronaut", "-p", "no:cacheprovider",
                                           "-p", "no:xdist", timeout=180)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "* stderr contains failed [[]tier: deterministic[]]",
        "  lacks ['error: bad version']",
        "  expected: 'error: bad version'",
        "  actual:   (empty)",
        "--- stdout ---",
        "error: bad version",
    ])
