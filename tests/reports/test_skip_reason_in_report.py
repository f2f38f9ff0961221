"""Why a workflow step was skipped, in the HTML report of a real run (Docker)."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.docker

PLAN = """\
tool: sh
workflows:
  - id: flow
    steps:
      - id: init
        command: "exit 3"
        exit: 0
      - id: check
        command: echo checked
        stdout: {contains: [checked]}
"""


def test_the_report_says_why_a_step_was_skipped(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", tool=PLAN)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut",
                                           "--testronaut-report=out", timeout=180)
    result.assert_outcomes(failed=1, skipped=1)
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    [skipped] = [c for c in report["cases"] if c["verdict"] == "skip"]
    assert skipped["key"].endswith("flow::check") and "init" in skipped["message"]
    html = (pytester.path / "out" / "report.html").read_text()
    assert f"skipped: {skipped['message']}" in html
